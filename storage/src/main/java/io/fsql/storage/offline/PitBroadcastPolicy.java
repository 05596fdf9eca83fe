package io.fsql.storage.offline;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.math.BigInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a feature side of a point-in-time join is broadcast instead of shuffled: when Spark
 * estimates its rows (key, time and the side's columns, before the NULL filter) at most
 * {@value #PROPERTY} bytes, {@value #DEFAULT_MAX_BYTES} by default (0 never broadcasts). The
 * estimate costs no Spark job: for a feature group it is the size of its files scaled to the
 * columns read; a side computed by another point-in-time join has no estimate and is shuffled.
 */
final class PitBroadcastPolicy {
  static final String PROPERTY = "fsql.pit.broadcast.max.bytes";
  static final long DEFAULT_MAX_BYTES = 10L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(PitBroadcastPolicy.class);

  private PitBroadcastPolicy() {}

  /** The largest estimated size of a side that is broadcast (the system property, else the default). */
  static long maxBytes() {
    String v = System.getProperty(PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_MAX_BYTES;
    }
    try {
      long max = Long.parseLong(v.trim());
      if (max < 0) {
        throw new NumberFormatException();
      }
      return max;
    } catch (NumberFormatException e) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
          PROPERTY + " must be a number of bytes (0 or more), not '" + v + "'");
    }
  }

  /** Whether a side with these rows is broadcast. */
  static boolean broadcast(Dataset<Row> rows, long maxBytes) {
    if (maxBytes <= 0) {
      return false;
    }
    BigInteger estimate = rows.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
    boolean small = estimate.compareTo(BigInteger.valueOf(maxBytes)) <= 0;
    LOG.info("point-in-time join side estimated at {} bytes: {}", estimate, small ? "broadcast" : "shuffled");
    return small;
  }
}
