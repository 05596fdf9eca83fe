package io.fsql.tests.cluster;

import static io.fsql.tests.Rows.row;
import static io.fsql.tests.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.tests.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One small workload over the offline store, run the same way against differently placed engines
 * (local mode, a Spark cluster, an offline root on HDFS) whose results must be identical: INSERT
 * (a first load, then an update commit), a read AS OF the first commit, the CHANGES SINCE it, an
 * ASOF JOIN, and a training dataset with a random split, read back whole and per split. Each
 * result is also checked against the exact expected rows.
 */
final class OfflineScenario {
  static final String JOIN = "SELECT l.cc, l.ts, l.fraud, t.amount FROM labels l"
      + " LEFT ASOF JOIN tx t MATCH_CONDITION (l.ts >= t.ts) ON l.cc = t.cc";

  static final List<List<Object>> LATEST = List.of(
      row(1L, 5.0, ts("2026-01-01 09:00:00")), row(1L, 6.0, ts("2026-01-01 10:00:00")),
      row(1L, 7.0, ts("2026-01-02 12:00:00")), row(2L, 9.0, ts("2026-01-05 00:00:00")),
      row(3L, 2.0, ts("2025-12-01 00:00:00")));
  static final List<List<Object>> FIRST = List.of(
      row(1L, 5.0, ts("2026-01-01 09:00:00")), row(1L, 6.0, ts("2026-01-01 10:00:00")),
      row(2L, 9.0, ts("2026-01-05 00:00:00")), row(3L, 1.0, ts("2025-12-01 00:00:00")));
  static final List<List<Object>> CHANGES = List.of(
      row(1L, 7.0, ts("2026-01-02 12:00:00")), row(3L, 2.0, ts("2025-12-01 00:00:00")));
  static final List<List<Object>> JOINED = List.of(
      row(1L, ts("2026-01-01 10:00:00"), true, 6.0), row(1L, ts("2026-01-03 00:00:00"), false, 7.0),
      row(2L, ts("2026-01-02 00:00:00"), false, null), row(3L, ts("2026-01-02 00:00:00"), true, 2.0));

  private OfflineScenario() {}

  /** Runs the workload on a connection to an empty home; returns every result, by name. */
  static Map<String, List<List<Object>>> run(Connection c) throws SQLException {
    Map<String, List<List<Object>>> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP labels (cc BIGINT, ts TIMESTAMP, fraud BOOLEAN) PRIMARY KEY (cc) EVENT TIME ts");
      st.execute("CREATE FEATURE GROUP tx (cc BIGINT, amount DOUBLE, ts TIMESTAMP) PRIMARY KEY (cc) EVENT TIME ts");
      assertThat(st.executeUpdate("INSERT INTO labels VALUES (1, TIMESTAMP '2026-01-01 10:00:00', TRUE),"
          + " (1, TIMESTAMP '2026-01-03 00:00:00', FALSE), (2, TIMESTAMP '2026-01-02 00:00:00', FALSE),"
          + " (3, TIMESTAMP '2026-01-02 00:00:00', TRUE)")).isEqualTo(4);
      assertThat(st.executeUpdate("INSERT INTO tx VALUES (1, 5.0, TIMESTAMP '2026-01-01 09:00:00'),"
          + " (1, 6.0, TIMESTAMP '2026-01-01 10:00:00'), (2, 9.0, TIMESTAMP '2026-01-05 00:00:00'),"
          + " (3, 1.0, TIMESTAMP '2025-12-01 00:00:00')")).isEqualTo(4);
      String first = (String) query(st, "SHOW COMMITS FOR tx").get(0).get(0);
      // one new row, one update of an existing (cc, ts)
      assertThat(st.executeUpdate("INSERT INTO tx VALUES (1, 7.0, TIMESTAMP '2026-01-02 12:00:00'),"
          + " (3, 2.0, TIMESTAMP '2025-12-01 00:00:00')")).isEqualTo(2);
      List<List<Object>> commits = query(st, "SHOW COMMITS FOR tx");
      assertThat(commits).hasSize(2);
      assertThat(commits.get(1).get(0)).isEqualTo(first);

      out.put("latest", query(st, "SELECT cc, amount, ts FROM tx ORDER BY cc, ts"));
      out.put("as of first commit", query(st, "SELECT cc, amount, ts FROM tx AS OF COMMIT '" + first + "' ORDER BY cc, ts"));
      out.put("changes since first commit",
          query(st, "SELECT cc, amount, ts FROM tx CHANGES SINCE COMMIT '" + first + "' ORDER BY cc, ts"));
      out.put("asof join", query(st, JOIN + " ORDER BY l.cc, l.ts"));
      st.execute("CREATE TRAINING DATASET td AS " + JOIN + " SPLIT RANDOM (train 0.5, test 0.5) SEED 7");
      out.put("dataset", query(st, "SELECT * FROM td ORDER BY cc, ts"));
      out.put("dataset train", query(st, "SELECT * FROM td SPLIT train ORDER BY cc, ts"));
      out.put("dataset test", query(st, "SELECT * FROM td SPLIT test ORDER BY cc, ts"));
    }
    assertThat(out.get("latest")).isEqualTo(LATEST);
    assertThat(out.get("as of first commit")).isEqualTo(FIRST);
    assertThat(out.get("changes since first commit")).isEqualTo(CHANGES);
    assertThat(out.get("asof join")).isEqualTo(JOINED);
    assertThat(out.get("dataset")).isEqualTo(JOINED);
    Set<List<Object>> union = new HashSet<>(out.get("dataset train"));
    union.addAll(out.get("dataset test"));
    assertThat(out.get("dataset train").size() + out.get("dataset test").size()).isEqualTo(4);
    assertThat(union).containsExactlyInAnyOrderElementsOf(JOINED);
    return out;
  }

  /** The rows of a query, timestamps as LocalDateTime whatever the driver returns. */
  static List<List<Object>> query(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      for (List<Object> r : Rows.of(rs)) {
        List<Object> values = new ArrayList<>(r.size());
        for (Object v : r) {
          values.add(v instanceof Timestamp t ? t.toLocalDateTime() : v);
        }
        rows.add(values);
      }
      return rows;
    }
  }
}
