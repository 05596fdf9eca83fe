package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.CatalogKind;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.CommitInfo;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.planner.stats.ColumnStatistics;
import io.fsql.planner.stats.StatisticsSet;
import io.fsql.sql.tree.AnalyzeFeatureGroup;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectKind;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.ShowStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Statistics of feature groups and training datasets: stores those an INSERT or a dataset write
 * computed, runs ANALYZE FEATURE GROUP, and answers SHOW STATISTICS.
 */
final class StatisticsCommands {
  private static final ColumnType VARCHAR = ColumnType.of(DataType.Kind.VARCHAR);
  private static final ColumnType BIGINT = ColumnType.of(DataType.Kind.BIGINT);
  private static final ColumnType DOUBLE = ColumnType.of(DataType.Kind.DOUBLE);
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatisticsCommands.class);
  private final FsqlEngine engine;

  StatisticsCommands(FsqlEngine engine) {
    this.engine = engine;
  }

  /**
   * Stores the statistics of the rows a commit wrote (nothing for an empty write or none computed).
   * The commit stands whatever happens here: a failure to store them is returned as a note for the
   * INSERT's message (empty when they were stored).
   */
  String recordCommit(FeatureGroup group, OfflineStore.Upserted upserted) {
    if (upserted.commit().id() == null || upserted.statistics().isEmpty()) {
      return "";
    }
    try {
      engine.catalog().saveStatistics(new StatisticsSet(CatalogKind.GROUP, group.id(), upserted.commit().id(),
          StatisticsSet.INSERT, Instant.now(), upserted.statistics()));
      return "";
    } catch (FsqlException e) {
      LOG.warn("the statistics of commit {} of {} were not stored", upserted.commit().id(), group.displayName(), e);
      return "; its statistics were not stored (" + e.getMessage() + "; ANALYZE FEATURE GROUP " + group.name()
          + " computes them)";
    }
  }

  /** Stores the statistics of a training dataset's splits. */
  void recordDataset(TrainingDataset dataset, Map<String, List<ColumnStatistics>> bySplit) {
    Instant now = Instant.now();
    for (Map.Entry<String, List<ColumnStatistics>> e : bySplit.entrySet()) {
      engine.catalog().saveStatistics(new StatisticsSet(CatalogKind.DATASET, dataset.id(), e.getKey(),
          StatisticsSet.SPLIT, now, e.getValue()));
    }
  }

  StatementResult analyze(AnalyzeFeatureGroup analyze) {
    CatalogCommands groups = new CatalogCommands(engine);
    FeatureGroup g = groups.resolve(analyze.name());
    ReentrantLock lock = engine.groupLock(g.name(), g.version());
    lock.lock();
    try {
      g = groups.resolve(analyze.name());
      List<CommitInfo> commits = engine.offline().history(g).commits();
      if (commits.isEmpty()) {
        NodeLocation at = analyze.name().location();
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "feature group " + g.displayName()
            + " has no commit to analyze (INSERT rows first)", at.line(), at.column());
      }
      String commit = commits.get(commits.size() - 1).id();
      List<ColumnStatistics> stats = engine.offline().analyze(g, commit);
      engine.catalog().saveStatistics(new StatisticsSet(CatalogKind.GROUP, g.id(), commit, StatisticsSet.ANALYZE,
          Instant.now(), stats));
      long rows = stats.isEmpty() ? 0 : stats.get(0).count();
      return StatementResult.update(rows, "analyzed " + g.displayName() + " at commit " + commit + ": "
          + rows + (rows == 1 ? " row, " : " rows, ") + stats.size() + (stats.size() == 1 ? " column" : " columns"));
    } finally {
      lock.unlock();
    }
  }

  QueryResult show(ShowStatistics show) {
    ObjectName name = show.name();
    ObjectKind kind = show.kind();
    NodeLocation at = name.location();
    if (kind == ObjectKind.FEATURE_VIEW) {
      throw new FsqlException(ErrorCode.NOT_SUPPORTED, "statistics are kept for feature groups and training"
          + " datasets, not feature views (a training dataset of the view has them)", at.line(), at.column());
    }
    if (kind == ObjectKind.ANY) {
      boolean group = engine.catalog().findGroup(name.name(), OptionalInt.empty()).isPresent();
      if (!group && engine.catalog().findDataset(name.name(), OptionalInt.empty()).isEmpty()) {
        throw new FsqlException(ErrorCode.UNKNOWN_OBJECT,
            "no feature group or training dataset is named '" + name.name() + "'", at.line(), at.column());
      }
      kind = group ? ObjectKind.FEATURE_GROUP : ObjectKind.TRAINING_DATASET;
    }
    if (kind == ObjectKind.TRAINING_DATASET) {
      if (show.commit().isPresent()) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "AS OF COMMIT names a feature group's commit;"
            + " a training dataset's statistics are per SPLIT", at.line(), at.column());
      }
      return showDataset(new DatasetCommands(engine).resolve(name), show.split(), at);
    }
    if (show.split().isPresent()) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "SPLIT names a training dataset's split;"
          + " a feature group's statistics are per commit (AS OF COMMIT 'c')", at.line(), at.column());
    }
    return showGroup(new CatalogCommands(engine).resolve(name), show.commit(), at);
  }

  private QueryResult showGroup(FeatureGroup g, Optional<String> commit, NodeLocation at) {
    List<StatisticsSet> sets = engine.catalog().listStatistics(CatalogKind.GROUP, g.id());
    String part;
    if (commit.isPresent()) {
      part = commit.get();
      boolean known = sets.stream().anyMatch(s -> s.part().equals(part))
          || engine.offline().history(g).commits().stream().anyMatch(c -> part.equals(c.id()));
      if (!known) {
        throw new FsqlException(ErrorCode.UNKNOWN_OBJECT, "feature group " + g.displayName() + " has no commit '"
            + part + "' (SHOW COMMITS FOR " + g.name() + " lists them)", at.line(), at.column());
      }
    } else {
      part = sets.isEmpty() ? null : sets.get(sets.size() - 1).part();
    }
    // of a commit's statistics, those of its whole snapshot (ANALYZE) come before those of its rows
    Optional<StatisticsSet> chosen = sets.stream().filter(s -> s.part().equals(part) && s.scope().equals(StatisticsSet.ANALYZE))
        .findFirst().or(() -> sets.stream().filter(s -> s.part().equals(part)).findFirst());
    List<Object[]> rows = new ArrayList<>();
    chosen.ifPresent(s -> addRows(rows, s));
    return result("commit_id", rows);
  }

  private QueryResult showDataset(TrainingDataset d, Optional<String> split, NodeLocation at) {
    if (split.isPresent() && d.parts().stream().noneMatch(p -> p.name().equals(split.get()))) {
      throw new FsqlException(ErrorCode.UNKNOWN_OBJECT, "training dataset " + d.displayName() + " has no split '"
          + split.get() + "' (its splits: " + d.parts().stream().map(TrainingDataset.SplitPart::name)
              .collect(Collectors.joining(", ")) + ")", at.line(), at.column());
    }
    List<StatisticsSet> sets = engine.catalog().listStatistics(CatalogKind.DATASET, d.id());
    List<Object[]> rows = new ArrayList<>();
    for (TrainingDataset.SplitPart p : d.parts()) {
      if (split.isEmpty() || split.get().equals(p.name())) {
        sets.stream().filter(s -> s.part().equals(p.name())).findFirst().ifPresent(s -> addRows(rows, s));
      }
    }
    return result("split", rows);
  }

  private static void addRows(List<Object[]> rows, StatisticsSet s) {
    for (ColumnStatistics c : s.columns()) {
      rows.add(new Object[] {s.part(), s.scope(), c.column(), c.type(), c.count(), c.nulls(), c.distinctApprox(),
          c.min(), c.max(), c.mean(), c.stddev(), c.quantiles(), c.histogram(), c.topValues()});
    }
  }

  /** SHOW STATISTICS's columns (the first names the commit or the split). */
  private static QueryResult result(String first, List<Object[]> rows) {
    return QueryResult.of(List.of(
        new ResultColumn(first, VARCHAR, false),
        new ResultColumn("scope", VARCHAR, false),
        new ResultColumn("column", VARCHAR, false),
        new ResultColumn("type", VARCHAR, false),
        new ResultColumn("count", BIGINT, false),
        new ResultColumn("nulls", BIGINT, false),
        new ResultColumn("distinct_approx", BIGINT, true),
        new ResultColumn("min", VARCHAR, true),
        new ResultColumn("max", VARCHAR, true),
        new ResultColumn("mean", DOUBLE, true),
        new ResultColumn("stddev", DOUBLE, true),
        new ResultColumn("quantiles", VARCHAR, true),
        new ResultColumn("histogram", VARCHAR, true),
        new ResultColumn("top_values", VARCHAR, true)), rows);
  }
}
