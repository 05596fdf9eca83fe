package io.fsql.storage.offline;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.BatchedQueryResult;
import io.fsql.planner.exec.ColumnBatch;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.ChangedRows;
import io.fsql.planner.offline.ReadSpec;
import io.fsql.sql.tree.DataType;
import io.fsql.storage.arrow.DatasetFileBatches;
import io.fsql.storage.spark.SparkTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of an incremental read of a group's copy-on-write table read without Spark: the files
 * {@link HudiChanges#select} picks (each file group's last file written in the range), read by
 * Arrow's native Parquet reader, keeping the rows whose {@code _hoodie_commit_time} is a commit in
 * the range: the rows {@link HudiChanges#read} gives. Only when every commit in the range wrote each
 * of the group's columns with its current type (no ALTER in between, which Spark's read brings to
 * the current schema), every file is local, and the files hold at most the row limit.
 */
final class ChangedRowFiles implements ChangedRows {
  private static final String COMMIT_TIME = "_hoodie_commit_time";

  private final FeatureGroup group;
  private final HudiChanges.Selection selection;

  private ChangedRowFiles(FeatureGroup group, HudiChanges.Selection selection) {
    this.group = group;
    this.selection = selection;
  }

  /** The changed rows of {@code changes} (resolved to times) as this class reads them, or empty when it cannot. */
  static Optional<ChangedRows> find(Configuration conf, FeatureGroup group, ReadSpec.Changes changes,
      long maxFileRows) {
    if (changes.since().time().isEmpty() || changes.until().map(u -> u.time().isEmpty()).orElse(false)) {
      return Optional.empty();
    }
    if (!HudiTimeline.exists(conf, group.location())) {
      return Optional.of(new ChangedRowFiles(group, new HudiChanges.Selection(Map.of(), Map.of(), List.of(), 0)));
    }
    Optional<HudiChanges.Selection> selected = HudiChanges.select(conf, group, changes.since().time().get(),
        changes.until().map(u -> u.time().get()));
    if (selected.isEmpty() || selected.get().fileRows() > maxFileRows) {
      return Optional.empty();
    }
    HudiChanges.Selection sel = selected.get();
    for (Map.Entry<String, List<String>> e : sel.pathsByCommit().entrySet()) {
      if (!currentSchema(sel.schemaByCommit().get(e.getKey()), group)) {
        return Optional.empty();
      }
      for (String path : e.getValue()) {
        if (GroupSnapshotFiles.localUri(path).isEmpty()) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(new ChangedRowFiles(group, sel));
  }

  /** Whether a commit wrote every column of the group with its current type. */
  private static boolean currentSchema(StructType written, FeatureGroup group) {
    if (written == null) {
      return false;
    }
    for (Column c : group.columns()) {
      StructField f = null;
      for (StructField w : written.fields()) {
        if (w.name().equals(c.name())) {
          f = w;
        }
      }
      if (f == null || !f.dataType().equals(SparkTypes.toSpark(c.type()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public long fileRows() {
    return selection.fileRows();
  }

  @Override
  public Optional<List<Object[]>> read(java.util.BitSet wanted) {
    List<Column> columns = group.columns();
    // the columns read (indexes into the group's columns), then the commit time
    int[] read = wanted.stream().filter(i -> i < columns.size()).toArray();
    String[] names = new String[read.length + 1];
    List<ResultColumn> types = new ArrayList<>(names.length);
    for (int i = 0; i < read.length; i++) {
      names[i] = columns.get(read[i]).name();
      types.add(new ResultColumn(names[i], columns.get(read[i]).type(), true));
    }
    names[read.length] = COMMIT_TIME;
    types.add(new ResultColumn(COMMIT_TIME, ColumnType.of(DataType.Kind.VARCHAR), true));
    Set<String> commits = new HashSet<>(selection.commitTimes());
    int commit = read.length;
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<String, List<String>> written : selection.pathsByCommit().entrySet()) {
      List<String> uris = written.getValue().stream().map(p -> GroupSnapshotFiles.localUri(p).orElseThrow()).toList();
      Optional<QueryResult> files = DatasetFileBatches.open(uris, names, types,
          "the changes of feature group " + group.displayName(),
          GroupSnapshotFiles.schema(group.location(), written.getKey(), uris.get(0)));
      if (files.isEmpty()) {
        return Optional.empty();  // a column's type in the files is not one the Arrow reader carries
      }
      try (BatchedQueryResult batches = (BatchedQueryResult) files.get()) {
        // Rows of one commit come in runs, decoded as one String per run (ArrowColumnArrays).
        Object lastTime = null;
        boolean lastInRange = false;
        for (ColumnBatch b = batches.nextBatch(); b != null; b = batches.nextBatch()) {
          for (int r = 0; r < b.rowCount(); r++) {
            Object time = b.getReference(commit, r);
            if (time != lastTime) {
              lastTime = time;
              lastInRange = time != null && commits.contains(time);
            }
            if (!lastInRange) {
              continue;
            }
            Object[] row = new Object[columns.size() + 1];
            for (int c = 0; c < read.length; c++) {
              row[read[c]] = b.value(c, r);
            }
            row[columns.size()] = time;
            rows.add(row);
          }
        }
      }
    }
    return Optional.of(rows);
  }
}
