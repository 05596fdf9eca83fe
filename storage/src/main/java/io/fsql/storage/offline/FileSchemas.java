package io.fsql.storage.offline;

import io.fsql.planner.BoundedCache;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark schemas inferred for files read with {@code read_csv} / {@code read_parquet}, kept
 * while the files are unchanged (same paths, lengths and modification times), so that a query
 * infers a file's schema once: Spark infers a Parquet schema with a job of its own each time a
 * reader is made without one, and a CSV one with a pass over the file. A schema given back is
 * exactly the one Spark inferred from the same files.
 */
final class FileSchemas {
  private record Known(String fingerprint, StructType schema) {}

  private static final BoundedCache<String, Known> KNOWN = new BoundedCache<>(256);

  private FileSchemas() {}

  /** The schema of the files at {@code path}: the one inferred before if they are unchanged, else {@code infer}'s. */
  static StructType infer(Configuration conf, String format, String path, Map<String, String> options,
      Supplier<StructType> infer) {
    String key = key(format, path, options);
    String fingerprint = fingerprint(conf, path);
    StructType known = lookup(key, fingerprint);
    if (known != null) {
      return known;
    }
    StructType schema = infer.get();
    if (fingerprint != null) {
      KNOWN.put(key, new Known(fingerprint, schema));
    }
    return schema;
  }

  /** The schema inferred before for the files at {@code path} if they are unchanged since; else null. */
  static StructType known(Configuration conf, String format, String path, Map<String, String> options) {
    return lookup(key(format, path, options), fingerprint(conf, path));
  }

  private static StructType lookup(String key, String fingerprint) {
    if (fingerprint == null) {
      return null;
    }
    Known k = KNOWN.get(key);
    return k != null && k.fingerprint().equals(fingerprint) ? k.schema() : null;
  }

  private static String key(String format, String path, Map<String, String> options) {
    return format + "\u0000" + path + "\u0000" + new TreeMap<>(options);
  }

  /** The paths, lengths and modification times of the files at {@code path}; null when it cannot be listed. */
  private static String fingerprint(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(p);
      if (!status.isDirectory()) {
        return status.getLen() + ":" + status.getModificationTime();
      }
      StringBuilder sb = new StringBuilder();
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(p, true);
      while (files.hasNext()) {
        LocatedFileStatus f = files.next();
        sb.append(f.getPath()).append(':').append(f.getLen()).append(':').append(f.getModificationTime()).append('\n');
      }
      return sb.toString();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
