package io.fsql.storage.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's scratch directories: deleted at close; only dead processes' ones removed at start. */
class ScratchDirectoryTest {
  @TempDir
  Path tmp;

  @Test
  void aClosedScratchDirectoryIsGoneWithItsContent() throws IOException {
    ScratchDirectory d = ScratchDirectory.create(tmp);
    assertThat(d.path().getFileName().toString()).matches("fsql-spark-" + ProcessHandle.current().pid() + "-\\d+");
    Files.createDirectories(d.path().resolve("blockmgr-1/0a"));
    Files.writeString(d.path().resolve("blockmgr-1/0a/shuffle_0_0_0.data"), "x");
    d.close();
    assertThat(Files.exists(d.path())).isFalse();
  }

  @Test
  void onlyOldUnlockedDirectoriesOfThisKindAreRemoved() throws Exception {
    Path dead = leftBehind("fsql-spark-1-11", true);            // its process ended: lock free
    Path young = leftBehind("fsql-spark-1-12", false);          // too young to judge
    Path noLock = old(Files.createDirectories(tmp.resolve("fsql-spark-1-13")));  // no lock file: not ours
    Path olderRelease = old(Files.createDirectories(tmp.resolve("fsql-spark-8231273645280225228")));
    Path other = old(Files.createDirectories(tmp.resolve("spark-1234")));
    ScratchDirectory mine = ScratchDirectory.create(tmp);      // in use by this process
    old(mine.path());
    Path inUseElsewhere = leftBehind("fsql-spark-2-14", true);
    Process holder = holdLock(inUseElsewhere.resolve(ScratchDirectory.LOCK_FILE));
    try {
      assertThat(ScratchDirectory.removeStale(tmp)).isEqualTo(1);
      assertThat(dead).doesNotExist();
      assertThat(young).isDirectory();
      assertThat(noLock).isDirectory();
      assertThat(olderRelease).isDirectory();
      assertThat(other).isDirectory();
      assertThat(mine.path()).isDirectory();
      assertThat(inUseElsewhere).isDirectory();
    } finally {
      holder.destroyForcibly();
      holder.waitFor(10, TimeUnit.SECONDS);
      mine.close();
    }
  }

  private Path leftBehind(String name, boolean old) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(name).resolve("blockmgr-0"));
    Files.writeString(tmp.resolve(name).resolve(ScratchDirectory.LOCK_FILE), "");
    return old ? old(tmp.resolve(name)) : tmp.resolve(name);
  }

  private static Path old(Path dir) throws IOException {
    Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(ScratchDirectory.MIN_AGE).minusSeconds(60)));
    return dir;
  }

  /** Another process holding the lock, as a running fsql does (the lock is per process). */
  private Process holdLock(Path file) throws Exception {
    Path source = tmp.resolve("Holder.java");
    Files.writeString(source, "public class Holder { public static void main(String[] a) throws Exception {"
        + " var c = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]),"
        + " java.nio.file.StandardOpenOption.WRITE); c.lock(); Thread.sleep(60_000); } }");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        source.toString(), file.toString()).redirectErrorStream(true).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
        FileLock l = c.tryLock();
        if (l == null) {
          return p;
        }
        l.release();
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the other process did not take the lock");
  }
}
