package io.fsql.storage.offline;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;

/** Reading CSV and Parquet files with Spark, with fsql's option names. */
final class Files {
  private Files() {}

  static void check(Configuration conf, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      if (!p.getFileSystem(conf).exists(p)) {
        throw new FsqlException(ErrorCode.IO_ERROR, "file not found: " + path);
      }
    } catch (IOException e) {
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  static DataFrameReader reader(SparkSession spark, String format, Map<String, String> options) {
    DataFrameReader r = spark.read().format(format);
    if ("csv".equals(format)) {
      r = r.option("header", options.getOrDefault("header", "true"))
          .option("mode", "FAILFAST");
      if (options.containsKey("delimiter")) {
        r = r.option("sep", options.get("delimiter"));
      }
      if (options.containsKey("quote")) {
        r = r.option("quote", options.get("quote"));
      }
      if (options.containsKey("null_value")) {
        r = r.option("nullValue", options.get("null_value"));
      }
    }
    return r;
  }
}
