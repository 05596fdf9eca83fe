package io.fsql.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * A chunk of spine rows sorted by key id keeps every row whole (bytes of every length, a string of
 * 0 to 200 characters) with its own ids and time, puts rows without a key (ids -1 and -2) first and
 * the others in ascending id order, by either id; refilled chunks of other sizes reuse the buffers
 * without mixing rows up.
 */
class PitSpineChunkTest {
  private static final UnsafeProjection ROW =
      UnsafeProjection.create(new DataType[] {DataTypes.LongType, DataTypes.StringType});

  @Test
  void sortedChunksKeepEveryRowWithItsIdsInKeyOrder() {
    Random rnd = new Random(7);
    PitSpineChunk chunk = new PitSpineChunk();
    for (int round = 0; round < 8; round++) {
      chunk.clear();
      int n = rnd.nextInt(5000);
      int keys = 1 + rnd.nextInt(300);
      int[] ids = new int[n];
      int[] smallIds = new int[n];
      long[] times = new long[n];
      String[] texts = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = rnd.nextInt(keys + 2) - 2;
        smallIds[i] = rnd.nextInt(keys + 2) - 2;
        times[i] = rnd.nextLong();
        texts[i] = "x".repeat(rnd.nextInt(200)) + i;
        chunk.add(ROW.apply(new GenericInternalRow(new Object[] {(long) i, UTF8String.fromString(texts[i])})),
            ids[i], smallIds[i], times[i]);
      }
      boolean bySmall = round % 2 == 1;
      chunk.sort(bySmall);
      assertThat(chunk.size()).isEqualTo(n);
      UnsafeRow row = new UnsafeRow(2);
      Set<Long> seen = new HashSet<>();
      int previous = -1;
      for (int k = 0; k < n; k++) {
        chunk.row(k, row);
        int i = (int) row.getLong(0);
        assertThat(seen.add((long) i)).as("row %s once", i).isTrue();
        assertThat(row.getUTF8String(1).toString()).isEqualTo(texts[i]);
        assertThat(chunk.id(k)).isEqualTo(ids[i]);
        assertThat(chunk.smallId(k)).isEqualTo(smallIds[i]);
        assertThat(chunk.time(k)).isEqualTo(times[i]);
        int key = Math.max(bySmall ? smallIds[i] : ids[i], -1);
        assertThat(key).as("round %s, position %s", round, k).isGreaterThanOrEqualTo(previous);
        previous = key;
      }
    }
  }
}
