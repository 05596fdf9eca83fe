package io.fsql.storage.spark;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide SparkSession: started lazily, once per process, shared by every engine and
 * every test in a JVM, and started anew on the next use when its context stopped (an application
 * the cluster removed, a lost master). Local mode by default; {@code fsql.spark.master} (or the
 * environment variable {@code FSQL_SPARK_MASTER}) points it at a cluster, and then fsql ships what
 * executors need (the Hudi bundle, see {@link ExecutorJars}), waits for the first executor and
 * sizes shuffles by the cluster's cores. Any system property {@code fsql.spark.conf.<key>} is
 * passed to Spark as {@code <key>} and wins over fsql's settings.
 */
public final class SparkRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(SparkRuntime.class);
  private static final String USER_CONF = "fsql.spark.conf.";
  private static final Object LOCK = new Object();
  private static volatile SparkSession session;
  private static ScratchDirectory scratch;
  private static boolean cleanedUp;
  private static boolean hooked;

  private SparkRuntime() {}

  /** The shared session, started on first use and again after its context stopped. */
  public static SparkSession session() {
    SparkSession s = session;
    if (s != null && !s.sparkContext().isStopped()) {
      return s;
    }
    synchronized (LOCK) {
      s = session;
      if (s != null && !s.sparkContext().isStopped()) {
        return s;
      }
      if (s != null) {
        LOG.warn("the Spark context on {} stopped; starting a new one", s.sparkContext().master());
        discard();
      }
      s = start();
      session = s;
      return s;
    }
  }

  /**
   * A new SQL session on the shared context (its own temporary views and settings), with shuffles
   * sized by the cores the cluster has now unless {@code spark.sql.shuffle.partitions} was set.
   */
  public static SparkSession newSession() {
    SparkSession s = session().newSession();
    if (System.getProperty(USER_CONF + "spark.sql.shuffle.partitions") == null) {
      s.conf().set("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions(s.sparkContext())));
    }
    return s;
  }

  /**
   * How many tasks run at once: the process's cores in local mode, else the cluster's executor
   * cores now (Spark's default parallelism, at least 2).
   */
  public static int parallelism() {
    SparkSession s = session();
    if (SparkMaster.configured().local() || s.sparkContext().isLocal()) {
      return Math.max(2, Runtime.getRuntime().availableProcessors());
    }
    return Math.max(2, s.sparkContext().defaultParallelism());
  }

  private static int shufflePartitions(SparkContext sc) {
    int cores = sc.isLocal() ? Runtime.getRuntime().availableProcessors() : sc.defaultParallelism();
    return Math.max(2, cores * 2);
  }

  /** Whether Spark is running in this process now. */
  public static boolean started() {
    SparkSession s = session;
    return s != null && !s.sparkContext().isStopped();
  }

  /** Stops Spark (if running) and removes its scratch directory; the next use starts it again. */
  public static void stop() {
    synchronized (LOCK) {
      discard();
    }
  }

  private static void discard() {
    SparkSession s = session;
    session = null;
    if (s != null) {
      try {
        s.stop();
      } catch (RuntimeException e) {
        LOG.debug("stopping Spark: {}", e.toString());
      }
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
    // Spark keeps the local directories it resolved for the process; the next context must
    // resolve its own (else it writes into the directory deleted here).
    org.apache.spark.util.Utils$.MODULE$.clearLocalRootDirs();
    if (scratch != null) {
      scratch.close();
      scratch = null;
    }
  }

  /**
   * Hudi sizes records with a bundled copy of JOL, whose first use prints "# WARNING ..." lines
   * about the HotSpot Serviceability Agent to standard output, mixing them into query results.
   * Initialize it once, here, with standard output silenced; JOL keeps its state for the process.
   */
  private static void initializeObjectSizer() {
    java.io.PrintStream out = System.out;
    try {
      System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      Class.forName("org.apache.hudi.org.openjdk.jol.vm.VM").getMethod("current").invoke(null);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.debug("could not initialize JOL early", e);
    } finally {
      System.setOut(out);
    }
  }

  /**
   * The configuration fsql starts Spark with (without the per-start scratch directory and the
   * jars shipped to executors); visible for documentation and tests.
   */
  public static Map<String, String> configuration() {
    Map<String, String> conf = new TreeMap<>();
    SparkMaster master = SparkMaster.configured();
    int cores = Runtime.getRuntime().availableProcessors();
    conf.put("spark.master", master.url());
    conf.put("spark.app.name", "fsql");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.ui.showConsoleProgress", "false");
    // Plans with many columns (statistics and expectations aggregate every column) are printed
    // whole in logs and EXPLAIN, without Spark's "Truncated the string representation" warning.
    conf.put("spark.sql.debug.maxToStringFields", "1000");
    if (master.local()) {
      conf.put("spark.driver.host", "127.0.0.1");
      conf.put("spark.driver.bindAddress", "127.0.0.1");
      conf.put("spark.sql.shuffle.partitions", Integer.toString(Math.max(2, cores * 2)));
      conf.put("spark.default.parallelism", Integer.toString(Math.max(2, cores * 2)));
    }
    // On a cluster the driver's address is Spark's default (SPARK_LOCAL_IP / SPARK_LOCAL_HOSTNAME,
    // else this host's name): executors on other hosts must reach it. Parallelism follows the
    // executors' cores (newSession), not this machine's.
    conf.put("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.put("spark.kryo.registrator", "org.apache.spark.HoodieSparkKryoRegistrar");
    conf.put("spark.sql.extensions", "org.apache.spark.sql.hudi.HoodieSparkSessionExtension");
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put("spark.sql.datetime.java8API.enabled", "true");
    conf.put("spark.sql.ansi.enabled", "true");
    conf.put("spark.sql.sources.partitionOverwriteMode", "dynamic");
    conf.put("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED");
    conf.put("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED");
    // Parquet files fsql writes itself (training datasets) keep TIMESTAMP as INT64 microseconds,
    // the type other readers (Arrow, the Flight bulk path) take as it is; INT96 is legacy.
    conf.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    conf.put("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED");
    conf.put("spark.sql.avro.datetimeRebaseModeInWrite", "CORRECTED");
    conf.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    // fsql persists rows only for the length of one statement (an INSERT's rows between its
    // measurement, key checks and write; a training dataset's split): building Spark's compressed
    // columnar cache costs more than reading it saves. Measured on 1M rows of 8 mixed columns
    // (tpc-style-bench's tx data, 2 cores): built in ~0.4 s uncompressed against ~0.8 s
    // compressed, 48.6 MiB against 27.9 MiB (MEMORY_AND_DISK: beyond storage memory it spills); a
    // 1M-row INSERT from Parquet 3.47 s against 3.97 s, with 10 expectations and statistics 4.17 s
    // against 4.63 s (medians of 5 alternated rounds in one JVM). StatementCacheTest.
    conf.put("spark.sql.inMemoryColumnarStorage.compressed", "false");
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith(USER_CONF)) {
        conf.put(key.substring(USER_CONF.length()), System.getProperty(key));
      }
    }
    return conf;
  }

  private static SparkSession start() {
    long t0 = System.nanoTime();
    SparkMaster master = SparkMaster.configured();
    Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
    if (!cleanedUp) {
      cleanedUp = true;
      ScratchDirectory.removeStale(tmp);
    }
    if (!hooked) {
      hooked = true;
      // After Spark's own shutdown hook (priority 40 in Hadoop's manager), which stops the context.
      org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(() -> {
        synchronized (LOCK) {
          if (scratch != null) {
            scratch.close();
            scratch = null;
          }
        }
      }, 1);
    }
    Map<String, String> conf = configuration();
    if (!master.local()) {
      master.checkReachable(timeoutMillis("fsql.spark.connect.timeout.seconds", 10));
      Set<String> jars = new LinkedHashSet<>();
      String userJars = conf.get("spark.jars");
      if (userJars != null && !userJars.isBlank()) {
        for (String j : userJars.split(",")) {
          jars.add(j.trim());
        }
      }
      jars.addAll(ExecutorJars.paths());
      conf.put("spark.jars", String.join(",", jars));
    }
    initializeObjectSizer();
    try {
      scratch = ScratchDirectory.create(tmp);
    } catch (IOException e) {
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot create a scratch directory for Spark in " + tmp
          + ": " + e.getMessage(), e);
    }
    conf.putIfAbsent("spark.local.dir", scratch.path().toString());
    conf.putIfAbsent("spark.sql.warehouse.dir", scratch.path().resolve("warehouse").toString());
    SparkSession s;
    try {
      SparkSession.Builder builder = SparkSession.builder();
      conf.forEach(builder::config);
      s = builder.getOrCreate();
      s.sparkContext().setLogLevel("WARN");
      if (!master.local()) {
        awaitExecutor(s, master);
      }
    } catch (RuntimeException e) {
      session = null;
      SparkSession active = SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
      if (active != null) {
        active.stop();
      }
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
      org.apache.spark.util.Utils$.MODULE$.clearLocalRootDirs();
      scratch.close();
      scratch = null;
      FsqlException known = FsqlException.find(e);
      if (known != null) {
        throw known;
      }
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot start Spark on " + master + ": "
          + SparkErrors.clean(String.valueOf(e.getMessage())), e);
    }
    LOG.info("Spark {} started on {} in {} ms", s.version(), master, (System.nanoTime() - t0) / 1_000_000);
    return s;
  }

  /**
   * Waits (bounded: {@code fsql.spark.executor.timeout.seconds}, 120 by default) for the cluster to
   * give the application its first executor, so that sizing sees the cluster's cores and a cluster
   * without room fails with a clear error instead of a job that waits forever.
   */
  private static void awaitExecutor(SparkSession s, SparkMaster master) {
    long timeout = timeoutMillis("fsql.spark.executor.timeout.seconds", 120);
    long deadline = System.currentTimeMillis() + timeout;
    SparkContext sc = s.sparkContext();
    while (sc.statusTracker().getExecutorInfos().length < 2) {  // the driver counts as one
      if (sc.isStopped()) {
        throw new FsqlException(ErrorCode.IO_ERROR, "Spark on " + master
            + " stopped before an executor started (the master refused or removed the application;"
            + " see the master's log)");
      }
      if (System.currentTimeMillis() > deadline) {
        throw new FsqlException(ErrorCode.IO_ERROR, "no Spark executor started on " + master + " within "
            + timeout / 1000 + " s; check that the cluster's workers have free cores and memory for"
            + " spark.executor.memory (fsql.spark.executor.timeout.seconds sets the wait)");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FsqlException(ErrorCode.IO_ERROR, "interrupted while waiting for a Spark executor");
      }
    }
  }

  private static int timeoutMillis(String property, int defaultSeconds) {
    String v = System.getProperty(property);
    try {
      return (int) (1000 * (v == null ? defaultSeconds : Double.parseDouble(v)));
    } catch (NumberFormatException e) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, property + " must be a number of seconds, not '" + v + "'");
    }
  }
}
