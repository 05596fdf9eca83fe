package io.fsql.bench;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.sql.tree.DataType;
import io.fsql.storage.offline.HudiOfflineStore;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code io.fsql.bench.Main <bench> [options]}: runs one benchmark, prints its Markdown report to
 * stdout and writes it to tpc-style-bench/results/&lt;bench&gt;.md. Benchmarks: parse, ingest,
 * timetravel, pit, online, flight, tpch. Use the tpc-style-bench/run script, which builds and sets the JVM flags.
 */
public final class Main {
  private Main() {}

  static final String USAGE = String.join("\n",
      "usage: tpc-style-bench/run <bench> [--rows N] [--runs N] [--warmups N] [--quick] [--jmh|--no-jmh]",
      "                           [--sizes N,N] [--rank-limit MINUTES] [--lookups N]",
      "  parse        statements/s over the 22 TPC-H queries: fsql's parser vs Calcite's",
      "  ingest       (a) bin/fsql cold end to end vs a cold plain Spark+Hudi JVM;",
      "               (b) INSERT ... read_parquet of N rows vs plain Spark read + Hudi write",
      "  timetravel   a first load and 9 updates of 1%, then an aggregate on the latest snapshot vs AS OF the",
      "               5th commit vs CHANGES SINCE the 9th, in both table layouts (sorted, cow) side by side",
      "  pit          spine of N rows LEFT ASOF JOIN 3 groups of N rows: fsql vs RANK() PIT SQL on Spark",
      "               vs DuckDB ASOF JOIN, checksums compared; also at N/10 and 3N/10 (growth)",
      "  online       key lookups on an ONLINE group of N keys: JDBC prepared statement vs raw RocksDB get",
      "               (one key, IN-list of 100; 1 and 8 threads; Aerospike too with FSQL_TEST_AEROSPIKE)",
      "  flight       fsql's Flight SQL server on 127.0.0.1: bulk read of a training dataset of N rows",
      "               (default 10M, --quick 200k) vs a raw Flight doGet of the same batches vs JDBC row by row;",
      "               a prepared single-key query (jdbc:fsql://, Arrow's Flight SQL JDBC) vs a TCP ping-pong",
      "  results      a query result of N rows x 10 columns (SELECT * FROM a training dataset) read through embedded JDBC:",
      "               Arrow column batches from Spark (the default) vs row by row (SET columnar_results = off)",
      "  tpch         the 22 TPC-H queries at scale factor 0.1 (--scale F; --quick 0.01) in 8 feature groups:",
      "               fsql vs plain Spark SQL over the same Hudi tables vs DuckDB, per query and in total",
      "  all          parse, ingest, timetravel, pit, online, flight and tpch, one after the other (same",
      "               options); then results/SUMMARY.md: every ratio with its goal, met or not, and the",
      "               machine's load average during each",
      "  --rows N     rows of generated data (default 1,000,000; 20,000 with --quick)",
      "  --runs N     measured runs per measurement (defaults: parse 10, ingest 3, timetravel 5, pit 3;",
      "               --quick 2, except pit 3)",
      "  --warmups N  discarded warm-up runs (defaults: parse 20, ingest 1, timetravel 2, pit 1; --quick 1)",
      "  --quick      smoke-test size (each benchmark in well under 3 minutes)",
      "  --jmh        also run the parse benchmark under JMH (default unless --quick)",
      "  --sizes N,N  pit: the other sizes of the growth table, smaller or larger (default rows/10,3*rows/10; none with --quick)",
      "  --rank-limit M  pit: cancel a RANK() baseline run after M minutes (default 20)",
      "  --scale F    tpch: the TPC-H scale factor (default 0.1; 0.01 with --quick)",
      "  --lookups N  online: single-key lookups per run (default 20,000; 5,000 with --quick); N/20 IN-lists;",
      "               flight: single-key calls per run (default 500)");

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("cold-baseline")) {
      coldBaseline(Paths.get(args[1]));
      System.exit(0);
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    int code = 0;
    try {
      switch (o.bench) {
        case "parse", "ingest", "timetravel", "pit", "online", "flight", "results", "tpch" -> runOne(o.bench, o);
        case "all" -> code = all(args, o);
        case "help", "-h", "--help" -> System.out.println(USAGE);
        default -> {
          System.err.println("bench: unknown benchmark " + o.bench);
          System.err.println(USAGE);
          code = 2;
        }
      }
    } catch (Throwable t) {
      System.err.println("bench: " + o.bench + " failed:");
      t.printStackTrace();
      code = 1;
    }
    // Spark's non-daemon threads would keep the JVM alive.
    System.exit(code);
  }

  static final List<String> ALL = List.of("parse", "ingest", "timetravel", "pit", "online", "flight", "results", "tpch");

  /** Runs one benchmark; returns the goals it measured. */
  static List<Goal> runOne(String bench, Options o) throws Exception {
    return switch (bench) {
      case "parse" -> ParseBench.run(o);
      case "ingest" -> IngestBench.run(o);
      case "timetravel" -> TimeTravelBench.run(o);
      case "pit" -> PitBench.run(o);
      case "online" -> OnlineBench.run(o);
      case "flight" -> FlightBench.run(o);
      case "results" -> ResultsBench.run(o);
      case "tpch" -> TpchBench.run(o);
      default -> throw new IllegalArgumentException("unknown benchmark " + bench);
    };
  }

  /**
   * Every benchmark, one after the other with the same options; a failed one does not stop the
   * others. Then results/SUMMARY.md (SUMMARY-quick.md with --quick). Returns the exit code.
   */
  static int all(String[] args, Options o) throws Exception {
    Instant date = Instant.now();
    String commit = Machine.engineVersion();
    List<Summary.Run> runs = new java.util.ArrayList<>();
    for (String b : ALL) {
      String[] a = args.clone();
      a[0] = b;
      Options ob = Options.parse(a);
      Instant start = Instant.now();
      LoadMonitor monitor = new LoadMonitor(5_000);
      List<Goal> goals = List.of();
      String failure = null;
      try {
        goals = runOne(b, ob);
      } catch (Throwable t) {
        System.err.println("bench: " + b + " failed:");
        t.printStackTrace();
        failure = t.getClass().getSimpleName() + ": " + t.getMessage();
      }
      runs.add(new Summary.Run(b, start, Instant.now(), monitor.stop(), goals, failure));
      System.out.println();
    }
    String command = "tpc-style-bench/run " + String.join(" ", args);
    String md = Summary.render(date, commit, Machine.describe(), command, runs);
    Path file = Options.benchDir().resolve("results").resolve(o.quick ? "SUMMARY-quick.md" : "SUMMARY.md");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, md);
    System.out.print(md);
    Log.info("all", "wrote " + file);
    return runs.stream().anyMatch(r -> r.failure() != null) ? 1 : 0;
  }

  /**
   * The baseline of ingest (a), run in a fresh child JVM: the CLI's work with plain Spark + Hudi.
   * Starts the SparkSession fsql would start, writes the same 3 rows with fsql's Hudi write options
   * into a new table, reads them back and aggregates like the CLI's SELECT, prints the rows.
   */
  static void coldBaseline(Path dir) {
    SparkSession spark = SparkRuntime.session();
    StructType schema = new StructType()
        .add("id", DataTypes.LongType, false)
        .add("amount", DataTypes.DoubleType, true)
        .add("cat", DataTypes.StringType, true)
        .add("ts", DataTypes.TimestampType, false);
    List<Row> rows = List.of(
        RowFactory.create(1L, 10.5, "food", Instant.parse("2026-01-01T10:00:00Z")),
        RowFactory.create(2L, 20.0, "travel", Instant.parse("2026-01-01T11:00:00Z")),
        RowFactory.create(3L, 7.25, "food", Instant.parse("2026-01-01T12:00:00Z")));
    FeatureGroup group = new FeatureGroup(1, "tx", 1, List.of(
        new Column("id", ColumnType.of(DataType.Kind.BIGINT), false, null),
        new Column("amount", ColumnType.of(DataType.Kind.DOUBLE), true, null),
        new Column("cat", ColumnType.of(DataType.Kind.VARCHAR), true, null),
        new Column("ts", ColumnType.of(DataType.Kind.TIMESTAMP), false, null)),
        List.of("id"), Optional.of("ts"), false, null, Map.of("layout", "sorted"), List.of(), Instant.now(),
        dir.toAbsolutePath().toUri().toString());
    spark.createDataFrame(rows, schema).write().format("hudi")
        .options(HudiOfflineStore.writeOptions(group)).mode(SaveMode.Append).save(group.location());
    List<Row> out = spark.read().format("hudi").option("hoodie.metadata.enable", "false")
        .load(group.location()).groupBy("cat").agg(count(lit(1)).as("n"), sum("amount").as("total"))
        .orderBy("cat").collectAsList();
    for (Row r : out) {
      System.out.println(r);
    }
    System.out.flush();
  }
}
