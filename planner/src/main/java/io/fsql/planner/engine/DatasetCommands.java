package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.calcite.Literals;
import io.fsql.planner.calcite.Pins;
import io.fsql.planner.calcite.QueryPlanner;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.SplitPlan;
import io.fsql.sql.parser.FsqlParser;
import io.fsql.sql.tree.CreateTrainingDataset;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.DropTrainingDataset;
import io.fsql.sql.tree.Fraction;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.RandomSplit;
import io.fsql.sql.tree.RecreateTrainingDataset;
import io.fsql.sql.tree.ShowTrainingDatasets;
import io.fsql.sql.tree.SplitSpec;
import io.fsql.sql.tree.StatementFormatter;
import io.fsql.sql.tree.TimeRange;
import io.fsql.sql.tree.TimeSplit;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** CREATE, RECREATE, DROP, SHOW and DESCRIBE for training datasets. */
final class DatasetCommands {
  private static final ColumnType VARCHAR = ColumnType.of(DataType.Kind.VARCHAR);
  private static final ColumnType INTEGER = ColumnType.of(DataType.Kind.INTEGER);
  private static final ColumnType BIGINT = ColumnType.of(DataType.Kind.BIGINT);
  private static final ColumnType TIMESTAMP = ColumnType.of(DataType.Kind.TIMESTAMP);
  private final FsqlEngine engine;
  private final boolean statistics;

  DatasetCommands(FsqlEngine engine) {
    this(engine, false);
  }

  /** With {@code statistics}, CREATE and RECREATE store every split's statistics. */
  DatasetCommands(FsqlEngine engine, boolean statistics) {
    this.engine = engine;
    this.statistics = statistics;
  }

  TrainingDataset resolve(ObjectName name) {
    return engine.catalog().findDataset(name.name(), name.version()).orElseThrow(() -> unknown(name));
  }

  static FsqlException unknown(ObjectName name) {
    NodeLocation at = name.location();
    return new FsqlException(ErrorCode.UNKNOWN_OBJECT,
        name.version().isPresent()
            ? "training dataset '" + name.name() + "' has no version " + name.version().getAsInt()
            : "training dataset '" + name.name() + "' does not exist (SHOW TRAINING DATASETS lists them)",
        at.line(), at.column());
  }

  StatementResult create(CreateTrainingDataset create) {
    ObjectName name = create.name();
    int version = name.version().orElse(1);
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      Names.checkFree(engine, name, Names.Kind.DATASET);
      Optional<TrainingDataset> existing = engine.catalog().findDataset(name.name(), OptionalInt.of(version));
      if (existing.isPresent()) {
        if (create.ifNotExists()) {
          return StatementResult.update(0, "training dataset " + existing.get().displayName() + " already exists");
        }
        throw alreadyExists(existing.get(), name);
      }
    } finally {
      lock.unlock();
    }
    String format = create.format().orElse("PARQUET");
    String queryText = storedQuery(create.queryText());
    Pins pins = Pins.record(engine.offline());
    QueryPlanner.PlannedQuery plan = engine.planner().planQuery(create.query(), List.of(), pins);
    List<ResultColumn> columns = plan.columns();
    SplitPlan split = splitPlan(create.split(), columns);
    String location = engine.offline().datasetLocation(name.name(), version);
    io.fsql.planner.offline.OfflineStore.Materialized written =
        engine.offline().materialize(plan.offline(), columns, location, format, split, statistics);
    List<TrainingDataset.SplitPart> parts = describeRanges(written.parts(), split);
    CrashPoints.reach(CrashPoints.DATASET_BEFORE_CATALOG);
    List<Column> cols = columns.stream().map(c -> new Column(c.name(), c.type(), c.nullable(), null)).toList();
    TrainingDataset draft = new TrainingDataset(0, name.name(), version, create.comment().orElse(""),
        queryText, StatementFormatter.format(create), format, location, cols, splitOf(split, create, columns),
        parts, pins.recorded(), null);
    TrainingDataset created;
    lock.lock();
    try {
      Names.checkFree(engine, name, Names.Kind.DATASET);
      Optional<TrainingDataset> raced = engine.catalog().findDataset(name.name(), OptionalInt.of(version));
      if (raced.isPresent()) {
        engine.offline().deleteFiles(location);
        throw alreadyExists(raced.get(), name);
      }
      created = engine.catalog().createDataset(draft);
      LineageCommands.record(engine, io.fsql.planner.catalog.ObjectRef.of(created), pins);
      new StatisticsCommands(engine).recordDataset(created, written.statistics());
    } catch (RuntimeException e) {
      engine.offline().deleteFiles(location);
      throw e;
    } finally {
      lock.unlock();
    }
    return StatementResult.update(created.rowCount(), "created training dataset " + created.displayName() + ": "
        + summary(created));
  }

  /** The query to store: the text after AS, or for {@code FROM <table reference>} the query it stands for. */
  private static String storedQuery(String text) {
    try {
      new FsqlParser().parseQuery(text);
      return text;
    } catch (io.fsql.sql.parser.ParsingException e) {
      return "SELECT * FROM " + text;
    }
  }

  private FsqlException alreadyExists(TrainingDataset d, ObjectName name) {
    int latest = engine.catalog().findDataset(name.name(), OptionalInt.empty()).map(TrainingDataset::version).orElse(0);
    return new FsqlException(ErrorCode.ALREADY_EXISTS, "training dataset " + d.displayName()
        + " already exists (DROP TRAINING DATASET it first, or create VERSION " + (latest + 1) + ")",
        name.location().line(), name.location().column());
  }

  private static String summary(TrainingDataset d) {
    String parts = d.parts().size() == 1 ? "" : " (" + d.parts().stream()
        .map(p -> p.name() + " " + p.rows()).collect(Collectors.joining(", ")) + ")";
    return d.rowCount() + (d.rowCount() == 1 ? " row" : " rows") + parts;
  }

  /** The split of a CREATE as a plan over the query's columns. */
  private static SplitPlan splitPlan(Optional<SplitSpec> spec, List<ResultColumn> columns) {
    if (spec.isEmpty()) {
      return SplitPlan.NONE;
    }
    if (spec.get() instanceof RandomSplit r) {
      return new SplitPlan.Random(r.parts().stream().map(Fraction::name).toList(),
          r.parts().stream().map(Fraction::fraction).toList(), r.seed().orElse(0L));
    }
    TimeSplit t = (TimeSplit) spec.get();
    int index = -1;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(t.column())) {
        index = i;
      }
    }
    NodeLocation at = t.location();
    if (index < 0) {
      throw new FsqlException(ErrorCode.UNKNOWN_COLUMN, "SPLIT BY TIME ON " + t.column()
          + ": the query has no column '" + t.column() + "'", at.line(), at.column());
    }
    DataType.Kind kind = columns.get(index).type().kind();
    if (kind != DataType.Kind.TIMESTAMP && kind != DataType.Kind.DATE) {
      throw new FsqlException(ErrorCode.TYPE_MISMATCH, "SPLIT BY TIME ON " + t.column() + ": the column has type "
          + kind + "; it must be TIMESTAMP or DATE", at.line(), at.column());
    }
    List<Long> from = new ArrayList<>();
    List<Long> to = new ArrayList<>();
    for (TimeRange r : t.parts()) {
      from.add(Literals.micros(Literals.instant(r.from())));
      to.add(Literals.micros(Literals.instant(r.to())));
      if (to.get(to.size() - 1) <= from.get(from.size() - 1)) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "split '" + r.name() + "' ends before it starts", at.line(), at.column());
      }
    }
    return new SplitPlan.Time(index, t.parts().stream().map(TimeRange::name).toList(), from, to);
  }

  private static TrainingDataset.Split splitOf(SplitPlan plan, CreateTrainingDataset create, List<ResultColumn> columns) {
    if (plan instanceof SplitPlan.Random r) {
      return new TrainingDataset.Split("RANDOM", r.seed(), null);
    }
    if (plan instanceof SplitPlan.Time t) {
      return new TrainingDataset.Split("TIME", null, columns.get(t.column()).name());
    }
    return TrainingDataset.Split.NONE;
  }

  /** Time parts carry their range as ISO-8601 instants. */
  private static List<TrainingDataset.SplitPart> describeRanges(List<TrainingDataset.SplitPart> parts, SplitPlan plan) {
    if (!(plan instanceof SplitPlan.Time t)) {
      return parts;
    }
    List<TrainingDataset.SplitPart> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      TrainingDataset.SplitPart p = parts.get(i);
      out.add(new TrainingDataset.SplitPart(p.name(), null, instant(t.fromMicros().get(i)).toString(),
          instant(t.toMicros().get(i)).toString(), p.directory(), p.rows()));
    }
    return out;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** The split plan a stored dataset was written with. */
  private static SplitPlan storedPlan(TrainingDataset d) {
    switch (d.split().kind()) {
      case "RANDOM":
        return new SplitPlan.Random(d.parts().stream().map(TrainingDataset.SplitPart::name).toList(),
            d.parts().stream().map(TrainingDataset.SplitPart::fraction).toList(), d.split().seed());
      case "TIME": {
        int index = 0;
        for (int i = 0; i < d.columns().size(); i++) {
          if (d.columns().get(i).name().equals(d.split().column())) {
            index = i;
          }
        }
        return new SplitPlan.Time(index, d.parts().stream().map(TrainingDataset.SplitPart::name).toList(),
            d.parts().stream().map(p -> Literals.micros(Instant.parse(p.from()))).toList(),
            d.parts().stream().map(p -> Literals.micros(Instant.parse(p.to()))).toList());
      }
      default:
        return SplitPlan.NONE;
    }
  }

  StatementResult recreate(RecreateTrainingDataset recreate) {
    TrainingDataset d = resolve(recreate.name());
    QueryPlanner.PlannedQuery plan = engine.planner().planQuery(new FsqlParser().parseQuery(d.queryText()),
        List.of(), Pins.replay(d.commits(), engine.offline()));
    List<ResultColumn> columns = plan.columns();
    if (!sameColumns(d.columns(), columns) && evolvedFrom(d.columns(), columns)) {
      // a group the query reads gained columns or widened types since: read the recorded ones, as
      // recorded (the recorded commits hold only values of the recorded types)
      plan = engine.planner().planQuery(new FsqlParser().parseQuery(recordedColumns(d)), List.of(),
          Pins.replay(d.commits(), engine.offline()));
      columns = plan.columns();
    }
    List<String> expected = d.columns().stream().map(c -> c.name() + " " + c.type().sql()).toList();
    List<String> now = columns.stream().map(c -> c.name() + " " + c.type().sql()).toList();
    if (!expected.equals(now)) {
      throw new FsqlException(ErrorCode.INVALID_QUERY, "training dataset " + d.displayName()
          + " cannot be recreated: its query now gives columns " + now + " instead of " + expected);
    }
    SplitPlan split = storedPlan(d);
    String location = engine.offline().datasetLocation(d.name(), d.version());
    io.fsql.planner.offline.OfflineStore.Materialized written =
        engine.offline().materialize(plan.offline(), columns, location, d.format(), split, statistics);
    List<TrainingDataset.SplitPart> parts = describeRanges(written.parts(), split);
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).rows() != d.parts().get(i).rows()) {
        engine.offline().deleteFiles(location);
        throw new FsqlException(ErrorCode.DATA_ERROR, "training dataset " + d.displayName()
            + " was not recreated: split '" + parts.get(i).name() + "' now has " + parts.get(i).rows()
            + " rows, it had " + d.parts().get(i).rows());
      }
    }
    ReentrantLock lock = engine.catalogLock();
    TrainingDataset updated;
    lock.lock();
    try {
      updated = engine.catalog().replaceDatasetFiles(d.id(), location, parts);
      new StatisticsCommands(engine).recordDataset(updated, written.statistics());
    } catch (RuntimeException e) {
      engine.offline().deleteFiles(location);
      throw e;
    } finally {
      lock.unlock();
    }
    CrashPoints.reach(CrashPoints.RECREATE_AFTER_CATALOG);
    engine.offline().deleteFiles(d.location());
    return StatementResult.update(updated.rowCount(), "recreated training dataset " + d.displayName()
        + " from its recorded commits: " + summary(updated));
  }

  private static boolean sameColumns(List<Column> recorded, List<ResultColumn> now) {
    return recorded.stream().map(c -> c.name() + " " + c.type().sql()).toList()
        .equals(now.stream().map(c -> c.name() + " " + c.type().sql()).toList());
  }

  /** Whether the query now gives every recorded column, each of its type or a type widened from it. */
  private static boolean evolvedFrom(List<Column> recorded, List<ResultColumn> now) {
    for (Column c : recorded) {
      java.util.Optional<ResultColumn> match = now.stream().filter(n -> n.name().equals(c.name())).findFirst();
      if (match.isEmpty() || !(match.get().type().equals(c.type())
          || SchemaEvolution.widens(c.type(), match.get().type()))) {
        return false;
      }
    }
    return now.stream().map(ResultColumn::name).distinct().count() == now.size();
  }

  /** The dataset's query narrowed to its recorded columns and types. */
  private static String recordedColumns(TrainingDataset d) {
    return "SELECT " + d.columns().stream()
        .map(c -> "CAST(" + StatementFormatter.formatName(c.name()) + " AS " + c.type().sql() + ") AS "
            + StatementFormatter.formatName(c.name()))
        .collect(Collectors.joining(", "))
        + " FROM (" + d.queryText() + ") AS recorded";
  }

  StatementResult drop(DropTrainingDataset drop) {
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      Optional<TrainingDataset> d = engine.catalog().findDataset(drop.name().name(), drop.name().version());
      if (d.isEmpty()) {
        if (drop.ifExists()) {
          return StatementResult.update(0, "training dataset " + drop.name().name() + " does not exist");
        }
        throw unknown(drop.name());
      }
      engine.catalog().dropDataset(d.get().id());
      CrashPoints.reach(CrashPoints.AFTER_CATALOG_DROP);
      engine.offline().deleteFiles(d.get().location());
      return StatementResult.update(0, "dropped training dataset " + d.get().displayName());
    } finally {
      lock.unlock();
    }
  }

  QueryResult show(ShowTrainingDatasets show) {
    Pattern like = show.likePattern().map(CatalogCommands::likeToRegex).orElse(null);
    List<Object[]> rows = new ArrayList<>();
    for (TrainingDataset d : engine.catalog().listDatasets()) {
      if (like == null || like.matcher(d.name()).matches()) {
        rows.add(new Object[] {d.name(), d.version(), d.format(), d.rowCount(),
            d.parts().stream().map(TrainingDataset.SplitPart::name).collect(Collectors.joining(", ")),
            d.description(), LocalDateTime.ofInstant(d.createdAt(), ZoneOffset.UTC)});
      }
    }
    return QueryResult.of(List.of(
        new ResultColumn("name", VARCHAR, false),
        new ResultColumn("version", INTEGER, false),
        new ResultColumn("format", VARCHAR, false),
        new ResultColumn("rows", BIGINT, false),
        new ResultColumn("splits", VARCHAR, false),
        new ResultColumn("description", VARCHAR, false),
        new ResultColumn("created_at", TIMESTAMP, false)), rows);
  }

  QueryResult describe(TrainingDataset d) {
    List<Object[]> rows = new ArrayList<>();
    for (Column c : d.columns()) {
      rows.add(new Object[] {c.name(), c.type().sql(), c.nullable() ? "YES" : "NO", "", ""});
    }
    rows.add(new Object[] {"", "", "", "", ""});
    rows.add(new Object[] {"# training dataset", d.displayName(), "", "", ""});
    rows.add(new Object[] {"description", d.description(), "", "", ""});
    rows.add(new Object[] {"tags", TagCommands.text(new TagCommands(engine).of(
        io.fsql.planner.catalog.CatalogKind.DATASET, d.id(), "")), "", "", ""});
    rows.add(new Object[] {"format", d.format(), "", "", ""});
    rows.add(new Object[] {"location", d.location(), "", "", ""});
    rows.add(new Object[] {"rows", Long.toString(d.rowCount()), "", "", ""});
    rows.add(new Object[] {"split", d.split().kind()
        + (d.split().seed() != null ? " SEED " + d.split().seed() : "")
        + (d.split().column() != null ? " ON " + d.split().column() : ""), "", "", ""});
    for (TrainingDataset.SplitPart p : d.parts()) {
      String detail = p.fraction() != null ? "fraction " + p.fraction()
          : p.from() != null ? "[" + p.from() + ", " + p.to() + ")" : "";
      rows.add(new Object[] {"split " + p.name(), p.rows() + " rows" + (detail.isEmpty() ? "" : ", " + detail), "", "", ""});
    }
    for (TrainingDataset.GroupCommit c : d.commits()) {
      rows.add(new Object[] {"read " + c.groupName() + " v" + c.groupVersion(),
          c.commitId() == null ? "(no commit yet: no rows)" : "commit " + c.commitId(), "", "", ""});
    }
    rows.add(new Object[] {"created_at", LocalDateTime.ofInstant(d.createdAt(), ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' '), "", "", ""});
    rows.add(new Object[] {"query", d.queryText().replaceAll("\\s+", " ").trim(), "", "", ""});
    rows.add(new Object[] {"statement", d.statementText().replaceAll("\\s+", " ").trim(), "", "", ""});
    return CatalogCommands.describeResult(rows);
  }
}
