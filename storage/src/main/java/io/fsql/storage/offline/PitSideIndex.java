package io.fsql.storage.offline;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.Platform;

/**
 * The feature rows of one side of a point-in-time join in one partition, indexed for probing: per
 * key id, the rows sorted by time, in primitive arrays ({@code times}) next to the rows. Built in
 * two steps: {@link #add} every row, then {@link #build} once the number of key ids is known.
 * A probe is a binary search within the key's slice. Once built, the rows' bytes are in index
 * order too.
 *
 * <p>The rows' bytes are copied into a few large pages (each row prefixed by its size) and a row is
 * a long address (page, offset), not an object: a partition of a million feature rows is a handful
 * of arrays for the garbage collector, and a broadcast index serialises as a few byte arrays, not a
 * million objects. A matched row is read through an {@link UnsafeRow} the caller owns (pointed at
 * the row's bytes), so the index can be probed by several tasks at once. Serializable, to be
 * broadcast when the side is small.
 */
final class PitSideIndex implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private int count;
  private int[] keyIds = new int[1024];
  private long[] times = new long[1024];
  /** Per row: its page (high 32 bits) and the offset of its size prefix in the page (low 32 bits). */
  private long[] rows = new long[1024];
  private static final int FIRST_PAGE = 64 << 10;
  private static final int MAX_PAGE = 8 << 20;
  private byte[][] pages = new byte[4][];
  private int pageCount;
  /** Bytes used in the last page. */
  private int used;
  /** After build: rows of key id k are at [start[k], start[k + 1]). */
  private int[] start;

  /** Adds a row (its bytes are copied: the row may be reused by the caller afterwards). */
  void add(int keyId, long time, UnsafeRow row) {
    if (count == times.length) {
      int n = count * 2;
      keyIds = Arrays.copyOf(keyIds, n);
      times = Arrays.copyOf(times, n);
      rows = Arrays.copyOf(rows, n);
    }
    int size = row.getSizeInBytes();
    int need = size + 4;
    if (pageCount == 0 || used + need > pages[pageCount - 1].length) {
      newPage(need);
    }
    byte[] page = pages[pageCount - 1];
    Platform.putInt(page, Platform.BYTE_ARRAY_OFFSET + used, size);
    Platform.copyMemory(row.getBaseObject(), row.getBaseOffset(), page, Platform.BYTE_ARRAY_OFFSET + used + 4, size);
    keyIds[count] = keyId;
    times[count] = time;
    rows[count] = ((long) (pageCount - 1) << 32) | used;
    used += need;
    count++;
  }

  /** Starts a page of at least {@code need} bytes (pages double from 64 KiB up to 8 MiB). */
  private void newPage(int need) {
    if (pageCount > 0) {
      pages[pageCount - 1] = Arrays.copyOf(pages[pageCount - 1], used);
    }
    int size = pageCount == 0 ? FIRST_PAGE : Math.min(MAX_PAGE, pages[pageCount - 1].length * 2);
    if (pageCount == pages.length) {
      pages = Arrays.copyOf(pages, pageCount * 2);
    }
    pages[pageCount++] = new byte[Math.max(size, need)];
    used = 0;
  }

  /**
   * Points {@code target} (an UnsafeRow with the side's number of fields) at row {@code at} (a
   * position {@link #match} returned) and returns it; valid while the index lives.
   */
  UnsafeRow row(int at, UnsafeRow target) {
    long address = rows[at];
    byte[] page = pages[(int) (address >>> 32)];
    long offset = Platform.BYTE_ARRAY_OFFSET + (int) address;
    target.pointTo(page, offset + 4, Platform.getInt(page, offset));
    return target;
  }

  /** The number of rows added. */
  int count() {
    return count;
  }

  /**
   * Trims the arrays and the last page to what the rows use, before this index (not yet built)
   * is handed to the driver to be {@link #merge merged}.
   */
  void seal() {
    keyIds = Arrays.copyOf(keyIds, count);
    times = Arrays.copyOf(times, count);
    rows = Arrays.copyOf(rows, count);
    if (pageCount > 0 && used < pages[pageCount - 1].length) {
      pages[pageCount - 1] = Arrays.copyOf(pages[pageCount - 1], used);
    }
    pages = Arrays.copyOf(pages, pageCount);
  }

  /**
   * One index (not yet built) of the rows of several indexes (not built), whose key ids are
   * renumbered: the key id {@code k} of {@code parts.get(i)} becomes {@code ids.get(i)[k]}. The
   * parts' pages are taken over, not copied.
   */
  static PitSideIndex merge(java.util.List<PitSideIndex> parts, java.util.List<int[]> ids) {
    PitSideIndex m = new PitSideIndex();
    int count = 0;
    int pageCount = 0;
    for (PitSideIndex p : parts) {
      count += p.count;
      pageCount += p.pageCount;
    }
    m.keyIds = new int[Math.max(1, count)];
    m.times = new long[Math.max(1, count)];
    m.rows = new long[Math.max(1, count)];
    m.pages = new byte[Math.max(1, pageCount)][];
    int at = 0;
    for (int i = 0; i < parts.size(); i++) {
      PitSideIndex p = parts.get(i);
      int[] map = ids.get(i);
      long pageShift = (long) m.pageCount << 32;
      for (int r = 0; r < p.count; r++) {
        m.keyIds[at] = map[p.keyIds[r]];
        m.times[at] = p.times[r];
        m.rows[at] = p.rows[r] + pageShift;
        at++;
      }
      for (int g = 0; g < p.pageCount; g++) {
        m.pages[m.pageCount++] = g == p.pageCount - 1 && p.used < p.pages[g].length
            ? Arrays.copyOf(p.pages[g], p.used) : p.pages[g];
      }
    }
    m.count = count;
    m.used = m.pageCount == 0 ? 0 : m.pages[m.pageCount - 1].length;
    return m;
  }

  /**
   * Groups the rows by key id (a counting sort), sorts each key's rows by time and lays their bytes
   * out in that order.
   */
  void build(int keyCount) {
    start = new int[keyCount + 1];
    for (int i = 0; i < count; i++) {
      start[keyIds[i] + 1]++;
    }
    for (int k = 0; k < keyCount; k++) {
      start[k + 1] += start[k];
    }
    if (pageCount > 0 && used < pages[pageCount - 1].length) {
      pages[pageCount - 1] = Arrays.copyOf(pages[pageCount - 1], used);
    }
    pages = Arrays.copyOf(pages, pageCount);
    int[] next = Arrays.copyOf(start, keyCount);
    long[] sortedTimes = new long[count];
    long[] sortedRows = new long[count];
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
    relayout();
  }

  /**
   * Copies the rows' bytes into new pages in index order (by key id, then time), so that probes
   * made in key order ({@link PitPartitionJoin}) read the rows forwards.
   */
  private void relayout() {
    byte[][] old = pages;
    pages = new byte[4][];
    pageCount = 0;
    used = 0;
    for (int i = 0; i < count; i++) {
      long address = rows[i];
      byte[] page = old[(int) (address >>> 32)];
      int off = (int) address;
      int size = Platform.getInt(page, Platform.BYTE_ARRAY_OFFSET + off);
      int need = size + 4;
      if (pageCount == 0 || used + need > pages[pageCount - 1].length) {
        newPage(need);
      }
      byte[] to = pages[pageCount - 1];
      System.arraycopy(page, off, to, used, need);
      rows[i] = ((long) (pageCount - 1) << 32) | used;
      used += need;
    }
    if (pageCount > 0 && used < pages[pageCount - 1].length) {
      pages[pageCount - 1] = Arrays.copyOf(pages[pageCount - 1], used);
    }
    pages = Arrays.copyOf(pages, pageCount);
  }

  /**
   * The position of the row of key id {@code keyId} whose time is the closest to {@code t} on the allowed side
   * (at or before t for a backward match, before when strict; at or after, after when strict, for a
   * forward one), with its time at most {@code maxStaleness} away when that is not null; else
   * -1 (read the row with {@link #row}). Among rows with equal times the last one in the index is taken for a backward match, the
   * first for a forward one.
   */
  int match(int keyId, long t, boolean backward, boolean strict, Long maxStaleness) {
    if (keyId < 0 || keyId >= start.length - 1) {
      return -1;
    }
    int from = start[keyId];
    int to = start[keyId + 1];
    int at;
    if (backward) {
      at = (strict ? firstAtOrAfter(from, to, t) : firstAfter(from, to, t)) - 1;
      if (at < from) {
        return -1;
      }
    } else {
      at = strict ? firstAfter(from, to, t) : firstAtOrAfter(from, to, t);
      if (at >= to) {
        return -1;
      }
    }
    if (maxStaleness != null && Math.abs(t - times[at]) > maxStaleness) {
      return -1;
    }
    return at;
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
      long r = rows[i];
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
    long r = rows[i];
    rows[i] = rows[j];
    rows[j] = r;
  }
}
