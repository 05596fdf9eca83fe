package io.fsql.bench;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.exec.QueryResult;
import io.fsql.storage.EmbeddedEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run results}: a query result of N rows x 10 columns ({@code SELECT * FROM td}, a training
 * dataset's Parquet files read by Spark) read through the embedded JDBC driver ({@code jdbc:fsql:embedded:<home>}, {@code rs.next()}
 * and every {@code getXxx}), with the result brought from Spark as Arrow column batches (the
 * default, {@code columnar_results = auto}) vs row by row ({@code SET columnar_results = off}, the
 * path before), side by side in one run; and the same two through the engine's own API
 * ({@code Session.execute}, every value of every row), to separate the driver's share.
 */
final class ResultsBench {
  private ResultsBench() {}

  private static final String BENCH = "results";
  private static final String TD = "td";
  private static final String READ = "SELECT * FROM " + TD;
  private static final String GROUP = "fg";
  private static final String READ_GROUP = "SELECT * FROM " + GROUP;
  private static final String SMALL = "small";
  private static final int SMALL_ROWS = 2_000;
  /** Small results, as most interactive and test queries have (QueryDifferentialTest's kinds). */
  static final List<String> SMALL_QUERIES = List.of(
      "SELECT * FROM " + SMALL + " ORDER BY id",
      "SELECT id, f0 * 2, UPPER(segment) FROM " + SMALL + " WHERE f1 > 0.5",
      "SELECT segment, COUNT(*), MIN(f0), SUM(id), MAX(ts) FROM " + SMALL + " GROUP BY segment",
      "SELECT id, f0 FROM " + SMALL + " ORDER BY f0 DESC NULLS LAST, id LIMIT 10",
      "SELECT a.id, b.f2 FROM " + SMALL + " a JOIN " + SMALL + " b ON a.id = b.id + 1 WHERE a.f3 < 0.1",
      "SELECT COUNT(*) FROM " + SMALL + " WHERE f6 IS NULL");

  static List<Goal> run(Options o) throws Exception {
    long start = System.nanoTime();
    long n = o.rowsSet ? o.rows : o.quick ? 100_000 : 1_000_000;
    int runs = o.runs(5);
    int warmups = o.warmups(1);
    Path work = Options.dataDir().resolve(BENCH);
    Fsql.deleteTree(work);
    Files.createDirectories(work);
    Path file = OnlineData.parquet(n);
    Report report = new Report(o, "results: a query result to an embedded JDBC client, column batches vs rows");
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    FlightBench.Bulk expected = FlightBench.expected(n);

    Path home = work.resolve("home");
    FsqlEngine engine = EmbeddedEngines.acquire(home);
    String loadMessage;
    long loadNanos;
    try (Session s = engine.openSession()) {
      long t0 = System.nanoTime();
      loadMessage = s.execute("CREATE TRAINING DATASET " + TD + " AS SELECT * FROM read_parquet('" + file + "')")
          .message();
      loadNanos = System.nanoTime() - t0;
      IngestBench.check(loadMessage.endsWith(": " + n + " rows"), "dataset said: " + loadMessage);
      Log.info(BENCH, loadMessage + " in " + Report.seconds(loadNanos));
      s.execute("CREATE FEATURE GROUP " + GROUP + " (" + OnlineData.COLUMNS + ") PRIMARY KEY (id)");
      String m = s.execute("INSERT INTO " + GROUP + " SELECT * FROM read_parquet('" + file + "')").message();
      Log.info(BENCH, m);
      s.execute("CREATE FEATURE GROUP " + SMALL + " (" + OnlineData.COLUMNS + ") PRIMARY KEY (id)");
      Log.info(BENCH, s.execute("INSERT INTO " + SMALL + " SELECT * FROM " + GROUP + " WHERE id < " + SMALL_ROWS).message());
    }
    Series columnar = new Series("embedded JDBC, column batches (`columnar_results = auto`, the default: a plain dataset read, its Parquet files"
        + " read by arrow-dataset's native reader, no Spark job)", n);
    Series rows = new Series("embedded JDBC, row by row (`SET columnar_results = off`, the path before; baseline)", n);
    Series engineColumnar = new Series("engine API `Session.execute`, column batches, every value of every row", n);
    Series engineRows = new Series("engine API `Session.execute`, row by row (`columnar_results = off`)", n);
    Series groupColumnar = new Series("embedded JDBC, `" + READ_GROUP + "` (feature group, latest snapshot), column batches (`auto`: a plain snapshot read, from the table's base files by arrow-dataset's native reader, no Spark job)", n);
    Series groupRows = new Series("embedded JDBC, `" + READ_GROUP + "` (feature group, latest snapshot), row by row (`off`)", n);
    int q = SMALL_QUERIES.size();
    Series smallOn = new Series(q + " small queries over a " + SMALL_ROWS + "-row group, `columnar_results = on` (always column batches)", q);
    Series smallAuto = new Series(q + " small queries, `columnar_results = auto` (the default: column batches for every result, as `on`)", q);
    Series smallOff = new Series(q + " small queries, `columnar_results = off` (row by row)", q);
    Map<Series, Series> cpu = new HashMap<>();
    for (Series s : List.of(columnar, rows, engineColumnar, engineRows, groupColumnar, groupRows, smallOn, smallAuto, smallOff)) {
      cpu.put(s, new Series(s.name, s.unitsPerRun));
    }
    String url = "jdbc:fsql:embedded:" + home;
    try (Connection batched = DriverManager.getConnection(url);
        Connection rowByRow = DriverManager.getConnection(url);
        Session sBatched = engine.openSession();
        Session sRows = engine.openSession();
        Session sOn = engine.openSession();
        Session sOff = engine.openSession()) {
      sOn.execute("SET columnar_results = on");
      sOff.execute("SET columnar_results = off");
      List<List<List<Object>>> smallWant = small(sOff);
      try (Statement st = rowByRow.createStatement()) {
        st.execute("SET columnar_results = off");
      }
      sRows.execute("SET columnar_results = off");
      Alternation.rounds(BENCH, warmups, runs, List.of(
          bulkContender(columnar, "JDBC column batches", () -> readJdbc(batched, READ), expected, cpu, warmups, wrong),
          bulkContender(rows, "JDBC rows", () -> readJdbc(rowByRow, READ), expected, cpu, warmups, wrong),
          bulkContender(engineColumnar, "engine column batches", () -> readEngine(sBatched), expected, cpu, warmups, wrong),
          bulkContender(engineRows, "engine rows", () -> readEngine(sRows), expected, cpu, warmups, wrong),
          bulkContender(groupColumnar, "JDBC group column batches", () -> readJdbc(batched, READ_GROUP), expected, cpu, warmups, wrong),
          bulkContender(groupRows, "JDBC group rows", () -> readJdbc(rowByRow, READ_GROUP), expected, cpu, warmups, wrong),
          smallContender(smallOn, sOn, smallWant, cpu, warmups, wrong),
          smallContender(smallAuto, sBatched, smallWant, cpu, warmups, wrong),
          smallContender(smallOff, sOff, smallWant, cpu, warmups, wrong)));
    } finally {
      EmbeddedEngines.release(home);
    }

    boolean valid = wrong.isEmpty();
    report.param("result check", valid ? "VALID: every read of every run (warm-ups included) returned "
            + String.format("%,d", n) + " rows, SUM(id) = " + expected.idSum() + " and "
            + String.format("%,d", expected.f6Nulls()) + " NULLs in f6"
            : "**INVALID: wrong results, see Correctness**")
        .param("rows", String.format("%,d", n) + " x " + OnlineData.WIDTH + " columns: " + OnlineData.COLUMNS
            + (o.rowsSet ? "" : o.quick ? " (the --quick size)" : " (the default size)"))
        .param("training dataset", "`CREATE TRAINING DATASET " + TD + " AS SELECT * FROM read_parquet('<file>')`"
            + " (Parquet files) from `" + Options.benchDir().relativize(file) + "` (DuckDB) in " + Report.seconds(loadNanos)
            + " (`" + loadMessage + "`)")
        .param("query", "`" + READ + "`; JDBC: `rs.next()`, `getLong` (id), `getDouble` (f0..f6, `wasNull`), "
            + "`getString` (segment), `getTimestamp` (ts); engine: every value of every `Object[]` row; the same JDBC"
            + " reads of `" + READ_GROUP + "`, a feature group holding the same rows (`INSERT INTO " + GROUP
            + " SELECT * FROM read_parquet('<file>')`, one commit)")
        .param("runs", warmups + " warm-up + " + runs + " measured rounds, contenders in rotating order");
    report.section("Embedded JDBC read of `" + READ + "` (" + String.format("%,d", n) + " rows)");
    report.timings(List.of(Report.Line.of(rows.name, rows, null), Report.Line.of(columnar.name, columnar, rows),
        Report.Line.of(engineRows.name, engineRows, rows), Report.Line.of(engineColumnar.name, engineColumnar, rows)),
        Report.Scale.SECONDS, "rows/s", "time / JDBC rows");
    report.text("CPU time of the whole process (all threads: Spark's tasks, the driver, the client, GC) during "
        + "each read, from `OperatingSystemMXBean.getProcessCpuTime()`: on a shared machine this is steadier than "
        + "wall time, which includes waiting for cores other processes hold.");
    Series cpuRows = cpu.get(rows);
    report.timings(List.of(Report.Line.of(rows.name, cpuRows, null),
        Report.Line.of(columnar.name, cpu.get(columnar), cpuRows),
        Report.Line.of(engineRows.name, cpu.get(engineRows), cpuRows),
        Report.Line.of(engineColumnar.name, cpu.get(engineColumnar), cpuRows)),
        Report.Scale.SECONDS, "rows per CPU-s", "CPU time / JDBC rows");
    report.section("Embedded JDBC read of `" + READ_GROUP + "` (a feature group's LATEST snapshot, " + String.format("%,d", n)
        + " rows; row by row it runs on Spark)");
    report.timings(List.of(Report.Line.of(groupRows.name, groupRows, null),
        Report.Line.of(groupColumnar.name, groupColumnar, groupRows)),
        Report.Scale.SECONDS, "rows/s", "time / JDBC rows");
    Series cpuGroupRows = cpu.get(groupRows);
    report.timings(List.of(Report.Line.of(groupRows.name + " (process CPU)", cpuGroupRows, null),
        Report.Line.of(groupColumnar.name + " (process CPU)", cpu.get(groupColumnar), cpuGroupRows)),
        Report.Scale.SECONDS, "rows per CPU-s", "CPU time / JDBC rows");
    report.section("Small results: " + q + " queries over a " + SMALL_ROWS + "-row feature group, through the engine API");
    report.text("Queries: " + String.join("; ", SMALL_QUERIES.stream().map(x -> "`" + x + "`").toList())
        + ". Each run runs all of them and reads every row; results equal to `off`'s in every run.");
    report.timings(List.of(Report.Line.of(smallOff.name, smallOff, null), Report.Line.of(smallOn.name, smallOn, smallOff),
        Report.Line.of(smallAuto.name, smallAuto, smallOff)), Report.Scale.SECONDS, "queries/s", "time / off");
    report.timings(List.of(Report.Line.of(smallOff.name + " (process CPU)", cpu.get(smallOff), null),
        Report.Line.of(smallOn.name + " (process CPU)", cpu.get(smallOn), cpu.get(smallOff)),
        Report.Line.of(smallAuto.name + " (process CPU)", cpu.get(smallAuto), cpu.get(smallOff))),
        Report.Scale.SECONDS, "queries per CPU-s", "CPU time / off");
    double speedup = rows.median() / columnar.median();
    double groupSpeedup = groupRows.median() / groupColumnar.median();
    double groupCpuSpeedup = cpuGroupRows.median() / cpu.get(groupColumnar).median();
    double cpuSpeedup = cpuRows.median() / cpu.get(columnar).median();
    report.table(List.of("goal", "measured", "met"), List.of(
        List.of("embedded JDBC read >= 5x faster than row by row", Report.fmt(speedup, 2) + "x ("
            + Report.grouped(columnar.throughput()) + " vs " + Report.grouped(rows.throughput()) + " rows/s)",
            speedup >= 5 ? "yes" : "**no**"),
        List.of("(the same in process CPU time)", Report.fmt(cpuSpeedup, 2) + "x",
            cpuSpeedup >= 5 ? "yes" : "**no**"),
        List.of("feature group `" + READ_GROUP + "` through embedded JDBC >= 5x faster than row by row", Report.fmt(groupSpeedup, 2)
            + "x (" + Report.grouped(groupColumnar.throughput()) + " vs " + Report.grouped(groupRows.throughput())
            + " rows/s); process CPU " + Report.fmt(groupCpuSpeedup, 2) + "x", groupSpeedup >= 5 ? "yes" : "**no**"),
        List.of("`columnar_results = auto` never slower than `on` (6 small queries, median time auto / on)",
            Report.fmt(smallAuto.median() / smallOn.median(), 2), smallAuto.median() <= smallOn.median() * 1.1 ? "yes" : "**no**")));
    if (!valid) {
      report.section("Correctness");
      report.text(String.join("\n", wrong.stream().map(w -> "- " + w).toList()));
    }
    report.text("Total wall time: " + Report.elapsed(start) + ".");
    Path out = report.finish();
    Log.info(BENCH, "report written to " + out);
    if (!valid) {
      throw new IllegalStateException("wrong results: " + wrong.get(0));
    }
    return List.of(
        Goal.atLeast(BENCH, "embedded JDBC read of " + String.format("%,d", n)
            + " rows: row by row / column batches (time)", speedup, 5).from("issue 13"),
        Goal.reported(BENCH, "the same in process CPU time", cpuSpeedup),
        Goal.atLeast(BENCH, "feature group read (" + READ_GROUP + "): row by row / column batches (time)", groupSpeedup, 5)
            .from("issue 13"));
  }

  /** Every small query's rows, in a canonical order. */
  private static List<List<List<Object>>> small(Session s) {
    List<List<List<Object>>> all = new ArrayList<>();
    for (String sql : SMALL_QUERIES) {
      List<List<Object>> rows = new ArrayList<>();
      try (QueryResult r = s.execute(sql).rows()) {
        while (r.hasNext()) {
          rows.add(java.util.Arrays.asList(r.next()));
        }
      }
      rows.sort(java.util.Comparator.comparing(Object::toString));
      all.add(rows);
    }
    return all;
  }

  /** A read that returns what it read, for the check. */
  private interface BulkRead {
    FlightBench.Bulk read() throws Exception;
  }

  /** A contender timing {@code read} (wall and process CPU) and checking it returned {@code want}. */
  private static Alternation.Contender bulkContender(Series series, String what, BulkRead read,
      FlightBench.Bulk want, Map<Series, Series> cpu, int warmups, List<String> wrong) {
    return new Alternation.Contender(series, r -> {
      FlightBench.Bulk[] b = new FlightBench.Bulk[1];
      long ns = cpu(cpu, series, r, warmups, () -> b[0] = read.read());
      check(b[0], want, what + ", round " + r, wrong);
      return ns;
    });
  }

  private static Alternation.Contender smallContender(Series series, Session s, List<List<List<Object>>> want,
      Map<Series, Series> cpu, int warmups, List<String> wrong) {
    return new Alternation.Contender(series, r -> {
      List<List<List<Object>>> got = new ArrayList<>();
      long ns = cpu(cpu, series, r, warmups, () -> got.addAll(small(s)));
      if (!got.equals(want)) {
        wrong.add(series.name + ", round " + r + ": results differ from columnar_results = off");
      }
      return ns;
    });
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /** Times a read (wall nanoseconds, returned) and adds its process CPU time to the series' CPU twin. */
  private static long cpu(Map<Series, Series> cpu, Series wall, int round, int warmups,
      Alternation.ThrowingRunnable read) throws Exception {
    long c0 = OS.getProcessCpuTime();
    long ns = Alternation.time(read);
    long used = OS.getProcessCpuTime() - c0;
    if (round < warmups) {
      cpu.get(wall).addWarmup(used);
    } else {
      cpu.get(wall).add(used);
    }
    return ns;
  }

  private static void check(FlightBench.Bulk got, FlightBench.Bulk want, String what, List<String> wrong) {
    if (!got.equals(want)) {
      wrong.add(what + ": got " + got + ", want " + want);
    }
  }

  static FlightBench.Bulk readJdbc(Connection c, String sql) throws Exception {
    long rows = 0;
    long ids = 0;
    long nulls = 0;
    long sink = 0;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        ids += rs.getLong(1);
        for (int col = 2; col <= 8; col++) {
          double d = rs.getDouble(col);
          if (rs.wasNull()) {
            if (col == 8) {
              nulls++;
            }
          } else {
            sink += (long) d;
          }
        }
        String seg = rs.getString(9);
        Timestamp ts = rs.getTimestamp(10);
        sink += seg.length() + (ts == null ? 0 : ts.getNanos());
        rows++;
      }
    }
    if (sink == 42) {
      Log.info(BENCH, "");
    }
    return new FlightBench.Bulk(rows, ids, nulls);
  }

  static FlightBench.Bulk readEngine(Session s) {
    long rows = 0;
    long ids = 0;
    long nulls = 0;
    long sink = 0;
    try (QueryResult r = s.execute(READ).rows()) {
      while (r.hasNext()) {
        Object[] row = r.next();
        ids += (Long) row[0];
        for (int col = 1; col <= 7; col++) {
          if (row[col] == null) {
            if (col == 7) {
              nulls++;
            }
          } else {
            sink += ((Double) row[col]).longValue();
          }
        }
        sink += ((String) row[8]).length() + (row[9] == null ? 0 : ((LocalDateTime) row[9]).getNano());
        rows++;
      }
    }
    if (sink == 42) {
      Log.info(BENCH, "");
    }
    return new FlightBench.Bulk(rows, ids, nulls);
  }
}
