package io.fsql.storage.offline;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.GroupProperties;
import io.fsql.storage.spark.SparkRuntime;
import java.util.HashMap;
import java.util.Map;

/**
 * How a group's Hudi table lays out its files: the Hudi write options of one commit, following the
 * layout the group recorded at creation ({@link GroupProperties#LAYOUT}). Both layouts are
 * copy-on-write, non-partitioned tables keyed on the group's record key, read the same way.
 *
 * <ul>
 *   <li>{@value GroupProperties#SORTED}: a first load into an empty table is a Hudi
 *       {@code bulk_insert} of the rows sorted by record key in Spark SQL ({@link RecordKeyOrder};
 *       no index lookup, no merge), cut into base files of
 *       at most {@link #SORTED_MAX_FILE_BYTES}, so each file group holds one contiguous range of
 *       keys. Later writes are upserts with a bloom index pruned by each file's key range: an update
 *       of a key range looks up and rewrites only the few file groups that hold it, and an
 *       incremental read of that commit opens only those files.
 *   <li>{@value GroupProperties#COW}: every write an upsert with Hudi's default sizing; the
 *       upsert spreads keys by hash, so every file spans the whole key range and an update of 1% of
 *       the keys rewrites every file group. Groups created before layouts existed are this.
 * </ul>
 *
 * <p>Why a bulk insert produced duplicates before, and why this one does not: Hudi's default bulk
 * insert of a DataFrame is the "row writer", which builds each record key from Spark's internal row,
 * and writes a TIMESTAMP key part as text ({@code id:0,ts:2025-01-01 00:00:00.0}), while an upsert
 * builds keys from Avro records, where the same part is microseconds
 * ({@code id:0,ts:1735689600000000}). The first upsert after such a load found none of its keys
 * (measured: an update of 50 existing keys committed as 60 inserts) and wrote every updated row a
 * second time. fsql's bulk insert therefore turns the row writer off: the records and their keys
 * are built as for an upsert, and Hudi's pre-commit hooks run as on every other commit. A bulk
 * insert also neither looks keys up nor merges, so it would duplicate a key the table already has,
 * and keeps repeated keys of its input (Hudi does not combine before an insert unless told): fsql
 * uses it only when the table has no completed commit (a failed earlier attempt is rolled back
 * first: the failed-writes policy is EAGER), after {@code checkRows} refused repeated keys in the
 * input, and writes of a group are serialised by the engine's group lock.
 */
public final class TableLayout {
  /** The largest base file the sorted layout writes (Hudi rolls over to a new file group beyond it). */
  public static final long SORTED_MAX_FILE_BYTES = Long.getLong("fsql.layout.sortedMaxFileBytes", 4L << 20);

  /**
   * The compression of the Parquet files a commit writes (Hudi's default is gzip). Snappy: reading a
   * group's files decodes several times faster and writing them compresses faster, for larger
   * files. Files written before keep their codec; every reader handles both.
   */
  public static final String PARQUET_CODEC = System.getProperty("fsql.layout.parquetCodec", "snappy");

  private TableLayout() {}

  /** Whether a write to this group's table writes with a bulk insert (a first load of a sorted table). */
  public static boolean bulkLoad(FeatureGroup group, boolean tableHasCommits) {
    return !tableHasCommits && GroupProperties.SORTED.equals(GroupProperties.layout(group.properties()));
  }

  /**
   * The rows a commit hands to Hudi: a bulk load sorted by record key in Spark SQL
   * ({@link RecordKeyOrder}), any other write as it is.
   */
  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> forWrite(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows, FeatureGroup group, boolean bulkLoad) {
    return bulkLoad ? RecordKeyOrder.sorted(rows, group, SparkRuntime.parallelism()) : rows;
  }

  /** The Hudi write options of a commit to the group's table. */
  public static Map<String, String> writeOptions(FeatureGroup group, boolean bulkLoad) {
    int parallelism = SparkRuntime.parallelism();
    int retain = GroupProperties.retainCommits(group.properties());
    Map<String, String> o = new HashMap<>();
    o.put("hoodie.table.name", group.name() + "_v" + group.version());
    o.put("hoodie.datasource.write.operation", bulkLoad ? "bulk_insert" : "upsert");
    o.put("hoodie.datasource.write.table.type", "COPY_ON_WRITE");
    o.put("hoodie.datasource.write.recordkey.field", String.join(",", group.recordKey()));
    o.put("hoodie.datasource.write.partitionpath.field", "");
    o.put("hoodie.datasource.write.keygenerator.class", "org.apache.hudi.keygen.NonpartitionedKeyGenerator");
    o.put("hoodie.record.merge.mode", "COMMIT_TIME_ORDERING");
    o.put("hoodie.combine.before.upsert", "false");
    o.put("hoodie.metadata.enable", "false");
    o.put("hoodie.embed.timeline.server", "false");
    o.put("hoodie.table.timeline.timezone", "UTC");
    o.put("hoodie.datasource.meta.sync.enable", "false");
    o.put("hoodie.parquet.compression.codec", PARQUET_CODEC);
    o.put("hoodie.upsert.shuffle.parallelism", Integer.toString(parallelism));
    o.put("hoodie.insert.shuffle.parallelism", Integer.toString(parallelism));
    // A write that never completed (a crash) is rolled back by the next writer (the failed-writes
    // policy is EAGER: the next commit starts with it). The rollback finds the failed commit's data
    // files by listing the table for files named after its instant rather than from its marker
    // files, so it removes them even when the markers are gone: otherwise, once the failed instant
    // leaves the timeline, its files would look like an archived commit's and be read again.
    o.put("hoodie.cleaner.policy.failed.writes", "EAGER");
    o.put("hoodie.rollback.using.markers", "false");
    o.put("hoodie.clean.commits.retained", Integer.toString(retain));
    o.put("hoodie.keep.min.commits", Integer.toString(retain + 1));
    o.put("hoodie.keep.max.commits", Integer.toString(retain + 10));
    if (GroupProperties.SORTED.equals(GroupProperties.layout(group.properties()))) {
      sorted(o, parallelism);
    }
    return o;
  }

  private static void sorted(Map<String, String> o, int parallelism) {
    o.put("hoodie.parquet.max.file.size", Long.toString(SORTED_MAX_FILE_BYTES));
    // Inserts of new keys top up files under three quarters of the maximum rather than start new
    // file groups.
    o.put("hoodie.parquet.small.file.limit", Long.toString(SORTED_MAX_FILE_BYTES * 3 / 4));
    // The first load: its rows arrive sorted by record key across all rows (forWrite: each task
    // one key range, rolling files over at the maximum size), so Hudi keeps their order rather than
    // sorting its records again; keys are unique (checkRows), nothing to combine.
    o.put("hoodie.bulkinsert.sort.mode", "NONE");
    o.put("hoodie.bulkinsert.shuffle.parallelism", Integer.toString(parallelism));
    o.put("hoodie.combine.before.insert", "false");
    // Not the row writer: its record keys differ from an upsert's for TIMESTAMP key columns (above).
    o.put("hoodie.datasource.write.row.writer.enable", "false");
    // Upserts: the bloom index checks only the files whose [min, max] key range holds a key.
    o.put("hoodie.index.type", "BLOOM");
    o.put("hoodie.bloom.index.prune.by.ranges", "true");
  }
}
