package io.fsql.storage.offline;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The feature rows of one side of a point-in-time join in one partition, indexed for probing: per
 * key id, the rows sorted by time, in primitive arrays ({@code times}) next to the rows. Built in
 * two steps: {@link #add} every row, then {@link #build} once the number of key ids is known.
 * A probe is a binary search within the key's slice. Serializable, to be broadcast when the side is
 * small (its rows are then {@link org.apache.spark.sql.catalyst.expressions.UnsafeRow}s).
 */
final class PitSideIndex implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private int count;
  private int[] keyIds = new int[1024];
  private long[] times = new long[1024];
  private InternalRow[] rows = new InternalRow[1024];
  /** After build: rows of key id k are at [start[k], start[k + 1]). */
  private int[] start;

  void add(int keyId, long time, InternalRow row) {
    if (count == times.length) {
      int n = count * 2;
      keyIds = Arrays.copyOf(keyIds, n);
      times = Arrays.copyOf(times, n);
      rows = Arrays.copyOf(rows, n);
    }
    keyIds[count] = keyId;
    times[count] = time;
    rows[count] = row;
    count++;
  }

  /** Groups the rows by key id (a counting sort) and sorts each key's rows by time. */
  void build(int keyCount) {
    start = new int[keyCount + 1];
    for (int i = 0; i < count; i++) {
      start[keyIds[i] + 1]++;
    }
    for (int k = 0; k < keyCount; k++) {
      start[k + 1] += start[k];
    }
    int[] next = Arrays.copyOf(start, keyCount);
    long[] sortedTimes = new long[count];
    InternalRow[] sortedRows = new InternalRow[count];
    for (int i = 0; i < count; i++) {
      int at = next[keyIds[i]]++;
      sortedTimes[at] = times[i];
      sortedRows[at] = rows[i];
    }
    keyIds = null;
    times = sortedTimes;
    rows = sortedRows;
    for (int k = 0; k < keyCount; k++) {
      sort(start[k], start[k + 1] - 1);
    }
  }

  /**
   * The row of key id {@code keyId} whose time is the closest to {@code t} on the allowed side
   * (at or before t for a backward match, before when strict; at or after, after when strict, for a
   * forward one), with its time at most {@code maxStaleness} away when that is not null; else
   * null. Among rows with equal times the last one in the index is taken for a backward match, the
   * first for a forward one.
   */
  InternalRow match(int keyId, long t, boolean backward, boolean strict, Long maxStaleness) {
    if (keyId < 0 || keyId >= start.length - 1) {
      return null;
    }
    int from = start[keyId];
    int to = start[keyId + 1];
    int at;
    if (backward) {
      at = (strict ? firstAtOrAfter(from, to, t) : firstAfter(from, to, t)) - 1;
      if (at < from) {
        return null;
      }
    } else {
      at = strict ? firstAfter(from, to, t) : firstAtOrAfter(from, to, t);
      if (at >= to) {
        return null;
      }
    }
    if (maxStaleness != null && Math.abs(t - times[at]) > maxStaleness) {
      return null;
    }
    return rows[at];
  }

  /** The first index in [from, to) whose time is >= t, or to. */
  private int firstAtOrAfter(int from, int to, long t) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index in [from, to) whose time is > t, or to. */
  private int firstAfter(int from, int to, long t) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Sorts [lo, hi] (inclusive) by time: insertion sort for short slices, else quicksort. */
  private void sort(int lo, int hi) {
    while (hi - lo > 16) {
      int mid = (lo + hi) >>> 1;
      long pivot = median(times[lo], times[mid], times[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (times[i] < pivot) {
          i++;
        }
        while (times[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(i++, j--);
        }
      }
      if (j - lo < hi - i) {
        sort(lo, j);
        lo = i;
      } else {
        sort(i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      long t = times[i];
      InternalRow r = rows[i];
      int j = i - 1;
      while (j >= lo && times[j] > t) {
        times[j + 1] = times[j];
        rows[j + 1] = rows[j];
        j--;
      }
      times[j + 1] = t;
      rows[j + 1] = r;
    }
  }

  private static long median(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private void swap(int i, int j) {
    long t = times[i];
    times[i] = times[j];
    times[j] = t;
    InternalRow r = rows[i];
    rows[i] = rows[j];
    rows[j] = r;
  }
}
