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
 * {@value #PROPERTY} bytes, {@value #DEFAULT_MAX_BYTES} by default (0 never broadcasts, whatever
 * the second limit). The estimate costs no Spark job: for a feature group it is the size of its
 * files scaled to the columns read; a side computed by another point-in-time join has no estimate
 * and is shuffled.
 *
 * <p>A larger side is also broadcast when it is estimated at most {@value #LARGER_PROPERTY} bytes
 * ({@value #DEFAULT_LARGER_MAX_BYTES} by default) and smaller than the spine, or the spine has no
 * estimate, as when the spine is the output of another point-in-time join (a second key, such as
 * a merchant after a card): shuffling that spine by this side's key would move every column the
 * earlier join added, and a spine that is not shuffled at all is probed where it is.
 */
final class PitBroadcastPolicy {
  static final String PROPERTY = "fsql.pit.broadcast.max.bytes";
  static final long DEFAULT_MAX_BYTES = 10L << 20;
  static final String LARGER_PROPERTY = "fsql.pit.broadcast.larger.max.bytes";
  static final long DEFAULT_LARGER_MAX_BYTES = 64L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(PitBroadcastPolicy.class);

  private PitBroadcastPolicy() {}

  /** The largest estimated size of a side that is broadcast (the system property, else the default). */
  static long maxBytes() {
    return bytes(PROPERTY, DEFAULT_MAX_BYTES);
  }

  /**
   * The largest estimated size of a side that is broadcast when it is smaller than the spine (the
   * system property, else the default).
   */
  static long largerMaxBytes() {
    return bytes(LARGER_PROPERTY, DEFAULT_LARGER_MAX_BYTES);
  }

  private static long bytes(String property, long defaultBytes) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      return defaultBytes;
    }
    try {
      long max = Long.parseLong(v.trim());
      if (max < 0) {
        throw new NumberFormatException();
      }
      return max;
    } catch (NumberFormatException e) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
          property + " must be a number of bytes (0 or more), not '" + v + "'");
    }
  }

  /** Spark's estimate of the size of these rows, in bytes (no Spark job). */
  static BigInteger estimate(Dataset<Row> rows) {
    return rows.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
  }

  /**
   * Whether a side with these rows is broadcast, next to a spine Spark estimates at
   * {@code spineEstimate} bytes.
   */
  static boolean broadcast(Dataset<Row> rows, BigInteger spineEstimate, long maxBytes, long largerMaxBytes) {
    if (maxBytes <= 0) {
      return false;
    }
    BigInteger estimate = estimate(rows);
    boolean small = estimate.compareTo(BigInteger.valueOf(maxBytes)) <= 0
        || estimate.compareTo(BigInteger.valueOf(largerMaxBytes)) <= 0 && estimate.compareTo(spineEstimate) < 0;
    LOG.info("point-in-time join side estimated at {} bytes (spine: {}): {}", estimate, spineEstimate,
        small ? "broadcast" : "shuffled");
    return small;
  }
}
