package io.fsql.storage.offline;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.Platform;

/**
 * A chunk of the spine rows of a point-in-time join, copied and put in the order of their key ids
 * ({@link PitPartitionJoin}): the rows are {@link #add added} as they come, with their key ids and
 * times, then {@link #sort sorted} by a counting sort whose rows' bytes are moved once into a
 * second buffer in key order. Probing then reads the rows, their ids and times, and the indexes
 * (which keep their rows in key order too) all forwards.
 */
final class PitSpineChunk {
  /** The most rows in a chunk. */
  static final int MAX_ROWS = 1 << 20;
  /** The most bytes of rows in a chunk (one row may go past it). */
  static final int MAX_BYTES = 32 << 20;

  private byte[] arrived = new byte[64 << 10];
  private byte[] sorted = new byte[0];
  private int bytes;
  private int size;
  private int[] offsets = new int[1024];
  private int[] sizes = new int[1024];
  private int[] ids = new int[1024];
  private int[] smallIds = new int[1024];
  private long[] times = new long[1024];
  private int[] sortedOffsets = new int[0];
  private int[] sortedSizes = new int[0];
  private int[] sortedIds = new int[0];
  private int[] sortedSmallIds = new int[0];
  private long[] sortedTimes = new long[0];

  /** Empties the chunk. */
  void clear() {
    size = 0;
    bytes = 0;
  }

  boolean full() {
    return size >= MAX_ROWS || bytes >= MAX_BYTES;
  }

  /** The number of rows. */
  int size() {
    return size;
  }

  /** Adds a row (its bytes are copied) with its key ids and time. */
  void add(UnsafeRow row, int id, int smallId, long time) {
    int length = row.getSizeInBytes();
    if (bytes + length > arrived.length) {
      arrived = Arrays.copyOf(arrived, Math.max(arrived.length * 2, bytes + length));
    }
    if (size == offsets.length) {
      int n = size * 2;
      offsets = Arrays.copyOf(offsets, n);
      sizes = Arrays.copyOf(sizes, n);
      ids = Arrays.copyOf(ids, n);
      smallIds = Arrays.copyOf(smallIds, n);
      times = Arrays.copyOf(times, n);
    }
    Platform.copyMemory(row.getBaseObject(), row.getBaseOffset(), arrived, Platform.BYTE_ARRAY_OFFSET + bytes, length);
    offsets[size] = bytes;
    sizes[size] = length;
    ids[size] = id;
    smallIds[size] = smallId;
    times[size] = time;
    bytes += length;
    size++;
  }

  /**
   * Orders the rows by key id, the broadcast index's ({@code bySmallIds}) or the partition's; rows
   * whose id is negative (no such key, or a NULL key or time) come first.
   */
  void sort(boolean bySmallIds) {
    int[] keyOf = bySmallIds ? smallIds : ids;
    int max = -1;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, keyOf[i]);
    }
    int[] starts = new int[max + 3];
    for (int i = 0; i < size; i++) {
      starts[Math.max(keyOf[i], -1) + 2]++;
    }
    for (int k = 1; k < starts.length; k++) {
      starts[k] += starts[k - 1];
    }
    if (sortedSizes.length < size) {
      int n = offsets.length;
      sortedOffsets = new int[n];
      sortedSizes = new int[n];
      sortedIds = new int[n];
      sortedSmallIds = new int[n];
      sortedTimes = new long[n];
    }
    // Each row's place in key order; then the rows' offsets in key order.
    int[] rank = new int[size];
    for (int i = 0; i < size; i++) {
      int at = starts[Math.max(keyOf[i], -1) + 1]++;
      rank[i] = at;
      sortedSizes[at] = sizes[i];
      sortedIds[at] = ids[i];
      sortedSmallIds[at] = smallIds[i];
      sortedTimes[at] = times[i];
    }
    int offset = 0;
    for (int k = 0; k < size; k++) {
      sortedOffsets[k] = offset;
      offset += sortedSizes[k];
    }
    if (sorted.length < bytes) {
      sorted = new byte[Math.max(bytes, arrived.length)];
    }
    for (int i = 0; i < size; i++) {
      System.arraycopy(arrived, offsets[i], sorted, sortedOffsets[rank[i]], sizes[i]);
    }
  }

  /** The key id (the partition's) of the {@code k}-th row in key order. */
  int id(int k) {
    return sortedIds[k];
  }

  /** The key id in the broadcast index of the {@code k}-th row in key order. */
  int smallId(int k) {
    return sortedSmallIds[k];
  }

  /** The time of the {@code k}-th row in key order. */
  long time(int k) {
    return sortedTimes[k];
  }

  /** Points {@code target} at the {@code k}-th row in key order (valid until the chunk is refilled). */
  UnsafeRow row(int k, UnsafeRow target) {
    target.pointTo(sorted, Platform.BYTE_ARRAY_OFFSET + sortedOffsets[k], sortedSizes[k]);
    return target;
  }
}
