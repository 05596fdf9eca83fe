package io.fsql.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * In local mode the index of a point-in-time join's broadcast sides stays in the process: a task's
 * copy of the reference (serialised, as Spark ships it) reads the very same index, and the index
 * is dropped once the driver's reference is garbage collected; a copy used after that fails with
 * a message saying so.
 */
class PitSidesRefTest {
  @Test
  void theIndexIsSharedByCopiesAndDroppedWithTheDriversReference() throws Exception {
    DataType[] keyTypes = {DataTypes.LongType};
    PitKeyIds ids = new PitKeyIds(keyTypes);
    PitSideIndex index = new PitSideIndex();
    index.add(ids.add(new GenericInternalRow(new Object[] {7L})), 10L,
        UnsafeProjection.create(new DataType[] {DataTypes.LongType}).apply(new GenericInternalRow(new Object[] {42L})));
    PitBroadcastSides sides = PitBroadcastSides.merge(keyTypes, 1, List.of(PitSidePart.of(0, 0, ids, index)));

    PitSidesRef ref = new PitSidesRef.InProcess(sides);
    PitSidesRef.InProcess copy = (PitSidesRef.InProcess) roundTrip(ref);
    assertThat(copy.isHeld()).isTrue();
    assertThat(copy).isNotSameAs(ref);
    assertThat(copy.value()).isSameAs(sides);

    ref = null;
    long until = System.nanoTime() + 20_000_000_000L;
    while (copy.isHeld() && System.nanoTime() < until) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(copy.isHeld()).as("index held after the driver's reference was collected").isFalse();
    PitSidesRef late = copy;
    assertThatThrownBy(late::value).isInstanceOf(IllegalStateException.class)
        .hasMessage("the index of a point-in-time join's broadcast sides is no longer held (its query was released)");
  }

  private static PitSidesRef roundTrip(PitSidesRef ref) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(ref);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (PitSidesRef) in.readObject();
    }
  }
}
