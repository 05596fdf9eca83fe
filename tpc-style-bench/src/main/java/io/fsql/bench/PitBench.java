package io.fsql.bench;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.spark.SparkRuntime;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * pit ("point-in-time join"): a spine of N rows joined to 3 feature groups of N rows each (10
 * features) with fsql's {@code LEFT ASOF JOIN}, against (a) the point-in-time SQL that Hopsworks
 * generates (a range join per group, {@code RANK() OVER (PARTITION BY spine row, key ORDER BY
 * feature time DESC)}, keep rank 1, LEFT JOIN back to the spine) on the same SparkSession over the
 * same Hudi tables, and (b) DuckDB's {@code ASOF LEFT JOIN} over the same rows in Parquet.
 *
 * <p>Each run computes the whole join and a checksum over it (COUNT(*) and a COUNT and a SUM of
 * every feature column), so that every row is computed but none is sent to the client; the three
 * checksums must be equal in every run. fsql's plain join is also read to the client once and
 * compared with DuckDB's row by row. Then the same at other sizes, for the growth of each.
 */
final class PitBench {
  private PitBench() {}

  /** The checksum's columns, in the order of every engine's aggregate. */
  static final List<String> CHECKSUM = List.of(
      "rows", "COUNT(amount)", "SUM(amount)", "COUNT(n_items)", "SUM(n_items)", "COUNT(category)",
      "SUM(number in category)", "COUNT(online)", "COUNT(online = TRUE)", "COUNT(age)", "SUM(age)",
      "COUNT(score)", "SUM(score)", "COUNT(segment)", "SUM(number in segment)", "COUNT(risk)", "SUM(risk)",
      "COUNT(label = TRUE)", "SUM((cc mod 997) * amount)");

  /** The join's output columns (fsql's and DuckDB's plain join). */
  static final String OUT = "s.cc, s.ts, s.label, t.amount, t.n_items, t.category, t.online, p.age, p.score, "
      + "p.segment, m.risk";

  /** The checksum aggregate over a derived table {@code j}; {@code mod} is the engine's remainder. */
  static String aggregate(String from, String modFunction) {
    String mod = modFunction.equals("%") ? "(j.cc % 997)" : modFunction + "(j.cc, 997)";
    return "SELECT COUNT(*), COUNT(j.amount), SUM(j.amount), COUNT(j.n_items), SUM(j.n_items),\n"
        + "  COUNT(j.category), SUM(CAST(SUBSTRING(j.category FROM 5) AS INTEGER)),\n"
        + "  COUNT(j.online), SUM(CASE WHEN j.online THEN 1 ELSE 0 END),\n"
        + "  COUNT(j.age), SUM(j.age), COUNT(j.score), SUM(j.score),\n"
        + "  COUNT(j.segment), SUM(CAST(SUBSTRING(j.segment FROM 5) AS INTEGER)),\n"
        + "  COUNT(j.risk), SUM(j.risk), SUM(CASE WHEN j.label THEN 1 ELSE 0 END),\n"
        + "  SUM(" + mod + " * j.amount)\n"
        + "FROM (\n" + from + ") j";
  }

  static String fsqlJoin(PitData.Files4 f) {
    return "SELECT " + OUT + "\n"
        + "FROM read_parquet('" + f.spine() + "') s\n"
        + "  LEFT ASOF JOIN tx t MATCH_CONDITION (s.ts >= t.ts) ON s.cc = t.cc\n"
        + "  LEFT ASOF JOIN profiles p MATCH_CONDITION (s.ts >= p.updated) ON s.cc = p.cc\n"
        + "  LEFT ASOF JOIN merchants m MATCH_CONDITION (s.ts >= m.at) ON s.merchant = m.merchant";
  }

  static String duckJoin(PitData.Files4 f, boolean plainTimestamp) {
    return "SELECT s.cc, " + (plainTimestamp ? "CAST(s.ts AS TIMESTAMP) AS ts" : "s.ts")
        + ", s.label, t.amount, t.n_items, t.category, t.online, p.age, p.score, p.segment, m.risk\n"
        + "FROM read_parquet('" + f.spine() + "') s\n"
        + "  ASOF LEFT JOIN read_parquet('" + f.tx() + "') t ON s.cc = t.cc AND s.ts >= t.ts\n"
        + "  ASOF LEFT JOIN read_parquet('" + f.profiles() + "') p ON s.cc = p.cc AND s.ts >= p.updated\n"
        + "  ASOF LEFT JOIN read_parquet('" + f.merchants() + "') m ON s.merchant = m.merchant AND s.ts >= m.\"at\"";
  }

  /** One feature group's rank-1 rows, Hopsworks style: range join, RANK() per spine row and key. */
  private static String ranked(String name, String view, String key, String spineKey, String time,
      String features) {
    String cols = Arrays.stream(features.split(",\\s*")).map(c -> "f." + c).collect(Collectors.joining(", "));
    return name + " AS (\n"
        + "  SELECT spine_id, " + features + " FROM (\n"
        + "    SELECT s.spine_id, " + cols + ",\n"
        + "           RANK() OVER (PARTITION BY s.spine_id, s." + spineKey + " ORDER BY f." + time + " DESC) AS pit_rank\n"
        + "    FROM spine s JOIN " + view + " f ON s." + spineKey + " = f." + key + " AND f." + time + " <= s.ts\n"
        + "  ) ranked WHERE pit_rank = 1)";
  }

  /** Baseline (a): Spark SQL over the temp views pit_spine_file, pit_tx, pit_profiles, pit_merchants. */
  static String rankSql() {
    String join = "SELECT " + OUT + "\n"
        + "  FROM spine s\n"
        + "  LEFT JOIN tx_pit t ON s.spine_id = t.spine_id\n"
        + "  LEFT JOIN profiles_pit p ON s.spine_id = p.spine_id\n"
        + "  LEFT JOIN merchants_pit m ON s.spine_id = m.spine_id";
    return "WITH spine AS (\n"
        + "  SELECT cc, merchant, ts, label, monotonically_increasing_id() AS spine_id FROM pit_spine_file),\n"
        + ranked("tx_pit", "pit_tx", "cc", "cc", "ts", "amount, n_items, category, online") + ",\n"
        + ranked("profiles_pit", "pit_profiles", "cc", "cc", "updated", "age, score, segment") + ",\n"
        + ranked("merchants_pit", "pit_merchants", "merchant", "merchant", "at", "risk") + "\n"
        + aggregate(join, "MOD");
  }

  // ------------------------------------------------------------------ checksums

  /** The values of one checksum row. */
  record Checksum(List<Object> values) {
    static Checksum of(Object[] row) {
      return new Checksum(Arrays.asList(row.clone()));
    }

    /** The names of the columns that differ from {@code e} (doubles within 1e-9 relative). */
    List<String> differences(Checksum e) {
      List<String> d = new ArrayList<>();
      for (int i = 0; i < CHECKSUM.size(); i++) {
        Object a = i < values.size() ? values.get(i) : "missing";
        Object b = i < e.values.size() ? e.values.get(i) : "missing";
        if (!same(a, b)) {
          d.add(CHECKSUM.get(i) + ": " + show(a) + " vs " + show(b));
        }
      }
      return d;
    }

    private static boolean same(Object a, Object b) {
      if (a == null || b == null) {
        return a == b;
      }
      if (!(a instanceof Number x) || !(b instanceof Number y)) {
        return a.equals(b);
      }
      if (integral(x) && integral(y)) {
        return big(x).equals(big(y));
      }
      double p = x.doubleValue();
      double q = y.doubleValue();
      return p == q || Math.abs(p - q) <= 1e-9 * Math.max(Math.abs(p), Math.abs(q));
    }

    private static boolean integral(Number n) {
      return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof BigInteger;
    }

    private static BigInteger big(Number n) {
      return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    static String show(Object v) {
      if (v == null) {
        return "NULL";
      }
      if (v instanceof Double || v instanceof Float) {
        return String.format(java.util.Locale.ROOT, "%.6f", ((Number) v).doubleValue());
      }
      if (v instanceof Number n && integral(n)) {
        return String.format(java.util.Locale.ROOT, "%,d", big(n));
      }
      return String.valueOf(v);
    }
  }

  /** Thrown when a RANK() run passes the time limit (its Spark jobs were cancelled). */
  static final class RankTimeout extends RuntimeException {
    RankTimeout(String message) {
      super(message);
    }
  }

  // ------------------------------------------------------------------ one size

  /** Everything measured at one size. */
  static final class SizeRun {
    final long rows;
    PitData.Files4 files;
    Series fsql;
    Series rank;
    Series duck;
    /** Why RANK() has no figures at this size (null when it has). */
    String rankNote;
    Checksum reference;
    final List<String> wrong = new ArrayList<>();
    final List<List<String>> checks = new ArrayList<>();
    final List<String> loads = new ArrayList<>();
    long[] candidates;
    long plainRows = -1;
    long plainNanos;
    long fsqlOnly = -1;
    long duckOnly = -1;
    final List<String> diffSamples = new ArrayList<>();
    String explain;
    long explainNanos;
    SparkWork.Totals explainWork;
    String rankPlan;
    SparkWork.Totals fsqlWork = SparkWork.Totals.ZERO;
    SparkWork.Totals rankWork = SparkWork.Totals.ZERO;
    String groupsNote;
    String fsqlSql;
    String duckSql;

    SizeRun(long rows) {
      this.rows = rows;
    }
  }

  /** Milliseconds each measured run starts after its System.gc() (see the method line of the report). */
  static final long SETTLE_MILLIS = Long.getLong("bench.pit.settleMs", 2000);

  /**
   * Whether every run follows an untimed run of the same contender (bench.pit.primed, default
   * true): see the method line of the report.
   */
  static final boolean PRIMED = Boolean.parseBoolean(System.getProperty("bench.pit.primed", "true"));

  static List<Goal> run(Options o) throws Exception {
    long start = System.nanoTime();
    int runs = o.runs != null ? o.runs : 3;
    int warmups = o.warmups != null ? o.warmups : 1;
    long n = o.rows;
    List<Long> sizes = new ArrayList<>(o.sizes != null ? o.sizes
        : o.quick ? List.of() : List.of(n / 10, 3 * n / 10));
    sizes.removeIf(x -> x == n || x < 1000);
    sizes = sizes.stream().distinct().sorted().collect(Collectors.toList());
    long limitMs = (long) (o.rankLimitMinutes * 60_000);
    Report report = new Report(o, "pit: fsql ASOF JOIN vs RANK() point-in-time SQL on Spark vs DuckDB ASOF JOIN");
    Path work = Options.dataDir().resolve("pit");
    Files.createDirectories(work);

    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pit-rank-timer");
      t.setDaemon(true);
      return t;
    });
    List<SizeRun> growth = new ArrayList<>();
    SizeRun main;
    long sparkStart;
    try {
      long t0 = System.nanoTime();
      SparkRuntime.session();
      sparkStart = System.nanoTime() - t0;
      SparkWork.install(SparkRuntime.session().sparkContext());
      // Smaller sizes first: they show how RANK() grows before the full size is tried.
      boolean rankGaveUp = false;
      for (long size : sizes) {
        if (size < n) {
          SizeRun r = measure(size, warmups, runs, work, rankGaveUp ? "not run: it passed the time limit at a "
              + "smaller size" : null, limitMs, timer, false);
          rankGaveUp |= r.rankNote != null;
          growth.add(r);
        }
      }
      main = measure(n, warmups, runs, work, rankGaveUp ? "not run: it passed the " + o.rankLimitMinutes
          + "-minute limit at a smaller size" : null, limitMs, timer, true);
      rankGaveUp |= main.rankNote != null;
      // Larger sizes (given with --sizes) after the main one, for the top of the growth table.
      for (long size : sizes) {
        if (size > n) {
          SizeRun r = measure(size, warmups, runs, work, rankGaveUp ? "not run: it passed the time limit at a "
              + "smaller size" : null, limitMs, timer, false);
          rankGaveUp |= r.rankNote != null;
          growth.add(r);
        }
      }
    } finally {
      timer.shutdownNow();
    }

    // ------------------------------------------------------------------ report
    List<SizeRun> all = new ArrayList<>(growth);
    all.add(main);
    all.sort(java.util.Comparator.comparingLong(r -> r.rows));
    boolean valid = all.stream().allMatch(r -> r.wrong.isEmpty());
    PitData.Files4 f = main.files;
    report.param("result check", valid ? "VALID: in every run (warm-ups included) at every size the three "
            + "checksums were equal, and fsql's plain join equals DuckDB's row for row"
            : "**INVALID: results differ, see Correctness**")
        .param("rows", String.format("%,d", n) + " spine rows; 3 feature groups of " + String.format("%,d", n)
            + " rows each; " + String.format("%,d", PitData.cards(n)) + " distinct cc, "
            + String.format("%,d", PitData.merchants(n)) + " merchants (keys scale with the size: rows/10, rows/100)")
        .param("data", "`" + Options.benchDir().relativize(f.spine().getParent()) + "/` (generated once with DuckDB, "
            + "Parquet): spine `(" + PitData.SPINE_COLUMNS + ")` " + Report.bytes(Files.size(f.spine())) + "; tx `("
            + PitData.TX_COLUMNS + ")` " + Report.bytes(Files.size(f.tx())) + "; profiles `("
            + PitData.PROFILES_COLUMNS + ")` " + Report.bytes(Files.size(f.profiles())) + "; merchants `("
            + PitData.MERCHANTS_COLUMNS + ")` " + Report.bytes(Files.size(f.merchants())))
        .param("groups", main.groupsNote)
        .param("Spark", SparkRuntime.session().version() + " " + SparkRuntime.session().sparkContext().master()
            + ", spark.sql.shuffle.partitions " + SparkRuntime.session().conf().get("spark.sql.shuffle.partitions")
            + " (fsql's configuration; started in " + Report.seconds(sparkStart) + " before the measurements)")
        .param("DuckDB", duckVersion() + " (JDBC, in process, `SET threads=2`)")
        .param("method", warmups + " warm-up round(s) discarded, then " + runs + " measured rounds; in every "
            + "round each contender runs once, the order rotated every round (fsql, RANK, DuckDB; RANK, DuckDB, "
            + "fsql; ...); one JVM, one SparkSession; every run's checksum is compared (untimed) with DuckDB's "
            + "reference checksum; a RANK() run is cancelled after " + o.rankLimitMinutes + " minutes; every run "
            + "starts " + SETTLE_MILLIS + " ms after a System.gc() and a `sync` (bench.pit.settleMs): a RANK() run's "
            + "shuffle files and broadcasts, freed by the collection, are cleaned up by Spark in the background and "
            + "written back to disk by the kernel, and measured without the pause the next run (fsql or DuckDB) took "
            + "up to 1.4x as long"
            + (PRIMED ? "; every timed run follows an untimed run of the same contender's query (its primer, after the "
                + "same gc, sync and pause; checked too; bench.pit.primed=false turns primers off): in one JVM a RANK() "
                + "run deoptimises Spark code that fsql's next run compiled again (1.5-2 s of JIT compilation during "
                + "the fsql run after a RANK() run, 0.5-0.9 s otherwise; fsql 1.79-1.80 s after a RANK() run, 1.35 s "
                + "otherwise in the last unprimed full run), so without primers the rotation charged fsql for the "
                + "baseline beside it"
                : "; no primers (bench.pit.primed=false): in one JVM a RANK() run deoptimises Spark code that fsql's "
                + "next run compiles again"));

    report.section("Point-in-time join of " + String.format("%,d", n) + " spine rows");
    timingsOf(report, main);
    if (main.rank != null && main.rank.runs() > 0) {
      double ratio = main.rank.median() / main.fsql.median();
      report.text("**(a)/fsql = " + Report.fmt(ratio, 2) + "** (RANK() time / fsql time, medians; within rounds "
          + pairedMedian(main.rank, main.fsql) + "): the goal is at least 3, " + (ratio >= 3 ? "met" : "**not met**")
          + ". **fsql/(b) = " + Report.fmt(main.fsql.median() / main.duck.median(), 2) + "** (fsql time / DuckDB "
          + "time; within rounds " + pairedMedian(main.fsql, main.duck) + ").");
    } else {
      report.text("(a) RANK() has no figures at this size (above). **fsql/(b) = "
          + Report.fmt(main.fsql.median() / main.duck.median(), 2) + "** (fsql time / DuckDB time; within rounds "
          + pairedMedian(main.fsql, main.duck) + "). For (a)/fsql see the growth table below.");
    }
    report.text("Rows the RANK() baseline's range joins produce and rank (spine rows x earlier feature rows of the "
        + "same key; counted with DuckDB, untimed): tx " + String.format("%,d", main.candidates[0]) + ", profiles "
        + String.format("%,d", main.candidates[1]) + ", merchants " + String.format("%,d", main.candidates[2])
        + " (" + Report.fmt((main.candidates[0] + main.candidates[1] + main.candidates[2]) / (double) n, 1)
        + " per spine row). fsql and DuckDB sort each side once instead.");

    if (!growth.isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (SizeRun r : all) {
        boolean hasRank = r.rank != null && r.rank.runs() > 0;
        rows.add(List.of(String.format("%,d", r.rows),
            String.format("%,d", r.candidates[0] + r.candidates[1] + r.candidates[2]),
            Report.Scale.SECONDS.of(r.fsql.median()), Report.grouped(r.fsql.throughput()),
            hasRank ? Report.Scale.SECONDS.of(r.rank.median()) : r.rankNote,
            hasRank ? Report.grouped(r.rank.throughput()) : "",
            Report.Scale.SECONDS.of(r.duck.median()), Report.grouped(r.duck.throughput()),
            hasRank ? Report.fmt(r.rank.median() / r.fsql.median(), 2) + " / " + pairedMedian(r.rank, r.fsql) : "",
            Report.fmt(r.fsql.median() / r.duck.median(), 2) + " / " + pairedMedian(r.fsql, r.duck)));
      }
      report.section("Growth with the size")
          .text("The same benchmark at other sizes (same shape: keys scale with the rows), " + warmups
              + " warm-up and " + runs + " measured alternated rounds each, medians. Each size has its own data, "
              + "fsql home and groups.")
          .table(List.of("spine rows (= rows per group)", "range-join rows for RANK()", "fsql (s)", "fsql rows/s",
              "RANK() (s)", "RANK() rows/s", "DuckDB (s)", "DuckDB rows/s",
              "(a)/fsql: of medians / within rounds", "fsql/(b): of medians / within rounds"), rows);
      for (SizeRun r : growth) {
        report.text("Timings at " + String.format("%,d", r.rows) + " rows:");
        timingsOf(report, r);
      }
    }

    List<List<String>> sparkRows = new ArrayList<>();
    for (SizeRun r : all) {
      List<String> row = new ArrayList<>(List.of(String.format("%,d", r.rows), "fsql"));
      row.addAll(r.fsqlWork.cells(r.fsql.runs()));
      sparkRows.add(row);
      if (r.rank != null && r.rank.runs() > 0) {
        row = new ArrayList<>(List.of(String.format("%,d", r.rows), "(a) RANK()"));
        row.addAll(r.rankWork.cells(r.rank.runs()));
        sparkRows.add(row);
      }
    }
    List<String> workHeader = new ArrayList<>(List.of("spine rows", "engine"));
    workHeader.addAll(SparkWork.Totals.HEADER);
    report.section("What Spark did")
        .text("Per measured run (mean over the runs), from a SparkListener on the shared SparkContext, read "
            + "between runs (untimed): task time is summed over tasks, so with 2 cores it can be up to twice the "
            + "wall time. fsql's `EXPLAIN` of its query (Calcite planning and input resolution) took "
            + Report.seconds(main.explainNanos) + " and ran " + main.explainWork.jobs() + " Spark job(s).")
        .table(workHeader, sparkRows);

    report.section("Correctness");
    List<List<String>> cs = new ArrayList<>();
    for (int i = 0; i < CHECKSUM.size(); i++) {
      List<String> row = new ArrayList<>();
      row.add(CHECKSUM.get(i));
      for (SizeRun r : all) {
        row.add(Checksum.show(r.reference.values().get(i)));
      }
      cs.add(row);
    }
    List<String> header = new ArrayList<>(List.of("checksum column"));
    for (SizeRun r : all) {
      header.add("reference at " + String.format("%,d", r.rows) + " (DuckDB)");
    }
    report.text("The checksum of the join (the aggregate each engine computes over it; the numbers in category "
            + "and segment are their suffixes, `cat_17` -> 17). The reference is DuckDB's, computed once before "
            + "the rounds (untimed); every run of every engine is compared with it (integers exactly, doubles "
            + "within 1e-9 relative).")
        .table(header, cs);
    List<List<String>> checkRows = new ArrayList<>();
    for (SizeRun r : all) {
      checkRows.addAll(r.checks);
    }
    report.table(List.of("rows", "engine", "runs checked", "equal to the reference"), checkRows);
    List<List<String>> plain = new ArrayList<>();
    for (SizeRun r : all) {
      plain.add(List.of(String.format("%,d", r.rows), String.format("%,d", r.plainRows),
          Report.seconds(r.plainNanos), String.format("%,d", r.fsqlOnly), String.format("%,d", r.duckOnly)));
    }
    report.text("The plain join (no aggregate), read by the client once with fsql (the rows streamed through "
            + "`QueryResult`, wall time for information only) and compared with DuckDB's plain join row by row "
            + "(both loaded into DuckDB, `EXCEPT ALL` both ways; spine duplicates count as separate rows):")
        .table(List.of("spine rows", "fsql plain join rows", "fsql plain join to the client", "rows only in fsql's",
            "rows only in DuckDB's"), plain);
    for (SizeRun r : all) {
      if (!r.diffSamples.isEmpty()) {
        report.text("Differing rows at " + String.format("%,d", r.rows) + " (up to 5 each way; columns "
            + OUT.replace("s.", "").replace("t.", "").replace("p.", "").replace("m.", "") + "):\n\n"
            + r.diffSamples.stream().map(x -> "- " + x).collect(Collectors.joining("\n")));
      }
    }
    if (valid) {
      report.text("All results matched.");
    } else {
      report.text("**MISMATCHES (this run is invalid):**\n\n" + all.stream().flatMap(r -> r.wrong.stream())
          .distinct().map(w -> "- " + w).collect(Collectors.joining("\n")));
    }
    for (SizeRun r : all) {
      if (!r.loads.isEmpty()) {
        report.text("Loads at " + String.format("%,d", r.rows) + " rows (untimed for the benchmark): "
            + String.join("; ", r.loads) + ".");
      }
    }

    report.section("The three queries")
        .text("fsql (timed: the checksum aggregate over this join; the spine stays a Parquet file):\n\n```sql\n"
            + main.fsqlSql + "\n```")
        .text("(a) RANK() baseline, Spark SQL on `SparkRuntime.session()`; each run registers the temp views "
            + "`pit_spine_file` = `spark.read().parquet(<spine>)` and `pit_tx`, `pit_profiles`, `pit_merchants` = "
            + "`spark.read().format(\"hudi\").option(\"hoodie.metadata.enable\", \"false\").load(<group location>)` "
            + "(the same Hudi tables fsql reads, with fsql's read option), then runs:\n\n```sql\n" + rankSql()
            + "\n```")
        .text("(b) DuckDB, over the generated Parquet files (the rows that were loaded into the groups):\n\n```sql\n"
            + main.duckSql + "\n```");
    report.section("EXPLAIN of the fsql query").text("```\n" + main.explain + "\n```");
    report.section("Spark's physical plan of the RANK() query")
        .text("`EXPLAIN` of the baseline's SQL on the same session (before adaptive execution re-plans it):")
        .text("```\n" + main.rankPlan + "\n```");
    report.text("Total time of this benchmark: " + Report.elapsed(start) + ".");
    Path out = report.finish();
    Log.info("pit", "wrote " + out);
    if (!valid) {
      throw new IllegalStateException("pit: results differ between the engines (see " + out + ")");
    }
    return Goals.pit(n, main.fsql, main.duck, main.rank);
  }

  private static void timingsOf(Report report, SizeRun r) {
    List<Report.Line> lines = new ArrayList<>();
    lines.add(Report.Line.of("(b) DuckDB ASOF LEFT JOIN over Parquet (baseline of the fsql row)", r.duck, null));
    lines.add(Report.Line.of("fsql LEFT ASOF JOIN (ratio: fsql/DuckDB)", r.fsql, r.duck));
    if (r.rank != null && r.rank.runs() > 0) {
      lines.add(Report.Line.of("(a) RANK() point-in-time SQL on Spark (ratio: RANK/fsql)", r.rank, r.fsql));
    }
    report.timings(lines, Report.Scale.SECONDS, "spine rows/s (at median)", "time ratio");
    if (r.rank == null || r.rank.runs() == 0) {
      report.text("(a) RANK(): " + r.rankNote + ".");
    }
  }

  /** The median of the within-round time ratios a/b. */
  static String pairedMedian(Series a, Series b) {
    if (a.runs() != b.runs() || a.runs() == 0) {
      return "n/a";
    }
    List<Double> per = new ArrayList<>();
    for (int i = 0; i < a.runs(); i++) {
      per.add((double) a.values().get(i) / b.values().get(i));
    }
    per.sort(null);
    int k = per.size();
    return Report.fmt(k % 2 == 1 ? per.get(k / 2) : (per.get(k / 2 - 1) + per.get(k / 2)) / 2, 2);
  }

  private static SizeRun measure(long n, int warmups, int runs, Path work, String rankSkip, long limitMs,
      ScheduledExecutorService timer, boolean main) throws Exception {
    SizeRun r = new SizeRun(n);
    String tag = "pit " + String.format("%,d", n);
    PitData.Files4 f = PitData.files(n, "pit");
    r.files = f;
    Path home = work.resolve("home-" + n);
    Fsql.deleteTree(home);
    SparkSession spark = SparkRuntime.session();
    try (FsqlEngine engine = FsqlHome.open(home); Session s = engine.openSession();
        Connection duck = DataGen.duckdb()) {
      try (Statement st = duck.createStatement()) {
        st.execute("SET threads = 2");
      }
      // ---------------------------------------------------------- load (untimed)
      String[][] groups = {
          {"tx", PitData.TX_COLUMNS, "cc", "ts", f.tx().toString()},
          {"profiles", PitData.PROFILES_COLUMNS, "cc", "updated", f.profiles().toString()},
          {"merchants", PitData.MERCHANTS_COLUMNS, "merchant", "at", f.merchants().toString()}};
      List<String> ddl = new ArrayList<>();
      for (String[] g : groups) {
        String create = "CREATE FEATURE GROUP " + g[0] + " (" + g[1] + ") PRIMARY KEY (" + g[2] + ") EVENT TIME " + g[3];
        s.execute(create);
        ddl.add("`" + create + "`");
        String[] msg = new String[1];
        long ns = Alternation.time(() -> msg[0] = s.execute("INSERT INTO " + g[0] + " SELECT * FROM read_parquet('"
            + g[4] + "')").message());
        IngestBench.check(msg[0].endsWith(": " + n + " inserted, 0 updated"), "loading " + g[0] + " said: " + msg[0]);
        r.loads.add(g[0] + " " + Report.seconds(ns));
        Log.info(tag, "loaded " + g[0] + ": " + msg[0] + " in " + Report.seconds(ns));
      }
      r.groupsNote = String.join(", ", ddl) + ", each loaded with `INSERT INTO g SELECT * FROM read_parquet('<file>')` "
          + "(one Hudi commit each, untimed)";
      String txLoc = Fsql.group(s, "tx").location();
      String prLoc = Fsql.group(s, "profiles").location();
      String meLoc = Fsql.group(s, "merchants").location();

      // ---------------------------------------------------------- queries and the reference
      r.fsqlSql = fsqlJoin(f);
      String fsqlAgg = aggregate(r.fsqlSql, "MOD");
      r.duckSql = duckJoin(f, false);
      String duckAgg = aggregate(r.duckSql, "%");
      String rankSql = rankSql();
      r.reference = duckChecksum(duck, duckAgg);
      IngestBench.check(((Number) r.reference.values().get(0)).longValue() == n,
          "DuckDB's join has " + r.reference.values().get(0) + " rows, not " + n);
      r.candidates = new long[] {
          count(duck, "SELECT COUNT(*) FROM read_parquet('" + f.spine() + "') s JOIN read_parquet('" + f.tx()
              + "') t ON s.cc = t.cc AND t.ts <= s.ts"),
          count(duck, "SELECT COUNT(*) FROM read_parquet('" + f.spine() + "') s JOIN read_parquet('" + f.profiles()
              + "') p ON s.cc = p.cc AND p.updated <= s.ts"),
          count(duck, "SELECT COUNT(*) FROM read_parquet('" + f.spine() + "') s JOIN read_parquet('" + f.merchants()
              + "') m ON s.merchant = m.merchant AND m.\"at\" <= s.ts")};
      Log.info(tag, "reference checksum (DuckDB): " + r.reference.values());

      // ---------------------------------------------------------- the rounds
      int[] checked = new int[3];
      int[] equal = new int[3];
      String[] engines = {"fsql", "RANK() on Spark", "DuckDB"};
      java.util.function.BiConsumer<Integer, Checksum> verify = (e, got) -> {
        checked[e]++;
        List<String> d = got.differences(r.reference);
        if (d.isEmpty()) {
          equal[e]++;
        } else {
          r.wrong.add(String.format("%,d", n) + " rows: " + engines[e] + "'s checksum differs from DuckDB's reference: "
              + String.join("; ", d));
          Log.info(tag, "MISMATCH " + engines[e] + ": " + d);
        }
      };
      Alternation.Contender cf = null;
      Alternation.Contender cd = null;
      for (int attempt = 0; attempt < 2; attempt++) {
        r.fsql = new Series("fsql", n);
        r.duck = new Series("DuckDB", n);
        cf = new Alternation.Contender(r.fsql, round -> {
          Object[][] row = new Object[1][];
          SparkWork.Totals before = SparkWork.snapshot();
          long ns = Alternation.time(() -> {
            List<Object[]> rows = Fsql.query(s, fsqlAgg);
            IngestBench.check(rows.size() == 1, "fsql's checksum query returned " + rows.size() + " rows");
            row[0] = rows.get(0);
          });
          if (round >= warmups) {
            r.fsqlWork = r.fsqlWork.plus(SparkWork.snapshot().minus(before));
          }
          verify.accept(0, Checksum.of(row[0]));
          return ns;
        });
        cd = new Alternation.Contender(r.duck, round -> {
          Checksum[] c = new Checksum[1];
          long ns = Alternation.time(() -> c[0] = duckChecksum(duck, duckAgg));
          verify.accept(2, c[0]);
          return ns;
        });
        List<Alternation.Contender> contenders = new ArrayList<>(List.of(cf));
        if (rankSkip == null && r.rankNote == null) {
          r.rank = new Series("RANK() on Spark", n);
          contenders.add(new Alternation.Contender(r.rank, round -> {
            Row[] row = new Row[1];
            SparkWork.Totals before = SparkWork.snapshot();
            long ns = Alternation.time(() -> row[0] = withLimit(spark, limitMs, timer, "pit-rank-" + n + "-" + round,
                () -> {
                  spark.read().parquet(f.spine().toString()).createOrReplaceTempView("pit_spine_file");
                  hudi(spark, txLoc).createOrReplaceTempView("pit_tx");
                  hudi(spark, prLoc).createOrReplaceTempView("pit_profiles");
                  hudi(spark, meLoc).createOrReplaceTempView("pit_merchants");
                  return spark.sql(rankSql).collectAsList().get(0);
                }));
            Object[] v = new Object[row[0].length()];
            for (int i = 0; i < v.length; i++) {
              v[i] = row[0].get(i);
            }
            if (round >= warmups) {
              r.rankWork = r.rankWork.plus(SparkWork.snapshot().minus(before));
            }
            verify.accept(1, new Checksum(Arrays.asList(v)));
            return ns;
          }));
        } else {
          r.rank = null;
          if (r.rankNote == null) {
            r.rankNote = rankSkip;
          }
        }
        contenders.add(cd);
        try {
          Alternation.rounds(tag, warmups, runs, contenders, Report.Scale.SECONDS, SETTLE_MILLIS, PRIMED);
          break;
        } catch (RankTimeout t) {
          r.rankNote = t.getMessage();
          Log.info(tag, "RANK() " + t.getMessage() + "; measuring fsql and DuckDB again without it");
          Arrays.fill(checked, 0);
          Arrays.fill(equal, 0);
          r.fsqlWork = SparkWork.Totals.ZERO;
          r.rankWork = SparkWork.Totals.ZERO;
        }
      }
      for (int e = 0; e < 3; e++) {
        if (checked[e] > 0) {
          r.checks.add(List.of(String.format("%,d", n), engines[e], Integer.toString(checked[e]),
              equal[e] == checked[e] ? "all" : "**" + equal[e] + " of " + checked[e] + "**"));
        }
      }

      // ---------------------------------------------------------- the plain join, row by row
      plainJoin(r, s, duck, tag);
      if (main) {
        SparkWork.Totals before = SparkWork.snapshot();
        long e0 = System.nanoTime();
        List<Object[]> plan = Fsql.query(s, "EXPLAIN " + fsqlAgg);
        r.explainNanos = System.nanoTime() - e0;
        r.explainWork = SparkWork.snapshot().minus(before);
        r.explain = plan.stream()
            .map(x -> Arrays.stream(x).map(String::valueOf).collect(Collectors.joining(" | ")))
            .collect(Collectors.joining("\n"));
        spark.read().parquet(f.spine().toString()).createOrReplaceTempView("pit_spine_file");
        hudi(spark, txLoc).createOrReplaceTempView("pit_tx");
        hudi(spark, prLoc).createOrReplaceTempView("pit_profiles");
        hudi(spark, meLoc).createOrReplaceTempView("pit_merchants");
        r.rankPlan = spark.sql("EXPLAIN " + rankSql).collectAsList().get(0).getString(0).strip();
      }
    }
    return r;
  }

  private static org.apache.spark.sql.Dataset<Row> hudi(SparkSession spark, String location) {
    return spark.read().format("hudi").option("hoodie.metadata.enable", "false").load(location);
  }

  /** Runs a Spark action in its own job group, cancelled after {@code limitMs}. */
  private static <T> T withLimit(SparkSession spark, long limitMs, ScheduledExecutorService timer, String group,
      java.util.concurrent.Callable<T> action) throws Exception {
    SparkContext sc = spark.sparkContext();
    AtomicBoolean fired = new AtomicBoolean();
    sc.setJobGroup(group, "pit RANK() baseline", true);
    ScheduledFuture<?> cancel = timer.schedule(() -> {
      fired.set(true);
      sc.cancelJobGroup(group);
    }, limitMs, TimeUnit.MILLISECONDS);
    try {
      return action.call();
    } catch (Exception e) {
      if (fired.get()) {
        throw new RankTimeout("cancelled: a run took more than " + (limitMs >= 60_000
            ? Report.fmt(limitMs / 60_000.0, 1) + " minutes" : Report.fmt(limitMs / 1000.0, 1) + " s")
            + " (its Spark jobs were cancelled)");
      }
      throw e;
    } finally {
      cancel.cancel(false);
      sc.clearJobGroup();
    }
  }

  private static Checksum duckChecksum(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      IngestBench.check(rs.next(), "no row from DuckDB");
      Object[] v = new Object[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < v.length; i++) {
        v[i] = rs.getObject(i + 1);
      }
      return Checksum.of(v);
    }
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * fsql's plain join read by the client, loaded into DuckDB and compared with DuckDB's own plain
   * join, EXCEPT ALL both ways.
   */
  private static void plainJoin(SizeRun r, Session s, Connection duck, String tag) throws Exception {
    try (Statement st = duck.createStatement()) {
      st.execute("DROP TABLE IF EXISTS fsql_rows");
      st.execute("CREATE TABLE fsql_rows (cc BIGINT, ts TIMESTAMP, label BOOLEAN, amount DOUBLE, n_items INTEGER, "
          + "category VARCHAR, online BOOLEAN, age INTEGER, score DOUBLE, segment VARCHAR, risk DOUBLE)");
      st.execute("DROP TABLE IF EXISTS duck_rows");
      st.execute("CREATE TABLE duck_rows AS " + duckJoin(r.files, true));
    }
    long t0 = System.nanoTime();
    long count = 0;
    try (DuckDBAppender app = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "fsql_rows")) {
      StatementResult res = s.execute(r.fsqlSql);
      try (QueryResult q = res.rows()) {
        while (q.hasNext()) {
          Object[] v = q.next();
          app.beginRow();
          for (Object x : v) {
            if (x == null) {
              app.appendNull();
            } else if (x instanceof Long l) {
              app.append(l.longValue());
            } else if (x instanceof Integer i) {
              app.append(i.intValue());
            } else if (x instanceof Double d) {
              app.append(d.doubleValue());
            } else if (x instanceof Boolean b) {
              app.append(b.booleanValue());
            } else if (x instanceof String str) {
              app.append(str);
            } else if (x instanceof LocalDateTime t) {
              app.append(t);
            } else {
              throw new IllegalStateException("unexpected value type " + x.getClass() + " in fsql's join");
            }
          }
          app.endRow();
          count++;
        }
      }
    }
    r.plainNanos = System.nanoTime() - t0;
    r.plainRows = count;
    if (count != r.rows) {
      r.wrong.add(String.format("%,d", r.rows) + " rows: fsql's plain join returned " + String.format("%,d", count)
          + " rows");
    }
    r.fsqlOnly = count(duck, "SELECT COUNT(*) FROM (SELECT * FROM fsql_rows EXCEPT ALL SELECT * FROM duck_rows)");
    r.duckOnly = count(duck, "SELECT COUNT(*) FROM (SELECT * FROM duck_rows EXCEPT ALL SELECT * FROM fsql_rows)");
    if (r.fsqlOnly != 0 || r.duckOnly != 0) {
      r.wrong.add(String.format("%,d", r.rows) + " rows: fsql's plain join differs from DuckDB's: "
          + String.format("%,d", r.fsqlOnly) + " rows only in fsql's, " + String.format("%,d", r.duckOnly)
          + " only in DuckDB's (samples under Correctness)");
      sample(duck, "fsql only", "SELECT * FROM fsql_rows EXCEPT ALL SELECT * FROM duck_rows", r.diffSamples);
      sample(duck, "DuckDB only", "SELECT * FROM duck_rows EXCEPT ALL SELECT * FROM fsql_rows", r.diffSamples);
    }
    Log.info(tag, "plain join: " + count + " rows to the client in " + Report.seconds(r.plainNanos)
        + "; rows only in fsql's " + r.fsqlOnly + ", only in DuckDB's " + r.duckOnly);
    try (Statement st = duck.createStatement()) {
      st.execute("DROP TABLE fsql_rows");
      st.execute("DROP TABLE duck_rows");
    }
  }

  private static void sample(Connection duck, String label, String sql, List<String> out) throws Exception {
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM (" + sql + ") ORDER BY cc, ts LIMIT 5")) {
      while (rs.next()) {
        List<String> v = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          v.add(String.valueOf(rs.getObject(i)));
        }
        out.add(label + ": (" + String.join(", ", v) + ")");
      }
    }
  }

  private static String duckVersion() {
    try {
      return "DuckDB " + DataGen.oneRow("SELECT version()").get(0);
    } catch (Exception e) {
      return "DuckDB";
    }
  }
}
