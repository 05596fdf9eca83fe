package io.fsql.storage.offline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataType;

/**
 * The index of the small feature sides of a point-in-time join, built once on the driver and
 * broadcast to every task that probes the spine: one {@link PitSideIndex} per broadcast side (null
 * for a shuffled side), with key ids shared by those sides. The rows given to {@link #build} are
 * {@code (k_1..k_n, t, side columns...)} with no key or time NULL.
 */
final class PitBroadcastSides implements Serializable {
  private static final long serialVersionUID = 1L;

  private final PitKeyIds ids;
  private final PitSideIndex[] index;

  private PitBroadcastSides(PitKeyIds ids, PitSideIndex[] index) {
    this.ids = ids;
    this.index = index;
  }

  /**
   * Indexes the rows of each broadcast side ({@code rows.get(s)}; null for a side that is not
   * broadcast), whose columns are those of {@code sideTypes[s]} after the keys and the time.
   */
  static PitBroadcastSides build(DataType[] keyTypes, DataType timeType, DataType[][] sideTypes,
      List<InternalRow[]> rows) {
    int keys = keyTypes.length;
    PitKeyIds ids = new PitKeyIds(keyTypes);
    PitSideIndex[] index = new PitSideIndex[rows.size()];
    for (int s = 0; s < index.length; s++) {
      InternalRow[] side = rows.get(s);
      if (side == null) {
        continue;
      }
      List<Expression> refs = new ArrayList<>();
      for (int c = 0; c < sideTypes[s].length; c++) {
        refs.add(new BoundReference(keys + 1 + c, sideTypes[s][c], true));
      }
      UnsafeProjection columns = UnsafeProjection.create(scala.collection.JavaConverters.asScalaBuffer(refs).toSeq());
      index[s] = new PitSideIndex();
      for (InternalRow r : side) {
        index[s].add(ids.add(r), PitPartitionJoin.time(timeType, r, keys), columns.apply(r));
      }
    }
    for (PitSideIndex i : index) {
      if (i != null) {
        i.build(ids.size());
      }
    }
    return new PitBroadcastSides(ids, index);
  }

  PitKeyIds ids() {
    return ids;
  }

  /** The index of side {@code s} (null when that side is shuffled). */
  PitSideIndex index(int s) {
    return index[s];
  }
}
