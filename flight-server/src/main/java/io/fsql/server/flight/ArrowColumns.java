package io.fsql.server.flight;

import io.fsql.planner.exec.ColumnBatch;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes a {@link ColumnBatch} into the Arrow vectors of a result's schema ({@link ArrowTypes}),
 * column by column from the batch's arrays: no per-row Object[], no boxing, no LocalDateTime for a
 * TIMESTAMP. Values are those {@link ArrowTypes#set} writes for the same rows.
 */
final class ArrowColumns {
  private ArrowColumns() {}

  /** Writes the batch's rows at index 0.. of {@code vectors} (allocated, one per column). */
  static void write(ColumnBatch batch, List<FieldVector> vectors) {
    int n = batch.rowCount();
    for (int c = 0; c < vectors.size(); c++) {
      FieldVector v = vectors.get(c);
      Object a = batch.array(c);
      boolean[] nulls = batch.nullMask(c);
      if (v instanceof BigIntVector bv && a instanceof long[] longs
          && batch.columns().get(c).type().kind() == io.fsql.sql.tree.DataType.Kind.BIGINT) {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            bv.setNull(i);
          } else {
            bv.setSafe(i, longs[i]);
          }
        }
      } else if (v instanceof TimeStampMicroVector tv && a instanceof long[] micros
          && batch.columns().get(c).type().kind() == io.fsql.sql.tree.DataType.Kind.TIMESTAMP) {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            tv.setNull(i);
          } else {
            tv.setSafe(i, micros[i]);
          }
        }
      } else if (v instanceof Float8Vector dv && a instanceof double[] doubles) {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            dv.setNull(i);
          } else {
            dv.setSafe(i, doubles[i]);
          }
        }
      } else if (v instanceof Float4Vector fv && a instanceof float[] floats) {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            fv.setNull(i);
          } else {
            fv.setSafe(i, floats[i]);
          }
        }
      } else if (v instanceof IntVector iv && a instanceof int[] ints
          && batch.columns().get(c).type().kind() == io.fsql.sql.tree.DataType.Kind.INTEGER) {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            iv.setNull(i);
          } else {
            iv.setSafe(i, ints[i]);
          }
        }
      } else if (v instanceof DateDayVector dd && a instanceof int[] days
          && batch.columns().get(c).type().kind() == io.fsql.sql.tree.DataType.Kind.DATE) {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            dd.setNull(i);
          } else {
            dd.setSafe(i, days[i]);
          }
        }
      } else if (v instanceof BitVector bits && a instanceof boolean[] booleans) {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            bits.setNull(i);
          } else {
            bits.setSafe(i, booleans[i] ? 1 : 0);
          }
        }
      } else if (v instanceof VarCharVector sv && a instanceof String[] strings) {
        for (int i = 0; i < n; i++) {
          if (strings[i] == null) {
            sv.setNull(i);
          } else {
            sv.setSafe(i, strings[i].getBytes(StandardCharsets.UTF_8));
          }
        }
      } else if (v instanceof DecimalVector dec && a instanceof BigDecimal[] decimals) {
        for (int i = 0; i < n; i++) {
          if (decimals[i] == null) {
            dec.setNull(i);
          } else {
            dec.setSafe(i, decimals[i].setScale(dec.getScale(), RoundingMode.HALF_UP));
          }
        }
      } else {
        for (int i = 0; i < n; i++) {
          ArrowTypes.set(v, i, batch.value(c, i));
        }
      }
      v.setValueCount(n);
    }
  }
}
