package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.GroupProperties;
import io.fsql.planner.exec.BatchedQueryResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.CommitInfo;
import io.fsql.planner.offline.History;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.planner.offline.ReadSpec;
import io.fsql.planner.engine.CrashPoints;
import io.fsql.storage.spark.SparkColumnBatches;
import io.fsql.storage.spark.SparkErrors;
import io.fsql.storage.spark.SparkRuntime;
import io.fsql.storage.spark.SparkTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline store on Apache Hudi, written and read through Apache Spark. Each feature group
 * version is one copy-on-write, non-partitioned Hudi table keyed on the group's record key
 * (primary key, then event time), laid out as the group's {@link TableLayout} says; each write is
 * one commit (an upsert, or the bulk insert of a sorted table's first load).
 */
public final class HudiOfflineStore implements OfflineStore {
  private static final Logger LOG = LoggerFactory.getLogger(HudiOfflineStore.class);
  private final String root;
  private final String datasets;

  /**
   * @param root where the groups' Hudi tables go
   * @param datasets where training datasets' files go
   */
  public HudiOfflineStore(Path root, Path datasets) {
    this(root.toUri().toString(), datasets.toUri().toString());
  }

  /**
   * @param root where the groups' Hudi tables go: a Hadoop file-system URI ({@code file:},
   *     {@code hdfs:}, {@code s3a:}, ...)
   * @param datasets where training datasets' files go, likewise
   */
  public HudiOfflineStore(String root, String datasets) {
    this.root = withoutTrailingSlash(root);
    this.datasets = withoutTrailingSlash(datasets);
  }

  private static String withoutTrailingSlash(String uri) {
    String u = uri;
    while (u.endsWith("/") && !u.endsWith("//")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  @Override
  public String locationFor(String name, int version, long id) {
    return root + "/" + name + "_v" + version + "_" + id;
  }

  /**
   * Spark's Hadoop configuration once Spark runs; before, one built as Spark builds it (Hadoop's
   * defaults plus every {@code spark.hadoop.*} setting), so that reading a timeline or deleting
   * files (SHOW COMMITS, DESCRIBE, DROP) does not start Spark.
   */
  private static Configuration hadoopConf() {
    if (SparkRuntime.started()) {
      return SparkRuntime.session().sparkContext().hadoopConfiguration();
    }
    return StandaloneHadoopConf.INSTANCE;
  }

  private static final class StandaloneHadoopConf {
    static final Configuration INSTANCE = build();

    private static Configuration build() {
      Configuration c = new Configuration();
      String prefix = "fsql.spark.conf.spark.hadoop.";
      for (String key : System.getProperties().stringPropertyNames()) {
        if (key.startsWith(prefix)) {
          c.set(key.substring(prefix.length()), System.getProperty(key));
        }
      }
      return c;
    }
  }

  // ---------------------------------------------------------------- writes

  @Override
  public Upserted upsert(FeatureGroup group, OfflinePlan source,
      List<io.fsql.planner.offline.ExpectationCheck> checks,
      java.util.function.Consumer<List<io.fsql.planner.offline.RuleResult>> results, boolean statistics) {
    SparkSession spark = SparkRuntime.newSession();
    long t0 = System.nanoTime();
    Dataset<Row> df;
    try {
      df = conform(new SparkPlans(spark, this).dataset(source), group)
          .persist(StorageLevel.MEMORY_AND_DISK());
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, "reading the rows to insert");
    }
    InsertPhases phases = new InsertPhases(group.displayName());
    Dataset<Row> offered = df;
    // the key checks of the rows offered run beside the measurement's later jobs when they are the rows to write
    EarlyKeyCheck keyCheck = new EarlyKeyCheck(spark.sparkContext(), () -> keyChecks(offered, group), phases);
    try {
      Dataset<Row> write = df;
      ExpectationEvaluator expectations = new ExpectationEvaluator(group, checks);
      // expectations and statistics: one aggregation, then at most one value-count job
      InsertMeasurement.Measured measured = InsertMeasurement.measure(df, expectations,
          statistics ? new DescriptiveStatistics(group.columns()) : null, phases, keyCheck::start);
      if (!expectations.isEmpty()) {
        write = expectations.decide(df, measured.results(), results);
      }
      Dataset<Row> kept = write;
      long rows = phases.time("key checks", () -> kept == offered ? keyCheck.result() : keyChecks(kept, group));
      if (rows == 0) {
        return new Upserted(new CommitInfo(null, null, null, "UPSERT", 0, 0, 0), List.of());
      }
      List<io.fsql.planner.stats.ColumnStatistics> stats = measured.statistics();
      CrashPoints.reach(CrashPoints.BEFORE_COMMIT_REQUESTED);
      boolean bulkLoad = TableLayout.bulkLoad(group, !history(group).commits().isEmpty());
      Map<String, String> options = TableLayout.writeOptions(group, bulkLoad);
      if (CrashPoints.armed(CrashPoints.AFTER_DATA_FILES_WRITTEN)) {
        options.put("hoodie.precommit.validators", CrashPointValidator.class.getName());
      }
      try {
        phases.time("write", () -> {
          TableLayout.forWrite(kept, group, bulkLoad).write().format("hudi").options(options).mode(SaveMode.Append).save(group.location());
          return null;
        });
      } catch (Exception e) {
        throw SparkErrors.translate(e, "writing to feature group " + group.displayName());
      }
      CrashPoints.reach(CrashPoints.AFTER_COMMIT_COMPLETED);
      List<CommitInfo> commits = HudiTimeline.history(hadoopConf(), group.location()).commits();
      if (commits.isEmpty()) {
        throw new FsqlException(ErrorCode.INTERNAL,
            "the write to " + group.displayName() + " left no completed commit");
      }
      CommitInfo commit = commits.get(commits.size() - 1);
      LOG.info("committed {} to {}: {} rows in {} ms", commit.id(), group.displayName(), rows,
          (System.nanoTime() - t0) / 1_000_000);
      return new Upserted(commit, stats);
    } finally {
      keyCheck.close();
      phases.log();
      df.unpersist();
    }
  }

  private static List<io.fsql.planner.stats.ColumnStatistics> statistics(Dataset<Row> df, List<Column> columns,
      String doing) {
    try {
      return new DescriptiveStatistics(columns).compute(df);
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, doing);
    }
  }

  @Override
  public List<io.fsql.planner.stats.ColumnStatistics> analyze(FeatureGroup group, String commitId) {
    SparkSession spark = SparkRuntime.newSession();
    Dataset<Row> df = read(spark, group, new ReadSpec.AsOfCommit(commitId)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return statistics(df, group.columns(), "analyzing feature group " + group.displayName());
    } finally {
      df.unpersist();
    }
  }

  /** The source rows with the group's column names and types, in the group's order. */
  private static Dataset<Row> conform(Dataset<Row> df, FeatureGroup group) {
    List<Column> columns = group.columns();
    if (df.columns().length != columns.size()) {
      throw new FsqlException(ErrorCode.INTERNAL, "the source has " + df.columns().length
          + " columns, the group " + columns.size());
    }
    String[] names = columns.stream().map(Column::name).toArray(String[]::new);
    Dataset<Row> renamed = df.toDF(names);
    // A nullable column is nullable in the written schema even when these rows have no NULL (a
    // CASE with a NULL branch is nullable; a plain cast keeps the source's non-nullability), so
    // the table's schema is the group's and a column added later is an Avro-compatible change.
    org.apache.spark.sql.Column[] cast = columns.stream()
        .map(c -> {
          org.apache.spark.sql.types.DataType type = SparkTypes.toSpark(c.type());
          org.apache.spark.sql.Column value = col(c.name()).cast(type);
          return (c.nullable() ? when(col(c.name()).isNull(), lit(null).cast(type)).otherwise(value) : value)
              .as(c.name());
        })
        .toArray(org.apache.spark.sql.Column[]::new);
    return renamed.select(cast);
  }

  /**
   * The key checks of the rows to insert ({@link #checkRows}'s verdict and errors): a scan of the
   * keys' hashes, and the aggregation only when that finds a NULL or two equal hashes
   * ({@link KeyHashCheck}). Returns the number of rows.
   */
  private static long keyChecks(Dataset<Row> df, FeatureGroup group) {
    return KeyHashCheck.check(df, group, () -> checkRows(df, group));
  }

  /**
   * Checks the rows before anything is written: no NULL in key or NOT NULL columns, and no two
   * rows with the same record key. One aggregation job (a shuffle by the record key, which the
   * upsert needs anyway); a second small one only to show an example of a repeated key. Returns
   * the number of rows.
   */
  private static long checkRows(Dataset<Row> df, FeatureGroup group) {
    List<String> key = group.recordKey();
    List<Column> others = group.columns().stream()
        .filter(c -> !c.nullable() && !key.contains(c.name())).toList();
    org.apache.spark.sql.Column[] keyCols = key.stream().map(k -> col(k)).toArray(org.apache.spark.sql.Column[]::new);
    List<org.apache.spark.sql.Column> perKey = new ArrayList<>();
    for (Column c : others) {
      perKey.add(sum(when(col(c.name()).isNull(), 1).otherwise(0)).as("__nulls_" + c.name()));
    }
    Dataset<Row> groups = df.groupBy(keyCols)
        .agg(count(lit(1)).as("__n"), perKey.toArray(new org.apache.spark.sql.Column[0]));
    List<org.apache.spark.sql.Column> totals = new ArrayList<>();
    totals.add(sum(when(col("__n").gt(1), col("__n")).otherwise(0)));
    List<Column> checked = new ArrayList<>();
    for (String k : key) {
      totals.add(sum(when(col(k).isNull(), col("__n")).otherwise(0)));
      checked.add(group.column(k).orElseThrow());
    }
    for (Column c : others) {
      totals.add(sum(col("__nulls_" + c.name())));
      checked.add(c);
    }
    Row stats;
    try {
      stats = groups.agg(sum(col("__n")), totals.toArray(new org.apache.spark.sql.Column[0])).collectAsList().get(0);
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, "reading the rows to insert");
    }
    long rows = stats.isNullAt(0) ? 0 : stats.getLong(0);
    for (int i = 0; i < checked.size(); i++) {
      long nulls = stats.isNullAt(i + 2) ? 0 : stats.getLong(i + 2);
      if (nulls > 0) {
        Column c = checked.get(i);
        String role = group.primaryKey().contains(c.name()) ? "primary-key column"
            : group.eventTime().map(c.name()::equals).orElse(false) ? "event-time column"
            : "NOT NULL column";
        throw new FsqlException(ErrorCode.NULL_NOT_ALLOWED,
            "NULL in " + role + " '" + c.name() + "' of " + group.displayName() + " (" + nulls
                + (nulls == 1 ? " row" : " rows") + "); nothing was committed");
      }
    }
    long repeated = stats.isNullAt(1) ? 0 : stats.getLong(1);
    if (repeated > 0) {
      Row d;
      try {
        d = groups.where(col("__n").gt(1)).limit(1).collectAsList().get(0);
      } catch (Exception e) {  // Spark throws its checked SparkException unchecked
        throw SparkErrors.translate(e, "checking the keys of the rows to insert");
      }
      String example = key.stream()
          .map(k -> k + "=" + SparkTypes.toJava(d.get(d.fieldIndex(k)), new ResultColumn(k,
              group.column(k).orElseThrow().type(), false)))
          .collect(Collectors.joining(", "));
      throw new FsqlException(ErrorCode.CONSTRAINT_VIOLATION,
          "the rows to insert repeat a key: " + d.getLong(d.fieldIndex("__n")) + " rows have ("
              + example + "); each (" + String.join(", ", key)
              + ") may appear once per INSERT; nothing was committed");
    }
    return rows;
  }

  /**
   * The Hudi write options of fsql's first write into the group's empty table (a bulk insert in
   * the sorted layout, an upsert in the cow layout; see {@link TableLayout}): public for baselines
   * that write a fresh table the way fsql does (with the rows of {@link TableLayout#forWrite}).
   */
  public static Map<String, String> writeOptions(FeatureGroup group) {
    return TableLayout.writeOptions(group, TableLayout.bulkLoad(group, false));
  }

  // ---------------------------------------------------------------- reads

  @Override
  public QueryResult query(OfflinePlan plan, List<ResultColumn> columns) {
    return query(plan, columns, io.fsql.planner.exec.ResultLayout.OFF);
  }

  @Override
  public Optional<QueryResult> readDataset(io.fsql.planner.engine.DatasetRead read) {
    return io.fsql.storage.arrow.DatasetFileBatches.open(read);
  }

  @Override
  public Optional<QueryResult> readGroupFiles(OfflinePlan.GroupScan scan, List<Integer> columns,
      List<ResultColumn> resultColumns) {
    return GroupSnapshotFiles.read(hadoopConf(), scan, columns, resultColumns);
  }

  @Override
  public Optional<io.fsql.planner.offline.ChangedRows> changedRows(FeatureGroup group, ReadSpec.Changes changes,
      long maxFileRows) {
    return ChangedRowFiles.find(hadoopConf(), group, changes, maxFileRows);
  }

  @Override
  public QueryResult query(OfflinePlan plan, List<ResultColumn> columns, io.fsql.planner.exec.ResultLayout layout) {
    SparkSession spark = SparkRuntime.newSession();
    Iterator<Row> rows;
    try {
      Dataset<Row> df = new SparkPlans(spark, this).dataset(plan);
      if (SparkColumnBatches.worthIt(df, layout)) {
        Optional<BatchedQueryResult> batches = SparkColumnBatches.open(df, columns, "the query");
        if (batches.isPresent()) {
          return batches.get();
        }
      }
      rows = df.toLocalIterator();
      rows.hasNext();
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, "the query");
    }
    final Iterator<Row> it = rows;
    return new QueryResult() {
      @Override
      public List<ResultColumn> columns() {
        return columns;
      }

      @Override
      public boolean hasNext() {
        try {
          return it.hasNext();
        } catch (Exception e) {  // Spark throws its checked SparkException unchecked
          throw SparkErrors.translate(e, "the query");
        }
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row r = it.next();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = SparkTypes.toJava(r.get(i), columns.get(i));
        }
        return values;
      }

      @Override
      public void close() {
        // toLocalIterator releases each partition as it moves on; nothing is held after the last.
      }
    };
  }

  /**
   * The rows of a group at a resolved read spec (see HistoryResolver), with exactly the group's
   * columns, plus _commit for changes.
   */
  Dataset<Row> read(SparkSession spark, FeatureGroup group, ReadSpec spec) {
    if (spec instanceof ReadSpec.Empty || !HudiTimeline.exists(hadoopConf(), group.location())) {
      return empty(spark, group, spec);
    }
    if (history(group).commits().isEmpty()) {
      // no completed commit (a first commit that never completed, or one rolled back): the
      // timeline holds only requested, inflight or rollback instants, and the table reads as it
      // was before it, empty, whatever the read (latest, as of a time, changes)
      return empty(spark, group, spec);
    }
    if (spec instanceof ReadSpec.Latest || spec instanceof ReadSpec.AsOfCommit) {
      // a copy-on-write snapshot straight from its base files when that is exactly Hudi's read
      String commit = spec instanceof ReadSpec.AsOfCommit c ? c.commitId() : null;
      Optional<List<Dataset<Row>>> files = HudiSnapshotFiles.read(spark, hadoopConf(), group.location(), commit);
      if (files.isPresent()) {
        return files.get().stream().map(f -> inCurrentSchema(f, group, false)).reduce(Dataset::union)
            .orElseGet(() -> empty(spark, group, spec));
      }
    }
    if (spec instanceof ReadSpec.Latest) {
      return inCurrentSchema(hudi(spark).load(group.location()), group, false);
    }
    if (spec instanceof ReadSpec.AsOfCommit c) {
      return inCurrentSchema(hudi(spark).option("as.of.instant", c.commitId()).load(group.location()), group, false);
    }
    if (!(spec instanceof ReadSpec.Changes ch)
        || ch.since().time().isEmpty() || ch.until().map(u -> u.time().isEmpty()).orElse(false)) {
      throw new FsqlException(ErrorCode.INTERNAL, "unresolved read of " + group.displayName() + ": " + spec);
    }
    Optional<Dataset<Row>> changes = HudiChanges.read(spark, hadoopConf(), group, ch.since().time().get(),
        ch.until().map(u -> u.time().get()));
    if (changes.isPresent()) {
      return changes.get();
    }
    // Commits HudiChanges does not read itself (a replace commit): Hudi's incremental query.
    // Hudi compares both bounds with commit completion times, inclusively: (since, until].
    org.apache.spark.sql.DataFrameReader reader = hudi(spark)
        .option("hoodie.datasource.query.type", "incremental")
        .option("hoodie.datasource.read.incr.fallback.fulltablescan.enable", "false")
        .option("hoodie.datasource.read.begin.instanttime",
            HudiTimeline.toHudiTime(ch.since().time().get().plusMillis(1)));
    if (ch.until().isPresent()) {
      reader = reader.option("hoodie.datasource.read.end.instanttime",
          HudiTimeline.toHudiTime(ch.until().get().time().get()));
    }
    return inCurrentSchema(reader.load(group.location()), group, true);
  }

  /**
   * The rows of a group's table in the group's current schema, whatever schema the commit read was
   * written with: a column added since reads NULL, a widened column is cast to its new type (an
   * exact conversion). With {@code commit}, the commit time follows as _commit.
   */
  static Dataset<Row> inCurrentSchema(Dataset<Row> table, FeatureGroup group, boolean commit) {
    java.util.Map<String, org.apache.spark.sql.types.DataType> stored = new HashMap<>();
    for (org.apache.spark.sql.types.StructField f : table.schema().fields()) {
      stored.put(f.name(), f.dataType());
    }
    List<org.apache.spark.sql.Column> selected = new ArrayList<>();
    for (Column c : group.columns()) {
      org.apache.spark.sql.types.DataType type = SparkTypes.toSpark(c.type());
      org.apache.spark.sql.types.DataType was = stored.get(c.name());
      if (was == null) {
        selected.add(lit(null).cast(type).as(c.name()));
      } else if (!was.equals(type)) {
        selected.add(col(c.name()).cast(type).as(c.name()));
      } else {
        selected.add(col(c.name()));
      }
    }
    if (commit) {
      selected.add(col("_hoodie_commit_time").as(OfflinePlan.COMMIT_COLUMN));
    }
    return table.select(selected.toArray(new org.apache.spark.sql.Column[0]));
  }

  static Dataset<Row> empty(SparkSession spark, FeatureGroup group, ReadSpec spec) {
    org.apache.spark.sql.types.StructType schema = SparkTypes.schema(group.columns());
    if (spec instanceof ReadSpec.Changes) {
      schema = schema.add(OfflinePlan.COMMIT_COLUMN, org.apache.spark.sql.types.DataTypes.StringType, false);
    }
    return spark.createDataFrame(List.<Row>of(), schema);
  }

  private static org.apache.spark.sql.DataFrameReader hudi(SparkSession spark) {
    return spark.read().format("hudi").option("hoodie.metadata.enable", "false");
  }

  @Override
  public History history(FeatureGroup group) {
    return HudiTimeline.history(hadoopConf(), group.location());
  }

  @Override
  public void drop(FeatureGroup group) {
    deleteFiles(group.location());
  }

  @Override
  public List<Column> inferSchema(String format, String path, Map<String, String> options) {
    SparkSession spark = SparkRuntime.session();
    Files.check(hadoopConf(), path);
    try {
      org.apache.spark.sql.types.StructType schema = FileSchemas.infer(hadoopConf(), format, path, options,
          () -> Files.reader(spark, format, options).option("inferSchema", "true").load(path).schema());
      List<Column> columns = SparkTypes.columns(schema, path);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Column c : columns) {
        if (!seen.add(c.name())) {
          throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
              "file " + path + " has two columns named '" + c.name() + "' (names are case-insensitive)");
        }
      }
      return columns;
    } catch (FsqlException e) {
      throw e;
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, "reading the schema of " + path);
    }
  }

  @Override
  public String datasetLocation(String name, int version) {
    return datasets + "/" + name + "_v" + version + "_" + java.util.UUID.randomUUID();
  }

  @Override
  public Materialized materialize(OfflinePlan plan, List<ResultColumn> columns, String location, String format,
      io.fsql.planner.offline.SplitPlan split, boolean statistics) {
    SparkSession spark = SparkRuntime.newSession();
    try {
      return DatasetWriter.write(new SparkPlans(spark, this).dataset(plan), columns, location, format, split,
          statistics);
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      deleteFiles(location);
      throw SparkErrors.translate(e, "writing the training dataset");
    }
  }

  @Override
  public List<String> dataFiles(OfflinePlan.DatasetScan scan) {
    List<String> files = new java.util.ArrayList<>();
    try {
      for (String dir : scan.paths()) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
        org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(hadoopConf());
        org.apache.hadoop.fs.FileStatus[] listed = fs.listStatus(p);
        java.util.Arrays.sort(listed, java.util.Comparator.comparing(st -> st.getPath().getName()));
        for (org.apache.hadoop.fs.FileStatus st : listed) {
          String name = st.getPath().getName();
          if (st.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
            files.add(fs.makeQualified(st.getPath()).toUri().toString());
          }
        }
      }
    } catch (java.io.FileNotFoundException e) {
      throw new FsqlException(ErrorCode.DATA_ERROR, "the files of this training dataset are gone: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  @Override
  public void deleteFiles(String location) {
    HudiTimeline.forget(location);
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(hadoopConf());
      if (fs.exists(p) && !fs.delete(p, true)) {
        LOG.warn("could not delete {}", p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public FsqlException translate(Throwable failure, String doing) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      String pkg = t.getClass().getName();
      if (t instanceof org.apache.spark.SparkThrowable || pkg.startsWith("org.apache.spark.")
          || pkg.startsWith("org.apache.hudi.") || pkg.startsWith("org.apache.hadoop.")
          || pkg.startsWith("org.apache.parquet.")) {
        return SparkErrors.translate(failure, doing);
      }
    }
    return null;
  }

  @Override
  public io.fsql.planner.drift.DriftProfiles driftProfiles() {
    return new SparkDriftProfiles(this);
  }

  @Override
  public boolean engineStarted() {
    return SparkRuntime.started();
  }

  @Override
  public String describe() {
    if (!SparkRuntime.started()) {
      return "Spark (" + SparkRuntime.configuration().get("spark.master") + ")";
    }
    SparkSession s = SparkRuntime.session();
    return "Spark " + s.version() + " (" + s.sparkContext().master() + ")";
  }

  @Override
  public void close() {
    // The SparkSession belongs to the process and outlives engines.
  }
}
