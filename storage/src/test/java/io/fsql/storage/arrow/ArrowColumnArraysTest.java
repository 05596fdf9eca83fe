package io.fsql.storage.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.DataType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/**
 * VARCHAR values decoded from an Arrow vector: every value exactly (NULLs, empty strings, values of
 * equal length that differ, multi-byte UTF-8), and a value equal to the previous row's is that
 * row's String instance (no new String per row of a repeated value).
 */
class ArrowColumnArraysTest {
  private static final ResultColumn TEXT = new ResultColumn("t", ColumnType.of(DataType.Kind.VARCHAR), true);

  @Test
  void varcharValuesAreDecodedExactlyAndRepeatsShareTheirString() {
    String[] values = {"a", "a", null, "a", "b", "b", "é", "é", "", "", null, "ab", "ba", "ba", "20261130083806545",
        "20261130083806545", "20261130083806546", null, null, "ü€x", "ü€y"};
    String[] got = decode(values);
    assertThat(got).containsExactly(values);
    assertThat(got[1]).isSameAs(got[0]);
    assertThat(got[5]).isSameAs(got[4]);
    assertThat(got[7]).isSameAs(got[6]);
    assertThat(got[13]).isSameAs(got[12]);
    assertThat(got[15]).isSameAs(got[14]);
    assertThat(got[16]).isNotSameAs(got[15]);
  }

  @Test
  void randomRunsOfFewValuesAreDecodedExactly() {
    Random rnd = new Random(5);
    String[] pool = {"x", "y", "xy", "yx", "", "ååå", "abc", "abd"};
    for (int round = 0; round < 20; round++) {
      String[] values = new String[rnd.nextInt(3000)];
      for (int i = 0; i < values.length; i++) {
        values[i] = i > 0 && rnd.nextInt(3) > 0 ? values[i - 1] : rnd.nextInt(6) == 0 ? null : pool[rnd.nextInt(pool.length)];
      }
      assertThat(decode(values)).as("round %s", round).containsExactly(values);
    }
  }

  private static String[] decode(String[] values) {
    try (BufferAllocator allocator = new RootAllocator(); VarCharVector v = new VarCharVector("t", allocator)) {
      v.allocateNew();
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          v.setNull(i);
        } else {
          v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
        }
      }
      v.setValueCount(values.length);
      String[] got = (String[]) ArrowColumnArrays.values(v, TEXT, values.length);
      return Arrays.copyOf(got, got.length);
    }
  }
}
