package io.fsql.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.storage.FsqlHome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Queries that read no data run in the planner (Calcite's interpreter) and give exactly what Spark
 * gives for them: the same column types and the same Java values (class, DECIMAL scale, NULLs),
 * each query run both ways ({@code SET local_evaluation = off} sends it to Spark).
 */
class ConstantQueriesTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session local;
  static Session spark;

  @BeforeAll
  static void open() {
    engine = FsqlHome.open(tmp.resolve("home"));
    local = engine.openSession();
    spark = engine.openSession();
    spark.execute("SET local_evaluation = off");
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /** A query and whether its rows come in a fixed order. */
  static Stream<Arguments> queries() {
    List<Arguments> q = new ArrayList<>();
    add(q, true, "SELECT 1");
    add(q, true, "SELECT 1 + 2, 7 - 10, 6 * 7, -(3)");
    add(q, true, "SELECT 7 / 2, -7 / 2, 7 % 3, -7 % 3, MOD(10, 3)");
    add(q, true, "SELECT 7.0 / 2, 1 / 3.0, 10.00 / 3");
    add(q, true, "SELECT CAST(1 AS DOUBLE) / 3, 2.5E0 * 4, CAST(0.1 AS DOUBLE) + CAST(0.2 AS DOUBLE)");
    add(q, true, "SELECT CAST(2.5 AS DECIMAL(5,2)), CAST(1.005 AS DECIMAL(10,2)), 0.1 + 0.2, 1.50 * 2.25");
    add(q, true, "SELECT NULL, CAST(NULL AS INTEGER), NULL + 1, CAST(NULL AS VARCHAR) || 'x'");
    add(q, true, "SELECT TRUE AND NULL, FALSE OR NULL, NOT TRUE, NULL IS NULL, 1 = NULL");
    add(q, true, "SELECT 'x' || 'y', UPPER('abc'), LOWER('ABC'), CHAR_LENGTH('hello'), CHAR_LENGTH('')");
    add(q, true, "SELECT SUBSTRING('hello' FROM 2 FOR 3), SUBSTRING('hello' FROM 3), TRIM(BOTH ' ' FROM '  x  '),"
        + " POSITION('l' IN 'hello')");
    add(q, true, "SELECT 'abc' LIKE 'a%', 'abc' LIKE '_b_', 'abc' NOT LIKE '%d', 'it''s', ''");
    add(q, true, "SELECT '日本', UPPER('ñß'), CHAR_LENGTH('日本語'), '日本' || '—✓', '日本' LIKE '日%', '😀'");
    add(q, true, "SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'bb' ELSE 'ccc' END");
    add(q, true, "SELECT CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' END, CASE WHEN FALSE THEN 1 END");
    add(q, true, "SELECT COALESCE(NULL, 2, 3), NULLIF(5, 5), NULLIF(5, 6)");
    add(q, true, "SELECT ABS(-5), ABS(-2.5), POWER(2, 10), SQRT(16.0)");
    add(q, true, "SELECT ROUND(2.567, 2), ROUND(2.5), FLOOR(2.7), CEIL(2.1), FLOOR(-2.5)");
    add(q, true, "SELECT DATE '2026-01-31', DATE '2026-01-31' + INTERVAL '1' DAY, DATE '2024-03-01' - INTERVAL '1' DAY");
    add(q, true, "SELECT DATE '2026-01-31' + INTERVAL '1' MONTH, DATE '2026-01-01' + INTERVAL '1' YEAR");
    add(q, true, "SELECT TIMESTAMP '2026-01-01 10:00:00' + INTERVAL '2' HOUR, TIMESTAMP '2026-01-01 10:00:00.123',"
        + " TIMESTAMP '2026-01-01 23:30:00' + INTERVAL '1' DAY");
    add(q, true, "SELECT EXTRACT(YEAR FROM DATE '2026-05-17'), EXTRACT(MONTH FROM DATE '2026-05-17'),"
        + " EXTRACT(DAY FROM TIMESTAMP '2026-05-17 08:09:10'), EXTRACT(HOUR FROM TIMESTAMP '2026-05-17 08:09:10')");
    add(q, true, "SELECT CAST('2026-02-03' AS DATE), CAST('2026-02-03 04:05:06' AS TIMESTAMP),"
        + " CAST(DATE '2026-02-03' AS TIMESTAMP), CAST(TIMESTAMP '2026-02-03 04:05:06' AS DATE)");
    add(q, true, "SELECT CAST('12' AS INTEGER) * 3, CAST(3.7 AS INTEGER), CAST(-3.7 AS BIGINT), CAST(42 AS VARCHAR)");
    add(q, true, "SELECT CAST(1.5 AS DOUBLE), CAST(2 AS REAL), CAST(TRUE AS VARCHAR), CAST(7 AS DECIMAL(6,3))");
    add(q, true, "SELECT 9223372036854775807, -2147483648, 1e10, 2147483647 + CAST(1 AS BIGINT)");
    add(q, true, "VALUES (1, 'a'), (2, 'b'), (3, NULL)");
    add(q, false, "SELECT x, y FROM (VALUES (1, 2.5), (2, NULL), (3, 4.25)) AS t(x, y) WHERE x <> 2");
    add(q, true, "SELECT x FROM (VALUES (3), (1), (2)) AS t(x) ORDER BY x DESC");
    add(q, true, "SELECT x FROM (VALUES (3), (NULL), (1)) AS t(x) ORDER BY x NULLS FIRST");
    add(q, true, "SELECT x FROM (VALUES (5), (4), (3), (2), (1)) AS t(x) ORDER BY x LIMIT 2 OFFSET 1");
    add(q, true, "SELECT COUNT(*), SUM(x), MIN(x), MAX(x), AVG(x) FROM (VALUES (1), (2), (4)) AS t(x)");
    add(q, true, "SELECT k, COUNT(*), SUM(v), AVG(v) FROM (VALUES ('a', 1.5), ('b', 2.0), ('a', 3.0)) AS t(k, v)"
        + " GROUP BY k ORDER BY k");
    add(q, true, "SELECT AVG(CAST(x AS DECIMAL(10,2))), SUM(CAST(x AS DOUBLE)) FROM (VALUES (1), (2)) AS t(x)");
    add(q, false, "SELECT k FROM (VALUES ('a'), ('b'), ('a')) AS t(k) GROUP BY k HAVING COUNT(*) > 1");
    add(q, false, "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 1");
    add(q, false, "SELECT 1 UNION SELECT 2 UNION SELECT 1");
    // rows with expressions: a union of one-row selects with one input per row (not two)
    add(q, false, "SELECT a, b FROM (VALUES (1, 1 + 1), (2, 2 * 2), (3, 3 - 1), (4, CAST(NULL AS INTEGER))) AS t(a, b)");
    add(q, false, "VALUES (1, UPPER('a')), (2, UPPER('b')), (3, LOWER('C')), (4, 'd' || 'e'), (5, 'f')");
    add(q, false, "SELECT x FROM (VALUES (1 + 0), (2 + 0), (2 + 0), (3 + 0)) AS t(x) EXCEPT SELECT 3");
    add(q, false, "SELECT x FROM (VALUES (1), (2), (3)) AS t(x) EXCEPT SELECT 2");
    add(q, false, "SELECT x FROM (VALUES (1), (2), (3)) AS t(x) INTERSECT SELECT x FROM (VALUES (2), (3), (4)) AS u(x)");
    add(q, false, "SELECT DISTINCT x FROM (VALUES (1), (1), (2)) AS t(x)");
    add(q, false, "SELECT x BETWEEN 1 AND 3, x IN (1, 2), x NOT IN (5) FROM (VALUES (2), (4)) AS t(x)");
    add(q, true, "SELECT x * 2 AS y FROM (VALUES (1), (2)) AS t(x) WHERE x * 2 > 3");
    return q.stream();
  }

  private static void add(List<Arguments> q, boolean ordered, String sql) {
    q.add(Arguments.of(sql, ordered));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void sameTypedValuesAsSpark(String sql, boolean ordered) {
    assertThat(explain(local, sql)).as("EXPLAIN " + sql).contains("== Runs on: fsql planner");
    assertThat(explain(spark, sql)).as("EXPLAIN with local_evaluation = off").contains("== Runs on: Spark");
    Result fromPlanner = run(local, sql);
    Result fromSpark = run(spark, sql);
    assertThat(fromPlanner.columns()).as(sql).isEqualTo(fromSpark.columns());
    List<List<Object>> a = fromPlanner.rows();
    List<List<Object>> b = fromSpark.rows();
    if (!ordered) {
      Comparator<List<Object>> byText = Comparator.comparing(Object::toString);
      a.sort(byText);
      b.sort(byText);
    }
    assertThat(a).as(sql).isEqualTo(b);
    assertThat(classes(a)).as(sql + " (Java classes)").isEqualTo(classes(b));
    assertThat(a).as(sql).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SELECT 1 / 0", "SELECT 2147483647 + 1", "SELECT CAST('abc' AS INTEGER)",
      "SELECT x / (x - 1) FROM (VALUES (1)) AS t(x)"})
  void failsLikeSpark(String sql) {
    assertThatThrownBy(() -> run(spark, sql)).as("Spark").isInstanceOf(FsqlException.class);
    assertThatThrownBy(() -> run(local, sql)).as("planner").isInstanceOf(FsqlException.class);
  }

  /**
   * The interpreter gives no row for an aggregate without GROUP BY over no rows; the planner
   * leaves such plans (input not sure to have rows) to Spark.
   */
  @Test
  void aggregateOverPossiblyNoRowsRunsOnSpark() {
    String sql = "SELECT SUM(x), COUNT(x) FROM (VALUES (1), (2)) AS t(x) WHERE x > 5";
    assertThat(explain(local, sql)).contains("== Runs on: Spark");
    assertThat(run(local, sql).rows()).containsExactly(Arrays.asList(null, 0L));
  }

  @Test
  void currentTimeIsNowInUtc() {
    LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1);
    for (Session s : List.of(local, spark)) {
      List<Object> row = run(s, "SELECT CURRENT_TIMESTAMP, CURRENT_DATE").rows().get(0);
      LocalDateTime after = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(1);
      assertThat((LocalDateTime) row.get(0)).isBetween(before, after);
      assertThat(row.get(1)).isIn(before.toLocalDate(), after.toLocalDate());
      assertThat(Duration.between(before, after)).isLessThan(Duration.ofMinutes(2));
    }
  }

  @Test
  void queriesOverGroupsStillRunOnSpark() {
    local.execute("CREATE FEATURE GROUP IF NOT EXISTS k (id BIGINT NOT NULL, v DOUBLE) PRIMARY KEY (id)");
    local.execute("INSERT INTO k VALUES (1, 2.5)");
    assertThat(explain(local, "SELECT v + 1 FROM k")).contains("== Runs on: Spark");
    assertThat(run(local, "SELECT v + 1 FROM k").rows()).containsExactly(List.of(3.5));
  }

  @Test
  void rowsWithMicrosecondTimestampsRunOnSparkAndKeepThem() {
    // the interpreter holds a TIMESTAMP in milliseconds: such rows are left to Spark
    String sql = "SELECT a, t FROM (VALUES (1, TIMESTAMP '2026-01-01 10:00:00.123456'),"
        + " (2, TIMESTAMP '2026-01-01 10:00:00' + INTERVAL '1' HOUR), (3, TIMESTAMP '2026-01-01 10:00:00.000001')) AS t(a, t)"
        + " ORDER BY a";
    assertThat(explain(local, sql)).contains("== Runs on: Spark");
    assertThat(run(local, sql).rows()).containsExactly(
        List.of(1, LocalDateTime.parse("2026-01-01T10:00:00.123456")),
        List.of(2, LocalDateTime.parse("2026-01-01T11:00:00")),
        List.of(3, LocalDateTime.parse("2026-01-01T10:00:00.000001")));
  }

  @Test
  void anInsertOfRowsWithExpressionsWritesEveryRow() {
    local.execute("CREATE FEATURE GROUP IF NOT EXISTS many (id BIGINT NOT NULL, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (id)");
    StringBuilder sql = new StringBuilder("INSERT INTO many VALUES ");
    for (int i = 0; i < 50; i++) {
      sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", UPPER('v").append(i)
          .append("'), TIMESTAMP '2026-01-01 00:00:00' + INTERVAL '").append(i).append("' MINUTE)");
    }
    assertThat(local.execute(sql.toString()).message()).contains(": 50 inserted, 0 updated");
    List<List<Object>> rows = run(local, "SELECT id, v, ts FROM many ORDER BY id").rows();
    assertThat(rows).hasSize(50);
    assertThat(rows.get(0)).isEqualTo(List.of(0L, "V0", LocalDateTime.parse("2026-01-01T00:00:00")));
    assertThat(rows.get(49)).isEqualTo(List.of(49L, "V49", LocalDateTime.parse("2026-01-01T00:49:00")));
  }

  @Test
  void settingTakesOnlyAutoOrOff() {
    assertThatThrownBy(() -> local.execute("SET local_evaluation = maybe"))
        .isInstanceOf(FsqlException.class)
        .hasMessageContaining("local_evaluation is 'auto' or 'off', not 'maybe'");
  }

  private static String explain(Session s, String sql) {
    StringBuilder b = new StringBuilder();
    for (List<Object> row : Rows.query(s, "EXPLAIN " + sql)) {
      b.append(row.get(0)).append('\n');
    }
    return b.toString();
  }

  record Result(List<ResultColumn> columns, List<List<Object>> rows) {}

  private static Result run(Session s, String sql) {
    StatementResult r = s.execute(sql);
    try (QueryResult rows = r.rows()) {
      List<List<Object>> out = new ArrayList<>();
      while (rows.hasNext()) {
        out.add(Arrays.asList(rows.next()));
      }
      return new Result(rows.columns(), out);
    }
  }

  private static List<List<String>> classes(List<List<Object>> rows) {
    List<List<String>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      out.add(row.stream().map(v -> v == null ? "null" : v.getClass().getSimpleName()).toList());
    }
    return out;
  }
}
