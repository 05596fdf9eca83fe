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
  /**
   * The scope of a home's Aerospike sets: a random id kept in {@code <onlineDir>/aerospike-scope},
   * made on first use. Group ids are unique within a home only; the scope keeps two homes (or a
   * home deleted and made again) that use one namespace from reading each other's rows.
   */
  public static String aerospikeScope(Path onlineDir) {
    Path file = onlineDir.resolve("aerospike-scope");
    try {
      if (java.nio.file.Files.isRegularFile(file)) {
        String s = java.nio.file.Files.readString(file).trim();
        if (s.matches("[a-z0-9]{1,20}")) {
          return s;
        }
      }
      java.nio.file.Files.createDirectories(onlineDir);
      String scope = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
      Path tmp = onlineDir.resolve("aerospike-scope.tmp");
      java.nio.file.Files.writeString(tmp, scope + "\n");
      java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return scope;
    } catch (java.io.IOException e) {
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot keep the Aerospike scope of this home in " + file
          + ": " + e.getMessage(), e);
    }
  }

  public static OnlineStore open(Path onlineDir, String spec) {
    String s = spec == null ? "" : spec.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (s.isEmpty() || lower.equals("rocksdb") || lower.equals("embedded")) {
      return new RocksDbOnlineStore(onlineDir);
    }
    if (lower.startsWith(AerospikeAddress.PREFIX)) {
      return new AerospikeOnlineStore(AerospikeAddress.parse(s), aerospikeScope(onlineDir));
    }
    throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "unknown online store '" + spec
        + "': expected rocksdb (or embedded, or nothing: RocksDB in the home directory) or "
        + AerospikeAddress.FORM);
  }
}
