package io.fsql.storage.offline;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The point-in-time join of one partition of the spine when every feature side is broadcast: the
 * spine is probed where it is (not shuffled) against the broadcast index.
 */
final class PitBroadcastProbe implements FlatMapFunction<Iterator<InternalRow>, InternalRow>, Serializable {
  private static final long serialVersionUID = 1L;

  private final PitPartitionJoin join;

  PitBroadcastProbe(PitPartitionJoin join) {
    this.join = join;
  }

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> spine) {
    return join.call(spine, Collections.emptyIterator());
  }
}
