package io.fsql.storage.online;

import io.fsql.planner.online.OnlineStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RocksDB store with a batch limit of a few hundred bytes, so that every commit of the suite
 * takes the path of a very large commit (written in parts, the watermark with the last part).
 */
class RocksDbSmallBatchesOnlineStoreTest extends OnlineStoreConformance {
  @TempDir
  Path home;

  @Override
  protected OnlineStore openStore() {
    return new RocksDbOnlineStore(home.resolve("online"), 300);
  }

  @Override
  protected boolean commitsAreAtomic() {
    return false;
  }
}
