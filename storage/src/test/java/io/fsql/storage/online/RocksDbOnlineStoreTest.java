package io.fsql.storage.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.online.OnlineStore;
import io.fsql.sql.tree.DataType.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/** The embedded RocksDB online store: the conformance suite plus what is particular to it. */
class RocksDbOnlineStoreTest extends OnlineStoreConformance {
  @TempDir
  Path home;

  @Override
  protected OnlineStore openStore() {
    return new RocksDbOnlineStore(home.resolve("online"));
  }

  @Test
  void aDirectoryInUseGivesOneClearLine() {
    Path dir = home.resolve("online");
    FsqlException e = assertThrows(FsqlException.class, () -> new RocksDbOnlineStore(dir));
    assertEquals(ErrorCode.IO_ERROR, e.code());
    assertTrue(e.getMessage().startsWith("cannot open the online store at " + dir + ": "),
        e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("lock"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aDirectoryThatIsAFileGivesOneClearLine() throws Exception {
    Path file = Files.writeString(home.resolve("not-a-dir"), "x");
    FsqlException e = assertThrows(FsqlException.class, () -> new RocksDbOnlineStore(file));
    assertEquals(ErrorCode.IO_ERROR, e.code());
    assertTrue(e.getMessage().startsWith("cannot open the online store at " + file + ": "),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aClosedStoreRefusesCallsAndTheDirectoryCanBeOpenedAgain() {
    FeatureGroup g = group("closed", List.of(col("k", Kind.BIGINT)), List.of("k"), null);
    store.apply(g, "c1", List.<Object[]>of(row(1L)).iterator());
    store.close();
    FsqlException e = assertThrows(FsqlException.class, () -> store.read(g, List.<Object[]>of(key(1L))));
    assertEquals(ErrorCode.CLOSED, e.code());
    store = open();
    assertRow(row(1L), readOne(g, 1L));
  }

  @Test
  void aCheckpointHoldsEveryRowAndReadsWithPlainRocksDbThroughTheStoresCodecs() throws Exception {
    FeatureGroup g = group("copy", List.of(col("k", Kind.BIGINT), col("v", Kind.VARCHAR),
        col("t", Kind.TIMESTAMP)), List.of("k"), "t");
    LocalDateTime t = LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6000);
    store.apply(g, "c1", List.<Object[]>of(row(1L, "a", t), row(2L, null, t), row(-7L, "z", t)).iterator());
    Path copy = home.resolve("copy");
    ((RocksDbOnlineStore) store).checkpoint(copy);
    // rows written after the checkpoint are not in it
    store.apply(g, "c2", List.<Object[]>of(row(3L, "later", t)).iterator());

    Function<Object[], byte[]> keys = RocksDbOnlineStore.keyEncoder(g);
    Function<byte[], Object[]> rows = RocksDbOnlineStore.rowDecoder(g);
    assertEquals(null, keys.apply(key((Object) null)), "a NULL key has no row");
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.openReadOnly(options, copy.toString(), List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
            new ColumnFamilyDescriptor("watermarks".getBytes(java.nio.charset.StandardCharsets.UTF_8))), handles)) {
      try {
        assertRow(row(1L, "a", t), rows.apply(db.get(keys.apply(key(1L)))));
        assertRow(row(2L, null, t), rows.apply(db.get(keys.apply(key(2)))));
        assertRow(row(-7L, "z", t), rows.apply(db.get(keys.apply(key(-7L)))));
        assertEquals(null, db.get(keys.apply(key(3L))));
        List<byte[]> many = db.multiGetAsList(List.of(keys.apply(key(-7L)), keys.apply(key(4L)), keys.apply(key(1L))));
        assertRow(row(-7L, "z", t), rows.apply(many.get(0)));
        assertEquals(null, many.get(1));
        assertRow(row(1L, "a", t), rows.apply(many.get(2)));
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
    assertRow(row(3L, "later", t), readOne(g, 3L));

    FsqlException e = assertThrows(FsqlException.class, () -> ((RocksDbOnlineStore) store).checkpoint(copy));
    assertEquals(ErrorCode.IO_ERROR, e.code());
    assertTrue(e.getMessage().startsWith("cannot write a checkpoint of the online store at "
        + home.resolve("online") + " to " + copy + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void describeNamesTheDirectory() {
    assertEquals("RocksDB at " + home.resolve("online"), store.describe());
  }
}
