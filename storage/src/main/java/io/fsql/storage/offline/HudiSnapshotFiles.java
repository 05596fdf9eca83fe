package io.fsql.storage.offline;

import io.fsql.planner.BoundedCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hudi.common.engine.HoodieLocalEngineContext;
import org.apache.hudi.common.model.HoodieBaseFile;
import org.apache.hudi.common.model.HoodieTableType;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieActiveTimeline;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.common.table.timeline.HoodieTimeline;
import org.apache.hudi.common.table.view.HoodieTableFileSystemView;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.types.StructType;

/**
 * A snapshot read of a group's Hudi table straight from its Parquet base files, without Hudi's
 * Spark relation (which builds a file index, lists the table with Spark jobs and resolves the
 * table schema from a data file on every read): the latest base file of each file group as of the
 * read's commit, taken from Hudi's file-system view over the completed commits (replaced file
 * groups left out, as Hudi's own snapshot read does), read with {@code spark.read().parquet} with
 * each file's own schema (one footer read per writing commit, kept: a commit's files never change).
 *
 * <p>Only when that is exactly Hudi's snapshot: a COPY_ON_WRITE table with no pending instant of
 * any kind (no write, clustering or compaction in flight) and no bootstrap base file; anything
 * else ({@link #files} empty) is read through Hudi.
 */
public final class HudiSnapshotFiles {
  /** The schema of the files a commit wrote, by table location and commit. */
  private static final BoundedCache<String, StructType> SCHEMAS = new BoundedCache<>(1024);

  private HudiSnapshotFiles() {}

  /**
   * The base files a snapshot read of the table at {@code location} as of commit {@code commit}
   * (null: the latest completed commit) reads, or empty when the table must be read through Hudi.
   */
  public static Optional<List<HoodieBaseFile>> files(Configuration conf, String location, String commit) {
    HoodieTableMetaClient meta = HudiTimeline.metaClient(conf, location);
    if (meta == null || meta.getTableConfig().getTableType() != HoodieTableType.COPY_ON_WRITE) {
      return Optional.empty();
    }
    HoodieActiveTimeline active = meta.reloadActiveTimeline();
    if (!active.filterInflightsAndRequested().empty()) {
      return Optional.empty();
    }
    HoodieTimeline completed = active.getWriteTimeline().filterCompletedInstants();
    Optional<String> last = completed.lastInstant().map(HoodieInstant::requestedTime).toJavaOptional();
    if (last.isEmpty()) {
      return Optional.empty();
    }
    String asOf = commit != null ? commit : last.get();
    List<HoodieBaseFile> files;
    try (HoodieTableFileSystemView view = HoodieTableFileSystemView.fileListingBasedFileSystemView(
        new HoodieLocalEngineContext(meta.getStorageConf()), meta, completed)) {
      files = view.getLatestBaseFilesBeforeOrOn("", asOf).collect(Collectors.toList());
    }
    for (HoodieBaseFile f : files) {
      if (f.getBootstrapBaseFile().isPresent() || !f.getPath().endsWith(".parquet")) {
        return Optional.empty();
      }
    }
    return Optional.of(files);
  }

  /**
   * The rows of the table at {@code location} as of {@code commit} (null: latest) read from its
   * base files, one Parquet read per schema the files were written with (each in the columns of
   * that schema; the caller brings them to the group's current schema), or empty when the table
   * must be read through Hudi. An empty list means the snapshot has no file.
   */
  static Optional<List<Dataset<Row>>> read(SparkSession spark, Configuration conf, String location, String commit) {
    Optional<List<HoodieBaseFile>> files = files(conf, location, commit);
    if (files.isEmpty()) {
      return Optional.empty();
    }
    Map<StructType, List<String>> bySchema = new LinkedHashMap<>();
    for (HoodieBaseFile f : files.get()) {
      bySchema.computeIfAbsent(schema(spark, conf, location, f), s -> new ArrayList<>()).add(f.getPath());
    }
    List<Dataset<Row>> reads = new ArrayList<>();
    for (Map.Entry<StructType, List<String>> e : bySchema.entrySet()) {
      reads.add(spark.read().schema(e.getKey()).parquet(e.getValue().toArray(new String[0])));
    }
    return Optional.of(reads);
  }

  /** The Spark schema of a base file as Spark infers it, read once per writing commit. */
  private static StructType schema(SparkSession spark, Configuration conf, String location, HoodieBaseFile file) {
    return SCHEMAS.get(location + "#" + file.getCommitTime(), () -> {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.getPath());
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
        return new ParquetToSparkSchemaConverter(spark.sessionState().conf())
            .convert(reader.getFooter().getFileMetaData().getSchema());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the schema of " + path, e);
      }
    });
  }
}
