package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.calcite.QueryPlanner;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.parser.FsqlParser;
import io.fsql.sql.tree.CreateFeatureView;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.DropFeatureView;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.ShowFeatureViews;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/** CREATE, DROP, SHOW and DESCRIBE for feature views. */
final class ViewCommands {
  private static final ColumnType VARCHAR = ColumnType.of(DataType.Kind.VARCHAR);
  private static final ColumnType INTEGER = ColumnType.of(DataType.Kind.INTEGER);
  private static final ColumnType TIMESTAMP = ColumnType.of(DataType.Kind.TIMESTAMP);
  private final FsqlEngine engine;

  ViewCommands(FsqlEngine engine) {
    this.engine = engine;
  }

  FeatureView resolve(ObjectName name) {
    return engine.catalog().findView(name.name(), name.version())
        .orElseThrow(() -> unknown(name));
  }

  static FsqlException unknown(ObjectName name) {
    NodeLocation at = name.location();
    return new FsqlException(ErrorCode.UNKNOWN_OBJECT,
        name.version().isPresent()
            ? "feature view '" + name.name() + "' has no version " + name.version().getAsInt()
            : "feature view '" + name.name() + "' does not exist (SHOW FEATURE VIEWS lists them)",
        at.line(), at.column());
  }

  StatementResult create(CreateFeatureView create) {
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      ObjectName name = create.name();
      int version = name.version().orElse(1);
      ViewLoggingCommands.Batching logging = create.logging().map(ViewLoggingCommands.Batching::of).orElse(null);
      Names.checkFree(engine, name, Names.Kind.VIEW);
      Optional<FeatureView> existing = engine.catalog().findView(name.name(), OptionalInt.of(version));
      if (existing.isPresent()) {
        if (create.ifNotExists()) {
          return StatementResult.update(0, "feature view " + existing.get().displayName() + " already exists");
        }
        int latest = engine.catalog().findView(name.name(), OptionalInt.empty()).map(FeatureView::version).orElse(0);
        throw new FsqlException(ErrorCode.ALREADY_EXISTS, "feature view " + existing.get().displayName()
            + " already exists (DROP FEATURE VIEW it first, or create VERSION " + (latest + 1) + ")",
            name.location().line(), name.location().column());
      }
      // The query must plan now; its text is what is stored.
      io.fsql.planner.calcite.Pins pins = io.fsql.planner.calcite.Pins.latest();
      engine.planner().planQuery(create.query(), List.of(), pins);
      FeatureView view = engine.catalog().createView(new FeatureView(0, name.name(), version,
          create.comment().orElse(""), create.queryText(), null));
      LineageCommands.record(engine, io.fsql.planner.catalog.ObjectRef.of(view), pins);
      if (logging != null) {
        String logs;
        try {
          logs = new ViewLoggingCommands(engine).enable(view, logging, name.location());
        } catch (RuntimeException e) {  // no view without the logging it was created with
          engine.catalog().dropView(view.id());
          throw e;
        }
        return StatementResult.update(0, "created feature view " + view.displayName() + "; it "
            + logs.substring(("feature view " + view.displayName() + " ").length()));
      }
      return StatementResult.update(0, "created feature view " + view.displayName());
    } finally {
      lock.unlock();
    }
  }

  StatementResult drop(DropFeatureView drop) {
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      Optional<FeatureView> view = engine.catalog().findView(drop.name().name(), drop.name().version());
      if (view.isEmpty()) {
        if (drop.ifExists()) {
          return StatementResult.update(0, "feature view " + drop.name().name() + " does not exist");
        }
        throw unknown(drop.name());
      }
      engine.catalog().dropView(view.get().id());
      return StatementResult.update(0, "dropped feature view " + view.get().displayName());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The views, with how their served-vector logging is doing since the engine started: rows
   * written to the log, queued, and dropped (NULL when the view does not log).
   */
  QueryResult show(ShowFeatureViews show) {
    Pattern like = show.likePattern().map(CatalogCommands::likeToRegex).orElse(null);
    List<Object[]> rows = new ArrayList<>();
    for (FeatureView v : engine.catalog().listViews()) {
      if (like == null || like.matcher(v.name()).matches()) {
        Optional<io.fsql.planner.calcite.ServedLogStatus.Counts> log = engine.servedLogger().status(v.name(), v.version());
        rows.add(new Object[] {v.name(), v.version(), v.description(), LocalDateTime.ofInstant(v.createdAt(), ZoneOffset.UTC),
            log.isPresent(), log.map(io.fsql.planner.calcite.ServedLogStatus.Counts::logged).orElse(null),
            log.map(io.fsql.planner.calcite.ServedLogStatus.Counts::queued).orElse(null),
            log.map(io.fsql.planner.calcite.ServedLogStatus.Counts::dropped).orElse(null)});
      }
    }
    ColumnType bigint = ColumnType.of(DataType.Kind.BIGINT);
    return QueryResult.of(List.of(
        new ResultColumn("name", VARCHAR, false),
        new ResultColumn("version", INTEGER, false),
        new ResultColumn("description", VARCHAR, false),
        new ResultColumn("created_at", TIMESTAMP, false),
        new ResultColumn("served_logging", ColumnType.of(DataType.Kind.BOOLEAN), false),
        new ResultColumn("served_logged", bigint, true),
        new ResultColumn("served_queued", bigint, true),
        new ResultColumn("served_dropped", bigint, true)), rows);
  }

  QueryResult describe(FeatureView v) {
    QueryPlanner.PlannedQuery plan = engine.planner().planQuery(
        new FsqlParser().parseQuery(v.queryText()), List.of());
    List<Object[]> rows = new ArrayList<>();
    for (ResultColumn c : plan.columns()) {
      rows.add(new Object[] {c.name(), c.type().sql(), c.nullable() ? "YES" : "NO", "", ""});
    }
    rows.add(new Object[] {"", "", "", "", ""});
    rows.add(new Object[] {"# feature view", v.displayName(), "", "", ""});
    rows.add(new Object[] {"description", v.description(), "", "", ""});
    rows.add(new Object[] {"tags", TagCommands.text(new TagCommands(engine).of(
        io.fsql.planner.catalog.CatalogKind.VIEW, v.id(), "")), "", "", ""});
    rows.add(new Object[] {"created_at", LocalDateTime.ofInstant(v.createdAt(), ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' '), "", "", ""});
    rows.add(new Object[] {"query", v.queryText().replaceAll("\\s+", " ").trim(), "", "", ""});
    return CatalogCommands.describeResult(rows);
  }
}
