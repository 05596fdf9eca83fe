package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.col;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.offline.ReadSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hudi.HoodieSchemaConversionUtils;
import org.apache.hudi.common.model.HoodieCommitMetadata;
import org.apache.hudi.common.schema.HoodieSchema;
import org.apache.hudi.common.table.timeline.HoodieActiveTimeline;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.common.table.timeline.HoodieTimeline;
import org.apache.hudi.storage.StoragePath;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows that the commits completing in (since, until] wrote to a group's copy-on-write table,
 * read straight from the base files those commits wrote, with the same result as Hudi's incremental
 * query: for each file group, the last file slice a commit in the range wrote, keeping the rows whose
 * {@code _hoodie_commit_time} is one of those commits. A key written twice in the range is read once,
 * at its last version in the range; a key written again after UNTIL is read at its version in the
 * range.
 *
 * <p>What this saves over Hudi's incremental relation, per read: its table schema resolution (which
 * reads the latest base file's footer), its meta client and timeline, and re-parsing every commit's
 * metadata. Here the meta client is built once per table and its timeline listed afresh per read, a
 * completed commit's files and schema are parsed once per process (they never change), and the files
 * are read by Spark's Parquet reader with the schema their commit wrote them with, so nothing is
 * inferred and no job runs before the read itself. Files written by commits with different schemas
 * (an ALTER in the range) are read per commit and each put into the group's current schema.
 */
final class HudiChanges {
  /** What one completed commit wrote: each file group's new file, and the writer's schema. */
  private record Written(Map<String, String> pathByFileId, Map<String, Long> rowsByFileId, StructType schema) {}

  private static final Map<String, Written> WRITTEN = new ConcurrentHashMap<>();

  private HudiChanges() {}

  /**
   * The files an incremental read opens: by writing commit (each file group's last file written in
   * the range), the schema each commit wrote, every commit in the range, and the rows those files
   * hold (from the commits' write statistics).
   */
  record Selection(Map<String, List<String>> pathsByCommit, Map<String, StructType> schemaByCommit,
      List<String> commitTimes, long fileRows) {}

  /**
   * The changed rows with the group's columns plus _commit, or empty when the range holds a commit
   * that is not a plain commit (a replace commit) or wrote files without recording their schema:
   * those Hudi's own incremental query reads.
   */
  static Optional<Dataset<Row>> read(SparkSession spark, Configuration conf, FeatureGroup group, Instant since,
      Optional<Instant> until) {
    Optional<Selection> selected = select(conf, group, since, until);
    if (selected.isEmpty()) {
      return Optional.empty();
    }
    Selection sel = selected.get();
    if (sel.pathsByCommit().isEmpty()) {
      return Optional.of(HudiOfflineStore.empty(spark, group, changesSpec()));
    }
    Object[] commitTimes = sel.commitTimes().toArray();
    Set<String> columns = group.columns().stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.toSet());
    Dataset<Row> result = null;
    for (Map.Entry<String, List<String>> e : sel.pathsByCommit().entrySet()) {
      StructType requested = new StructType();
      for (StructField f : sel.schemaByCommit().get(e.getKey()).fields()) {
        if (columns.contains(f.name().toLowerCase(java.util.Locale.ROOT))) {
          requested = requested.add(f);
        }
      }
      requested = requested.add("_hoodie_commit_time", DataTypes.StringType, true);
      Dataset<Row> files = spark.read().schema(requested).parquet(e.getValue().toArray(new String[0]))
          .where(col("_hoodie_commit_time").isin(commitTimes));
      Dataset<Row> rows = HudiOfflineStore.inCurrentSchema(files, group, true);
      result = result == null ? rows : result.unionAll(rows);
    }
    return Optional.of(result);
  }

  /**
   * The files the commits completing in (since, until] wrote that an incremental read opens (none
   * when the table has no timeline), or empty when the range holds a commit that is not a plain
   * commit or wrote files without recording their schema.
   */
  static Optional<Selection> select(Configuration conf, FeatureGroup group, Instant since, Optional<Instant> until) {
    HoodieActiveTimeline active = HudiTimeline.activeTimeline(conf, group.location());
    if (active == null) {
      return Optional.of(new Selection(Map.of(), Map.of(), List.of(), 0));
    }
    HoodieTimeline commits = active.getCommitsTimeline().filterCompletedInstants();
    List<HoodieInstant> inRange = new ArrayList<>();
    for (HoodieInstant instant : commits.getInstants()) {
      Instant completed = HudiTimeline.toInstant(instant.getCompletionTime());
      if (completed.isAfter(since) && (until.isEmpty() || !completed.isAfter(until.get()))) {
        inRange.add(instant);
      }
    }
    if (inRange.stream().anyMatch(i -> !HoodieTimeline.COMMIT_ACTION.equals(i.getAction()))) {
      return Optional.empty();
    }
    inRange.sort((a, b) -> a.getCompletionTime().compareTo(b.getCompletionTime()));
    // each file group's last file written in the range, and which commit wrote it
    Map<String, String> pathByFileId = new HashMap<>();
    Map<String, String> commitByFileId = new HashMap<>();
    Map<String, Long> rowsByFileId = new HashMap<>();
    Map<String, StructType> schemaByCommit = new HashMap<>();
    for (HoodieInstant instant : inRange) {
      Written w = written(commits, group.location(), instant);
      if (w.schema().isEmpty() && !w.pathByFileId().isEmpty()) {
        return Optional.empty();  // files without a recorded schema: Hudi resolves it
      }
      schemaByCommit.put(instant.requestedTime(), w.schema());
      for (Map.Entry<String, String> e : w.pathByFileId().entrySet()) {
        pathByFileId.put(e.getKey(), e.getValue());
        commitByFileId.put(e.getKey(), instant.requestedTime());
        rowsByFileId.put(e.getKey(), w.rowsByFileId().getOrDefault(e.getKey(), Long.MAX_VALUE / 4));
      }
    }
    Map<String, List<String>> pathsByCommit = new LinkedHashMap<>();
    pathByFileId.keySet().stream().sorted().forEach(fileId ->
        pathsByCommit.computeIfAbsent(commitByFileId.get(fileId), c -> new ArrayList<>()).add(pathByFileId.get(fileId)));
    long fileRows = 0;
    for (long n : rowsByFileId.values()) {
      fileRows = Math.min(Long.MAX_VALUE / 2, fileRows + n);
    }
    return Optional.of(new Selection(pathsByCommit, schemaByCommit,
        inRange.stream().map(HoodieInstant::requestedTime).toList(), fileRows));
  }

  private static ReadSpec changesSpec() {
    return new ReadSpec.Changes(ReadSpec.Bound.time(Instant.EPOCH), Optional.empty());
  }

  /** The files and schema of a completed commit, parsed once per process. */
  private static Written written(HoodieTimeline commits, String location, HoodieInstant instant) {
    String key = location + "#" + instant.requestedTime();
    Written known = WRITTEN.get(key);
    if (known != null) {
      return known;
    }
    HoodieCommitMetadata md;
    try {
      md = commits.readCommitMetadata(instant);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read commit " + instant.requestedTime() + " of " + location, e);
    }
    Map<String, String> paths = Map.copyOf(md.getFileIdAndFullPaths(new StoragePath(location)));
    String avro = md.getMetadata(HoodieCommitMetadata.SCHEMA_KEY);
    StructType schema = avro == null || avro.isEmpty() ? new StructType()
        : HoodieSchemaConversionUtils.convertHoodieSchemaToStructType(HoodieSchema.parse(avro));
    // the rows of each file written (its write statistics' record count; the last write of a file group)
    Map<String, Long> rows = new HashMap<>();
    md.getPartitionToWriteStats().values().forEach(stats -> stats.forEach(st ->
        rows.put(st.getFileId(), st.getNumWrites())));
    Written w = new Written(paths, Map.copyOf(rows), schema);
    WRITTEN.put(key, w);
    return w;
  }
}
