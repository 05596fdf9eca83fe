package io.fsql.storage.spark;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.List;

/**
 * The jars fsql ships to a cluster's executors ({@code spark.jars}), found where this process
 * loaded them from. A Spark distribution has Spark and Hadoop, not Hudi: executors need the Hudi
 * bundle for its Kryo registrator, its readers and writers. Of fsql's own code, executors run the
 * point-in-time join's per-partition probe (storage's jar); everything else fsql does there is
 * Spark SQL expressions and Hudi.
 */
final class ExecutorJars {
  /** A class of each jar to ship. */
  private static final List<String> MARKERS = List.of("org.apache.spark.HoodieSparkKryoRegistrar",
      "io.fsql.storage.offline.PitPartitionJoin");

  private ExecutorJars() {}

  static List<String> paths() {
    return MARKERS.stream().map(ExecutorJars::jarOf).toList();
  }

  private static String jarOf(String className) {
    try {
      CodeSource source = Class.forName(className, false, ExecutorJars.class.getClassLoader())
          .getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        throw new FsqlException(ErrorCode.INTERNAL, "cannot tell which jar holds " + className
            + " to ship it to Spark executors; set fsql.spark.conf.spark.jars");
      }
      Path jar = Paths.get(source.getLocation().toURI());
      if (!Files.isRegularFile(jar)) {
        throw new FsqlException(ErrorCode.INTERNAL, className + " was loaded from " + jar
            + ", not a jar: cannot ship it to Spark executors; set fsql.spark.conf.spark.jars");
      }
      return jar.toString();
    } catch (ClassNotFoundException e) {
      throw new FsqlException(ErrorCode.INTERNAL, className + " is not on fsql's classpath (the Hudi bundle"
          + " and fsql's storage jar are shipped to executors)", e);
    } catch (URISyntaxException e) {
      throw new FsqlException(ErrorCode.INTERNAL, "cannot locate " + className + ": " + e.getMessage(), e);
    }
  }
}
