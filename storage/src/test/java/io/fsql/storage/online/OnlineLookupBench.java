package io.fsql.storage.online;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.sql.tree.DataType.Kind;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * A manual measurement (not a test): lookups through {@link RocksDbOnlineStore} against raw
 * RocksDB gets of the same keys and values, single keys and batches of 100. Run it with
 * {@code java -cp <storage test class path> io.fsql.storage.online.OnlineLookupBench [rows] [lookups]}.
 */
public final class OnlineLookupBench {
  private OnlineLookupBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Path dir = Files.createTempDirectory("fsql-online-bench");
    FeatureGroup g = new FeatureGroup(7, "tx", 1, List.of(
        new Column("id", ColumnType.of(Kind.BIGINT), false, null),
        new Column("ts", ColumnType.of(Kind.TIMESTAMP), false, null),
        new Column("amount", ColumnType.of(Kind.DOUBLE), true, null),
        new Column("merchant", ColumnType.of(Kind.VARCHAR), true, null),
        new Column("n", ColumnType.of(Kind.BIGINT), true, null),
        new Column("avg", ColumnType.decimal(12, 2), true, null)),
        List.of("id"), Optional.of("ts"), true, "", Map.of(), List.of(), null, null);
    List<Object[]> rows = new ArrayList<>();
    LocalDateTime t = LocalDateTime.parse("2024-01-01T00:00");
    for (long i = 0; i < n; i++) {
      rows.add(new Object[] {i, t.plusSeconds(i), i * 1.5, "merchant-" + (i % 1000), i,
          BigDecimal.valueOf(i, 2)});
    }
    try (RocksDbOnlineStore store = new RocksDbOnlineStore(dir.resolve("online"));
        Options options = new Options().setCreateIfMissing(true).setTableFormatConfig(
            new BlockBasedTableConfig().setBlockCache(new LRUCache(64L << 20))
                .setFilterPolicy(new BloomFilter(10)).setBlockSize(8192));
        RocksDB raw = RocksDB.open(options, dir.resolve("raw").toString())) {
      long start = System.nanoTime();
      store.apply(g, "c1", rows.iterator());
      System.out.printf("apply %d rows in one commit: %d ms%n", n,
          (System.nanoTime() - start) / 1_000_000);
      GroupLayout layout = GroupLayout.of(g);
      byte[][] keys = new byte[n][];
      for (int i = 0; i < n; i++) {
        Object[] r = layout.normalizeRow(rows.get(i));
        ByteSink k = ByteSink.reset();
        k.putLongBE(7 ^ Long.MIN_VALUE);
        KeyCodec.writeRowKey(layout, r, k);
        keys[i] = k.toArray();
        ByteSink v = ByteSink.reset();
        RowCodec.write(layout, r, v);
        raw.put(keys[i], v.toArray());
      }
      Random random = new Random(1);
      int[] order = new int[lookups];
      List<List<Object[]>> keyLists = new ArrayList<>(lookups);
      for (int i = 0; i < lookups; i++) {
        order[i] = random.nextInt(n);
        keyLists.add(List.<Object[]>of(new Object[] {(long) order[i]}));
      }
      List<Object[]> batch = new ArrayList<>();
      List<byte[]> rawBatch = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        int k = random.nextInt(n);
        batch.add(new Object[] {(long) k});
        rawBatch.add(keys[k]);
      }
      long sink = 0;
      for (int round = 0; round < 3; round++) {
        start = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
          sink += raw.get(keys[order[i]]).length;
        }
        long rawNs = (System.nanoTime() - start) / lookups;
        start = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
          sink += store.read(g, keyLists.get(i)).get(0).length;
        }
        long storeNs = (System.nanoTime() - start) / lookups;
        int batches = Math.max(1, lookups / 100);
        start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
          sink += raw.multiGetAsList(rawBatch).size();
        }
        long rawBatchNs = (System.nanoTime() - start) / batches / 100;
        start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
          sink += store.read(g, batch).size();
        }
        long storeBatchNs = (System.nanoTime() - start) / batches / 100;
        System.out.printf("round %d: 1 key: raw get %d ns, store.read %d ns; per key in batches of"
            + " 100: raw multiGet %d ns, store.read %d ns%n", round, rawNs, storeNs, rawBatchNs,
            storeBatchNs);
      }
      System.out.println(sink == 42 ? "" : "done");
    }
  }
}
