package io.fsql.storage.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide SparkSession: started lazily, once per process, shared by every engine and
 * every test in a JVM. Local mode by default; {@code fsql.spark.master} (or the environment
 * variable {@code FSQL_SPARK_MASTER}) points it at a cluster. Any system property
 * {@code fsql.spark.conf.<key>} is passed to Spark as {@code <key>}.
 */
public final class SparkRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(SparkRuntime.class);
  private static volatile SparkSession session;

  private SparkRuntime() {}

  /** The shared session, started on first use. */
  public static SparkSession session() {
    SparkSession s = session;
    if (s == null) {
      synchronized (SparkRuntime.class) {
        s = session;
        if (s == null) {
          s = start();
          session = s;
        }
      }
    }
    return s;
  }

  /** Whether Spark has been started in this process. */
  public static boolean started() {
    return session != null;
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

  /** The configuration fsql starts Spark with; visible for documentation and tests. */
  public static Map<String, String> configuration() {
    Map<String, String> conf = new TreeMap<>();
    String master = System.getProperty("fsql.spark.master", System.getenv("FSQL_SPARK_MASTER"));
    int cores = Runtime.getRuntime().availableProcessors();
    conf.put("spark.master", master == null || master.isBlank() ? "local[*]" : master);
    conf.put("spark.app.name", "fsql");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.ui.showConsoleProgress", "false");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.put("spark.kryo.registrator", "org.apache.spark.HoodieSparkKryoRegistrar");
    conf.put("spark.sql.extensions", "org.apache.spark.sql.hudi.HoodieSparkSessionExtension");
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put("spark.sql.datetime.java8API.enabled", "true");
    conf.put("spark.sql.ansi.enabled", "true");
    conf.put("spark.sql.shuffle.partitions", Integer.toString(Math.max(2, cores * 2)));
    conf.put("spark.default.parallelism", Integer.toString(Math.max(2, cores * 2)));
    conf.put("spark.sql.sources.partitionOverwriteMode", "dynamic");
    conf.put("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED");
    conf.put("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED");
    // Parquet files fsql writes itself (training datasets) keep TIMESTAMP as INT64 microseconds,
    // the type other readers (Arrow, the Flight bulk path) take as it is; INT96 is legacy.
    conf.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    conf.put("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED");
    conf.put("spark.sql.avro.datetimeRebaseModeInWrite", "CORRECTED");
    conf.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    try {
      Path scratch = Files.createTempDirectory("fsql-spark-");
      conf.put("spark.local.dir", scratch.toString());
      conf.put("spark.sql.warehouse.dir", scratch.resolve("warehouse").toString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create a scratch directory for Spark", e);
    }
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("fsql.spark.conf.")) {
        conf.put(key.substring("fsql.spark.conf.".length()), System.getProperty(key));
      }
    }
    return conf;
  }

  private static SparkSession start() {
    long t0 = System.nanoTime();
    initializeObjectSizer();
    Map<String, String> conf = configuration();
    SparkSession.Builder builder = SparkSession.builder();
    conf.forEach(builder::config);
    SparkSession s = builder.getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    LOG.info("Spark {} started on {} in {} ms", s.version(), conf.get("spark.master"),
        (System.nanoTime() - t0) / 1_000_000);
    return s;
  }
}
