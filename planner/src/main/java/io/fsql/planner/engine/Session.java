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
import io.fsql.sql.tree.StatementVisitor;
import io.fsql.sql.tree.SetOnline;
import io.fsql.sql.tree.SetOption;
import io.fsql.sql.tree.RefreshOnline;
import io.fsql.planner.calcite.OnlineRoutes;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.online.OnlinePlan;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs statements against an engine, one at a time. */
public final class Session implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  /** Full traces of failed statements: to the home's log file only (users get one line). */
  private static final Logger TRACES = LoggerFactory.getLogger("io.fsql.trace");
  private final FsqlEngine engine;
  private final CatalogCommands catalogCommands;
  private final Dispatcher dispatcher = new Dispatcher();
  private final SessionSettings settings = new SessionSettings();
  private volatile List<java.nio.file.Path> allowedFileDirectories;
  private volatile boolean loggedServed;

  Session(FsqlEngine engine) {
    this.engine = engine;
    this.catalogCommands = new CatalogCommands(engine);
  }

  /** This session's settings ({@code SET name = value}). */
  public SessionSettings settings() {
    return settings;
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
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} took {} ms", statement.getClass().getSimpleName(), (System.nanoTime() - t0) / 1_000_000);
      }
      return result;
    } catch (FsqlException e) {
      if (e.getCause() != null || e.code() == ErrorCode.INTERNAL || e.code() == ErrorCode.IO_ERROR) {
        // a failure below fsql (Spark, Hudi, the file system), not a mistake in the statement
        TRACES.warn("{} failed: {}", statementName(statement), e.getMessage(), e);
      }
      throw e;
    } catch (Exception | StackOverflowError | LinkageError e) {
      // Spark's AnalysisException is a checked exception thrown undeclared: catch Exception
      FsqlException f = translate(e, statement);
      TRACES.warn("{} failed: {}", statementName(statement), f.getMessage(), e);
      throw f;
    }
  }

  /**
   * Any failure as one fsql error line: an fsql error inside it, the store's own failures (Spark,
   * Hudi) as the store says, I/O errors on the home as IO_ERROR, anything else as INTERNAL with its
   * class and message. The full trace goes to the home's log file (logger io.fsql.trace).
   */
  private FsqlException translate(Throwable e, Statement statement) {
    NodeLocation at = statement.location();
    FsqlException known = FsqlException.find(e);
    if (known != null) {
      return known.at(at.line(), at.column());
    }
    if (e instanceof StackOverflowError) {
      return new FsqlException(ErrorCode.INVALID_QUERY, "the statement is nested too deeply to run",
          at.line(), at.column(), e);
    }
    String doing = statementName(statement);
    FsqlException store = engine.offline().translate(e, doing);
    if (store != null) {
      return store.at(at.line(), at.column());
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
        return new FsqlException(ErrorCode.IO_ERROR, doing + " failed: I/O error: "
            + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()), at.line(), at.column(), e);
      }
    }
    return new FsqlException(ErrorCode.INTERNAL,
        "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
        at.line(), at.column(), e);
  }

  private StatementResult dispatch(Statement statement, List<?> params) {
    StatementResult result = statement.accept(dispatcher, params);
    if (!(statement instanceof QueryStatement) && !(statement instanceof Explain)
        && !(statement instanceof Insert) && !(statement instanceof SetOption)
        && !(statement instanceof io.fsql.sql.tree.ShowDrift)) {
      engine.catalogChanged();
    }
    return result;
  }

  /** One method per statement kind; what a kind has no method for is not supported. */
  private final class Dispatcher implements StatementVisitor<StatementResult, List<?>> {
    @Override
    public StatementResult visitStatement(Statement statement, List<?> params) {
      NodeLocation at = statement.location();
      throw new FsqlException(ErrorCode.NOT_SUPPORTED,
          statementName(statement) + " is not supported yet", at.line(), at.column());
    }

    @Override
    public StatementResult visitQueryStatement(QueryStatement q, List<?> params) {
      return StatementResult.rows(query(q, params));
    }

    @Override
    public StatementResult visitInsert(Insert insert, List<?> params) {
      return insert(insert, params);
    }

    @Override
    public StatementResult visitExplain(Explain explain, List<?> params) {
      return StatementResult.rows(new Explainer(engine, Session.this).explain(explain.statement(), params));
    }

    @Override
    public StatementResult visitCreateFeatureGroup(CreateFeatureGroup create, List<?> params) {
      return catalogCommands.create(create);
    }

    @Override
    public StatementResult visitDropFeatureGroup(DropFeatureGroup drop, List<?> params) {
      return catalogCommands.drop(drop);
    }

    @Override
    public StatementResult visitAlterFeatureGroup(AlterFeatureGroup alter, List<?> params) {
      return catalogCommands.alter(alter);
    }

    @Override
    public StatementResult visitAddColumn(io.fsql.sql.tree.AddColumn add, List<?> params) {
      return new SchemaEvolution(engine).add(add);
    }

    @Override
    public StatementResult visitDropColumn(io.fsql.sql.tree.DropColumn drop, List<?> params) {
      return new SchemaEvolution(engine).drop(drop);
    }

    @Override
    public StatementResult visitAlterColumn(io.fsql.sql.tree.AlterColumn alter, List<?> params) {
      return new SchemaEvolution(engine).alter(alter);
    }

    @Override
    public StatementResult visitAlterTags(io.fsql.sql.tree.AlterTags alter, List<?> params) {
      return new TagCommands(engine).alter(alter);
    }

    @Override
    public StatementResult visitShowFeatures(io.fsql.sql.tree.ShowFeatures show, List<?> params) {
      return StatementResult.rows(new TagCommands(engine).showFeatures(show));
    }

    @Override
    public StatementResult visitShowLineage(io.fsql.sql.tree.ShowLineage show, List<?> params) {
      return StatementResult.rows(new LineageCommands(engine).lineage(show));
    }

    @Override
    public StatementResult visitShowDependents(io.fsql.sql.tree.ShowDependents show, List<?> params) {
      return StatementResult.rows(new LineageCommands(engine).dependents(show));
    }

    @Override
    public StatementResult visitSetOnline(SetOnline set, List<?> params) {
      return setOnline(set);
    }

    @Override
    public StatementResult visitRefreshOnline(RefreshOnline refresh, List<?> params) {
      return refreshOnline(refresh);
    }

    @Override
    public StatementResult visitSetOption(SetOption set, List<?> params) {
      return settings.apply(set);
    }

    @Override
    public StatementResult visitShowFeatureGroups(ShowFeatureGroups show, List<?> params) {
      return StatementResult.rows(catalogCommands.showGroups(show));
    }

    @Override
    public StatementResult visitDescribe(Describe describe, List<?> params) {
      return StatementResult.rows(catalogCommands.describe(describe));
    }

    @Override
    public StatementResult visitAddExpectation(io.fsql.sql.tree.AddExpectation add, List<?> params) {
      return new ExpectationCommands(engine).add(add);
    }

    @Override
    public StatementResult visitDropExpectation(io.fsql.sql.tree.DropExpectation drop, List<?> params) {
      return new ExpectationCommands(engine).drop(drop);
    }

    @Override
    public StatementResult visitShowExpectations(io.fsql.sql.tree.ShowExpectations show, List<?> params) {
      return StatementResult.rows(new ExpectationCommands(engine).show(show));
    }

    @Override
    public StatementResult visitShowValidations(io.fsql.sql.tree.ShowValidations show, List<?> params) {
      return StatementResult.rows(new ExpectationCommands(engine).showValidations(show));
    }

    @Override
    public StatementResult visitShowCommits(ShowCommits show, List<?> params) {
      return StatementResult.rows(catalogCommands.showCommits(show));
    }

    @Override
    public StatementResult visitCreateFeatureView(CreateFeatureView create, List<?> params) {
      return new ViewCommands(engine).create(create);
    }

    @Override
    public StatementResult visitDropFeatureView(DropFeatureView drop, List<?> params) {
      return new ViewCommands(engine).drop(drop);
    }

    @Override
    public StatementResult visitShowFeatureViews(ShowFeatureViews show, List<?> params) {
      return StatementResult.rows(new ViewCommands(engine).show(show));
    }

    @Override
    public StatementResult visitCreateTrainingDataset(CreateTrainingDataset create, List<?> params) {
      return new DatasetCommands(engine, settings.statistics()).create(create);
    }

    @Override
    public StatementResult visitRecreateTrainingDataset(RecreateTrainingDataset recreate, List<?> params) {
      return new DatasetCommands(engine, settings.statistics()).recreate(recreate);
    }

    @Override
    public StatementResult visitDropTrainingDataset(DropTrainingDataset drop, List<?> params) {
      return new DatasetCommands(engine).drop(drop);
    }

    @Override
    public StatementResult visitShowStatistics(io.fsql.sql.tree.ShowStatistics show, List<?> params) {
      return StatementResult.rows(new StatisticsCommands(engine).show(show));
    }

    @Override
    public StatementResult visitAnalyzeFeatureGroup(io.fsql.sql.tree.AnalyzeFeatureGroup analyze, List<?> params) {
      return new StatisticsCommands(engine).analyze(analyze);
    }

    @Override
    public StatementResult visitShowDrift(io.fsql.sql.tree.ShowDrift show, List<?> params) {
      return StatementResult.rows(new DriftCommands(engine).show(show));
    }

    @Override
    public StatementResult visitSetViewLogging(io.fsql.sql.tree.SetViewLogging set, List<?> params) {
      return new ViewLoggingCommands(engine).alter(set);
    }

    @Override
    public StatementResult visitShowTrainingDatasets(ShowTrainingDatasets show, List<?> params) {
      return StatementResult.rows(new DatasetCommands(engine).show(show));
    }
  }

  // ------------------------------------------------------------------ queries and lookups


  private QueryResult query(QueryStatement q, List<?> params) {
    Optional<OnlinePlan> lookup = onlineRoute(q, params);
    if (lookup.isPresent()) {
      try {
        return logServed(q, params, lookup.get().execute(engine.online(), params));
      } catch (io.fsql.planner.online.OnlineFallback e) {
        LOG.debug("online route fell back to offline: {}", e.getMessage());
      }
    }
    QueryPlanner.PlannedQuery plan = engine.planner().planQuery(q.query(), params);
    if (runsInPlanner(plan)) {
      Optional<QueryResult> local = io.fsql.planner.calcite.LocalEvaluator.evaluate(plan.logical(), plan.columns());
      if (local.isPresent()) {
        return local.get();
      }
    }
    if (settings.localEvaluation()) {
      // a small query over changed rows (CHANGES SINCE): the planner runs it over the rows the store reads
      Optional<QueryResult> changes = io.fsql.planner.calcite.ChangesEvaluator.evaluate(plan.logical(), plan.columns(),
          engine.offline());
      if (changes.isPresent()) {
        return changes.get();
      }
    }
    if (settings.columnarResults().columnar() && io.fsql.planner.calcite.DatasetReads.plainRead(q.query())) {
      // a plain read of a Parquet dataset's files: the store may read them itself, without Spark
      Optional<QueryResult> files = datasetRead(io.fsql.planner.calcite.DatasetReads.match(plan.logical()), plan)
          .flatMap(engine.offline()::readDataset);
      if (files.isPresent()) {
        return files.get();
      }
      if (settings.columnarResults() == io.fsql.planner.exec.ResultLayout.AUTO) {
        // a plain read of a group's snapshot: the store may read its table's files itself
        Optional<io.fsql.planner.calcite.GroupReads.Match> group = io.fsql.planner.calcite.GroupReads.match(plan.logical());
        Optional<QueryResult> groupFiles = group.flatMap(g ->
            engine.offline().readGroupFiles(g.scan(), g.columns(), plan.columns()));
        if (groupFiles.isPresent()) {
          return groupFiles.get();
        }
      }
    }
    return engine.offline().query(plan.offline(), plan.columns(), settings.columnarResults());
  }

  /** The rows of an online lookup, logged when they are a feature view's vectors and it logs them. */
  private QueryResult logServed(QueryStatement q, List<?> params, QueryResult rows) {
    if (!engine.servedLogger().active()) {
      return rows;
    }
    Optional<io.fsql.sql.tree.SqlFeatureTableRef> read = ViewLookups.find(q.query());
    if (read.isEmpty()) {
      return rows;
    }
    return engine.servedLogger().sink(read.get().name().names.get(read.get().name().names.size() - 1),
            read.get().version())
        .map(sink -> {
          loggedServed = true;
          return engine.servedLogger().logging(rows, sink, ViewLookups.keysText(read.get(), params));
        })
        .orElse(rows);
  }

  /** Whether the planner evaluates {@code plan} itself (it reads no data), without the offline engine. */
  boolean runsInPlanner(QueryPlanner.PlannedQuery plan) {
    return settings.localEvaluation() && plan.readsNoData();
  }

  /**
   * What {@code statement} reads when it is nothing but a read of a Parquet training dataset's
   * files ({@code SELECT * | col [AS name], ... FROM td [VERSION n] [SPLIT s]}; see
   * {@link io.fsql.planner.calcite.DatasetReads}): its files and columns, so that a server can send
   * the files instead of running the query. Empty for any other statement, a CSV dataset, or when
   * the session's {@code bulk_reads} is off; errors are left for {@link #execute} to report.
   */
  public Optional<DatasetRead> datasetRead(Statement statement, List<?> params) {
    engine.checkOpen();
    if (!settings.bulkReads() || !(statement instanceof QueryStatement q)
        || !io.fsql.planner.calcite.DatasetReads.plainRead(q.query())) {
      return Optional.empty();
    }
    Optional<io.fsql.planner.calcite.DatasetReads.Match> match;
    QueryPlanner.PlannedQuery plan;
    try {
      plan = engine.planner().planQuery(q.query(), params);
      match = io.fsql.planner.calcite.DatasetReads.match(plan.logical());
    } catch (FsqlException e) {
      return Optional.empty();
    }
    return datasetRead(match, plan);
  }

  /** {@link #datasetRead(Statement, List)} of a planned query, given what it matched. */
  private Optional<DatasetRead> datasetRead(Optional<io.fsql.planner.calcite.DatasetReads.Match> match,
      QueryPlanner.PlannedQuery plan) {
    if (match.isEmpty() || !"PARQUET".equalsIgnoreCase(match.get().dataset().format())) {
      return Optional.empty();
    }
    io.fsql.planner.calcite.DatasetReads.Match m = match.get();
    List<String> files = engine.offline().dataFiles(m.scan());
    long rows = m.dataset().parts().stream()
        .filter(p -> m.split() == null || p.name().equals(m.split()))
        .mapToLong(io.fsql.planner.catalog.TrainingDataset.SplitPart::rows).sum();
    return Optional.of(new DatasetRead(m.dataset(), m.split(), files, m.columns(), plan.columns(), rows));
  }

  /**
   * The training dataset {@code name} version {@code version} as the catalog has it now (to check
   * that a {@link DatasetRead} planned earlier still names its files: a dataset recreated since has
   * another location, a dropped one is absent).
   */
  public Optional<io.fsql.planner.catalog.TrainingDataset> trainingDataset(String name, int version) {
    engine.checkOpen();
    return engine.catalog().findDataset(name, java.util.OptionalInt.of(version));
  }

  /**
   * The online lookup that answers {@code q}, if the session allows the online route and the
   * query pins every key of one online group that is caught up. Planned once per parsed statement
   * and catalog generation, with its parameters unbound, so each execution only binds and reads.
   */
  Optional<OnlinePlan> onlineRoute(QueryStatement q, List<?> params) {
    if (!settings.onlineLookups() || !engine.onlineRouteNames().mayRoute(q.query())) {
      return Optional.empty();
    }
    long generation = engine.catalogGeneration();
    FsqlEngine.CachedPlan cached = engine.plans().get(q);
    if (cached == null || cached.generation() != generation) {
      Optional<OnlinePlan> lookup;
      try {
        QueryPlanner.PlannedQuery plan = engine.planner().planQueryWithParameters(q.query());
        lookup = OnlineRoutes.match(plan.logical(), plan.columns());
      } catch (FsqlException e) {
        lookup = Optional.empty(); // planned again with its parameters bound, errors reported there
      }
      cached = new FsqlEngine.CachedPlan(generation, lookup);
      engine.plans().put(q, cached);
    }
    return cached.lookup().filter(l -> l.groups().stream().allMatch(engine.onlineSync()::serving));
  }

  private StatementResult setOnline(SetOnline set) {
    ReentrantLock catalogLock = engine.catalogLock();
    catalogLock.lock();
    try {
      FeatureGroup g = catalogCommands.resolve(set.name());
      ReentrantLock lock = engine.groupLock(g.name(), g.version());
      lock.lock();
      try {
        if (g.online() == set.online()) {
          return StatementResult.update(0, "feature group " + g.displayName() + " is "
              + (set.online() ? "online" : "offline") + " already");
        }
        if (!set.online()) {
          engine.catalog().updateGroup(g.withOnline(false));
          engine.onlineSync().drop(g);
          return StatementResult.update(0, "feature group " + g.displayName()
              + " is offline; its online rows are removed");
        }
        FeatureGroup online = g.withOnline(true);
        engine.online().drop(online);
        engine.catalog().updateGroup(online);
        long rows = catchUp(online);
        return StatementResult.update(rows, "feature group " + g.displayName() + " is online: "
            + rows + (rows == 1 ? " key" : " keys") + " loaded into " + engine.online().describe());
      } finally {
        lock.unlock();
      }
    } finally {
      catalogLock.unlock();
    }
  }

  private StatementResult refreshOnline(RefreshOnline refresh) {
    FeatureGroup g = catalogCommands.resolve(refresh.name());
    if (!g.online()) {
      NodeLocation at = refresh.name().location();
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "feature group " + g.displayName()
          + " is not online (ALTER FEATURE GROUP " + g.name() + " SET ONLINE makes it so)", at.line(), at.column());
    }
    ReentrantLock lock = engine.groupLock(g.name(), g.version());
    lock.lock();
    try {
      long rows = engine.onlineSync().refresh(g);
      return StatementResult.update(rows, "refreshed the online rows of " + g.displayName() + ": "
          + rows + (rows == 1 ? " key" : " keys"));
    } finally {
      lock.unlock();
    }
  }

  private long catchUp(FeatureGroup g) {
    return Math.max(0, engine.onlineSync().catchUp(g));
  }

  private static String statementName(Statement s) {
    String n = s.getClass().getSimpleName();
    return n.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * The rows an INSERT writes, as the offline engine gets them. A source that reads no data
   * ({@code VALUES}, constants) is evaluated here, as a constant query is, and handed over as rows:
   * one small local relation instead of Spark SQL with one union branch (and one task) per row.
   */
  private io.fsql.planner.offline.OfflinePlan insertSource(FeatureGroup target, QueryPlanner.PlannedQuery source) {
    if (runsInPlanner(source)) {
      Optional<QueryResult> local = io.fsql.planner.calcite.LocalEvaluator.evaluate(source.logical(), source.columns());
      if (local.isPresent()) {
        List<Object[]> rows = new ArrayList<>();
        try (QueryResult r = local.get()) {
          r.forEachRemaining(rows::add);
        }
        // every column nullable here: a NULL in a NOT NULL column is refused by the write's key
        // checks with fsql's message, as for any other source
        List<io.fsql.planner.catalog.Column> schema = new ArrayList<>();
        for (io.fsql.planner.exec.ResultColumn c : source.columns()) {
          schema.add(new io.fsql.planner.catalog.Column(c.name(), c.type(), true, null));
        }
        return new io.fsql.planner.offline.OfflinePlan.Rows("VALUES", schema, rows);
      }
    }
    return source.offline();
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
      InsertValidation validation = new InsertValidation(engine, target);
      io.fsql.planner.offline.OfflineStore.Upserted upserted;
      try {
        upserted = engine.offline().upsert(target, insertSource(target, plan.source()), validation.checks(),
            validation::evaluated, settings.statistics());
      } catch (RuntimeException e) {
        validation.failed();
        throw e;
      }
      CommitInfo commit = upserted.commit();
      validation.committed(commit);
      String statisticsNote = new StatisticsCommands(engine).recordCommit(target, upserted);
      String message = "committed " + commit.id() + " to " + target.displayName() + ": "
          + commit.rowsInserted() + " inserted, " + commit.rowsUpdated() + " updated"
          + validation.summary() + statisticsNote;
      if (target.online()) {
        CrashPoints.reach(CrashPoints.AFTER_OFFLINE_COMMIT);
        try {
          engine.onlineSync().catchUp(target);
        } catch (FsqlException e) {
          // The offline commit stands; the online rows catch up on the next write or start.
          message += "; the online store is behind (it misses commit " + commit.id()
              + " and any before it that it missed): " + e.getMessage()
              + "; lookups on this group run offline until it catches up on the next write or start";
        }
      }
      return StatementResult.update(commit.rowsWritten(), message);
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

  /**
   * When this session's lookups logged served vectors: writes those still buffered (of every
   * session: they share one buffer per view).
   */
  @Override
  public void close() {
    if (loggedServed && !engine.isClosed()) {
      engine.servedLogger().flush();
    }
  }
}
