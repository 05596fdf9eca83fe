package io.fsql.storage;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.storage.catalog.H2CatalogStore;
import io.fsql.storage.offline.HudiOfflineStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The fsql home directory: everything one fsql installation keeps.
 *
 * <pre>
 *   fsql.lock    held by the one process that has the home open
 *   catalog/     the catalog database (H2)
 *   offline/     one Hudi table per feature group version
 *   online/      the embedded online store
 *   datasets/    training datasets' files
 * </pre>
 *
 * The home is {@code --home DIR} when given, else {@code $FSQL_HOME}, else {@code ~/.fsql}.
 */
public final class FsqlHome {
  private FsqlHome() {}

  /** The home directory to use: {@code explicit} if given, else FSQL_HOME, else ~/.fsql. */
  public static Path resolve(String explicit) {
    if (explicit != null && !explicit.isBlank()) {
      return Paths.get(explicit).toAbsolutePath().normalize();
    }
    String env = System.getenv("FSQL_HOME");
    if (env != null && !env.isBlank()) {
      return Paths.get(env).toAbsolutePath().normalize();
    }
    return Paths.get(System.getProperty("user.home"), ".fsql").toAbsolutePath().normalize();
  }

  /**
   * Opens an engine on a home, creating the home on first use. Only one process may have a home
   * open at a time; within a process, share engines through {@link EmbeddedEngines}.
   */
  public static FsqlEngine open(Path home) {
    Path dir = home.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir.resolve("catalog"));
      Files.createDirectories(dir.resolve("offline"));
      Files.createDirectories(dir.resolve("online"));
      Files.createDirectories(dir.resolve("datasets"));
    } catch (IOException e) {
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot create the fsql home " + dir + ": " + e.getMessage(), e);
    }
    HomeLock lock = HomeLock.acquire(dir.resolve("fsql.lock"));
    H2CatalogStore catalog = null;
    try {
      catalog = H2CatalogStore.open(dir.resolve("catalog"));
      HudiOfflineStore offline = new HudiOfflineStore(dir.resolve("offline"), dir.resolve("datasets"));
      return new FsqlEngine(catalog, offline, lock::release);
    } catch (RuntimeException e) {
      if (catalog != null) {
        catalog.close();
      }
      lock.release();
      throw e;
    }
  }

  /** An exclusive lock on a home, held while an engine has it open. */
  private static final class HomeLock {
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    static HomeLock acquire(Path file) {
      try {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          String owner = "";
          try {
            owner = Files.readString(file).trim();
          } catch (IOException ignored) {
            // unknown owner
          }
          channel.close();
          throw new FsqlException(ErrorCode.HOME_IN_USE,
              "the fsql home " + file.getParent() + " is in use by another fsql process"
                  + (owner.isEmpty() ? "" : " (" + owner + ")")
                  + "; connect to that process, or use another home with --home or FSQL_HOME");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid())
            .getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        return new HomeLock(channel, lock);
      } catch (IOException e) {
        throw new FsqlException(ErrorCode.IO_ERROR, "cannot lock the fsql home: " + e.getMessage(), e);
      }
    }

    void release() {
      try {
        lock.release();
        channel.close();
      } catch (IOException ignored) {
        // the process is letting go of the home anyway
      }
    }
  }
}
