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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void describeNamesTheDirectory() {
    assertEquals("RocksDB at " + home.resolve("online"), store.describe());
  }
}
