package io.fsql.storage.offline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataType;

/**
 * One partition's share of a broadcast side of a point-in-time join, indexed by the task that read
 * it: the rows' columns in an {@link PitSideIndex} (not yet built) under the partition's own key
 * ids, and the keys by id. The driver merges the parts into one index
 * ({@link PitBroadcastSides#collect}), so it neither decodes nor projects a row itself.
 *
 * <p>Only primitive arrays, so that it travels to the driver as Spark's serializer writes it. In
 * local mode the tasks run in the driver's process and a part does not travel at all: the task
 * leaves it under its collection's id ({@link #handOver}) and returns a receipt.
 */
final class PitSidePart implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<Long, Map<Long, PitSidePart>> HANDED = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT = new AtomicLong();

  final int side;
  final int partition;
  /** The keys by id when the key is one integral value, else null. */
  final long[] longKeys;
  /** The bytes of each key by id otherwise, else null. */
  final byte[][] keyRows;
  /** The rows, or null in a receipt. */
  final PitSideIndex rows;

  private PitSidePart(int side, int partition, long[] longKeys, byte[][] keyRows, PitSideIndex rows) {
    this.side = side;
    this.partition = partition;
    this.longKeys = longKeys;
    this.keyRows = keyRows;
    this.rows = rows;
  }

  /** The part of side {@code side} read by task {@code partition}: its rows under the key ids of {@code ids}. */
  static PitSidePart of(int side, int partition, PitKeyIds ids, PitSideIndex rows) {
    rows.seal();
    return ids.primitive()
        ? new PitSidePart(side, partition, ids.longKeysById(), null, rows)
        : new PitSidePart(side, partition, null, ids.keyRowsById(), rows);
  }

  /** A new id under which the tasks of one collection hand their parts over in this process. */
  static long newHandOver() {
    long id = NEXT.incrementAndGet();
    HANDED.put(id, new ConcurrentHashMap<>());
    return id;
  }

  /** The part a receipt stands for (handed over under {@code handOver}). */
  static PitSidePart take(long handOver, PitSidePart receipt) {
    PitSidePart part = HANDED.get(handOver).remove(key(receipt.side, receipt.partition));
    if (part == null) {
      throw new IllegalStateException("the rows of partition " + receipt.partition + " of a point-in-time join's "
          + "side " + receipt.side + " were not handed over");
    }
    return part;
  }

  /** Drops what the tasks of a collection left and was not taken (after a failure). */
  static void release(long handOver) {
    HANDED.remove(handOver);
  }

  /** How many collections are under way or not released (for tests). */
  static int handOvers() {
    return HANDED.size();
  }

  private static long key(int side, int partition) {
    return ((long) side << 32) | (partition & 0xffffffffL);
  }

  /**
   * The task that reads one side's rows {@code (k_1..k_n, t, columns...)}, no key or time NULL,
   * and indexes them; with a hand-over id (local mode), the part stays in this process.
   */
  static final class Builder implements FlatMapFunction<Iterator<InternalRow>, PitSidePart>, Serializable {
    private static final long serialVersionUID = 1L;
    private final DataType[] keyTypes;
    private final DataType timeType;
    private final DataType[] columnTypes;
    private final int side;
    private final long handOver;

    Builder(DataType[] keyTypes, DataType timeType, DataType[] columnTypes, int side, long handOver) {
      this.keyTypes = keyTypes;
      this.timeType = timeType;
      this.columnTypes = columnTypes;
      this.side = side;
      this.handOver = handOver;
    }

    @Override
    public Iterator<PitSidePart> call(Iterator<InternalRow> rows) {
      int keys = keyTypes.length;
      List<Expression> refs = new ArrayList<>();
      for (int c = 0; c < columnTypes.length; c++) {
        refs.add(new BoundReference(keys + 1 + c, columnTypes[c], true));
      }
      UnsafeProjection columns = UnsafeProjection.create(scala.collection.JavaConverters.asScalaBuffer(refs).toSeq());
      PitKeyIds ids = new PitKeyIds(keyTypes);
      PitSideIndex index = new PitSideIndex();
      while (rows.hasNext()) {
        InternalRow r = rows.next();
        index.add(ids.add(r), PitPartitionJoin.time(timeType, r, keys), columns.apply(r));
      }
      int partition = TaskContext.getPartitionId();
      PitSidePart part = of(side, partition, ids, index);
      if (handOver == 0) {
        return Collections.singletonList(part).iterator();
      }
      Map<Long, PitSidePart> handed = HANDED.get(handOver);
      if (handed == null) {
        throw new IllegalStateException("a point-in-time join's side was read after its collection ended");
      }
      handed.put(key(side, partition), part);
      return Collections.singletonList(new PitSidePart(side, partition, null, null, null)).iterator();
    }
  }
}
