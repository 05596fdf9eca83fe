package io.fsql.storage.offline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The index of the small feature sides of a point-in-time join, built once (the tasks of one Spark
 * job index their partitions, the driver merges them) and read by every task that probes the
 * spine: one {@link PitSideIndex} per broadcast side (null for a shuffled side), with key ids
 * shared by those sides. The rows given to {@link #collect} are {@code (k_1..k_n, t, side
 * columns...)} with no key or time NULL.
 */
final class PitBroadcastSides implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ClassTag<InternalRow> ROW = ClassTag$.MODULE$.apply(InternalRow.class);

  private final PitKeyIds ids;
  private final PitSideIndex[] index;

  private PitBroadcastSides(PitKeyIds ids, PitSideIndex[] index) {
    this.ids = ids;
    this.index = index;
  }

  /**
   * Reads and indexes the rows of each broadcast side ({@code rows.get(s)}; null for a side that
   * is not broadcast), whose columns are those of {@code sideTypes[s]} after the keys and the time:
   * one Spark job for all of them, whose tasks index their partition's rows
   * ({@link PitSidePart}); the driver merges the parts under shared key ids.
   */
  static PitBroadcastSides collect(SparkContext context, DataType[] keyTypes, DataType timeType,
      DataType[][] sideTypes, List<RDD<InternalRow>> rows) {
    long handOver = context.isLocal() ? PitSidePart.newHandOver() : 0;
    try {
      JavaRDD<PitSidePart> all = null;
      for (int s = 0; s < rows.size(); s++) {
        if (rows.get(s) != null) {
          JavaRDD<PitSidePart> side = JavaRDD.fromRDD(rows.get(s), ROW)
              .mapPartitions(new PitSidePart.Builder(keyTypes, timeType, sideTypes[s], s, handOver));
          all = all == null ? side : all.union(side);
        }
      }
      List<PitSidePart> parts = new ArrayList<>(all.collect());
      if (handOver != 0) {
        parts.replaceAll(receipt -> PitSidePart.take(handOver, receipt));
      }
      return merge(keyTypes, rows.size(), parts);
    } finally {
      if (handOver != 0) {
        PitSidePart.release(handOver);
      }
    }
  }

  /** The index of the parts' sides, under key ids shared by all of them. */
  static PitBroadcastSides merge(DataType[] keyTypes, int sides, List<PitSidePart> parts) {
    PitKeyIds ids = new PitKeyIds(keyTypes);
    List<List<PitSideIndex>> rowsOf = new ArrayList<>();
    List<List<int[]>> idsOf = new ArrayList<>();
    for (int s = 0; s < sides; s++) {
      rowsOf.add(null);
      idsOf.add(null);
    }
    for (PitSidePart part : parts) {
      int[] map;
      if (part.longKeys != null) {
        map = new int[part.longKeys.length];
        for (int k = 0; k < map.length; k++) {
          map[k] = ids.addLong(part.longKeys[k]);
        }
      } else {
        map = new int[part.keyRows.length];
        for (int k = 0; k < map.length; k++) {
          map[k] = ids.addKeyRow(part.keyRows[k]);
        }
      }
      if (rowsOf.get(part.side) == null) {
        rowsOf.set(part.side, new ArrayList<>());
        idsOf.set(part.side, new ArrayList<>());
      }
      rowsOf.get(part.side).add(part.rows);
      idsOf.get(part.side).add(map);
    }
    PitSideIndex[] index = new PitSideIndex[sides];
    for (int s = 0; s < sides; s++) {
      if (rowsOf.get(s) != null) {
        index[s] = PitSideIndex.merge(rowsOf.get(s), idsOf.get(s));
        index[s].build(ids.size());
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
