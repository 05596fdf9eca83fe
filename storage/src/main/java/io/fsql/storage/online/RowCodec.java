package io.fsql.storage.online;

import io.fsql.sql.tree.DataType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The compact byte encoding of a stored online row: the event time first (8 bytes big-endian,
 * only for groups with one, so the late-event check reads it without decoding the row), the
 * number of columns, a NULL bitmap, then each non-NULL value: BOOLEAN one byte; INTEGER, BIGINT,
 * DATE (days) and TIMESTAMP (microseconds) zig-zag varints; REAL and DOUBLE their exact IEEE bits;
 * DECIMAL its scale and unscaled two's-complement bytes; VARCHAR length and UTF-8.
 */
final class RowCodec {
  private RowCodec() {}

  static void write(GroupLayout layout, Object[] row, ByteSink out) {
    if (layout.hasEventTime()) {
      out.putLongBE(layout.eventTime(row));
    }
    int n = layout.columnCount();
    out.putVarLong(n);
    int bitmap = out.reserve((n + 7) >>> 3);
    for (int i = 0; i < n; i++) {
      Object v = row[i];
      if (v == null) {
        out.setBit(bitmap, i);
        continue;
      }
      switch (layout.kinds[i]) {
        case BOOLEAN -> out.put((Boolean) v ? 1 : 0);
        case INTEGER -> out.putZigZag((Integer) v);
        case BIGINT -> out.putZigZag((Long) v);
        case REAL -> out.putIntBE(Float.floatToRawIntBits((Float) v));
        case DOUBLE -> out.putLongBE(Double.doubleToRawLongBits((Double) v));
        case DECIMAL -> {
          BigDecimal d = (BigDecimal) v;
          byte[] unscaled = d.unscaledValue().toByteArray();
          out.putZigZag(d.scale());
          out.putVarLong(unscaled.length);
          out.put(unscaled);
        }
        case VARCHAR -> {
          byte[] utf8 = ((String) v).getBytes(StandardCharsets.UTF_8);
          out.putVarLong(utf8.length);
          out.put(utf8);
        }
        case DATE -> out.putZigZag(((LocalDate) v).toEpochDay());
        case TIMESTAMP -> out.putZigZag(GroupLayout.micros((LocalDateTime) v));
        default -> throw new IllegalStateException("unknown kind " + layout.kinds[i]);
      }
    }
  }

  /** The event time stored at the start of an encoded row of a group with an event time. */
  static long eventTime(byte[] encoded) {
    return ByteSource.longAt(encoded, 0);
  }

  static Object[] read(GroupLayout layout, byte[] encoded) {
    ByteSource in = new ByteSource(encoded, layout.hasEventTime() ? 8 : 0);
    int n = layout.columnCount();
    int stored = (int) in.varLong();
    int bitmap = in.position();
    in.skip((stored + 7) >>> 3);
    Object[] row = new Object[n];
    for (int i = 0; i < Math.min(n, stored); i++) {
      if ((encoded[bitmap + (i >>> 3)] & (1 << (i & 7))) != 0) {
        continue;
      }
      row[i] = switch (layout.kinds[i]) {
        case BOOLEAN -> in.get() != 0;
        case INTEGER -> (int) in.zigZag();
        case BIGINT -> in.zigZag();
        case REAL -> Float.intBitsToFloat(in.intBE());
        case DOUBLE -> Double.longBitsToDouble(in.longBE());
        case DECIMAL -> {
          int scale = (int) in.zigZag();
          int len = (int) in.varLong();
          yield new BigDecimal(new BigInteger(in.bytes(len)), scale);
        }
        case VARCHAR -> in.utf8((int) in.varLong());
        case DATE -> LocalDate.ofEpochDay(in.zigZag());
        case TIMESTAMP -> GroupLayout.fromMicros(in.zigZag());
        default -> throw new IllegalStateException("unknown kind " + layout.kinds[i]);
      };
    }
    return row;
  }
}
