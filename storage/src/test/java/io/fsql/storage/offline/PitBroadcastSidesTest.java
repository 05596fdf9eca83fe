package io.fsql.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index of a point-in-time join's broadcast sides, merged from the parts the tasks built
 * ({@link PitSidePart}, each under its own key ids, a side's rows spread over several parts), finds
 * for every probe the row a brute-force scan of all the rows finds: random keys (one BIGINT, or a
 * VARCHAR, whose ids are merged by their bytes), random times, two sides, 1 to 5 parts, backward and
 * forward, strict or not, with and without a max staleness, keys no row has. The matched row is
 * read back whole (its serial number), so the rows' bytes are checked too after the index lays
 * them out in key order.
 */
class PitBroadcastSidesTest {
  private static final UnsafeProjection SERIAL = UnsafeProjection.create(new DataType[] {DataTypes.LongType});

  /** One feature row: side, key, time, serial. */
  record FeatureRow(int side, long key, long time, long serial) {}

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void mergedPartsFindWhatABruteForceScanFinds(boolean stringKeys) {
    DataType[] keyTypes = {stringKeys ? DataTypes.StringType : DataTypes.LongType};
    for (int seed = 1; seed <= 12; seed++) {
      Random rnd = new Random(seed);
      int keys = 1 + rnd.nextInt(60);
      int partCount = 1 + rnd.nextInt(5);
      List<FeatureRow> rows = new ArrayList<>();
      for (int side = 0; side < 2; side++) {
        // Distinct times per key and side, so that the expected row is one row.
        Map<Long, java.util.Set<Long>> used = new HashMap<>();
        int n = rnd.nextInt(1500);
        for (int i = 0; i < n; i++) {
          long key = rnd.nextInt(keys);
          long time = rnd.nextInt(2000) - 1000;
          if (used.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(time)) {
            rows.add(new FeatureRow(side, key, time, rows.size()));
          }
        }
      }
      // Each part: its own key ids, some rows of a side.
      List<PitSidePart> parts = new ArrayList<>();
      for (int side = 0; side < 2; side++) {
        List<PitKeyIds> ids = new ArrayList<>();
        List<PitSideIndex> index = new ArrayList<>();
        for (int p = 0; p < partCount; p++) {
          ids.add(new PitKeyIds(keyTypes));
          index.add(new PitSideIndex());
        }
        for (FeatureRow r : rows) {
          if (r.side() == side) {
            int p = rnd.nextInt(partCount);
            index.get(p).add(ids.get(p).add(key(r.key(), stringKeys)), r.time(),
                SERIAL.apply(new GenericInternalRow(new Object[] {r.serial()})));
          }
        }
        for (int p = 0; p < partCount; p++) {
          parts.add(PitSidePart.of(side, side * partCount + p, ids.get(p), index.get(p)));
        }
      }
      java.util.Collections.shuffle(parts, rnd);
      PitBroadcastSides sides = PitBroadcastSides.merge(keyTypes, 2, parts);

      UnsafeRow found = new UnsafeRow(1);
      for (int probe = 0; probe < 3000; probe++) {
        long key = rnd.nextInt(keys + 3) - 1;
        long t = rnd.nextInt(2200) - 1100;
        int side = rnd.nextInt(2);
        boolean backward = rnd.nextBoolean();
        boolean strict = rnd.nextBoolean();
        Long staleness = rnd.nextBoolean() ? null : (long) rnd.nextInt(300);
        int id = sides.ids().find(key(key, stringKeys));
        int at = id < 0 ? -1 : sides.index(side).match(id, t, backward, strict, staleness);
        Long expected = bruteForce(rows, side, key, t, backward, strict, staleness);
        String what = "seed " + seed + ", side " + side + ", key " + key + ", t " + t + ", backward " + backward
            + ", strict " + strict + ", staleness " + staleness;
        if (expected == null) {
          assertThat(at).as(what).isEqualTo(-1);
        } else {
          assertThat(at).as(what).isGreaterThanOrEqualTo(0);
          assertThat(sides.index(side).row(at, found).getLong(0)).as(what).isEqualTo(expected);
        }
      }
    }
  }

  private static InternalRow key(long key, boolean string) {
    return new GenericInternalRow(new Object[] {string ? UTF8String.fromString("key-" + key) : (Object) key});
  }

  /** The serial of the row a point-in-time join matches, by scanning every row. */
  private static Long bruteForce(List<FeatureRow> rows, int side, long key, long t, boolean backward, boolean strict,
      Long staleness) {
    FeatureRow best = null;
    for (FeatureRow r : rows) {
      if (r.side() != side || r.key() != key) {
        continue;
      }
      boolean allowed = backward ? (strict ? r.time() < t : r.time() <= t) : (strict ? r.time() > t : r.time() >= t);
      if (allowed && (best == null || (backward ? r.time() > best.time() : r.time() < best.time()))) {
        best = r;
      }
    }
    if (best == null || (staleness != null && Math.abs(t - best.time()) > staleness)) {
      return null;
    }
    return best.serial();
  }
}
