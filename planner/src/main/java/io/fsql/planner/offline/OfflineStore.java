package io.fsql.planner.offline;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import java.util.List;
import java.util.Map;

/**
 * The offline store: every group's full history, one atomic commit per write, and the engine
 * that runs offline plans (Spark over Hudi in fsql).
 */
public interface OfflineStore extends AutoCloseable {

  /** Where a new group's table lives (a Hadoop file-system URI). */
  String locationFor(String name, int version, long id);

  /**
   * Upserts the rows {@code source} produces into the group's table as exactly one commit, keyed
   * on the group's record key. The source's columns are the group's columns, in order and type.
   * A failure leaves no commit.
   */
  default CommitInfo upsert(FeatureGroup group, OfflinePlan source) {
    return upsert(group, source, List.of(), results -> { }, false).commit();
  }

  /**
   * Like {@link #upsert(FeatureGroup, OfflinePlan)}, checking the rows against {@code checks} in
   * the same pass first: {@code results} receives what every check gave (before anything is
   * written, also when the INSERT is then rejected); a failed REJECT check fails the write with no
   * commit (CONSTRAINT_VIOLATION, naming every failed rule, its count and up to 5 example rows);
   * rows failing a DROP check are left out of the commit; WARN checks only report. With
   * {@code statistics}, the statistics of every column of the written rows (after DROP) come back
   * with the commit, computed from the same persisted rows (none when the write fails or writes no
   * row).
   */
  Upserted upsert(FeatureGroup group, OfflinePlan source, List<ExpectationCheck> checks,
      java.util.function.Consumer<List<RuleResult>> results, boolean statistics);

  /** A commit and the statistics of the rows it wrote (empty when not asked for). */
  record Upserted(CommitInfo commit, List<io.fsql.planner.stats.ColumnStatistics> statistics) {}

  /** The statistics of every column of a group's snapshot as of one of its commits. */
  List<io.fsql.planner.stats.ColumnStatistics> analyze(FeatureGroup group, String commitId);


  /** Runs a plan and returns its rows converted to the given columns' types. */
  QueryResult query(OfflinePlan plan, List<ResultColumn> columns);

  /**
   * Like {@link #query(OfflinePlan, List)}; unless {@code layout} is OFF, the store may return a
   * {@link io.fsql.planner.exec.BatchedQueryResult} (the same values, in column batches): with ON
   * whenever it can, with AUTO when it judges the result big enough to gain from it.
   */
  default QueryResult query(OfflinePlan plan, List<ResultColumn> columns, io.fsql.planner.exec.ResultLayout layout) {
    return query(plan, columns);
  }

  /**
   * The rows of a plain read of a Parquet training dataset's files (see
   * {@link io.fsql.planner.engine.DatasetRead}), read by the store itself in column batches
   * ({@link io.fsql.planner.exec.BatchedQueryResult}), or empty when it cannot (files it cannot
   * reach, a type it does not carry): the caller then runs the query.
   */
  default java.util.Optional<QueryResult> readDataset(io.fsql.planner.engine.DatasetRead read) {
    return java.util.Optional.empty();
  }

  /**
   * The rows of a plain read of a feature group's snapshot ({@code scan}: latest or as of a commit,
   * not one row per key), only its {@code columns} (indexes into the group's columns, in result
   * order, typed as {@code resultColumns}), read by the store itself from the table's files in
   * column batches, or empty when it cannot read exactly those rows that way: the caller then runs
   * the query.
   */
  default java.util.Optional<QueryResult> readGroupFiles(OfflinePlan.GroupScan scan, List<Integer> columns,
      List<ResultColumn> resultColumns) {
    return java.util.Optional.empty();
  }

  /**
   * The rows of the incremental read {@code changes} (resolved: both bounds are times) of a group,
   * for the store to read itself without its engine, or empty when it cannot read exactly the rows
   * its engine reads that way, or the files to read hold more than {@code maxFileRows} rows.
   */
  default java.util.Optional<ChangedRows> changedRows(FeatureGroup group, ReadSpec.Changes changes,
      long maxFileRows) {
    return java.util.Optional.empty();
  }

  /**
   * The completed commits of a group's table that can still be read (time travel and incremental
   * reads), oldest first, with their row counts; empty before the first write.
   */
  History history(FeatureGroup group);

  /** Deletes a group's table and all its history. */
  void drop(FeatureGroup group);

  /** The columns of a file source, as read from its footer (Parquet) or inferred (CSV). */
  List<Column> inferSchema(String format, String path, Map<String, String> options);

  /** Where a new training dataset's files go (a fresh directory each time). */
  String datasetLocation(String name, int version);

  /**
   * Runs a plan and writes its rows under {@code location} as {@code format} (PARQUET or CSV) files,
   * one directory per part of {@code split}; returns the parts with their directories and row counts.
   * On failure nothing is left under {@code location}.
   */
  default List<io.fsql.planner.catalog.TrainingDataset.SplitPart> materialize(OfflinePlan plan,
      List<ResultColumn> columns, String location, String format, SplitPlan split) {
    return materialize(plan, columns, location, format, split, false).parts();
  }

  /**
   * {@link #materialize(OfflinePlan, List, String, String, SplitPlan)}, with, when
   * {@code statistics}, every split's column statistics (by split name) from the same rows.
   */
  Materialized materialize(OfflinePlan plan, List<ResultColumn> columns, String location, String format,
      SplitPlan split, boolean statistics);

  /** The written parts of a training dataset and their statistics by split name. */
  record Materialized(List<io.fsql.planner.catalog.TrainingDataset.SplitPart> parts,
      Map<String, List<io.fsql.planner.stats.ColumnStatistics>> statistics) {}

  /**
   * The data files a dataset scan reads (fully qualified URIs, in a stable order: directory by
   * directory, then by name), without the writer's marker and checksum files.
   */
  List<String> dataFiles(OfflinePlan.DatasetScan scan);

  /** Deletes files written by {@link #materialize} (or anything under a location fsql owns). */
  void deleteFiles(String location);

  /**
   * A failure of this store's engine (its query engine's or table format's exceptions, which may
   * arrive wrapped or as undeclared checked exceptions) as a one-line error saying what failed;
   * null when the failure is not the store's.
   */
  default io.fsql.planner.FsqlException translate(Throwable failure, String doing) {
    return null;
  }

  /** What computes the sides of SHOW DRIFT from the rows of a plan (see DriftProfiles). */
  default io.fsql.planner.drift.DriftProfiles driftProfiles() {
    throw new io.fsql.planner.FsqlException(io.fsql.planner.ErrorCode.NOT_SUPPORTED,
        "this offline store cannot compute drift");
  }

  /**
   * Whether the engine behind this store (Spark) has started in this process: catalog statements
   * and queries that read no data never start it.
   */
  boolean engineStarted();

  /** A short description of the engine for EXPLAIN, e.g. {@code Spark 3.5.5 (local[*])}. */
  String describe();

  @Override
  void close();
}
