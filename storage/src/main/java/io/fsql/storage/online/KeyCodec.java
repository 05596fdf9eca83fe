package io.fsql.storage.online;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.sql.tree.DataType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The byte encoding of a primary key: order-preserving per column (bytewise order of two
 * encodings = order of the keys), self-delimiting, so that a concatenation of columns is
 * unambiguous. Numbers are big-endian with the sign bit flipped; floating point uses the usual
 * total-order transform (with -0.0 read as 0.0 and one NaN); a DECIMAL is its unscaled value at
 * the column's scale in 16 bytes (enough for precision 38); VARCHAR is UTF-8 with 0x00 escaped
 * as 0x00 0xFF and ended by 0x00 0x01; DATE is days and TIMESTAMP microseconds since 1970.
 */
final class KeyCodec {
  private KeyCodec() {}

  /** The key of a normalized row (its primary-key columns), appended to {@code out}. */
  static void writeRowKey(GroupLayout layout, Object[] row, ByteSink out) {
    for (int k : layout.keyColumns) {
      if (!writeValue(layout, k, row[k], out, false)) {
        throw new IllegalStateException("unreachable: inexact key on write");
      }
    }
  }

  /**
   * The encoding of a lookup key (primary-key values in key order), appended to {@code out};
   * false when no stored row can have this key (a NULL, or a DECIMAL with more digits than the
   * column's scale).
   */
  static boolean writeLookupKey(GroupLayout layout, Object[] key, ByteSink out) {
    if (key == null || key.length != layout.keyColumns.length) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "a key of feature group '"
          + layout.displayName + "' has " + layout.keyColumns.length + " values, got "
          + (key == null ? "null" : key.length));
    }
    for (int k = 0; k < key.length; k++) {
      int column = layout.keyColumns[k];
      Object v = layout.normalize(column, key[k]);
      if (v == null || !writeValue(layout, column, v, out, true)) {
        return false;
      }
    }
    return true;
  }

  private static boolean writeValue(GroupLayout layout, int column, Object v, ByteSink out,
      boolean lookup) {
    Kind kind = layout.kinds[column];
    switch (kind) {
      case BOOLEAN:
        out.put((Boolean) v ? 1 : 0);
        return true;
      case INTEGER:
        out.putIntBE((Integer) v ^ Integer.MIN_VALUE);
        return true;
      case BIGINT:
        out.putLongBE((Long) v ^ Long.MIN_VALUE);
        return true;
      case REAL: {
        float f = (Float) v;
        int bits = f == 0.0f ? 0 : Float.floatToIntBits(f);
        out.putIntBE(bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE);
        return true;
      }
      case DOUBLE: {
        double d = (Double) v;
        long bits = d == 0.0 ? 0L : Double.doubleToLongBits(d);
        out.putLongBE(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
        return true;
      }
      case DECIMAL:
        return writeDecimal(layout, column, (BigDecimal) v, out, lookup);
      case VARCHAR: {
        byte[] utf8 = ((String) v).getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
          out.put(b);
          if (b == 0) {
            out.put(0xFF);
          }
        }
        out.put(0);
        out.put(1);
        return true;
      }
      case DATE:
        out.putLongBE(((LocalDate) v).toEpochDay() ^ Long.MIN_VALUE);
        return true;
      case TIMESTAMP:
        out.putLongBE(GroupLayout.micros((LocalDateTime) v) ^ Long.MIN_VALUE);
        return true;
      default:
        throw new IllegalStateException("unknown kind " + kind);
    }
  }

  private static boolean writeDecimal(GroupLayout layout, int column, BigDecimal v, ByteSink out,
      boolean lookup) {
    int scale = Math.max(layout.scales[column], 0);
    BigInteger unscaled;
    try {
      unscaled = v.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
    } catch (ArithmeticException e) {
      if (lookup) {
        return false;
      }
      throw new FsqlException(ErrorCode.DATA_ERROR, "key value " + v.toPlainString()
          + " of column '" + layout.names[column] + "' of feature group '" + layout.displayName
          + "' has more than " + scale + " decimal places");
    }
    if (unscaled.bitLength() > 127) {
      if (lookup) {
        return false;
      }
      throw new FsqlException(ErrorCode.DATA_ERROR, "key value " + v.toPlainString()
          + " of column '" + layout.names[column] + "' of feature group '" + layout.displayName
          + "' has more than 38 digits");
    }
    byte[] twos = unscaled.toByteArray();
    int pad = 16 - twos.length;
    int fill = unscaled.signum() < 0 ? 0xFF : 0x00;
    for (int i = 0; i < 16; i++) {
      int b = i < pad ? fill : twos[i - pad] & 0xFF;
      out.put(i == 0 ? b ^ 0x80 : b);
    }
    return true;
  }
}
