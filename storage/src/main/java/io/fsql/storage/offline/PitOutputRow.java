package io.fsql.storage.offline;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.bitset.BitSetMethods;

/**
 * The output row of a point-in-time join, written by copying: the spine row's columns (after its
 * keys and time) and then each side's columns, from the matched rows, which are all
 * {@link UnsafeRow}s, or NULLs for a side without a match. A fixed-length value is its 8-byte word;
 * a variable-length one (strings, large decimals, nested values) its bytes, moved to the output's
 * variable-length region. This is what a generated projection over nested {@code JoinedRow}s did,
 * without a virtual call per field or three objects per row.
 *
 * <p>One writer per task: the row returned is overwritten by the next call (as a projection's is).
 */
final class PitOutputRow {
  /** Per output field: 0 for the spine, s + 1 for side s. */
  private final int[] source;
  /** Per output field: its ordinal in its source row. */
  private final int[] ordinal;
  /** Per output field: whether its value is all in its 8-byte word. */
  private final boolean[] fixed;
  private final int fields;
  /** Bytes of the null bits and the fixed-length words. */
  private final int fixedBytes;
  private final int bitSetBytes;
  private final UnsafeRow[] sources;
  private final UnsafeRow row;
  private byte[] buffer;

  /**
   * @param spineSkip the spine row's leading fields not in the output (its keys and time)
   * @param spineTypes the types of the spine's output fields (after {@code spineSkip})
   * @param sideTypes per side, the types of its fields (all in the output)
   */
  PitOutputRow(int spineSkip, DataType[] spineTypes, DataType[][] sideTypes) {
    int n = spineTypes.length;
    for (DataType[] t : sideTypes) {
      n += t.length;
    }
    fields = n;
    source = new int[n];
    ordinal = new int[n];
    fixed = new boolean[n];
    int f = 0;
    for (int i = 0; i < spineTypes.length; i++, f++) {
      source[f] = 0;
      ordinal[f] = spineSkip + i;
      fixed[f] = UnsafeRow.isFixedLength(spineTypes[i]);
    }
    for (int s = 0; s < sideTypes.length; s++) {
      for (int i = 0; i < sideTypes[s].length; i++, f++) {
        source[f] = s + 1;
        ordinal[f] = i;
        fixed[f] = UnsafeRow.isFixedLength(sideTypes[s][i]);
      }
    }
    bitSetBytes = UnsafeRow.calculateBitSetWidthInBytes(n);
    fixedBytes = bitSetBytes + 8 * n;
    sources = new UnsafeRow[sideTypes.length + 1];
    row = new UnsafeRow(n);
    buffer = new byte[Math.max(64, fixedBytes * 2)];
  }

  /**
   * The output row of {@code spine} joined with {@code matched[s]} on each side s (null: no
   * match, the side's columns NULL); valid until the next call.
   */
  UnsafeRow write(UnsafeRow spine, UnsafeRow[] matched) {
    sources[0] = spine;
    System.arraycopy(matched, 0, sources, 1, matched.length);
    byte[] out = buffer;
    long base = Platform.BYTE_ARRAY_OFFSET;
    Platform.setMemory(out, base, bitSetBytes, (byte) 0);
    int cursor = fixedBytes;
    for (int f = 0; f < fields; f++) {
      UnsafeRow from = sources[source[f]];
      int at = ordinal[f];
      long slot = base + bitSetBytes + 8L * f;
      if (from == null || from.isNullAt(at)) {
        BitSetMethods.set(out, base, f);
        Platform.putLong(out, slot, 0L);
      } else if (fixed[f]) {
        Platform.putLong(out, slot, from.getLong(at));
      } else {
        long offsetAndSize = from.getLong(at);
        int offset = (int) (offsetAndSize >>> 32);
        int size = (int) offsetAndSize;
        int padded = (size + 7) & ~7;
        if (cursor + padded > out.length) {
          out = Arrays.copyOf(out, Math.max(out.length * 2, cursor + padded));
          buffer = out;
        }
        if (padded > 0) {
          // Zero the last word first, so the padding after the value is zeros.
          Platform.putLong(out, base + cursor + padded - 8, 0L);
        }
        Platform.copyMemory(from.getBaseObject(), from.getBaseOffset() + offset, out, base + cursor, size);
        Platform.putLong(out, slot, ((long) cursor << 32) | size);
        cursor += padded;
      }
    }
    row.pointTo(out, base, cursor);
    return row;
  }
}
