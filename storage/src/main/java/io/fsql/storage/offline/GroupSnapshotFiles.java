package io.fsql.storage.offline;

import io.fsql.planner.BoundedCache;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.planner.offline.ReadSpec;
import io.fsql.storage.arrow.DatasetFileBatches;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hudi.common.model.HoodieBaseFile;

/**
 * A plain read of a group's snapshot (latest, or as of a commit) from its table's base files by
 * Arrow's native Parquet reader, without Spark: the files {@link HudiSnapshotFiles#files} names
 * (only when they are exactly Hudi's snapshot), and only when every file holds each column read
 * with the group's current type (one footer read per writing commit, kept). A file written before
 * a column was added or widened, a file that is not local, or a type the reader does not carry
 * leaves the read to Spark, which brings old files to the current schema.
 */
final class GroupSnapshotFiles {
  /** The Arrow schema of the files a commit wrote, by table location and commit. */
  private static final BoundedCache<String, Schema> SCHEMAS = new BoundedCache<>(1024);

  private GroupSnapshotFiles() {}

  /** The rows of {@code scan}'s {@code columns} (typed {@code resultColumns}) from its files, or empty. */
  static Optional<QueryResult> read(Configuration conf, OfflinePlan.GroupScan scan, List<Integer> columns,
      List<ResultColumn> resultColumns) {
    ReadSpec spec = scan.spec();
    if (scan.latestPerKey() || !(spec instanceof ReadSpec.Latest || spec instanceof ReadSpec.AsOfCommit)) {
      return Optional.empty();
    }
    FeatureGroup group = scan.group();
    String commit = spec instanceof ReadSpec.AsOfCommit c ? c.commitId() : null;
    Optional<List<HoodieBaseFile>> files = HudiSnapshotFiles.files(conf, group.location(), commit);
    if (files.isEmpty() || files.get().isEmpty()) {
      return Optional.empty();
    }
    String[] names = new String[columns.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = group.columns().get(columns.get(i)).name();
    }
    List<String> uris = new ArrayList<>(files.get().size());
    Map<String, String> fileOfCommit = new LinkedHashMap<>();
    for (HoodieBaseFile f : files.get()) {
      Optional<String> uri = localUri(f.getPath());
      if (uri.isEmpty()) {
        return Optional.empty();
      }
      uris.add(uri.get());
      fileOfCommit.putIfAbsent(f.getCommitTime(), uri.get());
    }
    for (Map.Entry<String, String> e : fileOfCommit.entrySet()) {
      if (!DatasetFileBatches.carries(schema(group.location(), e.getKey(), e.getValue()), names, resultColumns)) {
        return Optional.empty();
      }
    }
    String what = "feature group " + group.displayName() + (commit == null ? "" : " as of commit " + commit);
    HoodieBaseFile first = files.get().get(0);
    return DatasetFileBatches.open(uris, names, resultColumns, what,
        schema(group.location(), first.getCommitTime(), uris.get(0)));
  }

  /** A local file's URI ({@code file:...}), or empty for a file elsewhere. */
  static Optional<String> localUri(String path) {
    URI u = new org.apache.hadoop.fs.Path(path).toUri();
    if (u.getScheme() == null) {
      return Optional.of(new File(u.getPath()).toURI().toString());
    }
    return "file".equals(u.getScheme()) ? Optional.of(new File(u.getPath()).toURI().toString()) : Optional.empty();
  }

  /** The Arrow schema of the files commit {@code commit} wrote ({@code file} one of them), read once. */
  static Schema schema(String location, String commit, String file) {
    return SCHEMAS.get(location + "#" + commit, () -> DatasetFileBatches.schemaOf(file));
  }
}
