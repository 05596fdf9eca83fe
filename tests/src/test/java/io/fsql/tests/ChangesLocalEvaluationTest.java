package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.spark.SparkRuntime;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries over incremental reads (CHANGES SINCE ... [UNTIL ...]) evaluated in the planner, without
 * Spark, against the same queries on Spark ({@code local_evaluation = off}): the same typed rows
 * (doubles within 1e-12 relative: the summation order differs), over several commits that update
 * keys within and after the ranges, every column type with NULLs, in both table layouts. The
 * queries that should run locally must run no Spark job; a TIMESTAMP finer than a millisecond in
 * a column the query uses sends it to Spark.
 */
class ChangesLocalEvaluationTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session local;
  static Session spark;
  static final AtomicInteger JOBS = new AtomicInteger();
  static final String COLUMNS = "id BIGINT, i INT, amount DOUBLE, price DECIMAL(12,2), d DATE, ts TIMESTAMP, "
      + "flag BOOLEAN, cat VARCHAR, r REAL";
  /** Per group: its commits c1..c5, oldest first. */
  static final java.util.Map<String, List<String>> COMMITS = new java.util.HashMap<>();

  @BeforeAll
  static void load() {
    engine = FsqlHome.open(tmp.resolve("home"));
    local = engine.openSession();
    spark = engine.openSession();
    spark.execute("SET local_evaluation = off");
    for (String g : List.of("ch_sorted", "ch_cow", "ch_micros")) {
      String layout = g.equals("ch_cow") ? "cow" : "sorted";
      local.execute("CREATE FEATURE GROUP " + g + " (" + COLUMNS + ") PRIMARY KEY (id) WITH (layout = '" + layout + "')");
      Random random = new Random(7);
      boolean micros = g.equals("ch_micros");
      List<String> commits = new ArrayList<>();
      // c1: 300 keys; c2: 40 of them again and 10 new; c3: 25 again (some c2 wrote); c4: 15; c5: 12 (after the UNTIL ranges)
      insert(g, range(0, 300), random, micros, 1);
      commits.add(lastCommit(g));
      List<Long> c2 = range(0, 40);
      c2.addAll(range(300, 310));
      insert(g, c2, random, micros, 2);
      commits.add(lastCommit(g));
      insert(g, range(20, 45), random, micros, 3);
      commits.add(lastCommit(g));
      insert(g, range(150, 165), random, micros, 4);
      commits.add(lastCommit(g));
      insert(g, range(30, 42), random, micros, 5);
      commits.add(lastCommit(g));
      COMMITS.put(g, commits);
    }
    SparkContext sc = SparkRuntime.session().sparkContext();
    sc.addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        JOBS.incrementAndGet();
      }
    });
  }

  @AfterAll
  static void close() {
    local.close();
    spark.close();
    engine.close();
  }

  private static List<Long> range(long from, long to) {
    List<Long> ids = new ArrayList<>();
    for (long k = from; k < to; k++) {
      ids.add(k);
    }
    return ids;
  }

  /**
   * One commit writing {@code ids}, every column random with NULLs (id never), loaded from a CSV
   * file (an empty field is NULL).
   */
  private static void insert(String g, List<Long> ids, Random random, boolean micros, int commit) {
    String[] cats = {"a", "b", "ab", "Zed", "\u00fcn\u00ef", null};
    StringBuilder csv = new StringBuilder("id,i,amount,price,d,ts,flag,cat,r\n");
    for (long id : ids) {
      String i = random.nextInt(8) == 0 ? "" : Integer.toString(random.nextInt(2001) - 1000);
      String amount = random.nextInt(8) == 0 ? "" : Double.toString((random.nextDouble() - 0.3) * 10_000 / 3);
      String price = random.nextInt(8) == 0 ? "" : BigDecimal.valueOf(random.nextInt(20_000_000) - 5_000_000, 2)
          .toPlainString();
      String d = random.nextInt(8) == 0 ? "" : LocalDate.of(2024, 12, 1).plusDays(random.nextInt(500)).toString();
      String fraction = micros ? String.format("%06d", random.nextInt(1_000_000)) : String.format("%03d", random.nextInt(1000));
      String ts = random.nextInt(8) == 0 ? "" : LocalDateTime.of(2025, 1, 1, 0, 0)
          .plusSeconds(random.nextInt(90 * 86_400))
          .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + "." + fraction;
      String flag = random.nextInt(8) == 0 ? "" : Boolean.toString(random.nextBoolean());
      String cat = cats[random.nextInt(cats.length)];
      String r = random.nextInt(8) == 0 ? "" : Double.toString((random.nextInt(2000) - 1000) / 8.0);
      csv.append(id).append(',').append(i).append(',').append(amount).append(',').append(price).append(',')
          .append(d).append(',').append(ts).append(',').append(flag).append(',')
          .append(cat == null ? "" : cat + commit % 2).append(',').append(r).append('\n');
    }
    Path file = tmp.resolve(g + "-" + commit + ".csv");
    try {
      java.nio.file.Files.writeString(file, csv);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    local.execute("INSERT INTO " + g + " SELECT * FROM read_csv('" + file + "', schema => '" + COLUMNS + "')");
  }

  private static String lastCommit(String g) {
    return (String) query(local, "SHOW COMMITS FOR " + g).get(0).get(0);
  }

  /**
   * The ranges read: (c1, now], (c1, c3], (c2, c4], (c5, now] (no row), and a time bound; for the
   * other groups (c1, now] and (c2, c4].
   */
  private static List<String> ranges(String g) {
    List<String> c = COMMITS.get(g);
    String since = "CHANGES SINCE COMMIT '";
    if (!g.equals("ch_sorted")) {
      return List.of(since + c.get(0) + "'", since + c.get(1) + "' UNTIL COMMIT '" + c.get(3) + "'");
    }
    return List.of(since + c.get(0) + "'", since + c.get(0) + "' UNTIL COMMIT '" + c.get(2) + "'",
        since + c.get(1) + "' UNTIL COMMIT '" + c.get(3) + "'", since + c.get(4) + "'",
        "CHANGES SINCE TIMESTAMP '2000-01-01 00:00:00' UNTIL COMMIT '" + c.get(1) + "'");
  }

  /** Query templates over {@code %s} (the group and its range); true: runs in the planner. */
  private record Template(String sql, boolean local, boolean usesTimestamp) {}

  private static final List<Template> TEMPLATES = List.of(
      new Template("SELECT COUNT(*), SUM(amount), AVG(amount) FROM %s WHERE i >= 10", true, false),
      new Template("SELECT * FROM %s ORDER BY id", true, true),
      new Template("SELECT cat, COUNT(*), SUM(i), AVG(i), MIN(price), MAX(price), SUM(price), MIN(d),"
          + " MAX(d) FROM %s GROUP BY cat ORDER BY cat", true, false),
      // a DECIMAL average or division: Spark rounds it HALF_UP at its scale, so it runs on Spark
      new Template("SELECT cat, AVG(price), SUM(price / 3) FROM %s GROUP BY cat ORDER BY cat", false, false),
      new Template("SELECT flag, COUNT(amount), MIN(amount), MAX(amount), MIN(cat), MAX(cat), SUM(r), AVG(r),"
          + " MIN(r) FROM %s GROUP BY flag ORDER BY flag", true, false),
      new Template("SELECT MIN(ts), MAX(ts), COUNT(ts) FROM %s WHERE ts > TIMESTAMP '2025-02-01 00:00:00'", true, true),
      new Template("SELECT id, amount * 2, price + 1, i + 1, d, flag, cat, _commit FROM %s"
          + " WHERE price > 10 AND flag ORDER BY id DESC LIMIT 7", true, false),
      new Template("SELECT COUNT(*), SUM(i), SUM(price), AVG(amount), MAX(cat), MIN(d) FROM %s WHERE id < 0", true, false),
      new Template("SELECT _commit, COUNT(*), SUM(amount) FROM %s GROUP BY _commit ORDER BY _commit", true, false),
      new Template("SELECT id, cat, d FROM %s WHERE cat LIKE 'a%%' OR d >= DATE '2025-06-01' ORDER BY id LIMIT 20",
          true, false),
      new Template("SELECT id, i FROM %s ORDER BY i, id", true, false),
      new Template("SELECT id, i, price FROM %s ORDER BY i DESC, price, id LIMIT 15", true, false),
      new Template("SELECT d, COUNT(*), SUM(price) FROM %s WHERE NOT flag OR flag IS NULL GROUP BY d"
          + " HAVING COUNT(*) >= 1 ORDER BY d", true, false),
      new Template("SELECT id, ts FROM %s WHERE ts IS NOT NULL ORDER BY ts, id LIMIT 10", true, true),
      new Template("SELECT COUNT(DISTINCT cat) FROM %s", false, false));

  @Test
  void queriesOverChangedRowsEqualSparkAndRunNoSparkJob() {
    int compared = 0;
    int sparkJobs = 0;
    for (String g : List.of("ch_sorted", "ch_cow", "ch_micros")) {
      for (String range : ranges(g)) {
        for (Template t : TEMPLATES) {
          String sql = String.format(t.sql(), g + " " + range);
          Result onSpark = run(spark, sql);
          Result here = run(local, sql);
          sparkJobs += onSpark.jobs();
          assertThat(here.columns()).as(sql).isEqualTo(onSpark.columns());
          assertSameRows(sql, here.rows(), onSpark.rows());
          boolean noRows = range.endsWith(COMMITS.get(g).get(4) + "'");
          boolean expectLocal = t.local() && !(g.equals("ch_micros") && t.usesTimestamp() && !noRows);
          if (expectLocal) {
            assertThat(here.jobs()).as("Spark jobs of the local evaluation of %s", sql).isZero();
          } else if (!noRows) {
            assertThat(here.jobs()).as("Spark jobs of %s", sql).isPositive();
          }
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo((5 + 2 + 2) * TEMPLATES.size());
    assertThat(sparkJobs).as("Spark jobs of the queries run with local_evaluation = off").isPositive();
  }

  @Test
  void changedRowsAreTheRowsOfEachKeyLastVersionInTheRange() {
    List<String> c = COMMITS.get("ch_sorted");
    // (c1, c3]: keys 0..44 (c2 wrote 0..39, c3 20..44) and 300..309, at their last version in the range
    String sql = "SELECT id, _commit FROM ch_sorted CHANGES SINCE COMMIT '" + c.get(0) + "' UNTIL COMMIT '"
        + c.get(2) + "' ORDER BY id";
    Result here = run(local, sql);
    assertThat(here.jobs()).isZero();
    List<List<Object>> expected = new ArrayList<>();
    for (long k = 0; k < 45; k++) {
      expected.add(List.of(k, k < 20 ? c.get(1) : c.get(2)));
    }
    for (long k = 300; k < 310; k++) {
      expected.add(List.of(k, c.get(1)));
    }
    assertThat(here.rows()).isEqualTo(expected);
    // an aggregate without GROUP BY over no changed row still gives its one row
    Result none = run(local, "SELECT COUNT(*), SUM(amount), MAX(cat) FROM ch_sorted CHANGES SINCE COMMIT '"
        + c.get(4) + "'");
    assertThat(none.jobs()).isZero();
    assertThat(none.rows()).isEqualTo(List.of(Arrays.asList(0L, null, null)));
  }

  @Test
  void explainSaysWhichEngineRunsIt() {
    String c1 = COMMITS.get("ch_sorted").get(0);
    String plan = query(local, "EXPLAIN SELECT COUNT(*), SUM(amount) FROM ch_sorted CHANGES SINCE COMMIT '" + c1
        + "' WHERE i >= 10").toString();
    assertThat(plan).contains("== Runs on: fsql planner (Calcite interpreter over the changed rows")
        .contains("ch_sorted").contains("(changes since").contains("rows (limit 100,000)");
    String off = query(spark, "EXPLAIN SELECT COUNT(*) FROM ch_sorted CHANGES SINCE COMMIT '" + c1 + "'").toString();
    assertThat(off).doesNotContain("Calcite interpreter").contains("== Runs on: Spark");
    String distinct = query(local, "EXPLAIN SELECT COUNT(DISTINCT cat) FROM ch_sorted CHANGES SINCE COMMIT '" + c1
        + "'").toString();
    assertThat(distinct).doesNotContain("Calcite interpreter").contains("== Runs on: Spark");
  }

  @Test
  void aSystemPropertyTurnsItOff() {
    String sql = "SELECT COUNT(*), SUM(i) FROM ch_sorted CHANGES SINCE COMMIT '" + COMMITS.get("ch_sorted").get(0) + "'";
    Result here = run(local, sql);
    assertThat(here.jobs()).isZero();
    System.setProperty("fsql.local-evaluation.changes", "false");
    try {
      Result off = run(local, sql);
      assertThat(off.jobs()).isPositive();
      assertThat(off.rows()).isEqualTo(here.rows());
    } finally {
      System.clearProperty("fsql.local-evaluation.changes");
    }
    // a row limit below the rows of the files read sends it to Spark too
    System.setProperty("fsql.local-evaluation.changes.max-rows", "10");
    try {
      Result over = run(local, sql);
      assertThat(over.jobs()).isPositive();
      assertThat(over.rows()).isEqualTo(here.rows());
    } finally {
      System.clearProperty("fsql.local-evaluation.changes.max-rows");
    }
  }

  @Test
  void anOverflowIsAnErrorLikeSparks() {
    String c1 = COMMITS.get("ch_sorted").get(0);
    String sql = "SELECT SUM(i * 2147483647) FROM ch_sorted CHANGES SINCE COMMIT '" + c1 + "' WHERE i > 1";
    for (Session s : List.of(local, spark)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> query(s, sql))
          .isInstanceOf(io.fsql.planner.FsqlException.class)
          .hasMessageContaining("overflow");
    }
  }

  /** A query's columns, rows, and the Spark jobs it ran. */
  private record Result(List<ResultColumn> columns, List<List<Object>> rows, int jobs) {}

  private static Result run(Session s, String sql) {
    SparkContext sc = SparkRuntime.session().sparkContext();
    settle(sc);
    int before = JOBS.get();
    StatementResult r = s.execute(sql, List.of());
    List<ResultColumn> columns;
    List<List<Object>> rows = new ArrayList<>();
    try (QueryResult q = r.rows()) {
      columns = q.columns();
      while (q.hasNext()) {
        rows.add(Arrays.asList(q.next()));
      }
    }
    settle(sc);
    return new Result(columns, rows, JOBS.get() - before);
  }

  private static void settle(SparkContext sc) {
    try {
      sc.listenerBus().waitUntilEmpty(30_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Spark's listener bus did not drain in 30 s", e);
    }
  }

  private static void assertSameRows(String sql, List<List<Object>> got, List<List<Object>> expected) {
    assertThat(got.size()).as("rows of %s", sql).isEqualTo(expected.size());
    for (int i = 0; i < got.size(); i++) {
      List<Object> a = got.get(i);
      List<Object> b = expected.get(i);
      assertThat(a.size()).as(sql).isEqualTo(b.size());
      for (int j = 0; j < a.size(); j++) {
        Object x = a.get(j);
        Object y = b.get(j);
        if (x instanceof Double dx && y instanceof Double dy) {
          double tolerance = 1e-12 * Math.max(Math.abs(dx), Math.abs(dy));
          assertThat(Math.abs(dx - dy)).as("row %d column %d of %s: %s vs %s", i, j, sql, x, y)
              .isLessThanOrEqualTo(tolerance);
        } else {
          assertThat(x).as("row %d column %d of %s", i, j, sql).isEqualTo(y);
          if (x != null) {
            assertThat(x.getClass()).as("row %d column %d of %s", i, j, sql).isEqualTo(y.getClass());
          }
        }
      }
    }
  }
}
