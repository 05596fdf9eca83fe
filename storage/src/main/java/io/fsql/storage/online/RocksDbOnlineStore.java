package io.fsql.storage.online;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.online.OnlineStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded online store: a RocksDB database in one directory. Rows live in the default column
 * family under {@code group id (8 bytes) + encoded primary key} ({@link KeyCodec}) with the row
 * encoded by {@link RowCodec}; watermarks live in a {@code watermarks} column family under the
 * group id. One commit's rows and its watermark are one {@link WriteBatch}, so a crash leaves
 * either all of them or none; only a commit whose rows exceed 64 MiB (a large catch-up) is
 * written in several batches, the watermark with the last one. Writers of one group are
 * serialized (the late-event rule reads the stored event time); readers take no lock.
 */
public final class RocksDbOnlineStore implements OnlineStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final byte[] WATERMARKS = "watermarks".getBytes(StandardCharsets.UTF_8);
  private static final int MULTI_GET_CHUNK = 1024;
  /** Above this many bytes of pending rows, a commit is written in several batches. */
  static final long DEFAULT_MAX_BATCH_BYTES = 64L << 20;

  /**
   * The block cache (native memory, outside the Java heap): {@code -Dfsql.online.cache.mb}, 256 MiB
   * by default. Lookups are fastest when the store's blocks fit in it (about 150 bytes per row of
   * ten features, before compression).
   */
  public static long cacheBytes() {
    long mb = Long.getLong("fsql.online.cache.mb", 256L);
    return Math.max(8L, mb) << 20;
  }

  private final Path dir;
  private final LRUCache cache;
  private final BloomFilter bloom;
  private final ColumnFamilyOptions cfOptions;
  private final DBOptions dbOptions;
  private final RocksDB db;
  private final ColumnFamilyHandle rows;
  private final ColumnFamilyHandle watermarks;
  private final ReadOptions readOptions = new ReadOptions();
  private final WriteOptions writeOptions = new WriteOptions();
  private final ConcurrentHashMap<Long, GroupLayout> layouts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, ReentrantLock> writeLocks = new ConcurrentHashMap<>();
  /** Operations in flight; {@link #close()} waits for them so no call touches a closed database. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closed;
  private final long maxBatchBytes;

  public RocksDbOnlineStore(Path dir) {
    this(dir, DEFAULT_MAX_BATCH_BYTES);
  }

  RocksDbOnlineStore(Path dir, long maxBatchBytes) {
    this.dir = dir;
    this.maxBatchBytes = maxBatchBytes;
    cache = new LRUCache(cacheBytes());
    bloom = new BloomFilter(10);
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(cache)
        .setFilterPolicy(bloom)
        .setWholeKeyFiltering(true)
        .setCacheIndexAndFilterBlocks(true)
        .setPinL0FilterAndIndexBlocksInCache(true)
        .setBlockSize(8 * 1024);
    cfOptions = new ColumnFamilyOptions().setTableFormatConfig(table);
    dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
        .setMaxBackgroundJobs(2).setKeepLogFileNum(5);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      db = RocksDB.open(dbOptions, dir.toString(), List.of(
          new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
          new ColumnFamilyDescriptor(WATERMARKS, cfOptions)), handles);
    } catch (RocksDBException | java.io.IOException | RuntimeException e) {
      readOptions.close();
      writeOptions.close();
      dbOptions.close();
      cfOptions.close();
      bloom.close();
      cache.close();
      throw new FsqlException(ErrorCode.IO_ERROR,
          "cannot open the online store at " + dir + ": " + reason(e), e);
    }
    rows = handles.get(0);
    watermarks = handles.get(1);
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return m.replaceAll("\\s+", " ").trim();
  }

  @Override
  public long apply(FeatureGroup group, String commitId, Iterator<Object[]> input) {
    GroupLayout layout = layout(group);
    enter();
    ReentrantLock lock = writeLocks.computeIfAbsent(group.id(), id -> new ReentrantLock());
    lock.lock();
    try {
      // The rows of this commit that won, by encoded key, in first-seen order.
      Map<ByteBuffer, Pending> pending = new LinkedHashMap<>();
      long pendingBytes = 0;
      byte[] probe = new byte[8];
      long applied = 0;
      while (input.hasNext()) {
        Object[] row = layout.normalizeRow(input.next());
        ByteSink sink = ByteSink.reset();
        sink.putLongBE(layout.groupId ^ Long.MIN_VALUE);
        KeyCodec.writeRowKey(layout, row, sink);
        ByteBuffer key = ByteBuffer.wrap(sink.toArray());
        long eventTime = layout.hasEventTime() ? layout.eventTime(row) : 0;
        Pending current = pending.get(key);
        if (layout.hasEventTime()) {
          if (current == null) {
            int found = db.get(rows, readOptions, key.array(), probe);
            if (found != RocksDB.NOT_FOUND && RowCodec.eventTime(probe) > eventTime) {
              continue;
            }
          } else if (current.eventTime > eventTime) {
            continue;
          }
        }
        ByteSink value = ByteSink.reset();
        RowCodec.write(layout, row, value);
        byte[] encoded = value.toArray();
        if (pending.put(key, new Pending(eventTime, encoded)) == null) {
          pendingBytes += key.capacity() + encoded.length + 64;
        }
        applied++;
        if (pendingBytes >= maxBatchBytes) {
          // A very large commit: write what it has so far (the watermark comes with the last part).
          write(pending, null, null);
          pending.clear();
          pendingBytes = 0;
        }
      }
      write(pending, layout, commitId);
      return applied;
    } catch (RocksDBException e) {
      throw ioError("cannot apply commit " + commitId + " of feature group '" + layout.displayName
          + "' to the online store at " + dir, e);
    } finally {
      lock.unlock();
      exit();
    }
  }

  private record Pending(long eventTime, byte[] value) {}

  /** Writes the pending rows, and the watermark when {@code commitId} is given, in one batch. */
  private void write(Map<ByteBuffer, Pending> pending, GroupLayout layout, String commitId)
      throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<ByteBuffer, Pending> e : pending.entrySet()) {
        batch.put(rows, e.getKey().array(), e.getValue().value);
      }
      if (commitId != null) {
        batch.put(watermarks, groupKey(layout.groupId), commitId.getBytes(StandardCharsets.UTF_8));
      }
      db.write(writeOptions, batch);
    }
  }

  @Override
  public List<Object[]> read(FeatureGroup group, List<Object[]> keys) {
    GroupLayout layout = layout(group);
    int n = keys.size();
    byte[][] encoded = new byte[n][];
    int present = 0;
    for (int i = 0; i < n; i++) {
      encoded[i] = lookupKey(layout, keys.get(i));
      if (encoded[i] != null) {
        present++;
      }
    }
    Object[][] result = new Object[n][];
    enter();
    try {
      if (present == 1 || n == 1) {
        for (int i = 0; i < n; i++) {
          if (encoded[i] != null) {
            byte[] value = db.get(rows, readOptions, encoded[i]);
            result[i] = value == null ? null : RowCodec.read(layout, value);
          }
        }
      } else if (present > 1) {
        List<byte[]> chunk = new ArrayList<>(Math.min(present, MULTI_GET_CHUNK));
        int[] where = new int[Math.min(present, MULTI_GET_CHUNK)];
        for (int i = 0; i < n; i++) {
          if (encoded[i] == null) {
            continue;
          }
          where[chunk.size()] = i;
          chunk.add(encoded[i]);
          if (chunk.size() == where.length) {
            fetch(layout, chunk, where, result);
          }
        }
        if (!chunk.isEmpty()) {
          fetch(layout, chunk, where, result);
        }
      }
    } catch (RocksDBException e) {
      throw ioError("cannot read feature group '" + layout.displayName
          + "' from the online store at " + dir, e);
    } finally {
      exit();
    }
    return Arrays.asList(result);
  }

  /** The stored key of a lookup key: group id and encoded key, or null when no row can have it. */
  private static byte[] lookupKey(GroupLayout layout, Object[] key) {
    ByteSink sink = ByteSink.reset();
    sink.putLongBE(layout.groupId ^ Long.MIN_VALUE);
    return KeyCodec.writeLookupKey(layout, key, sink) ? sink.toArray() : null;
  }

  /**
   * How this store keys the rows of {@code group}: a function from a key (the primary-key values
   * in key order) to its RocksDB key in the default column family (the group id in 8 bytes, then
   * the {@link KeyCodec} encoding), or to null when no stored row can have that key. For tools
   * that read a copy of the store with plain RocksDB ({@link #checkpoint}), e.g. the online
   * benchmark's baseline. Thread-safe.
   */
  public static Function<Object[], byte[]> keyEncoder(FeatureGroup group) {
    GroupLayout layout = GroupLayout.of(group);
    return key -> lookupKey(layout, key);
  }

  /**
   * The inverse of the stored value encoding of {@code group}'s rows: a function from a value
   * read with plain RocksDB to the row (the group's columns in catalog order, as {@link #read}
   * returns them). Thread-safe.
   */
  public static Function<byte[], Object[]> rowDecoder(FeatureGroup group) {
    GroupLayout layout = GroupLayout.of(group);
    return value -> RowCodec.read(layout, value);
  }

  /**
   * Writes a consistent copy of this store into {@code target}, which must not exist: a RocksDB
   * checkpoint (the memtable is flushed first; table files are hard links when {@code target} is
   * on the same file system). The copy opens with plain RocksDB, read-only or not.
   */
  public void checkpoint(Path target) {
    enter();
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw ioError("cannot write a checkpoint of the online store at " + dir + " to " + target, e);
    } finally {
      exit();
    }
  }

  private void fetch(GroupLayout layout, List<byte[]> chunk, int[] where, Object[][] result)
      throws RocksDBException {
    List<byte[]> values = db.multiGetAsList(readOptions, chunk);
    for (int j = 0; j < values.size(); j++) {
      byte[] value = values.get(j);
      result[where[j]] = value == null ? null : RowCodec.read(layout, value);
    }
    chunk.clear();
  }

  @Override
  public Optional<String> watermark(FeatureGroup group) {
    enter();
    try {
      byte[] value = db.get(watermarks, readOptions, groupKey(group.id()));
      return value == null ? Optional.empty()
          : Optional.of(new String(value, StandardCharsets.UTF_8));
    } catch (RocksDBException e) {
      throw ioError("cannot read the watermark of feature group '" + group.displayName()
          + "' from the online store at " + dir, e);
    } finally {
      exit();
    }
  }

  @Override
  public void drop(FeatureGroup group) {
    enter();
    ReentrantLock lock = writeLocks.computeIfAbsent(group.id(), id -> new ReentrantLock());
    lock.lock();
    try (WriteBatch batch = new WriteBatch()) {
      byte[] from = groupKey(group.id());
      if (group.id() != Long.MAX_VALUE) {
        batch.deleteRange(rows, from, groupKey(group.id() + 1));
      } else {
        // The last prefix: no 8-byte upper bound exists, so delete key by key.
        try (RocksIterator it = db.newIterator(rows, readOptions)) {
          for (it.seek(from); it.isValid() && startsWith(it.key(), from); it.next()) {
            batch.delete(rows, it.key());
          }
        }
      }
      batch.delete(watermarks, from);
      db.write(writeOptions, batch);
      layouts.remove(group.id());
    } catch (RocksDBException e) {
      throw ioError("cannot drop feature group '" + group.displayName()
          + "' from the online store at " + dir, e);
    } finally {
      lock.unlock();
      exit();
    }
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** The group id in 8 bytes whose unsigned order is the id's signed order. */
  private static byte[] groupKey(long id) {
    long v = id ^ Long.MIN_VALUE;
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (56 - 8 * i));
    }
    return b;
  }

  private GroupLayout layout(FeatureGroup group) {
    GroupLayout layout = layouts.get(group.id());
    if (layout == null || !layout.matches(group)) {
      layout = GroupLayout.of(group);
      layouts.put(group.id(), layout);
    }
    return layout;
  }

  private void enter() {
    inFlight.incrementAndGet();
    if (closed) {
      inFlight.decrementAndGet();
      throw new FsqlException(ErrorCode.CLOSED, "the online store at " + dir + " is closed");
    }
  }

  private void exit() {
    inFlight.decrementAndGet();
  }

  private FsqlException ioError(String what, RocksDBException e) {
    return new FsqlException(ErrorCode.IO_ERROR, what + ": " + reason(e), e);
  }

  @Override
  public String describe() {
    return "RocksDB at " + dir;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.yield();
    }
    rows.close();
    watermarks.close();
    db.close();
    readOptions.close();
    writeOptions.close();
    dbOptions.close();
    cfOptions.close();
    bloom.close();
    cache.close();
  }
}
