package io.fsql.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * timetravel ("Commits you can travel to"): a group of {@code rows} rows loaded from Parquet
 * (commit 1), then 9 commits that each update 1% of the rows (a contiguous id range per commit),
 * 10 commits in all. Measured, alternated in the same session: the aggregate on the latest
 * snapshot (the baseline), the same aggregate AS OF COMMIT the 5th commit, and the same aggregate
 * over CHANGES SINCE COMMIT the 9th commit (the last commit's 1%). For context, the same three
 * reads with plain Spark + Hudi DataFrames on the same table. Every result is checked against
 * DuckDB computing the expected answer from the Parquet file and the update script.
 */
final class TimeTravelBench {
  private TimeTravelBench() {}

  static final String WHERE = "qty >= 10";
  private static final DateTimeFormatter HUDI = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

  /** An aggregate result: COUNT(*), SUM(amount), AVG(amount). */
  record Agg(long count, double sum, double avg) {
    static Agg of(Object[] r) {
      return new Agg(((Number) r[0]).longValue(), r[1] == null ? Double.NaN : ((Number) r[1]).doubleValue(),
          r[2] == null ? Double.NaN : ((Number) r[2]).doubleValue());
    }

    boolean matches(Agg e) {
      return count == e.count && close(sum, e.sum) && close(avg, e.avg);
    }

    private static boolean close(double a, double b) {
      return a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }

    @Override
    public String toString() {
      return "(" + count + ", " + sum + ", " + avg + ")";
    }
  }

  static void run(Options o) throws Exception {
    long start = System.nanoTime();
    int runs = o.runs(5);
    int warmups = o.warmups(2);
    long n = o.rows;
    long u = Math.max(1, n / 100);
    long[] lo = new long[10];
    for (int k = 1; k <= 9; k++) {
      lo[k] = k * n / 10;
    }
    Path work = Options.dataDir().resolve("timetravel");
    Fsql.deleteTree(work);
    Files.createDirectories(work);
    Path file = DataGen.parquet(n, "timetravel");
    Report report = new Report(o, "timetravel: AS OF and incremental reads vs the latest snapshot");

    List<String> wrong = new ArrayList<>();
    List<List<String>> commitRows = new ArrayList<>();
    try (FsqlEngine engine = FsqlHome.open(work.resolve("home")); Session s = engine.openSession()) {
      SparkSession spark = SparkRuntime.session();
      s.execute("CREATE FEATURE GROUP tt (" + DataGen.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts");

      // ------------------------------------------------------------- the 10 commits
      List<String> messageIds = new ArrayList<>();
      List<Long> writeNanos = new ArrayList<>();
      List<String> what = new ArrayList<>();
      String[] msg = new String[1];
      writeNanos.add(Alternation.time(() -> msg[0] = s.execute(
          "INSERT INTO tt SELECT * FROM read_parquet('" + file + "')").message()));
      messageIds.add(commitId(msg[0]));
      what.add("load: all " + String.format("%,d", n) + " rows");
      IngestBench.check(msg[0].endsWith(": " + n + " inserted, 0 updated"), "load said: " + msg[0]);
      Log.info("timetravel", "commit 1: " + msg[0] + " in " + Report.seconds(writeNanos.get(0)));
      for (int k = 1; k <= 9; k++) {
        String sql = "INSERT INTO tt SELECT id, amount + " + k + ", price, qty, cat, flag, day, ts "
            + "FROM read_parquet('" + file + "') WHERE id >= " + lo[k] + " AND id < " + (lo[k] + u);
        writeNanos.add(Alternation.time(() -> msg[0] = s.execute(sql).message()));
        messageIds.add(commitId(msg[0]));
        what.add("update amount + " + k + " where id in [" + lo[k] + ", " + (lo[k] + u) + ")");
        if (!msg[0].endsWith(": 0 inserted, " + u + " updated")) {
          wrong.add("update commit " + (k + 1) + " (`" + sql + "`) said `" + msg[0] + "`; expected 0 inserted, "
              + u + " updated");
        }
        Log.info("timetravel", "commit " + (k + 1) + ": " + msg[0] + " in " + Report.seconds(writeNanos.get(k)));
      }
      List<Object[]> shown = Fsql.query(s, "SHOW COMMITS FOR tt");
      Collections.reverse(shown);
      IngestBench.check(shown.size() == 10, "SHOW COMMITS lists " + shown.size() + " commits, not 10");
      List<String> ids = shown.stream().map(r -> (String) r[0]).toList();
      if (!ids.equals(messageIds)) {
        wrong.add("SHOW COMMITS ids " + ids + " differ from the INSERT messages' ids " + messageIds);
      }
      FeatureGroup group = Fsql.group(s, "tt");
      Path table = Fsql.path(group.location());
      List<Fsql.BaseFile> files = Fsql.baseFiles(table);
      for (int i = 0; i < 10; i++) {
        Object[] c = shown.get(i);
        String id = ids.get(i);
        List<Fsql.BaseFile> written = files.stream().filter(f -> f.instant().equals(id)).toList();
        commitRows.add(List.of(Integer.toString(i + 1), "`" + id + "`", String.valueOf(c[2]), what.get(i),
            String.format("%,d", (Long) c[3]), String.format("%,d", (Long) c[4]), Fsql.summary(written),
            Report.seconds(writeNanos.get(i))));
      }
      String c5 = ids.get(4);
      String c9 = ids.get(8);
      String c10 = ids.get(9);
      // What plain Hudi is given for "changes since commit 9": fsql's own resolution (completion + 1 ms).
      String begin = ((LocalDateTime) shown.get(8)[1]).plusNanos(1_000_000).format(HUDI);

      // ------------------------------------------------------------- expected answers (DuckDB)
      Agg expLatest = oracle(file, n, u, lo, 9, false);
      Agg expAsOf = oracle(file, n, u, lo, 4, false);
      Agg expChanges = oracle(file, n, u, lo, 9, true);

      String agg = "SELECT COUNT(*), SUM(amount), AVG(amount) FROM tt";
      String qLatest = agg + " WHERE " + WHERE;
      String qAsOf = agg + " AS OF COMMIT '" + c5 + "' WHERE " + WHERE;
      String qChanges = agg + " CHANGES SINCE COMMIT '" + c9 + "' WHERE " + WHERE;

      Series fLatest = new Series("fsql latest", n);
      Series fAsOf = new Series("fsql AS OF commit 5", n);
      Series fChanges = new Series("fsql CHANGES SINCE commit 9", u);
      Series pLatest = new Series("plain Hudi latest", n);
      Series pAsOf = new Series("plain Hudi as.of.instant", n);
      Series pChanges = new Series("plain Hudi incremental", u);
      String loc = group.location();
      Supplier<DataFrameReader> hudi = () -> spark.read().format("hudi").option("hoodie.metadata.enable", "false");
      Alternation.rounds("timetravel", warmups, runs, List.of(
          fsql(s, fLatest, qLatest, expLatest, wrong),
          fsql(s, fAsOf, qAsOf, expAsOf, wrong),
          fsql(s, fChanges, qChanges, expChanges, wrong),
          plain(pLatest, () -> hudi.get().load(loc), expLatest, wrong),
          plain(pAsOf, () -> hudi.get().option("as.of.instant", c5).load(loc), expAsOf, wrong),
          plain(pChanges, () -> hudi.get().option("hoodie.datasource.query.type", "incremental")
              .option("hoodie.datasource.read.incr.fallback.fulltablescan.enable", "false")
              .option("hoodie.datasource.read.begin.instanttime", begin).load(loc), expChanges, wrong)));

      // ------------------------------------------------------------- report
      report.param("rows", String.format("%,d", n) + "; updates: 9 commits of " + String.format("%,d", u)
              + " rows (1%) each, commit k+1 updating the contiguous id range [k*rows/10, k*rows/10 + rows/100)")
          .param("data", "`" + Options.benchDir().relativize(file) + "` (" + Report.bytes(Files.size(file))
              + ", DuckDB): " + DataGen.COLUMNS)
          .param("group", "`CREATE FEATURE GROUP tt (" + DataGen.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts` "
              + "(Hudi copy-on-write, non-partitioned, record key (id, ts), default retain_commits)")
          .param("queries", "`" + qLatest + "` (baseline); the same with `tt AS OF COMMIT '<5th>'`; the same with "
              + "`tt CHANGES SINCE COMMIT '<9th>'`")
          .param("method", warmups + " warm-up rounds discarded, then " + runs + " measured rounds; in every round "
              + "each of the 6 reads runs once, the order rotated each round; one session, one JVM, one "
              + "SparkSession; every result is checked against DuckDB (untimed)");

      report.section("Time travel and incremental reads (fsql)")
          .timings(List.of(
              Report.Line.of("latest snapshot, full scan (baseline)", fLatest, null),
              Report.Line.of("AS OF COMMIT 5th commit", fAsOf, fLatest),
              Report.Line.of("CHANGES SINCE COMMIT 9th commit (last commit's 1%)", fChanges, fLatest)),
              Report.Scale.SECONDS, "rows/s (rows read at median)", "time ratio to latest")
          .text("rows/s counts the rows of the snapshot for the latest and AS OF reads (" + String.format("%,d", n)
              + ") and the changed rows for the incremental read (" + String.format("%,d", u) + ").");

      List<List<String>> ctx = List.of(
          contextRow("latest snapshot", fLatest, pLatest, "baseline"),
          contextRow("AS OF 5th commit / `as.of.instant`", fAsOf, pAsOf,
              Report.fmt(pAsOf.median() / pLatest.median(), 2)),
          contextRow("changes since 9th commit / incremental query", fChanges, pChanges,
              Report.fmt(pChanges.median() / pLatest.median(), 2)));
      report.section("Context: the same reads with plain Spark + Hudi")
          .text("The same aggregate with DataFrames on the same table: `spark.read().format(\"hudi\")"
              + ".option(\"hoodie.metadata.enable\", \"false\")[.option(\"as.of.instant\", <5th>) | incremental with "
              + "begin.instanttime = 9th commit's completion + 1 ms].load(table).where(\"" + WHERE + "\").agg(count, sum, avg)`, "
              + "measured in the same rounds. The difference is fsql's parsing, Calcite planning, history "
              + "resolution and result conversion.")
          .table(List.of("read", "fsql median (s)", "plain Hudi median (s)", "time ratio fsql/plain",
              "plain Hudi time ratio to its latest"), ctx);

      List<Fsql.BaseFile> latest = Fsql.slice(files, null);
      List<Fsql.BaseFile> asOf = Fsql.slice(files, c5);
      List<Fsql.BaseFile> byLast = files.stream().filter(f -> f.instant().equals(c10)).toList();
      report.section("Table files")
          .text("Hudi base files of the group's table (`" + Options.benchDir().relativize(table) + "`), from the "
              + "file system (`<fileId>_<writeToken>_<commit>.parquet`). A copy-on-write upsert rewrites every "
              + "file group that holds an updated key, so the incremental read opens the files the last commit "
              + "wrote and filters them by `_hoodie_commit_time`; its cost follows the size of those files, not "
              + "the 1% of rows.")
          .table(List.of("files", "count and size"), List.of(
              List.of("all base files on disk (every retained version)", Fsql.summary(files)),
              List.of("file groups", Integer.toString(latest.size())),
              List.of("latest snapshot reads", Fsql.summary(latest)),
              List.of("AS OF the 5th commit reads", Fsql.summary(asOf)),
              List.of("written by the last (10th) commit: the incremental read opens", Fsql.summary(byLast))))
          .text("Where the keys are: the base files of the latest snapshot, read with DuckDB (untimed). When every "
              + "file spans (nearly) the whole id range, a contiguous key range cannot let a commit skip files.")
          .table(List.of("file group", "rows", "min id", "max id", "size"), keyRanges(table, latest))
          .text("The commits (`SHOW COMMITS FOR tt`, oldest first; files and sizes from the file system; write "
              + "time measured around `session.execute`):")
          .table(List.of("#", "commit", "operation", "what", "rows inserted", "rows updated",
              "base files written", "write time"), commitRows);

      report.section("Correctness")
          .text("Expected (COUNT, SUM, AVG) from DuckDB over the Parquet file and the update script: latest "
              + expLatest + ", AS OF 5th " + expAsOf + ", changes since 9th " + expChanges + ". "
              + (wrong.isEmpty() ? "Every measured result (fsql and plain Hudi, warm-up runs included) matched."
                  : "MISMATCHES:\n\n" + wrong.stream().distinct().map(w -> "- " + w).collect(Collectors.joining("\n"))));

      report.section("EXPLAIN of the three fsql queries");
      for (String q : List.of(qLatest, qAsOf, qChanges)) {
        String plan = Fsql.query(s, "EXPLAIN " + q).stream()
            .map(r -> Arrays.stream(r).map(String::valueOf).collect(Collectors.joining(" | ")))
            .collect(Collectors.joining("\n"));
        report.text("```\n" + "EXPLAIN " + q + "\n\n" + plan + "\n```");
      }
    }
    report.text("Total time of this benchmark: " + Report.elapsed(start) + ".");
    Path out = report.finish();
    Log.info("timetravel", "wrote " + out);
    // a wrong result fails the benchmark (non-zero exit), after the report that lists it is written
    IngestBench.check(wrong.isEmpty(), "timetravel: " + wrong.stream().distinct().count()
        + " wrong results (see " + out + "): " + wrong.stream().distinct().findFirst().orElse(""));
  }

  private static List<String> contextRow(String label, Series f, Series p, String plainRatio) {
    return List.of(label, Report.Scale.SECONDS.of(f.median()), Report.Scale.SECONDS.of(p.median()),
        Report.fmt(f.median() / p.median(), 2), plainRatio);
  }

  private static Alternation.Contender fsql(Session s, Series series, String sql, Agg expected, List<String> wrong) {
    return new Alternation.Contender(series, r -> {
      List<Object[]>[] rows = new List[1];
      long ns = Alternation.time(() -> rows[0] = Fsql.query(s, sql));
      Agg got = rows[0].size() == 1 ? Agg.of(rows[0].get(0)) : null;
      if (got == null || !got.matches(expected)) {
        wrong.add("fsql `" + sql + "` returned " + (got == null ? rows[0].size() + " rows" : got)
            + ", expected " + expected);
      }
      return ns;
    });
  }

  private static Alternation.Contender plain(Series series, Supplier<org.apache.spark.sql.Dataset<Row>> table,
      Agg expected, List<String> wrong) {
    return new Alternation.Contender(series, r -> {
      Row[] row = new Row[1];
      long ns = Alternation.time(() -> row[0] = table.get().where(WHERE)
          .agg(count(lit(1)), sum("amount"), avg("amount")).collectAsList().get(0));
      Agg got = Agg.of(new Object[] {row[0].get(0), row[0].get(1), row[0].get(2)});
      if (!got.matches(expected)) {
        wrong.add(series.name + " returned " + got + ", expected " + expected);
      }
      return ns;
    });
  }

  /** Rows and id range of each base file (DuckDB reads the Hudi base files directly). */
  private static List<List<String>> keyRanges(Path table, List<Fsql.BaseFile> files) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    List<Path> paths;
    try (var walk = Files.walk(table)) {
      paths = walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
    }
    for (Fsql.BaseFile f : files.stream().sorted(java.util.Comparator.comparing(Fsql.BaseFile::fileId)).toList()) {
      Path p = paths.stream().filter(x -> x.getFileName().toString().startsWith(f.fileId() + "_")
          && x.getFileName().toString().endsWith("_" + f.instant() + ".parquet")).findFirst().orElseThrow();
      List<Object> r = DataGen.oneRow("SELECT COUNT(*), MIN(id), MAX(id) FROM read_parquet('" + p + "')");
      rows.add(List.of("`" + f.fileId() + "`", String.format("%,d", ((Number) r.get(0)).longValue()),
          String.format("%,d", ((Number) r.get(1)).longValue()), String.format("%,d", ((Number) r.get(2)).longValue()),
          Report.bytes(f.bytes())));
    }
    return rows;
  }

  private static String commitId(String message) {
    Matcher m = Pattern.compile("^committed (\\S+) to ").matcher(message);
    IngestBench.check(m.find(), "unexpected INSERT message: " + message);
    return m.group(1);
  }

  /**
   * The expected aggregate, by DuckDB from the Parquet file: after the updates 1..{@code upTo}
   * (amount + k on ids [lo[k], lo[k] + u)); with {@code changesOnly}, only the rows of update
   * {@code upTo}.
   */
  private static Agg oracle(Path file, long n, long u, long[] lo, int upTo, boolean changesOnly) throws Exception {
    StringBuilder amount = new StringBuilder("CASE");
    for (int k = 1; k <= upTo; k++) {
      amount.append(" WHEN id >= ").append(lo[k]).append(" AND id < ").append(lo[k] + u)
          .append(" THEN amount + ").append(k);
    }
    amount.append(" ELSE amount END");
    String filter = WHERE + (changesOnly ? " AND id >= " + lo[upTo] + " AND id < " + (lo[upTo] + u) : "");
    List<Object> r = DataGen.oneRow("SELECT COUNT(*), SUM(a), AVG(a) FROM (SELECT " + amount + " AS a, id, qty "
        + "FROM read_parquet('" + file + "')) WHERE " + filter);
    return Agg.of(r.toArray());
  }
}
