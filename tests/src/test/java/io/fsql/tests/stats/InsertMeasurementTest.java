package io.fsql.tests.stats;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.stats.StatisticsJson;
import io.fsql.storage.EmbeddedEngines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An INSERT's expectations and statistics come from one aggregation and one value-count job:
 * the expectations measure every row offered (DISTINCT COUNT and UNIQUE too, counted in the
 * value-count job), the statistics only the rows committed when a DROP rule leaves rows out.
 * Hand-computed values, exact.
 */
class InsertMeasurementTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;

  @BeforeAll
  static void open() {
    engine = EmbeddedEngines.acquire(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("SET statistics = on");
  }

  @AfterAll
  static void close() {
    s.close();
    engine.close();
  }

  private static Map<String, List<Object>> statistics(String group) {
    Map<String, List<Object>> m = new java.util.LinkedHashMap<>();
    for (List<Object> r : query(s, "SHOW STATISTICS FOR " + group)) {
      m.put((String) r.get(2), r.subList(4, r.size()));
    }
    return m;
  }

  private static long[] bins(int... at) {
    long[] b = new long[20];
    for (int i : at) {
      b[i]++;
    }
    return b;
  }

  @Test
  void statisticsDescribeTheKeptRowsAndExpectationsTheOfferedOnes() {
    s.execute("CREATE FEATURE GROUP d (id BIGINT, x DOUBLE, cat VARCHAR,"
        + " EXPECTATION pos CHECK (x >= 0) ON VIOLATION DROP,"
        + " EXPECTATION dc DISTINCT COUNT (cat) <= 2 ON VIOLATION WARN,"
        + " EXPECTATION u UNIQUE (cat) ON VIOLATION WARN) PRIMARY KEY (id)");
    // offered: cat a, z, a, y, b, NULL (4 distinct, 1 repeat); kept: ids 1, 3, 5, 6 (x NULL holds)
    var result = s.execute("INSERT INTO d VALUES (1, 1.0, 'a'), (2, -5.0, 'z'), (3, 3.0, 'a'),"
        + " (4, -1.0, 'y'), (5, 5.0, 'b'), (6, NULL, NULL)");
    assertThat(result.updateCount()).isEqualTo(4);
    List<List<Object>> validations = new ArrayList<>();
    for (List<Object> r : query(s, "SHOW VALIDATIONS FOR d")) {
      validations.add(row(r.get(2), r.get(5), r.get(6), r.get(7), r.get(8)));
    }
    assertThat(validations).isEqualTo(List.of(
        row("pos", "FAIL", 6L, 2L, null),
        row("dc", "FAIL", 6L, null, 4.0),
        row("u", "FAIL", 6L, 1L, 1.0)));
    Map<String, List<Object>> st = statistics("d");
    // count, nulls, distinct, min, max, mean, stddev, quantiles, histogram, top values
    assertThat(st.get("id").subList(0, 5)).isEqualTo(List.of(4L, 0L, 4L, "1", "6"));
    assertThat((Double) st.get("id").get(5)).isCloseTo(3.75, within(1e-12));
    assertThat((Double) st.get("id").get(6)).isCloseTo(Math.sqrt(14.75 / 3), within(1e-12));
    assertThat(st.get("id").get(8)).isEqualTo(StatisticsJson.histogram(1, 6, bins(0, 8, 16, 19)));
    assertThat(st.get("x").subList(0, 5)).isEqualTo(List.of(4L, 1L, 3L, "1.0", "5.0"));
    assertThat((Double) st.get("x").get(5)).isCloseTo(3.0, within(1e-12));
    assertThat((Double) st.get("x").get(6)).isCloseTo(2.0, within(1e-12));
    assertThat(st.get("x").get(8)).isEqualTo(StatisticsJson.histogram(1, 5, bins(0, 10, 19)));
    assertThat(st.get("cat").subList(0, 5)).isEqualTo(List.of(4L, 1L, 2L, "a", "b"));
    assertThat(st.get("cat").get(9)).isEqualTo(StatisticsJson.topValues(List.of(
        new StatisticsJson.ValueCount("a", 2), new StatisticsJson.ValueCount("b", 1))));
  }

  @Test
  void withoutDroppedRowsEverythingDescribesTheSameRows() {
    s.execute("CREATE FEATURE GROUP e (id BIGINT, cat VARCHAR, flag BOOLEAN,"
        + " EXPECTATION pos CHECK (id > 0) ON VIOLATION DROP,"
        + " EXPECTATION dc DISTINCT COUNT (flag) BETWEEN 2 AND 2,"
        + " EXPECTATION u UNIQUE (id)) PRIMARY KEY (id)");
    var result = s.execute("INSERT INTO e VALUES (1, 'q', true), (2, 'q', false), (3, NULL, true)");
    assertThat(result.updateCount()).isEqualTo(3);
    assertThat(result.message()).endsWith("expectations: 3 of 3 passed");
    Map<String, List<Object>> st = statistics("e");
    assertThat(st.get("cat").subList(0, 5)).isEqualTo(List.of(3L, 1L, 1L, "q", "q"));
    assertThat(st.get("flag").subList(0, 5)).isEqualTo(List.of(3L, 0L, 2L, "false", "true"));
    assertThat(st.get("flag").get(9)).isEqualTo(StatisticsJson.topValues(List.of(
        new StatisticsJson.ValueCount("true", 2), new StatisticsJson.ValueCount("false", 1))));
  }
}
