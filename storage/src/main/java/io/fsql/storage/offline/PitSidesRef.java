package io.fsql.storage.offline;

import java.io.Serializable;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * How the tasks of a point-in-time join reach the index of its broadcast sides
 * ({@link PitBroadcastSides}), built once on the driver.
 *
 * <p>With executors in other processes (a cluster, {@code local-cluster}) it is a Spark broadcast.
 * In local mode the tasks run in the driver's own process, and a Spark broadcast would still
 * serialise and compress the whole index (tens of MB per million feature rows) only to keep that
 * copy unused: there the index stays in the process, under an id the tasks look up. It is dropped
 * when the driver's reference (held by the join's RDD) is garbage collected, as Spark's own
 * cleaner drops a broadcast.
 */
abstract class PitSidesRef implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The index of the broadcast sides. */
  abstract PitBroadcastSides value();

  /** The reference for the sides' index on this Spark context. */
  static PitSidesRef of(SparkContext context, PitBroadcastSides sides) {
    if (context.isLocal()) {
      return new InProcess(sides);
    }
    return new Spark(JavaSparkContext.fromSparkContext(context).broadcast(sides));
  }

  /** A Spark broadcast. */
  private static final class Spark extends PitSidesRef {
    private static final long serialVersionUID = 1L;
    private final Broadcast<PitBroadcastSides> broadcast;

    Spark(Broadcast<PitBroadcastSides> broadcast) {
      this.broadcast = broadcast;
    }

    @Override
    PitBroadcastSides value() {
      return broadcast.value();
    }
  }

  /** The index kept in this process (local mode), under an id. */
  static final class InProcess extends PitSidesRef {
    private static final long serialVersionUID = 1L;
    private static final Map<Long, PitBroadcastSides> HELD = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    private static final Cleaner CLEANER = Cleaner.create();

    private final long id;

    InProcess(PitBroadcastSides sides) {
      id = NEXT.incrementAndGet();
      HELD.put(id, sides);
      long key = id;
      CLEANER.register(this, () -> HELD.remove(key));
    }

    @Override
    PitBroadcastSides value() {
      PitBroadcastSides sides = HELD.get(id);
      if (sides == null) {
        throw new IllegalStateException("the index of a point-in-time join's broadcast sides is no longer held "
            + "(its query was released)");
      }
      return sides;
    }

    /** Whether this reference's index is still held (for tests). */
    boolean isHeld() {
      return HELD.containsKey(id);
    }
  }
}
