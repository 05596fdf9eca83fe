package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.SetOption;
import java.util.Locale;

/**
 * A session's settings, changed with {@code SET name = value} and {@code RESET name}.
 *
 * <ul>
 *   <li>{@code online_lookups}: {@code auto} (default) runs key lookups on online groups in the
 *       online store; {@code off} runs every query offline on Spark (same results: use it to
 *       compare the two routes).
 *   <li>{@code bulk_reads}: {@code auto} (default) lets a server answer a plain read of a Parquet
 *       training dataset ({@code SELECT * | columns FROM td [SPLIT s]}) straight from its files, one
 *       endpoint per file ({@link Session#datasetRead}); {@code off} runs those queries through the
 *       engine like any other (same rows: use it to compare the two paths).
 *   <li>{@code local_evaluation}: {@code auto} (default) evaluates queries that read no data
 *       (constants, VALUES) in the planner without Spark; {@code off} runs them on Spark too
 *       (same results: use it to compare the two).
 *   <li>{@code columnar_results}: {@code auto} (default) reads a plain read of a Parquet training
 *       dataset, or of a feature group's snapshot, from its files without Spark, and brings every
 *       other query's rows from Spark in column batches ({@link io.fsql.planner.exec.ColumnBatch}):
 *       a plain scan's from its column vectors, others as Arrow batches; {@code on} is the same
 *       except that a plain group read is Spark's scan; {@code off} brings every result row by row from
 *       Spark (same values: use it to compare the paths). See {@link io.fsql.planner.exec.ResultLayout}.
 * </ul>
 */
public final class SessionSettings {
  private volatile boolean onlineLookups = true;
  private volatile boolean bulkReads = true;
  private volatile boolean localEvaluation = true;
  private volatile io.fsql.planner.exec.ResultLayout columnarResults = io.fsql.planner.exec.ResultLayout.AUTO;

  /** How query results come from the offline engine ({@code columnar_results}). */
  public io.fsql.planner.exec.ResultLayout columnarResults() {
    return columnarResults;
  }

  private volatile boolean statistics = true;

  /** Whether INSERT and training dataset writes compute and store statistics ({@code statistics}). */
  public boolean statistics() {
    return statistics;
  }

  public boolean bulkReads() {
    return bulkReads;
  }

  public boolean localEvaluation() {
    return localEvaluation;
  }

  public boolean onlineLookups() {
    return onlineLookups;
  }

  StatementResult apply(SetOption set) {
    NodeLocation at = set.location();
    switch (set.name()) {
      case "online_lookups":
        onlineLookups = autoOrOff(set, "online_lookups");
        return applied(set, onlineLookups ? "auto" : "off");
      case "bulk_reads":
        bulkReads = autoOrOff(set, "bulk_reads");
        return applied(set, bulkReads ? "auto" : "off");
      case "local_evaluation":
        localEvaluation = autoOrOff(set, "local_evaluation");
        return applied(set, localEvaluation ? "auto" : "off");
      case "columnar_results":
        columnarResults = io.fsql.planner.exec.ResultLayout.of(set.value().orElse("auto"), set.location());
        return applied(set, columnarResults.setting());
      case "statistics":
        statistics = onOrOff(set);
        return applied(set, statistics ? "on" : "off");
      default:
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "unknown setting '" + set.name()
                + "' (settings: online_lookups, bulk_reads, local_evaluation, columnar_results, statistics)",
            at.line(), at.column());
    }
  }

  /** The message of a setting that took effect: {@code name = value}. */
  private static StatementResult applied(SetOption set, String value) {
    return StatementResult.update(0, set.name() + " = " + value);
  }

  private static boolean onOrOff(SetOption set) {
    String v = set.value().orElse("on").toLowerCase(Locale.ROOT);
    switch (v) {
      case "on":
      case "true":
        return true;
      case "off":
      case "false":
        return false;
      default:
        NodeLocation at = set.location();
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "statistics is 'on' or 'off', not '" + v + "'", at.line(), at.column());
    }
  }

  private static boolean autoOrOff(SetOption set, String name) {
    String v = set.value().orElse("auto").toLowerCase(Locale.ROOT);
    switch (v) {
      case "auto":
      case "on":
      case "true":
        return true;
      case "off":
      case "false":
        return false;
      default:
        NodeLocation at = set.location();
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            name + " is 'auto' or 'off', not '" + v + "'", at.line(), at.column());
    }
  }
}
