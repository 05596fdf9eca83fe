package io.fsql.storage;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.storage.catalog.H2CatalogStore;
import io.fsql.storage.offline.HudiOfflineStore;
import io.fsql.storage.online.OnlineStores;
import io.fsql.planner.online.OnlineStore;
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
 *   online/      the embedded online store (RocksDB)
 *   datasets/    training datasets' files
 *   fsql.log     fsql's log while the home is open: commits, recovery repairs, failed statements' traces
 *   fsql.properties  optional settings, e.g. {@code online = aerospike://host:3000/fsql},
 *                {@code offline = hdfs://namenode:8020/fsql}
 * </pre>
 *
 * <p>The offline store (groups' Hudi tables and training datasets' files) is in the home unless
 * the home was created with an offline root: {@code --offline-root URI} ({@code -Dfsql.offline.root},
 * else {@code FSQL_OFFLINE_ROOT}), any Hadoop file-system URI ({@code hdfs://}, {@code s3a://},
 * {@code file:/}), which a multi-host Spark cluster's executors can all reach. Then groups' tables
 * go to {@code <root>/groups/} and datasets' files to {@code <root>/datasets/} (executors write
 * them, so they need a shared file system too), and the root is recorded as {@code offline} in
 * {@code fsql.properties}, so that every later open uses it. A home's offline root is chosen when
 * the home is created and never changes.
 *
 * <p>The online store is the embedded RocksDB store unless {@code -Dfsql.online}, else
 * {@code FSQL_ONLINE}, else the {@code online} setting of {@code fsql.properties} names another
 * ({@code aerospike://host:port[,host:port]/namespace}).
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
   * Opens an engine on a home, creating the home on first use. Before it serves anything, what a
   * crash left half done is finished or undone ({@link HomeRecovery}: files without a catalog
   * entry; then every online group catches up with its offline commits), each repair logged to
   * {@code fsql.log}. Only one process may have a home
   * open at a time; within a process, share engines through {@link EmbeddedEngines}.
   */
  public static FsqlEngine open(Path home) {
    Path dir = home.toAbsolutePath().normalize();
    boolean created = !Files.isDirectory(dir.resolve("catalog"));
    try {
      Files.createDirectories(dir.resolve("catalog"));
      Files.createDirectories(dir.resolve("online"));
    } catch (IOException e) {
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot create the fsql home " + dir + ": " + e.getMessage(), e);
    }
    HomeLock lock = HomeLock.acquire(dir.resolve("fsql.lock"));
    HudiOfflineStore offline;
    try {
      offline = offlineStore(dir, created);
    } catch (RuntimeException e) {
      lock.release();
      throw e;
    }
    Runnable stopLog = HomeLog.attach(dir);
    Runnable release = () -> {
      stopLog.run();
      lock.release();
    };
    H2CatalogStore catalog = null;
    OnlineStore online = null;
    FsqlEngine engine = null;
    try {
      catalog = H2CatalogStore.open(dir.resolve("catalog"));
      online = OnlineStores.open(dir.resolve("online"), onlineSpec(dir));
      HomeRecovery.run(catalog, dir.resolve("offline"), dir.resolve("datasets"));
      engine = new FsqlEngine(catalog, offline, online, release);
      engine.recoverOnlineStore();
      return engine;
    } catch (RuntimeException e) {
      if (engine != null) {
        engine.close();
        throw e;
      }
      if (online != null) {
        online.close();
      }
      if (catalog != null) {
        catalog.close();
      }
      release.run();
      throw e;
    }
  }

  /** The online store's spec: -Dfsql.online, else FSQL_ONLINE, else fsql.properties, else embedded. */
  static String onlineSpec(Path home) {
    String spec = System.getProperty("fsql.online");
    if (spec == null || spec.isBlank()) {
      spec = System.getenv("FSQL_ONLINE");
    }
    if (spec == null || spec.isBlank()) {
      spec = settings(home).getProperty("online");
    }
    return spec == null || spec.isBlank() ? null : spec.trim();
  }

  /**
   * The home's offline store: in the home, or under the offline root the home was created with
   * (recorded in fsql.properties); an offline root given now must be the recorded one.
   */
  private static HudiOfflineStore offlineStore(Path dir, boolean created) {
    String given = System.getProperty("fsql.offline.root");
    String from = "--offline-root";
    if (given == null || given.isBlank()) {
      given = System.getenv("FSQL_OFFLINE_ROOT");
      from = "FSQL_OFFLINE_ROOT";
    }
    given = given == null || given.isBlank() ? null : OfflineRoot.parse(given.trim(), from);
    Path config = dir.resolve("fsql.properties");
    String recorded = settings(dir).getProperty("offline");
    recorded = recorded == null || recorded.isBlank() ? null
        : OfflineRoot.parse(recorded.trim(), "'offline' in " + config);
    String root;
    if (given != null && recorded == null) {
      if (!created) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "the fsql home " + dir
            + " keeps its offline store in " + dir.resolve("offline") + "; " + from + " " + given
            + " applies only to a new home");
      }
      record(config, given);
      root = given;
    } else if (given != null && !given.equals(recorded)) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "the fsql home " + dir + " keeps its offline store at "
          + recorded + " (" + config.getFileName() + "), not at " + given + " (" + from + ")");
    } else {
      root = recorded;
    }
    if (root == null) {
      try {
        Files.createDirectories(dir.resolve("offline"));
        Files.createDirectories(dir.resolve("datasets"));
      } catch (IOException e) {
        throw new FsqlException(ErrorCode.IO_ERROR, "cannot create the fsql home " + dir + ": " + e.getMessage(), e);
      }
      return new HudiOfflineStore(dir.resolve("offline"), dir.resolve("datasets"));
    }
    return new HudiOfflineStore(root + "/groups", root + "/datasets");
  }

  /** Adds {@code offline = <root>} to the home's fsql.properties, keeping what is there. */
  private static void record(Path config, String root) {
    try {
      String before = Files.isRegularFile(config) ? Files.readString(config, StandardCharsets.UTF_8) : "";
      String line = "# where the offline store is (set when the home was created; do not change)\n"
          + "offline = " + root + "\n";
      Files.writeString(config, before.isEmpty() || before.endsWith("\n") ? before + line : before + "\n" + line,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot write " + config + ": " + e.getMessage(), e);
    }
  }

  /** The home's fsql.properties (empty when there is none). */
  private static java.util.Properties settings(Path home) {
    java.util.Properties p = new java.util.Properties();
    Path config = home.resolve("fsql.properties");
    if (Files.isRegularFile(config)) {
      try (java.io.Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new FsqlException(ErrorCode.IO_ERROR, "cannot read " + config + ": " + e.getMessage(), e);
      }
    }
    return p;
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
