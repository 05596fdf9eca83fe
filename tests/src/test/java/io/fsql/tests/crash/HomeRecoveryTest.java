package io.fsql.tests.crash;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery on open, on the states a crash between a statement's steps leaves (made here by
 * hand; FaultInjectionTest makes them by halting a process): files without a catalog entry are
 * removed, one log line each in the home's log file, and nothing else is touched.
 */
class HomeRecoveryTest {
  @TempDir
  Path tmp;

  @Test
  void filesWithoutACatalogEntryAreRemovedOnOpenAndLogged() throws Exception {
    Path home = tmp.resolve("home");
    Path datasetDir;
    Path uninitialized;
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP g (k INT, v VARCHAR) PRIMARY KEY (k)");
      s.execute("INSERT INTO g VALUES (1, 'one'), (2, 'two')");
      s.execute("CREATE TRAINING DATASET d FROM g");
      s.execute("CREATE FEATURE GROUP never (k INT, v VARCHAR) PRIMARY KEY (k)");
      datasetDir = location(s, "DESCRIBE TRAINING DATASET d");
      uninitialized = location(s, "DESCRIBE never");
    }
    // a RECREATE or CREATE TRAINING DATASET that stopped before its catalog change
    Path orphanDataset = home.resolve("datasets").resolve("d_v1_" + UUID.randomUUID());
    copy(datasetDir, orphanDataset);
    // a DROP FEATURE GROUP that stopped after its catalog change
    Path orphanTable = home.resolve("offline").resolve("dropped_v1_987");
    Files.createDirectories(orphanTable.resolve(".hoodie"));
    Files.writeString(orphanTable.resolve(".hoodie").resolve("hoodie.properties"), "hoodie.table.name=dropped_v1\n");
    // a first INSERT that stopped before the table was initialized
    Files.createDirectories(uninitialized.resolve(".hoodie"));
    // not fsql's: left alone
    Path other = home.resolve("offline").resolve("notes");
    Files.createDirectories(other);

    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      assertThat(orphanDataset).doesNotExist();
      assertThat(orphanTable).doesNotExist();
      assertThat(uninitialized).doesNotExist();
      assertThat(other).exists();
      assertThat(datasetDir).exists();
      List<String> repairs = Files.readAllLines(home.resolve("fsql.log")).stream()
          .filter(l -> l.contains("recovery: ")).map(l -> l.replaceAll(".*recovery: ", "")).toList();
      assertThat(repairs).containsExactlyInAnyOrder(
          "removed " + orphanDataset + ": training dataset files with no catalog entry (a CREATE, RECREATE or DROP"
              + " TRAINING DATASET that did not finish)",
          "removed " + orphanTable + ": the table of a feature group that is not in the catalog"
              + " (a DROP FEATURE GROUP that did not finish)",
          "removed " + uninitialized + ": a feature group table that was never initialized"
              + " (a first INSERT that did not finish; nothing had been committed)");
      assertThat(query(s, "SELECT k, v FROM d ORDER BY k")).isEqualTo(List.of(row(1, "one"), row(2, "two")));
      assertThat(query(s, "SELECT COUNT(*) FROM never")).isEqualTo(List.of(row(0L)));
      s.execute("INSERT INTO never VALUES (3, 'three')");
      assertThat(query(s, "SELECT k, v FROM never")).isEqualTo(List.of(row(3, "three")));
    }
    // nothing more to repair on the next open
    long before = Files.readAllLines(home.resolve("fsql.log")).stream().filter(l -> l.contains("recovery: ")).count();
    try (FsqlEngine engine = FsqlHome.open(home)) {
      assertThat(Files.readAllLines(home.resolve("fsql.log")).stream().filter(l -> l.contains("recovery: ")).count())
          .isEqualTo(before);
    }
  }

  private static Path location(Session s, String describe) {
    String loc = query(s, describe).stream().filter(r -> "location".equals(r.get(0))).findFirst().orElseThrow()
        .get(1).toString();
    return (loc.startsWith("file:") ? Paths.get(URI.create(loc)) : Paths.get(loc)).toAbsolutePath().normalize();
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
