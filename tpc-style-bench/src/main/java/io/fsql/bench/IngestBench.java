package io.fsql.bench;

import static org.apache.spark.sql.functions.col;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.offline.HudiOfflineStore;
import io.fsql.storage.spark.SparkRuntime;
import io.fsql.storage.spark.SparkTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * ingest ("fsql end to end"):
 *
 * <p>(a) the wall time of {@code bin/fsql sql --home <fresh> -e "CREATE ...; INSERT ...; SELECT ..."}
 * on a cold JVM (a child process per run, a fresh home each), against a cold child JVM that does
 * the same with plain Spark + Hudi (create 3 rows, write them with fsql's Hudi options, read them
 * back and aggregate): what fsql adds to the unavoidable JVM + Spark + Hudi start.
 *
 * <p>(b) a {@code rows}-row {@code INSERT INTO g SELECT * FROM read_parquet('<file>')} into a fresh
 * group against plain Spark reading the same file and plain Hudi writing it with
 * {@link HudiOfflineStore#writeOptions} into a fresh path; same JVM, same SparkSession, alternated.
 */
final class IngestBench {
  private IngestBench() {}

  static final String CLI_SQL = "CREATE FEATURE GROUP tx (id BIGINT, amount DOUBLE, cat VARCHAR, ts TIMESTAMP) "
      + "PRIMARY KEY (id) EVENT TIME ts; "
      + "INSERT INTO tx VALUES (1, 10.5, 'food', TIMESTAMP '2026-01-01 10:00:00'), "
      + "(2, 20.0, 'travel', TIMESTAMP '2026-01-01 11:00:00'), (3, 7.25, 'food', TIMESTAMP '2026-01-01 12:00:00'); "
      + "SELECT cat, COUNT(*) AS n, SUM(amount) AS total FROM tx GROUP BY cat ORDER BY cat";

  /**
   * The 10 expectations of part (c), one of each common kind, all holding for the generated data
   * (so both sides commit the same rows).
   */
  static final List<String> EXPECTATIONS = List.of(
      "EXPECTATION amount_positive CHECK (amount >= 0 AND price >= 0)",
      "EXPECTATION qty_range qty BETWEEN 1 AND 100",
      "EXPECTATION cat_like cat LIKE 'cat_%'",
      "EXPECTATION cat_regex cat MATCHES '^cat_[0-9]+$' ON VIOLATION DROP",
      "EXPECTATION price_present price NOT NULL ON VIOLATION WARN",
      "EXPECTATION row_count ROW COUNT BETWEEN 1 AND 100000000",
      "EXPECTATION amount_nulls NULL FRACTION (amount) <= 0.01",
      "EXPECTATION cat_distinct DISTINCT COUNT (cat) BETWEEN 1 AND 1000",
      "EXPECTATION qty_mean MEAN (qty) BETWEEN 1 AND 100",
      "EXPECTATION id_unique UNIQUE (id)");

  /**
   * Statements run (untimed) before each INSERT of part (c)'s validated side: the place to switch
   * on more of the same pass (e.g. statistics per commit) so it is measured together.
   */
  static final List<String> VALIDATION_SETTINGS = List.of("SET statistics = on");

  static List<Goal> run(Options o) throws Exception {
    long start = System.nanoTime();
    Path work = Options.dataDir().resolve("ingest");
    Fsql.deleteTree(work);
    Files.createDirectories(work);
    Report report = new Report(o, "ingest: fsql end to end vs plain Spark + Hudi");

    // ------------------------------------------------------------- (a) cold CLI
    int coldRuns = o.runs(3);
    // Cold runs cost ~15-30 s each: no warm-up round with --quick, to stay well under 3 minutes.
    int coldWarm = o.warmups != null ? o.warmups : o.quick ? 0 : 1;
    Series cli = new Series("bin/fsql cold", 3);
    Series direct = new Series("fsql JVM cold (bin/fsql's java command)", 3);
    Series plain = new Series("plain Spark+Hudi cold", 3);
    List<String> coldNotes = new ArrayList<>();
    int[] rebuilds = new int[2];
    // -Dingest.parts=bc (in BENCH_JAVA_OPTS) runs only parts (b) and (c); the default is all of them.
    String parts = System.getProperty("ingest.parts", "abc");
    boolean coldPart = parts.contains("a");
    boolean bulkPart = parts.contains("b");
    if (coldPart) {
      Alternation.rounds("ingest", coldWarm, coldRuns, List.of(
          new Alternation.Contender(cli, r -> cliRun(work.resolve("cold/bin-fsql-" + r), coldNotes, rebuilds,
              r < coldWarm)),
          new Alternation.Contender(direct, r -> directRun(work.resolve("cold/java-fsql-" + r))),
          new Alternation.Contender(plain, r -> plainColdRun(work.resolve("cold/plain-" + r)))));
    }

    // ------------------------------------------------------------- (b) bulk INSERT
    int runs = o.runs(3);
    int warmups = o.warmups(1);
    Path file = DataGen.parquet(o.rows, "ingest");
    Path home = work.resolve("home");
    Path baselineDir = work.resolve("baseline");
    Series fs = new Series("fsql INSERT ... read_parquet", o.rows);
    Series bs = new Series("plain Spark read + Hudi write", o.rows);
    Series ss = new Series("fsql INSERT ... read_parquet, statistics on", o.rows);
    List<String> castNote = new ArrayList<>();
    List<List<String>> layout = new ArrayList<>();
    long sparkStart;
    try (FsqlEngine engine = FsqlHome.open(home); Session s = engine.openSession()) {
      long t0 = System.nanoTime();
      SparkSession spark = SparkRuntime.session();
      sparkStart = System.nanoTime() - t0;
      String groupCols = "(" + DataGen.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts";
      if (bulkPart) Alternation.rounds("ingest", warmups, runs, List.of(
          new Alternation.Contender(ss, r -> {
            // the same INSERT with statistics on (the default): what computing them costs
            String g = "stat_" + r;
            s.execute("CREATE FEATURE GROUP " + g + " " + groupCols);
            s.execute("SET statistics = on");
            String[] msg = new String[1];
            long ns = Alternation.time(() -> msg[0] = s.execute(
                "INSERT INTO " + g + " SELECT * FROM read_parquet('" + file + "')").message());
            check(msg[0].endsWith(": " + o.rows + " inserted, 0 updated"), "fsql INSERT said: " + msg[0]);
            long columns = Fsql.query(s, "SHOW STATISTICS FOR " + g).size();
            check(columns == Fsql.group(s, g).columns().size(), "group " + g + " has statistics of " + columns
                + " columns");
            return ns;
          }),
          new Alternation.Contender(fs, r -> {
            String g = "ing_" + r;
            s.execute("CREATE FEATURE GROUP " + g + " " + groupCols);
            s.execute("SET statistics = off");
            String[] msg = new String[1];
            long ns = Alternation.time(() -> msg[0] = s.execute(
                "INSERT INTO " + g + " SELECT * FROM read_parquet('" + file + "')").message());
            check(msg[0].endsWith(": " + o.rows + " inserted, 0 updated"), "fsql INSERT said: " + msg[0]);
            long n = ((Number) Fsql.query(s, "SELECT COUNT(*) FROM " + g).get(0)[0]).longValue();
            check(n == o.rows, "fsql group " + g + " has " + n + " rows, not " + o.rows);
            if (r == warmups + runs - 1) {
              layout.add(List.of("fsql (" + g + ")", Fsql.summary(Fsql.baseFiles(
                  Fsql.path(Fsql.group(s, g).location())))));
            }
            return ns;
          }),
          new Alternation.Contender(bs, r -> {
            // A group that fsql never writes: only its Hudi write options are used.
            String g = "base_" + r;
            s.execute("CREATE FEATURE GROUP " + g + " " + groupCols);
            FeatureGroup group = Fsql.group(s, g);
            Map<String, String> options = HudiOfflineStore.writeOptions(group);
            StructType want = SparkTypes.schema(group.columns());
            String path = baselineDir.resolve(g).toUri().toString();
            long ns = Alternation.time(() -> {
              Dataset<Row> df = spark.read().parquet(file.toString());
              if (!sameTypes(df.schema(), want)) {
                // Only if the file's types differ from the group's: cast as fsql does.
                castNote.add(df.schema().simpleString() + " cast to " + want.simpleString());
                df = df.select(Arrays.stream(want.fields())
                    .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
                    .toArray(org.apache.spark.sql.Column[]::new));
              }
              // rows as fsql hands them to Hudi (a sorted layout's first load sorted by record key)
              df = io.fsql.storage.offline.TableLayout.forWrite(df, group,
                  io.fsql.storage.offline.TableLayout.bulkLoad(group, false));
              df.write().format("hudi").options(options).mode(SaveMode.Append).save(path);
            });
            long n = spark.read().format("hudi").option("hoodie.metadata.enable", "false").load(path).count();
            check(n == o.rows, "baseline table " + path + " has " + n + " rows, not " + o.rows);
            if (r == warmups + runs - 1) {
              layout.add(List.of("baseline (" + g + ")", Fsql.summary(Fsql.baseFiles(Fsql.path(path)))));
            }
            return ns;
          })));
    }

    // ------------------------------------------------------------- (c) INSERT with expectations
    boolean expectationsPart = parts.contains("c");
    Series plainInsert = new Series("fsql INSERT, no expectations, statistics off", o.rows);
    Series validated = new Series("fsql INSERT, 10 expectations, statistics on", o.rows);
    // -Dingest.lever=<boolean system property of the engine>: the validated INSERT again with it true (a lever's effect in one run)
    String lever = System.getProperty("ingest.lever", "");
    Series levered = new Series("fsql INSERT, 10 expectations, statistics on, -D" + lever + "=true", o.rows);
    if (expectationsPart) try (FsqlEngine engine = FsqlHome.open(home); Session s = engine.openSession()) {
      String groupCols = "(" + DataGen.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts";
      String checked = "(" + DataGen.COLUMNS + ", " + String.join(", ", EXPECTATIONS)
          + ") PRIMARY KEY (id) EVENT TIME ts";
      String insert = " SELECT * FROM read_parquet('" + file + "')";
      List<Alternation.Contender> contenders = new ArrayList<>();
      contenders.add(
          new Alternation.Contender(plainInsert, r -> {
            String g = "noexp_" + r;
            s.execute("CREATE FEATURE GROUP " + g + " " + groupCols);
            s.execute("SET statistics = off");
            String[] msg = new String[1];
            long ns = Alternation.time(() -> msg[0] = s.execute("INSERT INTO " + g + insert).message());
            check(msg[0].endsWith(": " + o.rows + " inserted, 0 updated"), "fsql INSERT said: " + msg[0]);
            return ns;
          }));
      contenders.add(new Alternation.Contender(validated, r -> {
            String g = "exp_" + r;
            s.execute("CREATE FEATURE GROUP " + g + " " + checked);
            for (String setting : VALIDATION_SETTINGS) {
              s.execute(setting);
            }
            String[] msg = new String[1];
            long ns = Alternation.time(() -> msg[0] = s.execute("INSERT INTO " + g + insert).message());
            check(msg[0].endsWith(": " + o.rows + " inserted, 0 updated; expectations: 10 of 10 passed"),
                "fsql INSERT with expectations said: " + msg[0]);
            long reports = Fsql.query(s, "SHOW VALIDATIONS FOR " + g).size();
            check(reports == 10, g + " has " + reports + " validation reports, not 10");
            return ns;
          }));
      if (!lever.isEmpty()) {
        Alternation.Timed checkedInsert = contenders.get(1).task();
        contenders.add(new Alternation.Contender(levered, r -> {
          System.setProperty(lever, "true");
          try {
            return checkedInsert.run(r + 1000);
          } finally {
            System.clearProperty(lever);
          }
        }));
      }
      Alternation.rounds("ingest", warmups, runs, contenders);
    }

    report.param("rows", String.format("%,d", o.rows))
        .param("data", "`" + Options.benchDir().relativize(file) + "` (" + Report.bytes(Files.size(file))
            + ", generated once with DuckDB): " + DataGen.COLUMNS)
        .param("Spark", SparkRuntime.session().version() + " " + SparkRuntime.session().sparkContext().master()
            + " (started in " + Report.seconds(sparkStart) + " before the measurements)");

    report.section("(a) bin/fsql on a cold JVM");
    if (!coldPart) {
      report.text("Skipped in this run (`-Dingest.parts=" + parts + "`).");
    } else {
      report.text("Each run is a child process with a fresh home: `bin/fsql sql --home <fresh dir> -e \"" + CLI_SQL
            + "\"`, wall time from start to exit. Baseline: a child JVM with the same JVM flags and class path "
            + "(`io.fsql.bench.Main cold-baseline <dir>`) that starts the same SparkSession, writes the same "
            + "3 rows with plain Hudi (fsql's write options) and reads them back with the same aggregate. "
            + coldWarm + " warm-up round(s) discarded (it also lets bin/fsql rebuild if sources changed), then "
            + coldRuns + " rounds, alternated.")
        .timings(List.of(
            Report.Line.of("plain Spark + Hudi, cold JVM (baseline)", plain, null),
            Report.Line.of("bin/fsql sql -e (CREATE; INSERT 3 rows; SELECT)", cli, plain),
            Report.Line.of("the same without the launcher's build check: `java <flags> -cp "
                + "flight-server/target/... io.fsql.server.FsqlCli sql -e ...`", direct, plain)),
            Report.Scale.SECONDS, "statements/s (3 per run)", "time ratio to baseline")
        .text("bin/fsql rebuilt the project (\"fsql: building\") in " + rebuilds[1] + " of " + coldRuns
            + " measured runs" + (coldWarm > 0 ? " and " + rebuilds[0] + " of " + coldWarm + " warm-up runs" : "")
            + "; a measured run's time includes its rebuild. The second fsql row runs exactly the JVM command "
            + "that bin/fsql ends with (`exec java $(cat flight-server/target/jvm.options) -cp "
            + "\"flight-server/target/fsql-flight-server-*.jar:flight-server/target/lib/*\" io.fsql.server.FsqlCli "
            + "sql ...`), so it is the cold-JVM cost of fsql itself.");
    }
    for (String n : coldNotes) {  // none when (a) was skipped
      report.text(n);
    }

    report.section("(b) " + String.format("%,d", o.rows) + "-row INSERT from Parquet");
    if (!bulkPart) {
      report.text("Skipped in this run (`-Dingest.parts=" + parts + "`).");
    } else report
        .text("fsql: `INSERT INTO ing_<r> SELECT * FROM read_parquet('<file>')` into a group created (untimed) "
            + "just before, `" + "(" + DataGen.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts`; the time covers "
            + "planning, fsql's row checks (NULL keys, repeated keys) and the Hudi upsert commit, with `SET "
            + "statistics = off`; the same INSERT with statistics on (per column count, NULLs, HyperLogLog "
            + "distinct count, min, max, mean, stddev, quantiles, a 20-bin histogram or top-10 values, stored "
            + "in the catalog) is compared with it. Baseline: "
            + "`spark.read().parquet(file).write().format(\"hudi\").options(HudiOfflineStore.writeOptions(group))"
            + ".mode(Append).save(<fresh path>)` in the same JVM and SparkSession. Every run writes a fresh table; "
            + warmups + " warm-up round(s) discarded, then " + runs + " rounds alternated (A B, B A, ...). "
            + "Row counts of both tables are checked after every run (untimed).")
        .timings(List.of(
            Report.Line.of("plain Spark read + Hudi write (baseline)", bs, null),
            Report.Line.of("fsql INSERT INTO g SELECT * FROM read_parquet(...)", fs, bs),
            Report.Line.of("fsql INSERT, statistics on (ratio to fsql with them off)", ss, fs)),
            Report.Scale.SECONDS, "rows/s (at median)", "time ratio fsql/baseline")
        .text("Table layout after the last run (base files under the table directory, same write options):")
        .table(List.of("table", "base files"), layout);
    if (!castNote.isEmpty()) {
      report.text("Note: the baseline had to cast the file's columns: " + castNote.get(0));
    }
    report.section("(c) " + String.format("%,d", o.rows) + "-row INSERT with 10 expectations and statistics");
    if (!expectationsPart) {
      report.text("Skipped in this run (`-Dingest.parts=" + parts + "`).");
    } else report
        .text("The same `INSERT INTO g SELECT * FROM read_parquet('<file>')` into a fresh group without "
            + "expectations, and into one declared with these 10 (all hold for the data, so both commit "
            + "every row; the validated side also stores 10 validation reports): `"
            + String.join("`, `", EXPECTATIONS) + "`. The 10 rules and the simple statistics are computed in one "
            + "code-generated Spark aggregation over the persisted rows of the INSERT, the distinct-count and "
            + "quantile sketches, the exact distinct counts of integer, date and timestamp columns, the histograms' bins "
            + "and the string columns' value counts (top values) in one loop over the same rows, all before the write. "
            + (VALIDATION_SETTINGS.isEmpty() ? "" : "Set before each validated INSERT: `"
                + String.join("; ", VALIDATION_SETTINGS) + "`. ")
            + warmups + " warm-up round(s) discarded, then " + runs + " rounds alternated.")
        .timings(leverLines(lever, levered, plainInsert, List.of(
            Report.Line.of("fsql INSERT, no expectations, statistics off (baseline)", plainInsert, null),
            Report.Line.of("fsql INSERT, 10 expectations and statistics on", validated, plainInsert))),
            Report.Scale.SECONDS, "rows/s (at median)", "time ratio with/without (goal <= 1.25)");
    report.text("Total time of this benchmark: " + Report.elapsed(start) + ".");
    Path out = report.finish();
    Log.info("ingest", "wrote " + out);
    List<Goal> goals = new java.util.ArrayList<>(Goals.ingest(cli, plain, fs, bs));
    if (expectationsPart) {
      goals.add(Goal.atMost("ingest", String.format("%,d", o.rows) + "-row INSERT with 10 expectations and statistics / without either (time)",
          validated.median() / plainInsert.median(), 1.25).from("issue 11"));
    }
    return goals;
  }

  private static boolean sameTypes(StructType a, StructType b) {
    if (a.fields().length != b.fields().length) {
      return false;
    }
    for (int i = 0; i < a.fields().length; i++) {
      StructField x = a.fields()[i];
      StructField y = b.fields()[i];
      if (!x.name().equals(y.name()) || !x.dataType().equals(y.dataType())) {
        return false;
      }
    }
    return true;
  }

  static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  /**
   * One cold run of bin/fsql in a child process; returns its wall time. When the launcher's build
   * fails (another engineer mid-change), waits a minute and tries again (up to 10 times); only the
   * successful attempt is timed.
   */
  private static long cliRun(Path dir, List<String> notes, int[] rebuilds, boolean warmup) throws Exception {
    Path fsql = Options.repoRoot().resolve("bin/fsql");
    for (int attempt = 1; ; attempt++) {
      Path d = dir.resolve("attempt-" + attempt);
      Files.createDirectories(d);
      ProcessBuilder pb = new ProcessBuilder(fsql.toString(), "sql", "--home", d.resolve("home").toString(),
          "-e", CLI_SQL);
      String[] out = child(pb, d, false);
      if (!"0".equals(out[3]) && out[1].contains("fsql: the build failed") && attempt < 10) {
        Log.info("ingest", "bin/fsql could not build the project (another module mid-change?); retrying in 60 s");
        Thread.sleep(60_000);
        continue;
      }
      check("0".equals(out[3]), "bin/fsql exited with " + out[3] + ":\n" + out[0] + out[1]);
      if (out[1].contains("fsql: building")) {
        rebuilds[warmup ? 0 : 1]++;
      }
      if (attempt > 1) {
        notes.add("Note: a " + (warmup ? "warm-up" : "measured") + " bin/fsql run needed " + attempt
            + " attempts because the project did not compile at the time (another module mid-change); "
            + "only the successful attempt is timed.");
      }
      checkCliOutput(out);
      return Long.parseLong(out[2]);
    }
  }

  private static void checkCliOutput(String[] out) {
    check(out[0].contains("food") && out[0].contains("17.75") && out[0].contains("travel")
        && out[0].contains("(2 rows)"), "unexpected fsql output:\n" + out[0] + out[1]);
  }

  /** The JVM command bin/fsql ends with, without its build check. */
  private static long directRun(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path target = Options.repoRoot().resolve("flight-server/target");
    String jar;
    try (var files = Files.list(target)) {
      jar = files.map(Path::toString).filter(f -> f.matches(".*/fsql-flight-server-[^/]*\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("no flight-server jar in " + target));
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(Arrays.asList(Files.readString(target.resolve("jvm.options")).trim().split("\\s+")));
    cmd.addAll(List.of("-cp", jar + ":" + target.resolve("lib") + "/*", "io.fsql.server.FsqlCli",
        "sql", "--home", dir.resolve("home").toString(), "-e", CLI_SQL));
    String[] out = child(new ProcessBuilder(cmd), dir, true);
    checkCliOutput(out);
    return Long.parseLong(out[2]);
  }

  private static long plainColdRun(Path dir) throws Exception {
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    Path opts = Options.benchDir().resolve("target/jvm.options");
    cmd.addAll(Arrays.asList(Files.readString(opts).trim().split("\\s+")));
    cmd.addAll(List.of("-Dbench.dir=" + Options.benchDir(), "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "cold-baseline", dir.resolve("table").toString()));
    String[] out = child(new ProcessBuilder(cmd), dir, true);
    check(out[0].contains("[food,2,17.75]") && out[0].contains("[travel,1,20.0]"),
        "unexpected cold baseline output:\n" + out[0] + out[1]);
    return Long.parseLong(out[2]);
  }

  /** Runs a child to completion: {stdout, stderr, nanoseconds, exit code}. */
  private static String[] child(ProcessBuilder pb, Path dir, boolean mustSucceed) throws Exception {
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("FSQL_JAVA_OPTS");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(
        new java.io.File("/dev/null")));
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("child did not finish in 30 minutes: " + pb.command());
    }
    long ns = System.nanoTime() - t0;
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    check(!mustSucceed || p.exitValue() == 0, "child exited with " + p.exitValue() + ": " + pb.command().get(0)
        + "\n" + out + err);
    return new String[] {out, err, Long.toString(ns), Integer.toString(p.exitValue())};
  }

  /** {@code lines} and, with a lever named, the line of the validated INSERT with it set. */
  private static List<Report.Line> leverLines(String lever, Series levered, Series baseline, List<Report.Line> lines) {
    if (lever.isEmpty()) {
      return lines;
    }
    List<Report.Line> all = new ArrayList<>(lines);
    all.add(Report.Line.of("the same with -D" + lever + "=true (a lever off)", levered, baseline));
    return all;
  }

}
