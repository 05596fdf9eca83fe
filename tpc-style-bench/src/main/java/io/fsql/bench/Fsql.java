package io.fsql.bench;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Small helpers over the public engine API. */
final class Fsql {
  private Fsql() {}

  /** Runs a query and reads every row (the result is closed). */
  static List<Object[]> query(Session s, String sql) {
    StatementResult r = s.execute(sql);
    List<Object[]> rows = new ArrayList<>();
    if (!r.hasRows()) {
      return rows;
    }
    try (QueryResult q = r.rows()) {
      while (q.hasNext()) {
        rows.add(q.next());
      }
    }
    return rows;
  }

  static FeatureGroup group(Session s, String name) {
    return s.featureGroups().stream().filter(g -> g.name().equals(name))
        .max(Comparator.comparingInt(FeatureGroup::version))
        .orElseThrow(() -> new IllegalStateException("no feature group " + name));
  }

  static Path path(String location) {
    return location.contains(":") ? Paths.get(URI.create(location)) : Paths.get(location);
  }

  /** A Hudi base file: {@code <fileId>_<writeToken>_<instant>.parquet}. */
  record BaseFile(String fileId, String instant, long bytes) {}

  /** The base files of a Hudi table directory (everything but .hoodie/). */
  static List<BaseFile> baseFiles(Path table) {
    try (Stream<Path> walk = Files.walk(table)) {
      return walk.filter(p -> !table.relativize(p).toString().startsWith(".hoodie"))
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .map(p -> {
            String n = p.getFileName().toString();
            String[] parts = n.substring(0, n.length() - ".parquet".length()).split("_");
            try {
              return new BaseFile(parts[0], parts[parts.length - 1], Files.size(p));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file slice of every file group as of an instant (latest: null). */
  static List<BaseFile> slice(List<BaseFile> files, String asOf) {
    Map<String, BaseFile> latest = new HashMap<>();
    for (BaseFile f : files) {
      if (asOf != null && f.instant().compareTo(asOf) > 0) {
        continue;
      }
      latest.merge(f.fileId(), f, (a, b) -> a.instant().compareTo(b.instant()) >= 0 ? a : b);
    }
    return new ArrayList<>(latest.values());
  }

  static long bytes(List<BaseFile> files) {
    return files.stream().mapToLong(BaseFile::bytes).sum();
  }

  /** "n files, size" of a list of base files. */
  static String summary(List<BaseFile> files) {
    return files.size() + " files, " + Report.bytes(bytes(files));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
