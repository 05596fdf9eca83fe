package io.fsql.storage.spark;

import io.fsql.planner.exec.ColumnBatch;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.DataType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Spark's column vectors (a columnar scan's {@link ColumnarBatch}) to a compact byte form on the
 * executor, and that form to a {@link ColumnBatch} on the driver: fixed-width values copied in bulk
 * in both directions, no rows in between.
 *
 * <p>The form, little-endian: the row count (int); then per result column a flag byte (1: it has
 * NULLs, followed by one byte per row, 1 for NULL) and its values: BOOLEAN one byte per row;
 * INTEGER, DATE (days), REAL four bytes; BIGINT, TIMESTAMP (microseconds of the UTC wall clock),
 * DOUBLE eight bytes; VARCHAR row count + 1 int offsets then the UTF-8 bytes; DECIMAL per non-NULL
 * value its scale (int), the unscaled value's length (int) and two's-complement bytes.
 */
final class VectorBatchCodec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Per result column: its kind, and the position of its vector in the scan's batches. */
  private final DataType.Kind[] kinds;
  private final int[] vectors;

  VectorBatchCodec(List<ResultColumn> columns, int[] vectors) {
    this.kinds = new DataType.Kind[columns.size()];
    for (int c = 0; c < kinds.length; c++) {
      kinds[c] = columns.get(c).type().kind();
    }
    this.vectors = vectors.clone();
  }

  /** Whether {@link #encode} takes columns of this kind. */
  static boolean takes(DataType.Kind kind) {
    switch (kind) {
      case BOOLEAN:
      case INTEGER:
      case BIGINT:
      case REAL:
      case DOUBLE:
      case DECIMAL:
      case VARCHAR:
      case DATE:
      case TIMESTAMP:
        return true;
      default:
        return false;
    }
  }

  // ---------------------------------------------------------------- executor side

  /** The result columns of {@code batch} in the byte form (the batch may be reused by its reader afterwards). */
  byte[] encode(ColumnarBatch batch) {
    int n = batch.numRows();
    long size = 4;
    for (int c = 0; c < kinds.length; c++) {
      ColumnVector v = batch.column(vectors[c]);
      size += 1 + (v.hasNull() ? n : 0) + valueBytes(v, kinds[c], n);
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(n);
    for (int c = 0; c < kinds.length; c++) {
      ColumnVector v = batch.column(vectors[c]);
      boolean nulls = v.hasNull();
      out.put((byte) (nulls ? 1 : 0));
      if (nulls) {
        for (int i = 0; i < n; i++) {
          out.put((byte) (v.isNullAt(i) ? 1 : 0));
        }
      }
      putValues(out, v, kinds[c], n, nulls);
    }
    return out.array();
  }

  private static long valueBytes(ColumnVector v, DataType.Kind kind, int n) {
    switch (kind) {
      case BOOLEAN:
        return n;
      case INTEGER:
      case DATE:
      case REAL:
        return 4L * n;
      case BIGINT:
      case TIMESTAMP:
      case DOUBLE:
        return 8L * n;
      case VARCHAR: {
        long bytes = 4L * (n + 1);
        boolean nulls = v.hasNull();
        for (int i = 0; i < n; i++) {
          if (!nulls || !v.isNullAt(i)) {
            bytes += v.getUTF8String(i).numBytes();
          }
        }
        return bytes;
      }
      case DECIMAL: {
        DecimalType t = (DecimalType) v.dataType();
        boolean nulls = v.hasNull();
        long bytes = 0;
        for (int i = 0; i < n; i++) {
          if (!nulls || !v.isNullAt(i)) {
            bytes += 8 + unscaled(v, t, i).length;
          }
        }
        return bytes;
      }
      default:
        throw new IllegalStateException("no vector encoding for " + kind);
    }
  }

  private static byte[] unscaled(ColumnVector v, DecimalType t, int i) {
    Decimal d = v.getDecimal(i, t.precision(), t.scale());
    return d.toJavaBigDecimal().unscaledValue().toByteArray();
  }

  private static void putValues(ByteBuffer out, ColumnVector v, DataType.Kind kind, int n, boolean nulls) {
    if (n == 0) {
      if (kind == DataType.Kind.VARCHAR) {
        out.putInt(0);
      }
      return;
    }
    switch (kind) {
      case BOOLEAN: {
        boolean[] a = v.getBooleans(0, n);
        for (int i = 0; i < n; i++) {
          out.put((byte) (a[i] ? 1 : 0));
        }
        return;
      }
      case INTEGER:
      case DATE: {
        int p = out.position();
        out.asIntBuffer().put(v.getInts(0, n));
        out.position(p + 4 * n);
        return;
      }
      case REAL: {
        int p = out.position();
        out.asFloatBuffer().put(v.getFloats(0, n));
        out.position(p + 4 * n);
        return;
      }
      case BIGINT:
      case TIMESTAMP: {
        int p = out.position();
        out.asLongBuffer().put(v.getLongs(0, n));
        out.position(p + 8 * n);
        return;
      }
      case DOUBLE: {
        int p = out.position();
        out.asDoubleBuffer().put(v.getDoubles(0, n));
        out.position(p + 8 * n);
        return;
      }
      case VARCHAR: {
        int offsets = out.position();
        int data = offsets + 4 * (n + 1);
        out.position(data);
        out.putInt(offsets, 0);
        for (int i = 0; i < n; i++) {
          if (!nulls || !v.isNullAt(i)) {
            UTF8String s = v.getUTF8String(i);
            s.writeTo(out);
          }
          out.putInt(offsets + 4 * (i + 1), out.position() - data);
        }
        return;
      }
      case DECIMAL: {
        DecimalType t = (DecimalType) v.dataType();
        for (int i = 0; i < n; i++) {
          if (!nulls || !v.isNullAt(i)) {
            byte[] u = unscaled(v, t, i);
            out.putInt(t.scale());
            out.putInt(u.length);
            out.put(u);
          }
        }
        return;
      }
      default:
        throw new IllegalStateException("no vector encoding for " + kind);
    }
  }

  // ---------------------------------------------------------------- driver side

  /** The batch {@link #encode} made, as a batch of {@code columns} (the columns this codec was made for). */
  static ColumnBatch decode(byte[] bytes, List<ResultColumn> columns) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int n = in.getInt();
    Object[] data = new Object[columns.size()];
    boolean[][] nulls = new boolean[columns.size()][];
    for (int c = 0; c < data.length; c++) {
      if (in.get() == 1) {
        boolean[] m = new boolean[n];
        int p = in.position();
        for (int i = 0; i < n; i++) {
          m[i] = bytes[p + i] != 0;
        }
        in.position(p + n);
        nulls[c] = m;
      }
      data[c] = values(in, bytes, columns.get(c), n, nulls[c]);
    }
    return new ColumnBatch(columns, n, data, nulls);
  }

  private static Object values(ByteBuffer in, byte[] bytes, ResultColumn column, int n, boolean[] nulls) {
    int p = in.position();
    switch (column.type().kind()) {
      case BOOLEAN: {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = bytes[p + i] != 0;
        }
        in.position(p + n);
        return a;
      }
      case INTEGER:
      case DATE: {
        int[] a = new int[n];
        in.asIntBuffer().get(a);
        in.position(p + 4 * n);
        return a;
      }
      case REAL: {
        float[] a = new float[n];
        in.asFloatBuffer().get(a);
        in.position(p + 4 * n);
        return a;
      }
      case BIGINT:
      case TIMESTAMP: {
        long[] a = new long[n];
        in.asLongBuffer().get(a);
        in.position(p + 8 * n);
        return a;
      }
      case DOUBLE: {
        double[] a = new double[n];
        in.asDoubleBuffer().get(a);
        in.position(p + 8 * n);
        return a;
      }
      case VARCHAR: {
        String[] a = new String[n];
        if (n == 0) {
          in.position(p + 4);
          return a;
        }
        int[] offsets = new int[n + 1];
        in.asIntBuffer().get(offsets);
        int data = p + 4 * (n + 1);
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            a[i] = new String(bytes, data + offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
          }
        }
        in.position(data + offsets[n]);
        return a;
      }
      case DECIMAL: {
        BigDecimal[] a = new BigDecimal[n];
        int want = column.type().scale();
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            int scale = in.getInt();
            byte[] u = new byte[in.getInt()];
            in.get(u);
            BigDecimal d = new BigDecimal(new BigInteger(u), scale);
            a[i] = want < 0 || scale == want ? d : d.setScale(want, RoundingMode.HALF_UP);
          }
        }
        return a;
      }
      default:
        throw new IllegalStateException("unknown type " + column.type());
    }
  }
}
