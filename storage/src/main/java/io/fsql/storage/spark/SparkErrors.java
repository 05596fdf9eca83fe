package io.fsql.storage.spark;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import org.apache.spark.SparkThrowable;

/** Turns Spark's failures into one-line fsql errors. */
public final class SparkErrors {
  private SparkErrors() {}

  public static FsqlException translate(Throwable e, String doing) {
    FsqlException known = FsqlException.find(e);
    if (known != null) {
      return known;
    }
    Throwable root = e;
    SparkThrowable sparkError = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable st && st.getErrorClass() != null) {
        sparkError = st;
        root = t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (sparkError == null) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        root = t;
        if (t instanceof ArithmeticException || t instanceof java.time.DateTimeException
            || t instanceof NumberFormatException) {
          break;
        }
        if (t.getCause() == t) {
          break;
        }
      }
    }
    String message = clean(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    ErrorCode code = ErrorCode.DATA_ERROR;
    if (sparkError != null) {
      String cls = sparkError.getErrorClass();
      if (cls.startsWith("PATH_NOT_FOUND") || cls.contains("FILE_NOT_FOUND")) {
        code = ErrorCode.IO_ERROR;
      } else if (cls.startsWith("UNRESOLVED") || cls.contains("PARSE")) {
        code = ErrorCode.INTERNAL;
      }
    } else if (root instanceof java.io.IOException) {
      code = ErrorCode.IO_ERROR;
    }
    return new FsqlException(code, doing + " failed: " + message, e);
  }

  /** The first lines of Spark's message, without its advice about Spark settings and SQL context. */
  static String clean(String message) {
    String m = message;
    int ctx = m.indexOf("\n== SQL");
    if (ctx >= 0) {
      m = m.substring(0, ctx);
    }
    // A failed job's message carries the failed task's and the driver's stack traces.
    int driver = m.indexOf("\nDriver stacktrace:");
    if (driver >= 0) {
      m = m.substring(0, driver);
    }
    m = m.replaceAll("(?m)^\\s+at .*$", "").replaceAll("(?m)^\\s*\\.\\.\\. \\d+ more$", "");
    if (m.startsWith("Cannot call methods on a stopped SparkContext")) {
      return "the Spark context had stopped (the cluster removed the application, or its master was"
          + " lost); the next statement starts a new one";
    }
    m = m.replaceAll("(?s)If necessary set \"?spark\\.sql\\.[^ ]*\"? to \"?false\"? to bypass this error\\.?", "");
    m = m.replaceAll("Use `try_[a-z_]+` to [^.]*\\.", "");
    m = m.replaceAll("Correct the value as per the syntax, or change its target type\\.", "");
    m = m.replaceAll("^\\[[A-Z_.]+\\] ", "");
    m = m.replaceAll("\\s+", " ").trim();
    if (m.length() > 600) {
      m = m.substring(0, 600) + "...";
    }
    return m;
  }
}
