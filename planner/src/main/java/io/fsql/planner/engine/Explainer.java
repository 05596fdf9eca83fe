package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.calcite.QueryPlanner;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.Insert;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.QueryStatement;
import io.fsql.sql.tree.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN: the Calcite logical plan, which engine runs it, the SQL it runs there, and what every
 * input reads (which feature group, at which commit, from where).
 */
final class Explainer {
  private final FsqlEngine engine;
  private final Session session;

  Explainer(FsqlEngine engine, Session session) {
    this.engine = engine;
    this.session = session;
  }

  QueryResult explain(Statement statement, List<?> params) {
    List<String> lines = new ArrayList<>();
    QueryPlanner.PlannedQuery plan;
    boolean query = statement instanceof QueryStatement;
    if (statement instanceof QueryStatement q) {
      java.util.Optional<io.fsql.planner.online.OnlinePlan> lookup = session.onlineRoute(q, params);
      if (lookup.isPresent()) {
        lines.add("== Runs on: online store, " + engine.online().describe() + " (no Spark) ==");
        lines.addAll(lookup.get().describe());
        return result(lines);
      }
      plan = engine.planner().planQuery(q.query(), params);
      lines.addAll(whyOffline(q));
    } else if (statement instanceof Insert insert) {
      FeatureGroup target = new CatalogCommands(engine).resolve(insert.target());
      plan = engine.planner().planInsert(target, insert.columns(), insert.query(), params,
          insert.location()).source();
      lines.add("== Write ==");
      lines.add("one atomic upsert commit of the Hudi table of feature group " + target.displayName()
          + ", record key (" + String.join(", ", target.recordKey()) + ")");
      lines.add("");
    } else {
      NodeLocation at = statement.location();
      throw new FsqlException(ErrorCode.NOT_SUPPORTED,
          "EXPLAIN works on queries and INSERT statements", at.line(), at.column());
    }
    lines.add("== Logical plan (Calcite) ==");
    lines.addAll(plan.logicalText().lines().toList());
    lines.add("");
    if (query && session.runsInPlanner(plan)) {
      lines.add("== Runs on: " + io.fsql.planner.calcite.LocalEvaluator.ENGINE + " ==");
      lines.add("the query reads no feature group, file or dataset");
      return result(lines);
    }
    if (query && session.settings().localEvaluation()) {
      java.util.Optional<List<String>> changes =
          io.fsql.planner.calcite.ChangesEvaluator.explain(plan.logical(), engine.offline());
      if (changes.isPresent()) {
        lines.add("== Runs on: " + io.fsql.planner.calcite.ChangesEvaluator.ENGINE
            + " when the changed rows allow it; otherwise on the offline engine as below ==");
        lines.addAll(changes.get());
        lines.add("(the offline engine runs it when a column the query uses holds a TIMESTAMP finer than a millisecond,"
            + " a string holds a character past U+D7FF, or a sum could overflow)");
        lines.add("");
      }
    }
    if (statement instanceof QueryStatement q) {
      lines.addAll(fromFiles(q, plan));
    }
    lines.add("== Runs on: " + engine.offline().describe() + " ==");
    lines.addAll(plan.offline().sql().lines().toList());
    lines.add("");
    lines.add("== Inputs ==");
    lines.addAll(QueryPlanner.describeInputs(plan.offline().inputs()));
    return result(lines);
  }

  /** For a plain read that the session reads from its files without Spark (see Session#query): which files. */
  private List<String> fromFiles(QueryStatement q, QueryPlanner.PlannedQuery plan) {
    io.fsql.planner.exec.ResultLayout layout = session.settings().columnarResults();
    if (!layout.columnar() || !io.fsql.planner.calcite.DatasetReads.plainRead(q.query())) {
      return List.of();
    }
    String files = null;
    java.util.Optional<io.fsql.planner.calcite.DatasetReads.Match> d =
        io.fsql.planner.calcite.DatasetReads.match(plan.logical());
    if (d.isPresent() && "PARQUET".equalsIgnoreCase(d.get().dataset().format())) {
      files = "the Parquet files of training dataset " + d.get().dataset().displayName();
    } else if (layout == io.fsql.planner.exec.ResultLayout.AUTO) {
      files = io.fsql.planner.calcite.GroupReads.match(plan.logical())
          .map(g -> "the base files of the table of feature group " + g.scan().group().displayName()
              + (g.scan().spec() instanceof io.fsql.planner.offline.ReadSpec.AsOfCommit c
                  ? " as of commit " + c.commitId() : ""))
          .orElse(null);
    }
    if (files == null) {
      return List.of();
    }
    return List.of("== Read: a plain read, from " + files + " by arrow-dataset without Spark when they allow it"
        + " (local files holding each column read with its type); otherwise it runs on Spark as below ==", "");
  }

  /** Why a query that reads LATEST of an online group does not run on the online store. */
  private List<String> whyOffline(QueryStatement q) {
    String text = io.fsql.sql.tree.StatementFormatter.formatSql(q.query()).toUpperCase(java.util.Locale.ROOT);
    if (!text.contains("LATEST")) {
      return List.of();
    }
    String why = !session.settings().onlineLookups()
        ? "online_lookups = off in this session"
        : "the query is not a lookup of every primary-key column of one online group"
            + " (or that group's online rows are behind)";
    return List.of("== Online store not used: " + why + " ==", "");
  }

  private static QueryResult result(List<String> lines) {
    List<Object[]> rows = new ArrayList<>();
    for (String l : lines) {
      rows.add(new Object[] {l});
    }
    return QueryResult.of(
        List.of(new ResultColumn("plan", ColumnType.of(DataType.Kind.VARCHAR), false)), rows);
  }
}
