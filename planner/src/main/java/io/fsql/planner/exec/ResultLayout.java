package io.fsql.planner.exec;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.sql.tree.NodeLocation;
import java.util.Locale;

/**
 * How a query's rows come from the offline engine (the session setting {@code columnar_results}):
 * row by row ({@link #OFF}) or in column batches ({@link #ON}, and {@link #AUTO}, the default, which
 * today is the same: measured side by side, column batches were never slower, small results
 * included).
 */
public enum ResultLayout {
  OFF,
  AUTO,
  ON;

  /** Whether column batches may be used at all. */
  public boolean columnar() {
    return this != OFF;
  }

  /** The setting's value as written. */
  public String setting() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The layout a {@code SET columnar_results = value} names; {@code at} locates the value for errors. */
  public static ResultLayout of(String value, NodeLocation at) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "auto":
        return AUTO;
      case "on":
      case "true":
        return ON;
      case "off":
      case "false":
        return OFF;
      default:
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "columnar_results is 'auto', 'on' or 'off', not '" + value + "'", at.line(), at.column());
    }
  }
}
