package io.fsql.storage.online;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.online.OnlineStore;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the online store a home is configured with. */
public final class OnlineStores {
  private OnlineStores() {}

  /**
   * Opens the online store named by {@code spec}: empty, {@code rocksdb} or {@code embedded} for the
   * embedded RocksDB store in {@code onlineDir}; {@code aerospike://host:port[,host:port...]/namespace}
   * for an Aerospike cluster.
   */
  public static OnlineStore open(Path onlineDir, String spec) {
    String s = spec == null ? "" : spec.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (s.isEmpty() || lower.equals("rocksdb") || lower.equals("embedded")) {
      return new RocksDbOnlineStore(onlineDir);
    }
    if (lower.startsWith(AerospikeAddress.PREFIX)) {
      return new AerospikeOnlineStore(AerospikeAddress.parse(s));
    }
    throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "unknown online store '" + spec
        + "': expected rocksdb (or embedded, or nothing: RocksDB in the home directory) or "
        + AerospikeAddress.FORM);
  }
}
