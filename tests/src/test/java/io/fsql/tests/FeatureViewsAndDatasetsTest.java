package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static io.fsql.tests.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature views (with a spine, for a time range) and training datasets (splits, recreation). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeatureViewsAndDatasetsTest {
  @TempDir
  static Path tmp;
  static Path home;
  static FsqlEngine engine;
  static Session s;

  static final String VIEW = "CREATE FEATURE VIEW fraud COMMENT 'fraud model features' AS"
      + " SELECT l.cc, l.ts, l.merchant, l.fraud, t.amount, p.risk"
      + " FROM labels l"
      + " LEFT ASOF JOIN tx t MATCH_CONDITION (l.ts >= t.ts) ON l.cc = t.cc"
      + " LEFT ASOF JOIN merchants p MATCH_CONDITION (l.ts >= p.updated) ON l.merchant = p.id";

  @BeforeAll
  static void setUp() {
    home = tmp.resolve("home");
    engine = FsqlHome.open(home);
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP labels (cc BIGINT, ts TIMESTAMP, merchant VARCHAR, fraud BOOLEAN)"
        + " PRIMARY KEY (cc) EVENT TIME ts");
    s.execute("CREATE FEATURE GROUP tx (cc BIGINT, amount DOUBLE, ts TIMESTAMP) PRIMARY KEY (cc) EVENT TIME ts");
    s.execute("CREATE FEATURE GROUP merchants (id VARCHAR, risk INT, updated TIMESTAMP)"
        + " PRIMARY KEY (id) EVENT TIME updated");
    s.execute("INSERT INTO labels VALUES"
        + " (1, TIMESTAMP '2026-01-01 10:00:00', 'm1', TRUE),"
        + " (1, TIMESTAMP '2026-01-03 00:00:00', 'm2', FALSE),"
        + " (2, TIMESTAMP '2026-01-02 00:00:00', 'm1', FALSE),"
        + " (3, TIMESTAMP '2026-01-02 00:00:00', 'm3', TRUE)");
    s.execute("INSERT INTO tx VALUES"
        + " (1, 5.0, TIMESTAMP '2026-01-01 09:00:00'), (1, 6.0, TIMESTAMP '2026-01-01 10:00:00'),"
        + " (1, 7.0, TIMESTAMP '2026-01-02 12:00:00'), (2, 9.0, TIMESTAMP '2026-01-05 00:00:00'),"
        + " (3, 1.0, TIMESTAMP '2025-12-01 00:00:00')");
    s.execute("INSERT INTO merchants VALUES"
        + " ('m1', 10, TIMESTAMP '2025-12-31 00:00:00'), ('m1', 90, TIMESTAMP '2026-01-01 12:00:00'),"
        + " ('m2', 20, TIMESTAMP '2026-01-04 00:00:00'), ('m3', 30, TIMESTAMP '2026-01-01 00:00:00')");
    s.execute(VIEW);
  }

  @AfterAll
  static void tearDown() {
    engine.close();
  }

  static final List<List<Object>> ALL = List.of(
      row(1L, ts("2026-01-01 10:00:00"), "m1", true, 6.0, 10),
      row(1L, ts("2026-01-03 00:00:00"), "m2", false, 7.0, null),
      row(2L, ts("2026-01-02 00:00:00"), "m1", false, null, 90),
      row(3L, ts("2026-01-02 00:00:00"), "m3", true, 1.0, 30));

  @Test
  void aViewIsReadLikeATable() {
    assertThat(query(s, "SELECT * FROM fraud ORDER BY cc, ts")).isEqualTo(ALL);
    assertThat(query(s, "SELECT cc, COUNT(*) FROM fraud WHERE fraud GROUP BY cc ORDER BY cc"))
        .isEqualTo(List.of(row(1L, 1L), row(3L, 1L)));
    assertThat(query(s, "SELECT * FROM fraud VERSION 1 ORDER BY cc, ts")).isEqualTo(ALL);
  }

  @Test
  void forASpineGivenAsValuesASubqueryOrAFile() throws Exception {
    List<List<Object>> expected = List.of(
        row(1L, ts("2026-01-01 09:30:00"), "m1", null, 5.0, 10),
        row(2L, ts("2026-01-06 00:00:00"), "m2", null, 9.0, 20));
    assertThat(query(s, "SELECT * FROM fraud FOR SPINE ("
        + " SELECT CAST(cc AS BIGINT) AS cc, ts, merchant, CAST(NULL AS BOOLEAN) AS fraud FROM (VALUES"
        + " (1, TIMESTAMP '2026-01-01 09:30:00', 'm1'), (2, TIMESTAMP '2026-01-06 00:00:00', 'm2')) AS v(cc, ts, merchant))"
        + " ORDER BY cc")).isEqualTo(expected);
    Path csv = tmp.resolve("spine.csv");
    Files.writeString(csv, "cc,ts,merchant,fraud\n1,2026-01-01 09:30:00,m1,\n2,2026-01-06 00:00:00,m2,\n");
    assertThat(query(s, "SELECT * FROM fraud FOR SPINE (SELECT * FROM read_csv('" + csv
        + "', schema => 'cc BIGINT, ts TIMESTAMP, merchant VARCHAR, fraud BOOLEAN')) ORDER BY cc"))
        .isEqualTo(expected);
    // A spine from a group: the labels' rows of one day, with a later time.
    assertThat(query(s, "SELECT cc, amount FROM fraud FOR SPINE (SELECT cc, ts + INTERVAL '3' DAY AS ts, merchant,"
        + " fraud FROM labels WHERE cc = 2) ORDER BY cc")).isEqualTo(List.of(row(2L, 9.0)));
  }

  @Test
  void forAnEventTimeRange() {
    assertThat(query(s, "SELECT * FROM fraud FOR EVENT TIME FROM TIMESTAMP '2026-01-02 00:00:00'"
        + " TO TIMESTAMP '2026-01-03 00:00:00' ORDER BY cc, ts")).isEqualTo(ALL.subList(2, 4));
    assertThat(query(s, "SELECT * FROM fraud FOR EVENT TIME FROM TIMESTAMP '2026-01-01 00:00:00'"
        + " TO TIMESTAMP '2026-01-02 00:00:00'")).isEqualTo(ALL.subList(0, 1));
  }

  @Test
  void viewCatalogStatementsAndErrors() {
    assertThat(query(s, "SHOW FEATURE VIEWS").stream().map(r -> r.subList(0, 3)).toList())
        .isEqualTo(List.of(row("fraud", 1, "fraud model features")));
    List<List<Object>> d = query(s, "DESCRIBE FEATURE VIEW fraud");
    assertThat(d.subList(0, 6).stream().map(r -> r.subList(0, 2)).toList()).isEqualTo(List.of(
        row("cc", "BIGINT"), row("ts", "TIMESTAMP"), row("merchant", "VARCHAR"), row("fraud", "BOOLEAN"),
        row("amount", "DOUBLE"), row("risk", "INTEGER")));
    assertThat(query(s, "DESCRIBE fraud")).isEqualTo(d);
    FsqlException e = catchThrowableOfType(FsqlException.class, () -> s.execute(VIEW));
    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    e = catchThrowableOfType(FsqlException.class,
        () -> s.execute("CREATE FEATURE GROUP fraud (k INT) PRIMARY KEY (k)"));
    assertThat(e.getMessage()).isEqualTo("line 1:22: the name 'fraud' is taken by a feature view"
        + " (groups, views and datasets share one namespace)");
    e = catchThrowableOfType(FsqlException.class,
        () -> query(s, "SELECT * FROM tx FOR SPINE (SELECT 1 AS cc)"));
    assertThat(e.getMessage()).isEqualTo("line 1:15: FOR SPINE and FOR EVENT TIME apply to feature views;"
        + " feature group tx v1 is not one");
    e = catchThrowableOfType(FsqlException.class,
        () -> s.execute("CREATE FEATURE VIEW broken AS SELECT nope FROM labels"));
    assertThat(e.getMessage()).isEqualTo("line 1:38: column 'nope' does not exist");
    assertThat(query(s, "SHOW FEATURE VIEWS")).hasSize(1);
    s.execute("CREATE FEATURE VIEW tmp_view AS SELECT cc FROM labels");
    s.execute("DROP FEATURE VIEW tmp_view");
    e = catchThrowableOfType(FsqlException.class, () -> query(s, "SELECT * FROM tmp_view"));
    assertThat(e.getMessage()).isEqualTo("line 1:15: no feature group, feature view or training dataset is named 'tmp_view'");
  }

  /**
   * A random split on enough rows to check it: each part holds its fraction within a bound (the
   * split is a hash of the row and the seed into [0, 1), so binomial: 4 standard deviations), the
   * parts partition the rows, the same SEED gives the same split, another SEED another one.
   */
  @Test
  @Order(Integer.MAX_VALUE - 1)  // drops what it creates: SHOW in the last test sees none of it
  void randomSplitsHoldTheirFractionsAndFollowTheSeed() {
    int n = 3000;
    s.execute("CREATE FEATURE GROUP many (k INT, v INT) PRIMARY KEY (k)");
    StringBuilder values = new StringBuilder();
    for (int k = 0; k < n; k++) {
      values.append(k == 0 ? "" : ", ").append('(').append(k).append(", ").append(k % 7).append(')');
    }
    s.execute("INSERT INTO many VALUES " + values);
    s.execute("CREATE TRAINING DATASET split_a FROM many SPLIT RANDOM (train 0.6, valid 0.3, test 0.1) SEED 5");
    s.execute("CREATE TRAINING DATASET split_b FROM many SPLIT RANDOM (train 0.6, valid 0.3, test 0.1) SEED 5");
    s.execute("CREATE TRAINING DATASET split_c FROM many SPLIT RANDOM (train 0.6, valid 0.3, test 0.1) SEED 6");
    Set<Object> seen = new HashSet<>();
    double[] fractions = {0.6, 0.3, 0.1};
    String[] parts = {"train", "valid", "test"};
    for (int i = 0; i < parts.length; i++) {
      List<Object> keys = query(s, "SELECT k FROM split_a SPLIT " + parts[i] + " ORDER BY k").stream()
          .map(r -> r.get(0)).toList();
      double expected = n * fractions[i];
      double bound = 4 * Math.sqrt(n * fractions[i] * (1 - fractions[i]));
      assertThat((double) keys.size()).as("rows in %s", parts[i]).isBetween(expected - bound, expected + bound);
      for (Object k : keys) {
        assertThat(seen.add(k)).as("key %s in one split only", k).isTrue();
      }
      assertThat(query(s, "SELECT k FROM split_b SPLIT " + parts[i] + " ORDER BY k").stream().map(r -> r.get(0)).toList())
          .as("the same seed gives the same %s split", parts[i]).isEqualTo(keys);
      List<Object> other = query(s, "SELECT k FROM split_c SPLIT " + parts[i] + " ORDER BY k").stream()
          .map(r -> r.get(0)).toList();
      Set<Object> common = new HashSet<>(other);
      common.retainAll(keys);
      // independent seeds: about fraction^2 * n rows in common, far from all of them
      assertThat((double) common.size()).as("another seed gives another %s split", parts[i])
          .isLessThan(keys.size() * (fractions[i] + 0.15));
    }
    assertThat(seen).hasSize(n);
    for (String d : List.of("split_a", "split_b", "split_c")) {
      s.execute("DROP TRAINING DATASET " + d);
    }
    s.execute("DROP FEATURE GROUP many");
  }

  @Test
  @Order(Integer.MAX_VALUE)  // last: it commits new rows, which the other tests do not expect
  void trainingDatasetsSplitAndRecreateExactly() {
    s.execute("CREATE TRAINING DATASET fraud_td COMMENT 'v1 training set' FROM fraud"
        + " SPLIT RANDOM (train 0.5, test 0.5) SEED 11");
    s.execute("CREATE TRAINING DATASET fraud_by_time AS SELECT * FROM fraud"
        + " SPLIT BY TIME ON ts (early FROM TIMESTAMP '2026-01-01 00:00:00' TO TIMESTAMP '2026-01-02 00:00:00',"
        + " late FROM TIMESTAMP '2026-01-02 00:00:00' TO TIMESTAMP '2026-02-01 00:00:00') FORMAT CSV");
    List<List<Object>> all = query(s, "SELECT * FROM fraud_td ORDER BY cc, ts");
    assertThat(all).isEqualTo(ALL);
    List<List<Object>> train = query(s, "SELECT * FROM fraud_td SPLIT train ORDER BY cc, ts");
    List<List<Object>> test = query(s, "SELECT * FROM fraud_td SPLIT test ORDER BY cc, ts");
    Set<List<Object>> union = new HashSet<>(train);
    union.addAll(test);
    assertThat(train.size() + test.size()).isEqualTo(4);
    assertThat(union).containsExactlyInAnyOrderElementsOf(ALL);
    assertThat(query(s, "SELECT * FROM fraud_by_time SPLIT early")).isEqualTo(ALL.subList(0, 1));
    assertThat(query(s, "SELECT * FROM fraud_by_time SPLIT late ORDER BY cc, ts")).isEqualTo(ALL.subList(1, 4));

    // New commits change what the view returns now...
    s.execute("INSERT INTO tx VALUES (1, 66.0, TIMESTAMP '2026-01-01 10:00:00'), (2, 8.0, TIMESTAMP '2026-01-01 00:00:00')");
    s.execute("INSERT INTO merchants VALUES ('m2', 25, TIMESTAMP '2026-01-02 00:00:00')");
    List<List<Object>> now = query(s, "SELECT * FROM fraud ORDER BY cc, ts");
    assertThat(now).isNotEqualTo(ALL);
    assertThat(now.get(0).get(4)).isEqualTo(66.0);
    // ...but the dataset keeps its rows, and recreating it from its recorded commits gives them again.
    assertThat(query(s, "SELECT * FROM fraud_td ORDER BY cc, ts")).isEqualTo(ALL);
    assertThat(s.execute("RECREATE TRAINING DATASET fraud_td").message())
        .isEqualTo("recreated training dataset fraud_td v1 from its recorded commits: 4 rows (train "
            + train.size() + ", test " + test.size() + ")");
    assertThat(query(s, "SELECT * FROM fraud_td ORDER BY cc, ts")).isEqualTo(ALL);
    assertThat(query(s, "SELECT * FROM fraud_td SPLIT train ORDER BY cc, ts")).isEqualTo(train);
    assertThat(query(s, "SELECT * FROM fraud_td SPLIT test ORDER BY cc, ts")).isEqualTo(test);
    s.execute("RECREATE TRAINING DATASET fraud_by_time");
    assertThat(query(s, "SELECT * FROM fraud_by_time SPLIT late ORDER BY cc, ts")).isEqualTo(ALL.subList(1, 4));

    // A new version made now reads the new commits.
    s.execute("CREATE TRAINING DATASET fraud_td VERSION 2 FROM fraud");
    assertThat(query(s, "SELECT * FROM fraud_td ORDER BY cc, ts")).isEqualTo(now);
    assertThat(query(s, "SELECT * FROM fraud_td VERSION 1 ORDER BY cc, ts")).isEqualTo(ALL);

    // DESCRIBE records the commits read, the splits, the statement.
    List<String> describe = new ArrayList<>();
    for (List<Object> r : query(s, "DESCRIBE TRAINING DATASET fraud_td VERSION 1")) {
      describe.add(r.get(0) + "=" + r.get(1));
    }
    assertThat(describe).contains("# training dataset=fraud_td v1", "format=PARQUET", "rows=4",
        "split=RANDOM SEED 11", "split train=" + train.size() + " rows, fraction 0.5",
        "description=v1 training set", "query=SELECT * FROM fraud",
        "statement=CREATE TRAINING DATASET fraud_td COMMENT 'v1 training set' FROM fraud"
            + " SPLIT RANDOM (train 0.5, test 0.5) SEED 11");
    assertThat(describe.stream().filter(x -> x.startsWith("read ")).toList()).hasSize(3);
    assertThat(query(s, "SHOW TRAINING DATASETS").stream().map(r -> r.subList(0, 5)).toList()).isEqualTo(List.of(
        row("fraud_by_time", 1, "CSV", 4L, "early, late"),
        row("fraud_td", 1, "PARQUET", 4L, "train, test"),
        row("fraud_td", 2, "PARQUET", 4L, "all")));

    // Errors.
    FsqlException e = catchThrowableOfType(FsqlException.class,
        () -> query(s, "SELECT * FROM fraud_td VERSION 1 SPLIT validation"));
    assertThat(e.getMessage()).isEqualTo("line 1:15: training dataset fraud_td v1 has no split 'validation'"
        + " (its splits: train, test)");
    e = catchThrowableOfType(FsqlException.class, () -> s.execute("CREATE TRAINING DATASET fraud_td FROM fraud"));
    assertThat(e.getMessage()).isEqualTo("line 1:25: training dataset fraud_td v1 already exists"
        + " (DROP TRAINING DATASET it first, or create VERSION 3)");

    // Survives reopening; DROP removes the files.
    String location = describe.stream().filter(x -> x.startsWith("location=")).findFirst().orElseThrow()
        .substring("location=".length());
    engine.close();
    engine = FsqlHome.open(home);
    s = engine.openSession();
    assertThat(query(s, "SELECT * FROM fraud_td VERSION 1 SPLIT test ORDER BY cc, ts")).isEqualTo(test);
    s.execute("DROP TRAINING DATASET fraud_td VERSION 1");
    assertThat(Files.exists(Paths.get(java.net.URI.create(location)))).isFalse();
    assertThat(query(s, "SHOW TRAINING DATASETS")).hasSize(2);
  }
}
