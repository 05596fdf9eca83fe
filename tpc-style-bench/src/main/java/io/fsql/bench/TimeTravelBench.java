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
 * timetravel ("Commits you can travel to"), in both table layouts side by side (a group
 * {@code WITH (layout = 'sorted')}, the default, and one {@code WITH (layout = 'cow')}, today's): a
 * group of {@code rows} rows loaded from Parquet (commit 1, its time measured), then 9 commits that
 * each update 1% of the rows (a contiguous id range per commit, each timed), 10 commits in all.
 * Measured, alternated in the same session: the aggregate on the latest snapshot (the baseline),
 * the same aggregate AS OF COMMIT the 5th commit, and the same aggregate over CHANGES SINCE COMMIT
 * the 9th commit (the last commit's 1%). For context, the same three reads with plain Spark + Hudi
 * DataFrames on the same tables. Every result is checked against DuckDB computing the expected
 * answer from the Parquet file and the update script. Returns the goals of issue 13 item 4.
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

  /** One group's table in one layout, and what was measured on it. */
  private static final class Table {
    final String layout;
    final String name;
    final Series update;
    final List<String> ids = new ArrayList<>();
    final List<List<String>> commitRows = new ArrayList<>();
    Series fLatest;
    Series fAsOf;
    Series fChanges;
    Series pLatest;
    Series pAsOf;
    Series pChanges;
    String location;
    Path path;
    List<Fsql.BaseFile> files;

    Table(String layout, String name, long u) {
      this.layout = layout;
      this.name = name;
      this.update = new Series(layout + ": update commit (1%)", u);
    }

    String create() {
      return "CREATE FEATURE GROUP " + name + " (" + DataGen.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts"
          + " WITH (layout = '" + layout + "')";
    }
  }

  static List<Goal> run(Options o) throws Exception {
    long start = System.nanoTime();
    int runs = o.runs(5);
    int warmups = o.warmups(2);
    // The reads' warm-up rounds: the incremental read runs through code no other part of the run
    // warms (the parser and Calcite's interpreter per query, the Arrow reader), which the JIT
    // compiles over tens of runs, while the full scans run on Spark code the loads and updates
    // have already warmed; with 2 rounds the comparison was between cold and warm code.
    int readWarmups = o.warmups(10);
    int loads = o.quick ? 1 : 3;
    // full-size loads per layout before the measured ones, untimed: a 1,000-row load leaves the JIT
    // cold for the million-row code paths, and whichever layout loads first in a JVM pays for that
    int loadWarmups = o.quick ? 0 : warmups;
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
    Report report = new Report(o, "timetravel: writes, AS OF and incremental reads, table layout sorted vs cow");
    String load = "SELECT * FROM read_parquet('" + file + "')";

    List<String> wrong = new ArrayList<>();
    List<Goal> goals = new ArrayList<>();
    Table cow = new Table("cow", "tt_cow", u);
    Table sorted = new Table("sorted", "tt", u);
    List<Table> tables = List.of(cow, sorted);
    Series loadCow = new Series("cow: first load (upsert)", n);
    Series loadSorted = new Series("sorted: first load (bulk insert sorted by key)", n);
    try (FsqlEngine engine = FsqlHome.open(work.resolve("home")); Session s = engine.openSession()) {
      SparkSession spark = SparkRuntime.session();
      for (Table t : tables) {
        s.execute(t.create());
      }

      // ------------------------------------------------------------- first loads, alternated
      // Untimed warm-up: Spark's first jobs and Hudi's first write in this JVM, in both layouts.
      for (Table t : tables) {
        s.execute(t.create().replace("GROUP " + t.name + " ", "GROUP " + t.name + "_warm "));
        s.execute("INSERT INTO " + t.name + "_warm " + load + " WHERE id < 1000");
        s.execute("DROP FEATURE GROUP " + t.name + "_warm");
      }
      for (int r = 0; r < loadWarmups; r++) {
        for (Table t : r % 2 == 0 ? tables : List.of(sorted, cow)) {
          String g = t.name + "_warm" + r;
          s.execute(t.create().replace("GROUP " + t.name + " ", "GROUP " + g + " "));
          long ns = Alternation.time(() -> s.execute("INSERT INTO " + g + " " + load));
          Log.info("timetravel", "warm-up load " + (r + 1) + "/" + loadWarmups + " " + g + " in " + Report.seconds(ns));
          s.execute("DROP FEATURE GROUP " + g);
        }
      }
      // Round 0 loads the two measured groups; further rounds load throwaway groups (dropped).
      String[] msg = new String[1];
      for (int r = 0; r < loads; r++) {
        List<Table> order = r % 2 == 0 ? tables : List.of(sorted, cow);
        for (Table t : order) {
          String g = t.name;
          if (r > 0) {
            g = t.name + "_load" + r;
            s.execute(t.create().replace("GROUP " + t.name + " ", "GROUP " + g + " "));
          }
          String target = g;
          long ns = Alternation.time(() -> msg[0] = s.execute("INSERT INTO " + target + " " + load).message());
          (t == cow ? loadCow : loadSorted).add(ns);
          IngestBench.check(msg[0].endsWith(": " + n + " inserted, 0 updated"), "load of " + g + " said: " + msg[0]);
          Log.info("timetravel", "load " + (r + 1) + "/" + loads + " " + g + ": " + msg[0] + " in " + Report.seconds(ns));
          if (r == 0) {
            t.ids.add(commitId(msg[0]));
            t.commitRows.add(new ArrayList<>(List.of("load: all " + String.format("%,d", n) + " rows",
                Report.seconds(ns))));
          } else {
            s.execute("DROP FEATURE GROUP " + g);
          }
        }
      }
      long differ = differences(spark, Fsql.group(s, sorted.name).location(), Fsql.group(s, cow.name).location());
      if (differ != 0) {
        wrong.add("after the first load, the sorted and cow tables differ in " + differ + " rows (EXCEPT ALL both ways)");
      }

      // ------------------------------------------------------------- 9 update commits, alternated
      for (int k = 1; k <= 9; k++) {
        String upd = " SELECT id, amount + " + k + ", price, qty, cat, flag, day, ts "
            + "FROM read_parquet('" + file + "') WHERE id >= " + lo[k] + " AND id < " + (lo[k] + u);
        for (Table t : k % 2 == 0 ? tables : List.of(sorted, cow)) {
          String sql = "INSERT INTO " + t.name + upd;
          long ns = Alternation.time(() -> msg[0] = s.execute(sql).message());
          t.update.add(ns);
          t.ids.add(commitId(msg[0]));
          t.commitRows.add(new ArrayList<>(List.of("update amount + " + k + " where id in [" + lo[k] + ", "
              + (lo[k] + u) + ")", Report.seconds(ns))));
          if (!msg[0].endsWith(": 0 inserted, " + u + " updated")) {
            wrong.add("update commit " + (k + 1) + " of " + t.name + " (`" + sql + "`) said `" + msg[0]
                + "`; expected 0 inserted, " + u + " updated");
          }
          Log.info("timetravel", t.name + " commit " + (k + 1) + ": " + msg[0] + " in " + Report.seconds(ns));
        }
      }

      // ------------------------------------------------------------- expected answers (DuckDB)
      Agg expLatest = oracle(file, n, u, lo, 9, false);
      Agg expAsOf = oracle(file, n, u, lo, 4, false);
      Agg expChanges = oracle(file, n, u, lo, 9, true);

      List<Alternation.Contender> contenders = new ArrayList<>();
      List<String> queries = new ArrayList<>();
      for (Table t : tables) {
        List<Object[]> shown = Fsql.query(s, "SHOW COMMITS FOR " + t.name);
        Collections.reverse(shown);
        IngestBench.check(shown.size() == 10, "SHOW COMMITS lists " + shown.size() + " commits of " + t.name + ", not 10");
        List<String> ids = shown.stream().map(r -> (String) r[0]).toList();
        if (!ids.equals(t.ids)) {
          wrong.add("SHOW COMMITS ids of " + t.name + " " + ids + " differ from the INSERT messages' ids " + t.ids);
        }
        FeatureGroup group = Fsql.group(s, t.name);
        t.location = group.location();
        t.path = Fsql.path(group.location());
        t.files = Fsql.baseFiles(t.path);
        for (int i = 0; i < 10; i++) {
          Object[] c = shown.get(i);
          String id = ids.get(i);
          List<Fsql.BaseFile> written = t.files.stream().filter(f -> f.instant().equals(id)).toList();
          List<String> row = t.commitRows.get(i);
          t.commitRows.set(i, List.of(Integer.toString(i + 1), "`" + id + "`", String.valueOf(c[2]), row.get(0),
              String.format("%,d", (Long) c[3]), String.format("%,d", (Long) c[4]), Fsql.summary(written), row.get(1)));
        }
        String c5 = ids.get(4);
        String c9 = ids.get(8);
        // What plain Hudi is given for "changes since commit 9": fsql's own resolution (completion + 1 ms).
        String begin = ((LocalDateTime) shown.get(8)[1]).plusNanos(1_000_000).format(HUDI);

        String agg = "SELECT COUNT(*), SUM(amount), AVG(amount) FROM " + t.name;
        String qLatest = agg + " WHERE " + WHERE;
        String qAsOf = agg + " AS OF COMMIT '" + c5 + "' WHERE " + WHERE;
        String qChanges = agg + " CHANGES SINCE COMMIT '" + c9 + "' WHERE " + WHERE;
        if (t == sorted) {
          queries.addAll(List.of(qLatest, qAsOf, qChanges));
        }
        t.fLatest = new Series(t.layout + ": fsql latest", n);
        t.fAsOf = new Series(t.layout + ": fsql AS OF commit 5", n);
        t.fChanges = new Series(t.layout + ": fsql CHANGES SINCE commit 9", u);
        t.pLatest = new Series(t.layout + ": plain Hudi latest", n);
        t.pAsOf = new Series(t.layout + ": plain Hudi as.of.instant", n);
        t.pChanges = new Series(t.layout + ": plain Hudi incremental", u);
        String loc = t.location;
        Supplier<DataFrameReader> hudi = () -> spark.read().format("hudi").option("hoodie.metadata.enable", "false");
        contenders.addAll(List.of(
            fsql(s, t.fLatest, qLatest, expLatest, wrong),
            fsql(s, t.fAsOf, qAsOf, expAsOf, wrong),
            fsql(s, t.fChanges, qChanges, expChanges, wrong),
            plain(t.pLatest, () -> hudi.get().load(loc), expLatest, wrong),
            plain(t.pAsOf, () -> hudi.get().option("as.of.instant", c5).load(loc), expAsOf, wrong),
            plain(t.pChanges, () -> hudi.get().option("hoodie.datasource.query.type", "incremental")
                .option("hoodie.datasource.read.incr.fallback.fulltablescan.enable", "false")
                .option("hoodie.datasource.read.begin.instanttime", begin).load(loc), expChanges, wrong)));
      }
      differ = differences(spark, sorted.location, cow.location);
      if (differ != 0) {
        wrong.add("after the 10 commits, the sorted and cow tables differ in " + differ + " rows (EXCEPT ALL both ways)");
      }
      Alternation.rounds("timetravel", readWarmups, runs, contenders);

      // ------------------------------------------------------------- goals (issue 13 item 4)
      double updateRatio = sorted.update.median() / cow.update.median();
      double incrRatio = sorted.fChanges.median() / sorted.fLatest.median();
      double snapRatio = sorted.fLatest.median() / cow.fLatest.median();
      double loadSpeedup = loadCow.median() / loadSorted.median();
      goals.add(Goal.atMost("timetravel", "update commit of 1%, sorted/cow (time)", updateRatio, 0.3));
      goals.add(Goal.atMost("timetravel", "CHANGES SINCE of a 1% commit / full scan, sorted layout (time)", incrRatio, 0.25));
      goals.add(Goal.atMost("timetravel", "snapshot read, sorted/cow (time)", snapRatio, 1.2));
      goals.add(Goal.atLeast("timetravel", "first load speed-up, cow upsert time / sorted bulk insert time", loadSpeedup, 2));

      // ------------------------------------------------------------- report
      report.param("rows", String.format("%,d", n) + "; updates: 9 commits of " + String.format("%,d", u)
              + " rows (1%) each, commit k+1 updating the contiguous id range [k*rows/10, k*rows/10 + rows/100)")
          .param("data", "`" + Options.benchDir().relativize(file) + "` (" + Report.bytes(Files.size(file))
              + ", DuckDB): " + DataGen.COLUMNS)
          .param("groups", "`CREATE FEATURE GROUP tt (" + DataGen.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts "
              + "WITH (layout = 'sorted')` (the default of new groups) and the same as `tt_cow` `WITH (layout = 'cow')` "
              + "(the layout of every group created before layouts existed); both Hudi copy-on-write, "
              + "non-partitioned, record key (id, ts), default retain_commits")
          .param("writes", "first loads `INSERT INTO <g> " + load.replace(file.toString(), "<data>") + "`, after an "
              + "untimed warm-up load of 1,000 rows per layout and " + loadWarmups
              + " untimed full-size load(s) per layout alternated (into throwaway groups); " + loads + " per layout alternated (the first into the measured groups, the others into throwaway groups); "
              + "then the 9 update commits, the two layouts alternated (which goes first flips every commit); "
              + "write time measured around `session.execute`")
          .param("queries", "`" + queries.get(0) + "` (baseline); the same with `tt AS OF COMMIT '<5th>'`; the same with "
              + "`tt CHANGES SINCE COMMIT '<9th>'`; the same three on `tt_cow`")
          .param("method", readWarmups + " warm-up rounds discarded, then " + runs + " measured rounds; in every round "
              + "each of the 12 reads runs once, the order rotated each round; one session, one JVM, one "
              + "SparkSession; every result is checked against DuckDB, and the two layouts' tables against each "
              + "other (untimed)");

      report.section("Goals (issue 13 item 4)")
          .table(Goal.HEADER, goals.stream().map(Goal::cells).toList());

      report.section("Writes")
          .timings(List.of(
              Report.Line.of(loadCow.name, loadCow, null),
              Report.Line.of(loadSorted.name, loadSorted, loadCow),
              Report.Line.of(cow.update.name, cow.update, null),
              Report.Line.of(sorted.update.name, sorted.update, cow.update)),
              Report.Scale.SECONDS, "rows/s (rows written at median)", "time ratio to cow")
          .text("The update rows are the 9 update commits of each layout (commit k of one layout ran next to commit k "
              + "of the other). The first load of the sorted layout is one Hudi `bulk_insert` sorted by record key "
              + "(GLOBAL_SORT): no index lookup and no merge; fsql has already refused repeated keys in the input "
              + "(the same check as every INSERT), and uses it only when the table has no completed commit.");

      report.section("Time travel and incremental reads (fsql)")
          .timings(List.of(
              Report.Line.of("cow: latest snapshot, full scan", cow.fLatest, null),
              Report.Line.of("cow: AS OF COMMIT 5th commit", cow.fAsOf, cow.fLatest),
              Report.Line.of("cow: CHANGES SINCE COMMIT 9th commit (last commit's 1%)", cow.fChanges, cow.fLatest),
              Report.Line.of("sorted: latest snapshot, full scan", sorted.fLatest, null),
              Report.Line.of("sorted: AS OF COMMIT 5th commit", sorted.fAsOf, sorted.fLatest),
              Report.Line.of("sorted: CHANGES SINCE COMMIT 9th commit (last commit's 1%)", sorted.fChanges, sorted.fLatest)),
              Report.Scale.SECONDS, "rows/s (rows read at median)", "time ratio to the same layout's latest")
          .timings(List.of(
              Report.Line.of("cow: latest snapshot", cow.fLatest, null),
              Report.Line.of("sorted: latest snapshot", sorted.fLatest, cow.fLatest),
              Report.Line.of("cow: AS OF COMMIT 5th commit", cow.fAsOf, null),
              Report.Line.of("sorted: AS OF COMMIT 5th commit", sorted.fAsOf, cow.fAsOf),
              Report.Line.of("cow: CHANGES SINCE COMMIT 9th", cow.fChanges, null),
              Report.Line.of("sorted: CHANGES SINCE COMMIT 9th", sorted.fChanges, cow.fChanges)),
              Report.Scale.SECONDS, "rows/s (rows read at median)", "time ratio sorted/cow")
          .text("rows/s counts the rows of the snapshot for the latest and AS OF reads (" + String.format("%,d", n)
              + ") and the changed rows for the incremental read (" + String.format("%,d", u) + ").");

      List<List<String>> ctx = new ArrayList<>();
      for (Table t : tables) {
        ctx.add(contextRow(t.layout + ": latest snapshot", t.fLatest, t.pLatest, "baseline"));
        ctx.add(contextRow(t.layout + ": AS OF 5th commit / `as.of.instant`", t.fAsOf, t.pAsOf,
            Report.fmt(t.pAsOf.median() / t.pLatest.median(), 2)));
        ctx.add(contextRow(t.layout + ": changes since 9th commit / incremental query", t.fChanges, t.pChanges,
            Report.fmt(t.pChanges.median() / t.pLatest.median(), 2)));
      }
      report.section("Context: the same reads with plain Spark + Hudi")
          .text("The same aggregate with DataFrames on the same tables: `spark.read().format(\"hudi\")"
              + ".option(\"hoodie.metadata.enable\", \"false\")[.option(\"as.of.instant\", <5th>) | incremental with "
              + "begin.instanttime = 9th commit's completion + 1 ms].load(table).where(\"" + WHERE + "\").agg(count, sum, avg)`, "
              + "measured in the same rounds. For the latest and AS OF reads the difference is fsql's parsing, "
              + "Calcite planning, history resolution and result conversion; for the incremental read fsql does not "
              + "use Hudi's incremental relation: it takes the files the commits in the range wrote from their "
              + "commit metadata (parsed once per process, the table's meta client built once and its timeline "
              + "listed per read) and reads them with Spark's Parquet reader and each commit's own schema, keeping "
              + "the rows whose `_hoodie_commit_time` is one of those commits (the same rows as Hudi's query), "
              + "without Hudi's per-read table schema resolution and file index.")
          .table(List.of("read", "fsql median (s)", "plain Hudi median (s)", "time ratio fsql/plain",
              "plain Hudi time ratio to its latest"), ctx);

      report.section("Table files")
          .text("Hudi base files of each table, from the file system (`<fileId>_<writeToken>_<commit>.parquet`). "
              + "A copy-on-write commit rewrites every file group that holds a written key; an incremental read "
              + "opens the files the commit wrote and filters them by `_hoodie_commit_time`, so both cost what "
              + "those files hold. In the cow layout the upsert spreads keys by hash and every file spans the "
              + "whole id range; in the sorted layout each file holds one contiguous range of record keys (at most "
              + Report.bytes(io.fsql.storage.offline.TableLayout.SORTED_MAX_FILE_BYTES) + " a file), so a contiguous "
              + "1% update rewrites one or two files. The trade-off: more, smaller files (more tasks and footers per "
              + "full scan, more files on disk), and record keys ordered as strings (`id:100000,ts:...`).");
      List<List<String>> fileRows = new ArrayList<>();
      for (Table t : tables) {
        String c5 = t.ids.get(4);
        String c10 = t.ids.get(9);
        fileRows.add(List.of(t.layout, "all base files on disk (every retained version)", Fsql.summary(t.files)));
        fileRows.add(List.of(t.layout, "file groups", Integer.toString(Fsql.slice(t.files, null).size())));
        fileRows.add(List.of(t.layout, "latest snapshot reads", Fsql.summary(Fsql.slice(t.files, null))));
        fileRows.add(List.of(t.layout, "AS OF the 5th commit reads", Fsql.summary(Fsql.slice(t.files, c5))));
        fileRows.add(List.of(t.layout, "written by the last (10th) commit: the incremental read opens",
            Fsql.summary(t.files.stream().filter(f -> f.instant().equals(c10)).toList())));
      }
      report.table(List.of("layout", "files", "count and size"), fileRows);
      for (Table t : tables) {
        report.text("Where the keys are in `" + t.name + "` (" + t.layout + "): the base files of the latest snapshot, "
                + "read with DuckDB (untimed).")
            .table(List.of("file group", "rows", "min id", "max id", "size"),
                keyRanges(t.path, Fsql.slice(t.files, null)));
      }
      for (Table t : tables) {
        report.text("The commits of `" + t.name + "` (" + t.layout + ", `SHOW COMMITS FOR " + t.name + "`, oldest "
                + "first; files and sizes from the file system; write time measured around `session.execute`):")
            .table(List.of("#", "commit", "operation", "what", "rows inserted", "rows updated",
                "base files written", "write time"), t.commitRows);
      }

      report.section("Correctness")
          .text("Expected (COUNT, SUM, AVG) from DuckDB over the Parquet file and the update script: latest "
              + expLatest + ", AS OF 5th " + expAsOf + ", changes since 9th " + expChanges + ". The two layouts' "
              + "tables were compared row by row (Spark `exceptAll` both ways over the group's columns) after the "
              + "first load and after the 10 commits. "
              + (wrong.isEmpty() ? "Every measured result (fsql and plain Hudi, warm-up runs included) matched, and "
                  + "the tables were equal."
                  : "MISMATCHES:\n\n" + wrong.stream().distinct().map(w -> "- " + w).collect(Collectors.joining("\n"))));

      report.section("EXPLAIN of the three fsql queries (sorted layout)");
      for (String q : queries) {
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
    return goals;
  }

  /** Rows in one table and not the other, both ways (EXCEPT ALL over the group's columns). */
  private static long differences(SparkSession spark, String a, String b) {
    org.apache.spark.sql.Dataset<Row> x = spark.read().format("hudi").option("hoodie.metadata.enable", "false")
        .load(a).select("id", "amount", "price", "qty", "cat", "flag", "day", "ts");
    org.apache.spark.sql.Dataset<Row> y = spark.read().format("hudi").option("hoodie.metadata.enable", "false")
        .load(b).select("id", "amount", "price", "qty", "cat", "flag", "day", "ts");
    return x.exceptAll(y).count() + y.exceptAll(x).count();
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
