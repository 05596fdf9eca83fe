package io.fsql.storage;

import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.TrainingDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the catalog and the files of a home agree after a crash, once on open, before anything is
 * served. The catalog (one H2 transaction per change) is the truth; files are written before the
 * catalog entry that points at them and deleted after the entry that pointed at them is gone, so a
 * crash can only leave files without an entry, never an entry without its files:
 *
 * <ul>
 *   <li>a group table under {@code offline/} that no group's location names (a DROP FEATURE GROUP
 *       that stopped after its catalog change): removed;</li>
 *   <li>a group table without {@code .hoodie/hoodie.properties} (a first INSERT that stopped while
 *       creating the table: nothing was committed to it): removed, the group reads as empty;</li>
 *   <li>a dataset directory under {@code datasets/} that no dataset's location names (a CREATE or
 *       RECREATE TRAINING DATASET that stopped before its catalog change, a RECREATE that stopped
 *       before deleting the old files, or a DROP that stopped after its catalog change): removed.</li>
 * </ul>
 *
 * Each repair is one line in the home's log ({@code fsql.log}). A commit that never completed is
 * Hudi's to undo: the next write to that group rolls it back (see HudiOfflineStore).
 */
final class HomeRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(HomeRecovery.class);
  /** How fsql names a group's table: {@code <name>_v<version>_<id>}. */
  private static final Pattern TABLE = Pattern.compile(".+_v\\d+_\\d+");
  /** How fsql names a dataset's directory: {@code <name>_v<version>_<uuid>}. */
  private static final Pattern DATASET = Pattern.compile(".+_v\\d+_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private HomeRecovery() {}

  /** The repairs made, one line each (also logged). */
  static List<String> run(CatalogStore catalog, Path offline, Path datasets) {
    List<String> repairs = new ArrayList<>();
    Set<Path> tables = new HashSet<>();
    for (FeatureGroup g : catalog.listGroups()) {
      if (local(g.location())) {
        tables.add(path(g.location()));
      }
    }
    for (Path dir : children(offline)) {
      if (!TABLE.matcher(dir.getFileName().toString()).matches()) {
        continue;
      }
      if (!tables.contains(dir)) {
        repairs.add(remove(dir, "the table of a feature group that is not in the catalog"
            + " (a DROP FEATURE GROUP that did not finish)"));
      } else if (!Files.exists(dir.resolve(".hoodie").resolve("hoodie.properties"))) {
        repairs.add(remove(dir, "a feature group table that was never initialized"
            + " (a first INSERT that did not finish; nothing had been committed)"));
      }
    }
    Set<Path> datasetDirs = new HashSet<>();
    for (TrainingDataset d : catalog.listDatasets()) {
      if (!local(d.location())) {
        continue;  // an offline root on another file system (hdfs://, s3a://): not checked here
      }
      Path dir = path(d.location());
      datasetDirs.add(dir);
      if (!Files.isDirectory(dir)) {
        String line = "training dataset " + d.displayName() + " has no files at " + dir
            + " (removed outside fsql?); RECREATE TRAINING DATASET writes them again";
        LOG.warn("recovery: {}", line);
        repairs.add(line);
      }
    }
    for (Path dir : children(datasets)) {
      if (DATASET.matcher(dir.getFileName().toString()).matches() && !datasetDirs.contains(dir)) {
        repairs.add(remove(dir, "training dataset files with no catalog entry (a CREATE, RECREATE or DROP"
            + " TRAINING DATASET that did not finish)"));
      }
    }
    return repairs;
  }

  private static String remove(Path dir, String why) {
    deleteTree(dir);
    String line = "removed " + dir + ": " + why;
    LOG.warn("recovery: {}", line);
    return line;
  }

  /** Whether a location is on this machine's file system (a path or a file: URI). */
  private static boolean local(String location) {
    int colon = location.indexOf(':');
    int slash = location.indexOf('/');
    return colon < 0 || (slash >= 0 && slash < colon) || location.startsWith("file:");
  }

  private static Path path(String location) {
    Path p = location.startsWith("file:") ? Paths.get(URI.create(location)) : Paths.get(location);
    return p.toAbsolutePath().normalize();
  }

  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
