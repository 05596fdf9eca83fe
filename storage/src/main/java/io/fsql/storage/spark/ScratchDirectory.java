package io.fsql.storage.spark;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's scratch space of one Spark session of this process: {@code <tmp>/fsql-spark-<pid>-<n>}
 * (spill files, shuffle blocks, the unused warehouse directory), deleted when the session stops.
 * The directory holds a lock on its {@code in-use.lock} file while the process uses it, so that a
 * later process can tell a directory left behind by a process that died (lock free) from one in
 * use (lock held), and remove only the former.
 */
final class ScratchDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);
  static final String PREFIX = "fsql-spark-";
  static final String LOCK_FILE = "in-use.lock";
  /** fsql-spark-<pid>-<random>: the names this class makes (older fsql releases used other names). */
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "\\d+-\\d+");
  /** A directory younger than this may be between its creation and its lock: never removed. */
  static final Duration MIN_AGE = Duration.ofMinutes(1);

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private ScratchDirectory(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /** Creates and locks a new scratch directory under {@code tmp}. */
  static ScratchDirectory create(Path tmp) throws IOException {
    Path dir = Files.createTempDirectory(tmp, PREFIX + ProcessHandle.current().pid() + "-");
    FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      throw new IOException("cannot lock the new scratch directory " + dir);
    }
    return new ScratchDirectory(dir, channel, lock);
  }

  Path path() {
    return dir;
  }

  /** Releases the directory and deletes it with everything in it. */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // deleting it anyway
    }
    deleteTree(dir);
  }

  /**
   * Removes the scratch directories under {@code tmp} that processes left behind: only names this
   * class makes, only directories of this user, older than {@link #MIN_AGE}, whose lock file exists
   * and is not held. Returns how many were removed.
   */
  static int removeStale(Path tmp) {
    int removed = 0;
    Instant youngest = Instant.now().minus(MIN_AGE);
    String me = System.getProperty("user.name");
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
      for (Path dir : dirs) {
        try {
          if (!NAME.matcher(dir.getFileName().toString()).matches() || !Files.isDirectory(dir)
              || Files.isSymbolicLink(dir) || !Files.getOwner(dir).getName().equals(me)
              || Files.getLastModifiedTime(dir).compareTo(FileTime.from(youngest)) > 0) {
            continue;
          }
          Path lockFile = dir.resolve(LOCK_FILE);
          if (!Files.isRegularFile(lockFile)) {
            continue;
          }
          try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
              l = c.tryLock();
            } catch (OverlappingFileLockException e) {
              l = null;  // this process's own
            }
            if (l == null) {
              continue;  // in use
            }
            try {
              deleteTree(dir);
              removed++;
            } finally {
              if (l.isValid()) {
                l.release();
              }
            }
          }
        } catch (IOException | RuntimeException e) {
          LOG.debug("left {}: {}", dir, e.toString());
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot list {}: {}", tmp, e.toString());
    }
    if (removed > 0) {
      LOG.info("removed {} scratch directories of fsql processes that ended", removed);
    }
    return removed;
  }

  /** Deletes a tree, going on past files that vanish or resist (Spark may delete some at the same time). */
  static void deleteTree(Path dir) {
    for (int attempt = 0; attempt < 3 && Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS); attempt++) {
      try {
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
            delete(file);
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e) {
            delete(d);
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        LOG.debug("could not delete {}: {}", dir, e.toString());
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", p, e.toString());
    }
  }
}
