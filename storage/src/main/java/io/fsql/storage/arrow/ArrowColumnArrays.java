package io.fsql.storage.arrow;

import io.fsql.planner.exec.ColumnBatch;
import io.fsql.planner.exec.ResultColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Arrow vectors to the Java arrays of a {@link ColumnBatch}, column by column, fixed-width values
 * copied in bulk (one memory copy per column, not a call per value).
 */
public final class ArrowColumnArrays {
  private ArrowColumnArrays() {}

  /** Whether a vector of Arrow type {@code t} holds values of {@code column} that {@link #batch} can take. */
  public static boolean carries(ArrowType t, ResultColumn column) {
    switch (column.type().kind()) {
      case BOOLEAN:
        return t instanceof ArrowType.Bool;
      case INTEGER:
        return t instanceof ArrowType.Int i && i.getBitWidth() == 32 && i.getIsSigned();
      case BIGINT:
        return t instanceof ArrowType.Int i && i.getBitWidth() == 64 && i.getIsSigned();
      case REAL:
        return t instanceof ArrowType.FloatingPoint f
            && f.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE;
      case DOUBLE:
        return t instanceof ArrowType.FloatingPoint f
            && f.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE;
      case DECIMAL:
        return t instanceof ArrowType.Decimal d && d.getBitWidth() == 128;
      case VARCHAR:
        return t instanceof ArrowType.Utf8;
      case DATE:
        return t instanceof ArrowType.Date d && d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY;
      case TIMESTAMP:
        // fsql timestamps are UTC wall-clock times: with or without the zone UTC, the same instant
        return t instanceof ArrowType.Timestamp ts && (ts.getTimezone() == null
            || "UTC".equals(ts.getTimezone()) || "+00:00".equals(ts.getTimezone())
            || "Etc/UTC".equals(ts.getTimezone()) || "Z".equals(ts.getTimezone()));
      default:
        return false;
    }
  }

  /** The first {@code root.getRowCount()} rows of {@code root} as a batch of {@code columns} (vector i is column i). */
  public static ColumnBatch batch(VectorSchemaRoot root, List<ResultColumn> columns) {
    int n = root.getRowCount();
    Object[] data = new Object[columns.size()];
    boolean[][] nulls = new boolean[columns.size()][];
    for (int c = 0; c < data.length; c++) {
      FieldVector v = root.getVector(c);
      nulls[c] = nullMask(v, n);
      data[c] = values(v, columns.get(c), n);
    }
    return new ColumnBatch(columns, n, data, nulls);
  }

  /** True where the value is NULL, or null when none is. */
  static boolean[] nullMask(FieldVector v, int n) {
    if (n == 0 || v.getNullCount() == 0) {
      return null;
    }
    boolean[] m = new boolean[n];
    ArrowBuf validity = v.getValidityBuffer();
    long address = validity.memoryAddress();
    for (int i = 0; i < n; i++) {
      m[i] = (MemoryUtil.getByte(address + (i >>> 3)) & (1 << (i & 7))) == 0;
    }
    return m;
  }

  /** A little-endian view of the first {@code bytes} bytes of {@code buf}. */
  private static ByteBuffer view(ArrowBuf buf, long bytes) {
    return MemoryUtil.directBuffer(buf.memoryAddress(), Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  static Object values(FieldVector v, ResultColumn column, int n) {
    switch (column.type().kind()) {
      case BOOLEAN: {
        boolean[] a = new boolean[n];
        ArrowBuf buf = ((BitVector) v).getDataBuffer();
        for (int i = 0; i < n; i++) {
          a[i] = BitVectorHelper.get(buf, i) != 0;
        }
        return a;
      }
      case INTEGER:
      case DATE: {
        int[] a = new int[n];
        if (n > 0) {
          ArrowBuf buf = v instanceof IntVector iv ? iv.getDataBuffer() : ((DateDayVector) v).getDataBuffer();
          view(buf, 4L * n).asIntBuffer().get(a, 0, n);
        }
        return a;
      }
      case BIGINT: {
        long[] a = new long[n];
        if (n > 0) {
          view(((BigIntVector) v).getDataBuffer(), 8L * n).asLongBuffer().get(a, 0, n);
        }
        return a;
      }
      case TIMESTAMP: {
        long[] a = new long[n];
        if (n > 0) {
          TimeStampVector tv = (TimeStampVector) v;
          view(tv.getDataBuffer(), 8L * n).asLongBuffer().get(a, 0, n);
          TimeUnit unit = ((ArrowType.Timestamp) tv.getField().getType()).getUnit();
          if (unit != TimeUnit.MICROSECOND) {
            for (int i = 0; i < n; i++) {
              a[i] = micros(a[i], unit);
            }
          }
        }
        return a;
      }
      case REAL: {
        float[] a = new float[n];
        if (n > 0) {
          view(((Float4Vector) v).getDataBuffer(), 4L * n).asFloatBuffer().get(a, 0, n);
        }
        return a;
      }
      case DOUBLE: {
        double[] a = new double[n];
        if (n > 0) {
          view(((Float8Vector) v).getDataBuffer(), 8L * n).asDoubleBuffer().get(a, 0, n);
        }
        return a;
      }
      case DECIMAL: {
        BigDecimal[] a = new BigDecimal[n];
        DecimalVector dv = (DecimalVector) v;
        int scale = column.type().scale();
        for (int i = 0; i < n; i++) {
          BigDecimal d = dv.getObject(i);
          a[i] = d == null || scale < 0 || d.scale() == scale ? d : d.setScale(scale, RoundingMode.HALF_UP);
        }
        return a;
      }
      case VARCHAR: {
        String[] a = new String[n];
        if (n == 0) {
          return a;
        }
        VarCharVector sv = (VarCharVector) v;
        int[] offsets = new int[n + 1];
        view(sv.getOffsetBuffer(), 4L * (n + 1)).asIntBuffer().get(offsets, 0, n + 1);
        int first = offsets[0];
        byte[] bytes = new byte[offsets[n] - first];
        sv.getDataBuffer().getBytes(first, bytes, 0, bytes.length);
        boolean anyNull = sv.getNullCount() > 0;
        long validity = sv.getValidityBuffer().memoryAddress();
        // A value equal to the previous row's is that row's String (a repeated category, a commit
        // time): no new String, and its hash, once computed, is kept.
        String previous = null;
        int previousFrom = 0;
        int previousLength = -1;
        for (int i = 0; i < n; i++) {
          if (!anyNull || (MemoryUtil.getByte(validity + (i >>> 3)) & (1 << (i & 7))) != 0) {
            int from = offsets[i] - first;
            int length = offsets[i + 1] - offsets[i];
            if (length != previousLength
                || !Arrays.equals(bytes, from, from + length, bytes, previousFrom, previousFrom + length)) {
              previous = new String(bytes, from, length, StandardCharsets.UTF_8);
              previousFrom = from;
              previousLength = length;
            }
            a[i] = previous;
          }
        }
        return a;
      }
      default:
        throw new IllegalStateException("unknown type " + column.type());
    }
  }

  private static long micros(long v, TimeUnit unit) {
    switch (unit) {
      case SECOND:  // not exact: a NULL's slot may hold anything
        return v * 1_000_000L;
      case MILLISECOND:
        return v * 1_000L;
      case NANOSECOND:
        return Math.floorDiv(v, 1_000L);
      default:
        return v;
    }
  }
}
