package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.calcite.QueryPlanner;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.offline.CommitInfo;
import io.fsql.sql.parser.ParsingException;
import io.fsql.sql.tree.AlterFeatureGroup;
import io.fsql.sql.tree.CreateFeatureGroup;
import io.fsql.sql.tree.CreateFeatureView;
import io.fsql.sql.tree.CreateTrainingDataset;
import io.fsql.sql.tree.DropFeatureView;
import io.fsql.sql.tree.DropTrainingDataset;
import io.fsql.sql.tree.RecreateTrainingDataset;
import io.fsql.sql.tree.ShowFeatureViews;
import io.fsql.sql.tree.ShowTrainingDatasets;
import io.fsql.sql.tree.Describe;
import io.fsql.sql.tree.DropFeatureGroup;
import io.fsql.sql.tree.Explain;
import io.fsql.sql.tree.Insert;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.QueryStatement;
import io.fsql.sql.tree.ShowCommits;
import io.fsql.sql.tree.ShowFeatureGroups;
import io.fsql.sql.tree.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs statements against an engine, one at a time. */
public final class Session implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  private final FsqlEngine engine;
  private final CatalogCommands catalogCommands;
  private volatile List<java.nio.file.Path> allowedFileDirectories;

  Session(FsqlEngine engine) {
    this.engine = engine;
    this.catalogCommands = new CatalogCommands(engine);
  }

  /** Parses one statement; a syntax error is an {@link FsqlException} with its position. */
  public Statement parse(String sql) {
    try {
      return engine.parser().parseStatement(sql);
    } catch (ParsingException e) {
      throw new FsqlException(ErrorCode.SYNTAX_ERROR, e.getErrorMessage(), e.getLine(), e.getColumn());
    }
  }

  /** Parses a script of statements separated by semicolons. */
  public List<Statement> parseScript(String script) {
    try {
      return engine.parser().parseScript(script);
    } catch (ParsingException e) {
      throw new FsqlException(ErrorCode.SYNTAX_ERROR, e.getErrorMessage(), e.getLine(), e.getColumn());
    }
  }

  public StatementResult execute(String sql) {
    return execute(sql, List.of());
  }

  /** Parses and runs one statement with the values of its {@code ?} parameters. */
  public StatementResult execute(String sql, List<?> params) {
    return execute(parse(sql), params);
  }

  /** Runs every statement of a script in order and stops at the first error. */
  public List<StatementResult> executeScript(String script) {
    List<StatementResult> results = new ArrayList<>();
    for (Statement s : parseScript(script)) {
      results.add(execute(s, List.of()));
    }
    return results;
  }

  /** Runs a parsed statement. */
  public StatementResult execute(Statement statement, List<?> params) {
    engine.checkOpen();
    long t0 = System.nanoTime();
    try {
      StatementResult result = io.fsql.planner.calcite.FileTableMacro.withAllowedDirectories(
          allowedFileDirectories, () -> dispatch(statement, params));
      LOG.debug("{} took {} ms", statement.getClass().getSimpleName(), (System.nanoTime() - t0) / 1_000_000);
      return result;
    } catch (FsqlException e) {
      throw e;
    } catch (RuntimeException e) {
      NodeLocation at = statement.location();
      LOG.warn("statement failed", e);
      throw new FsqlException(ErrorCode.INTERNAL,
          "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          at.line(), at.column(), e);
    }
  }

  private StatementResult dispatch(Statement statement, List<?> params) {
    if (statement instanceof QueryStatement q) {
      QueryPlanner.PlannedQuery plan = engine.planner().planQuery(q.query(), params);
      return StatementResult.rows(engine.offline().query(plan.offline(), plan.columns()));
    }
    if (statement instanceof Insert insert) {
      return insert(insert, params);
    }
    if (statement instanceof Explain explain) {
      return StatementResult.rows(new Explainer(engine).explain(explain.statement(), params));
    }
    if (statement instanceof CreateFeatureGroup create) {
      return catalogCommands.create(create);
    }
    if (statement instanceof DropFeatureGroup drop) {
      return catalogCommands.drop(drop);
    }
    if (statement instanceof AlterFeatureGroup alter) {
      return catalogCommands.alter(alter);
    }
    if (statement instanceof ShowFeatureGroups show) {
      return StatementResult.rows(catalogCommands.showGroups(show));
    }
    if (statement instanceof Describe describe) {
      return StatementResult.rows(catalogCommands.describe(describe));
    }
    if (statement instanceof ShowCommits show) {
      return StatementResult.rows(catalogCommands.showCommits(show));
    }
    if (statement instanceof CreateFeatureView create) {
      return new ViewCommands(engine).create(create);
    }
    if (statement instanceof DropFeatureView drop) {
      return new ViewCommands(engine).drop(drop);
    }
    if (statement instanceof ShowFeatureViews show) {
      return StatementResult.rows(new ViewCommands(engine).show(show));
    }
    if (statement instanceof CreateTrainingDataset create) {
      return new DatasetCommands(engine).create(create);
    }
    if (statement instanceof RecreateTrainingDataset recreate) {
      return new DatasetCommands(engine).recreate(recreate);
    }
    if (statement instanceof DropTrainingDataset drop) {
      return new DatasetCommands(engine).drop(drop);
    }
    if (statement instanceof ShowTrainingDatasets show) {
      return StatementResult.rows(new DatasetCommands(engine).show(show));
    }
    NodeLocation at = statement.location();
    throw new FsqlException(ErrorCode.NOT_SUPPORTED,
        statementName(statement) + " is not supported yet", at.line(), at.column());
  }

  private static String statementName(Statement s) {
    String n = s.getClass().getSimpleName();
    return n.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
  }

  private StatementResult insert(Insert insert, List<?> params) {
    FeatureGroup target = catalogCommands.resolve(insert.target());
    ReentrantLock lock = engine.groupLock(target.name(), target.version());
    lock.lock();
    try {
      // Re-read under the lock: the group may have been dropped meanwhile.
      target = catalogCommands.resolve(insert.target());
      QueryPlanner.PlannedInsert plan = engine.planner().planInsert(
          target, insert.columns(), insert.query(), params, insert.location());
      CommitInfo commit = engine.offline().upsert(target, plan.source().offline());
      return StatementResult.update(commit.rowsWritten(),
          "committed " + commit.id() + " to " + target.displayName() + ": "
              + commit.rowsInserted() + " inserted, " + commit.rowsUpdated() + " updated");
    } finally {
      lock.unlock();
    }
  }

  static FsqlException unknownGroup(ObjectName name) {
    NodeLocation at = name.location();
    return new FsqlException(ErrorCode.UNKNOWN_OBJECT,
        name.version().isPresent()
            ? "feature group '" + name.name() + "' has no version " + name.version().getAsInt()
            : "feature group '" + name.name() + "' does not exist (SHOW FEATURE GROUPS lists them)",
        at.line(), at.column());
  }

  /** Every version of every feature view in the catalog (for metadata APIs). */
  public List<io.fsql.planner.catalog.FeatureView> featureViews() {
    engine.checkOpen();
    return engine.catalog().listViews();
  }

  /** Every version of every training dataset in the catalog (for metadata APIs). */
  public List<io.fsql.planner.catalog.TrainingDataset> trainingDatasets() {
    engine.checkOpen();
    return engine.catalog().listDatasets();
  }

  /** Every version of every feature group in the catalog (for metadata APIs). */
  public List<FeatureGroup> featureGroups() {
    engine.checkOpen();
    return engine.catalog().listGroups();
  }

  /**
   * Limits read_csv / read_parquet in this session to files under {@code allowed} (none when
   * empty); a session is unrestricted until this is called.
   */
  public void restrictFileAccess(List<java.nio.file.Path> allowed) {
    this.allowedFileDirectories = List.copyOf(allowed);
  }

  @Override
  public void close() {}
}
