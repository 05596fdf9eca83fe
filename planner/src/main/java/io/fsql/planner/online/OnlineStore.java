package io.fsql.planner.online;

import io.fsql.planner.catalog.FeatureGroup;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The online store: for every {@code ONLINE} feature group, the latest row per primary key (the
 * row with the greatest event time seen so far), read by key in about a millisecond.
 *
 * <p>Rows are the group's columns in catalog order, as Java values: Boolean, Integer, Long, Float,
 * Double, BigDecimal (with the column's scale), String, LocalDate, and LocalDateTime for TIMESTAMP
 * (UTC); {@code null} for NULL. A key is the primary-key columns' values in primary-key order. A
 * group is identified by {@link FeatureGroup#id()} (a dropped and re-created group is a new id).
 *
 * <p>The late-event rule belongs to the store: a row replaces the stored row of its key only if its
 * event time is greater than or equal to the stored one (equal is a correction of the newest row);
 * a group without an event time keeps the last row written. Implementations are thread-safe:
 * readers may run while a write is in progress and see each key either before or after it.
 */
public interface OnlineStore extends AutoCloseable {

  /**
   * Applies the rows of one offline commit in order (the late-event rule per row, rows of the same
   * key included), then records {@code commitId} as the group's watermark. Where the store can,
   * the rows and the watermark are one atomic write; otherwise the watermark is written last, so
   * a crash in between leaves the watermark behind (and the commit is replayed, which is harmless:
   * applying the same rows twice gives the same state).
   *
   * @return how many rows replaced or created a stored row
   */
  long apply(FeatureGroup group, String commitId, Iterator<Object[]> rows);

  /**
   * The stored rows of the given keys, one entry per key in the order given: the row, or
   * {@code null} when the key has no row.
   */
  List<Object[]> read(FeatureGroup group, List<Object[]> keys);

  /** The last offline commit applied to this group, empty if none was. */
  Optional<String> watermark(FeatureGroup group);

  /** Removes every row and the watermark of a group. */
  void drop(FeatureGroup group);

  /** A short description for EXPLAIN and DESCRIBE, e.g. {@code RocksDB at /home/online}. */
  String describe();

  @Override
  void close();
}
