package io.fsql.storage.offline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The point-in-time join of one partition: the spine rows and the feature rows of every side
 * whose keys hash to that partition. The feature rows are read first into one {@link PitSideIndex}
 * per shuffled side (key ids shared by all sides, from {@link PitKeyIds}); then each spine row is
 * probed against every side, streaming. A small side is not shuffled: its index, built once on the
 * driver ({@link PitBroadcastSides}), is broadcast and probed in every partition of the spine; when
 * every side is broadcast the spine is not shuffled either ({@link PitBroadcastProbe}).
 *
 * <p>Spine rows are {@code (k_1..k_n, t, spine columns...)}; feature rows are
 * {@code (k_1..k_n, t, side, row_0, ..., row_{m-1})}, one struct per shuffled side, where only the
 * struct of the row's own side (at {@code structAt[side]}) is set, and no key or time is NULL. Times are LONG (microseconds for TIMESTAMP
 * and DATE, integers as they are), DOUBLE or DECIMAL; they are compared as longs that order like
 * them. Output rows are the spine columns, then each side's columns (NULL without a match); a
 * spine row without a match on an inner side is dropped. A spine row with a NULL key or time
 * matches nothing.
 */
final class PitPartitionJoin
    implements FlatMapFunction2<Iterator<InternalRow>, Iterator<InternalRow>, InternalRow>, Serializable {
  private static final long serialVersionUID = 1L;
  /** The key id of a spine row whose key or time is NULL: it matches nothing. */
  private static final int NO_KEY = -2;

  private final DataType[] keyTypes;
  private final DataType timeType;
  private final DataType[] spineTypes;
  private final DataType[][] sideTypes;
  private final boolean[] keepUnmatched;
  private final Long[] maxStaleness;
  private final boolean backward;
  private final boolean strict;
  /** Per side: the position of its struct in a feature row, or -1 when the side is broadcast. */
  private final int[] structAt;
  /** The broadcast sides' index, or null when every side is shuffled. */
  private final PitSidesRef broadcast;

  PitPartitionJoin(DataType[] keyTypes, DataType timeType, DataType[] spineTypes, DataType[][] sideTypes,
      boolean[] keepUnmatched, Long[] maxStaleness, boolean backward, boolean strict, int[] structAt,
      PitSidesRef broadcast) {
    this.structAt = structAt;
    this.broadcast = broadcast;
    this.keyTypes = keyTypes;
    this.timeType = timeType;
    this.spineTypes = spineTypes;
    this.sideTypes = sideTypes;
    this.keepUnmatched = keepUnmatched;
    this.maxStaleness = maxStaleness;
    this.backward = backward;
    this.strict = strict;
  }

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> spine, Iterator<InternalRow> features) {
    int keys = keyTypes.length;
    int sides = sideTypes.length;
    PitKeyIds ids = new PitKeyIds(keyTypes);
    PitSideIndex[] index = new PitSideIndex[sides];
    for (int s = 0; s < sides; s++) {
      if (structAt[s] >= 0) {
        index[s] = new PitSideIndex();
      }
    }
    while (features.hasNext()) {
      InternalRow r = features.next();
      int s = r.getInt(keys + 1);
      index[s].add(ids.add(r), time(timeType, r, keys), (UnsafeRow) r.getStruct(structAt[s], sideTypes[s].length));
    }
    for (PitSideIndex i : index) {
      if (i != null) {
        i.build(ids.size());
      }
    }
    PitBroadcastSides small = broadcast == null ? null : broadcast.value();
    return new Probe(spine, ids, index, small, new PitOutputRow(keys + 1, spineTypes, sideTypes));
  }

  /** The time at {@code pos}, of type {@code timeType}, as a long that orders like it. */
  static long time(DataType timeType, InternalRow row, int pos) {
    if (timeType instanceof DecimalType d) {
      if (d.precision() <= 18) {
        return row.getDecimal(pos, d.precision(), d.scale()).toUnscaledLong();
      }
      return orderedBits(row.getDecimal(pos, d.precision(), d.scale()).toDouble());
    }
    if (timeType.equals(DataTypes.DoubleType)) {
      return orderedBits(row.getDouble(pos));
    }
    return row.getLong(pos);
  }

  /** A long that orders like the double (-0.0 as 0.0; NaN, one value, last, as Spark orders it). */
  private static long orderedBits(double d) {
    long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /**
   * The output rows: each spine row joined with its match on every side. The spine is read in
   * chunks ({@link PitSpineChunk}: at most 1M rows or 32 MiB, copied), and each chunk is probed in
   * the order of its key ids, the order the indexes keep their rows in: the probes walk the
   * chunk and the indexes forwards instead of jumping around in them, which is what a probe costs
   * (its memory reads), not its few comparisons. So the output comes grouped by key within a
   * chunk, not in the spine's order (a join promises no order).
   */
  private final class Probe implements Iterator<InternalRow> {
    private final Iterator<InternalRow> spine;
    private final PitKeyIds ids;
    private final PitSideIndex[] index;
    private final PitBroadcastSides small;
    private final PitOutputRow output;
    /** Per side: the row matched for the spine row being joined, or null. */
    private final UnsafeRow[] matched;
    /** Per side: the row a match is read through (this task's own; the index may be shared). */
    private final UnsafeRow[] found;
    private final PitSpineChunk chunk = new PitSpineChunk();
    /** The spine row being joined, read through this row. */
    private final UnsafeRow spineRow;
    /** Makes an UnsafeRow of a spine row that is not one (made when first needed). */
    private UnsafeProjection toUnsafe;
    private InternalRow next;
    private int probed;

    Probe(Iterator<InternalRow> spine, PitKeyIds ids, PitSideIndex[] index, PitBroadcastSides small,
        PitOutputRow output) {
      this.spine = spine;
      this.ids = ids;
      this.index = index;
      this.small = small;
      this.output = output;
      matched = new UnsafeRow[index.length];
      found = new UnsafeRow[index.length];
      for (int s = 0; s < index.length; s++) {
        found[s] = new UnsafeRow(sideTypes[s].length);
      }
      spineRow = new UnsafeRow(keyTypes.length + 1 + spineTypes.length);
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (probed < chunk.size()) {
          int k = probed++;
          next = join(chunk.row(k, spineRow), chunk.id(k), chunk.smallId(k), chunk.time(k));
        } else if (spine.hasNext()) {
          readChunk();
        } else {
          break;
        }
      }
      return next != null;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      InternalRow r = next;
      next = null;
      return r;
    }

    /** Reads the next chunk of the spine with the rows' key ids and times, and orders it by key id. */
    private void readChunk() {
      int keys = keyTypes.length;
      chunk.clear();
      probed = 0;
      while (!chunk.full() && spine.hasNext()) {
        InternalRow row = spine.next();
        boolean valid = !row.isNullAt(keys);
        for (int i = 0; i < keys && valid; i++) {
          valid = !row.isNullAt(i);
        }
        int id = valid ? ids.find(row) : NO_KEY;
        int smallId = valid && small != null ? small.ids().find(row) : NO_KEY;
        long t = valid ? time(timeType, row, keys) : 0;
        chunk.add(row instanceof UnsafeRow u ? u : unsafe(row), id, smallId, t);
      }
      chunk.sort(small != null);
    }

    private UnsafeRow unsafe(InternalRow row) {
      if (toUnsafe == null) {
        List<DataType> types = new ArrayList<>(Arrays.asList(keyTypes));
        types.add(timeType);
        types.addAll(Arrays.asList(spineTypes));
        toUnsafe = UnsafeProjection.create(types.toArray(new DataType[0]));
      }
      return toUnsafe.apply(row);
    }

    /**
     * The output row of one spine row, or null when an inner side has no match; {@code id} and
     * {@code smallId} are its key's ids in this partition's and in the broadcast index (-1 when
     * that index has no such key, {@link #NO_KEY} when the row's key or time is NULL), {@code t}
     * its time.
     */
    private InternalRow join(UnsafeRow row, int id, int smallId, long t) {
      for (int s = 0; s < index.length; s++) {
        UnsafeRow m = null;
        if (index[s] != null) {
          int at = id >= 0 ? index[s].match(id, t, backward, strict, maxStaleness[s]) : -1;
          if (at >= 0) {
            m = index[s].row(at, found[s]);
          }
        } else {
          int at = smallId >= 0 ? small.index(s).match(smallId, t, backward, strict, maxStaleness[s]) : -1;
          if (at >= 0) {
            m = small.index(s).row(at, found[s]);
          }
        }
        if (m == null && !keepUnmatched[s]) {
          return null;
        }
        matched[s] = m;
      }
      return output.write(row, matched);
    }
  }
}
