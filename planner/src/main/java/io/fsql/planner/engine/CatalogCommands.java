package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.CatalogKind;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ObjectRef;
import io.fsql.planner.catalog.ObjectTag;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.GroupProperties;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.CommitInfo;
import io.fsql.sql.tree.AlterFeatureGroup;
import io.fsql.sql.tree.ColumnDefinition;
import io.fsql.sql.tree.CreateFeatureGroup;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.Describe;
import io.fsql.sql.tree.DropFeatureGroup;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.ShowCommits;
import io.fsql.sql.tree.ShowFeatureGroups;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/** The statements that read or change the catalog: CREATE, DROP, ALTER, SHOW, DESCRIBE. */
final class CatalogCommands {
  private static final ColumnType VARCHAR = ColumnType.of(DataType.Kind.VARCHAR);
  private static final ColumnType INTEGER = ColumnType.of(DataType.Kind.INTEGER);
  private static final ColumnType BIGINT = ColumnType.of(DataType.Kind.BIGINT);
  private static final ColumnType BOOLEAN = ColumnType.of(DataType.Kind.BOOLEAN);
  private static final ColumnType TIMESTAMP = ColumnType.of(DataType.Kind.TIMESTAMP);

  private final FsqlEngine engine;

  CatalogCommands(FsqlEngine engine) {
    this.engine = engine;
  }

  FeatureGroup resolve(ObjectName name) {
    return engine.catalog().findGroup(name.name(), name.version())
        .orElseThrow(() -> Session.unknownGroup(name));
  }

  StatementResult create(CreateFeatureGroup create) {
    FeatureGroup draft = validate(create);
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      Names.checkFree(engine, create.name(), Names.Kind.GROUP);
      Optional<FeatureGroup> existing =
          engine.catalog().findGroup(draft.name(), java.util.OptionalInt.of(draft.version()));
      if (existing.isPresent()) {
        if (create.ifNotExists()) {
          return StatementResult.update(0, "feature group " + draft.displayName() + " already exists");
        }
        NodeLocation at = create.name().location();
        throw new FsqlException(ErrorCode.ALREADY_EXISTS,
            "feature group " + draft.displayName() + " already exists"
                + " (DROP FEATURE GROUP it first, or create VERSION "
                + (latestVersion(draft.name()) + 1) + ")",
            at.line(), at.column());
      }
      FeatureGroup created = engine.catalog().createGroup(draft, engine.offline()::locationFor);
      if (created.online()) {
        engine.online().drop(created); // nothing of an earlier group with this id may be served
      }
      if (!create.tags().isEmpty()) {
        engine.catalog().setTags(CatalogKind.GROUP, created.id(), "", TagCommands.values(create.tags()));
      }
      for (ColumnDefinition c : create.columns()) {
        if (!c.tags().isEmpty()) {
          engine.catalog().setTags(CatalogKind.GROUP, created.id(), c.name(), TagCommands.values(c.tags()));
        }
      }
      return StatementResult.update(0, "created feature group " + created.displayName());
    } finally {
      lock.unlock();
    }
  }

  private int latestVersion(String name) {
    return engine.catalog().findGroup(name, java.util.OptionalInt.empty())
        .map(FeatureGroup::version).orElse(0);
  }

  /** Checks a CREATE FEATURE GROUP and builds the group it describes (without id and location). */
  private FeatureGroup validate(CreateFeatureGroup create) {
    Set<String> names = new HashSet<>();
    for (ColumnDefinition c : create.columns()) {
      NodeLocation at = c.location();
      if (!names.add(c.name())) {
        throw new FsqlException(ErrorCode.ALREADY_EXISTS,
            "column '" + c.name() + "' is defined twice", at.line(), at.column());
      }
      checkColumnName(c);
    }
    Set<String> key = new HashSet<>();
    for (String k : create.primaryKey()) {
      ColumnDefinition c = find(create, k, "primary key");
      if (!key.add(k)) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "column '" + k + "' appears twice in the primary key",
            create.location().line(), create.location().column());
      }
      DataType.Kind kind = c.type().kind();
      if (kind == DataType.Kind.REAL || kind == DataType.Kind.DOUBLE) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "primary-key column '" + k + "' has type " + kind
                + "; floating-point values cannot identify rows (use BIGINT, VARCHAR, DECIMAL, ...)",
            c.location().line(), c.location().column());
      }
    }
    if (create.eventTime().isPresent()) {
      String et = create.eventTime().get();
      ColumnDefinition c = find(create, et, "event time");
      if (c.type().kind() != DataType.Kind.TIMESTAMP && c.type().kind() != DataType.Kind.DATE) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "event-time column '" + et + "' has type " + c.type().kind()
                + "; it must be TIMESTAMP or DATE",
            c.location().line(), c.location().column());
      }
      if (key.contains(et)) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "event-time column '" + et + "' cannot also be a primary-key column",
            c.location().line(), c.location().column());
      }
    }
    Map<String, String> properties = GroupProperties.forNewGroup(GroupProperties.validate(create.properties()));
    List<Column> columns = new ArrayList<>();
    for (ColumnDefinition c : create.columns()) {
      boolean keyColumn = key.contains(c.name())
          || create.eventTime().map(c.name()::equals).orElse(false);
      columns.add(new Column(c.name(), ColumnType.from(c.type()), !(c.notNull() || keyColumn),
          c.comment().orElse(null)));
    }
    int version = create.name().version().orElse(1);
    FeatureGroup draft = new FeatureGroup(0, create.name().name(), version, columns,
        create.primaryKey(), create.eventTime(), create.online(), create.comment().orElse(""),
        properties, List.of(), null, null);
    return draft.withExpectations(new ExpectationCommands(engine).define(draft, create.expectations()));
  }

  /** Refuses the names fsql uses for its own columns. */
  static void checkColumnName(ColumnDefinition c) {
    if (c.name().startsWith("_hoodie") || c.name().equals("_commit")) {
      NodeLocation at = c.location();
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
          "column name '" + c.name() + "' is reserved for fsql's own use", at.line(), at.column());
    }
  }

  private static ColumnDefinition find(CreateFeatureGroup create, String name, String role) {
    return create.columns().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new FsqlException(ErrorCode.UNKNOWN_COLUMN,
            role + " column '" + name + "' is not among the columns of " + create.name().name(),
            create.location().line(), create.location().column()));
  }

  StatementResult drop(DropFeatureGroup drop) {
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      Optional<FeatureGroup> group = engine.catalog().findGroup(drop.name().name(), drop.name().version());
      if (group.isEmpty()) {
        if (drop.ifExists()) {
          return StatementResult.update(0, "feature group " + drop.name().name() + " does not exist");
        }
        throw Session.unknownGroup(drop.name());
      }
      FeatureGroup g = group.get();
      LineageCommands lineage = new LineageCommands(engine);
      List<ObjectRef> views = lineage.viewsReading(g);
      if (!views.isEmpty() && !drop.cascade()) {
        NodeLocation at = drop.name().location();
        throw new FsqlException(ErrorCode.CONSTRAINT_VIOLATION, "cannot drop feature group "
            + g.displayName() + ": " + views.stream().map(ObjectRef::displayName)
                .collect(java.util.stream.Collectors.joining(", "))
            + (views.size() == 1 ? " reads it" : " read it")
            + " (DROP FEATURE GROUP " + g.name() + " VERSION " + g.version()
            + " CASCADE drops them too)", at.line(), at.column());
      }
      String dropped = "";
      for (ObjectRef v : views) {
        engine.catalog().dropView(v.id());
      }
      if (!views.isEmpty()) {
        dropped = " and " + views.stream().map(ObjectRef::displayName)
            .collect(java.util.stream.Collectors.joining(", "));
      }
      ReentrantLock groupLock = engine.groupLock(g.name(), g.version());
      groupLock.lock();
      try {
        // the catalog first: a crash after it leaves a table without an entry, which the next
        // open removes (HomeRecovery); never an entry without its table
        engine.catalog().dropGroup(g.id());
        CrashPoints.reach(CrashPoints.AFTER_CATALOG_DROP);
        engine.offline().drop(g);
        if (g.online()) {
          engine.onlineSync().drop(g);
        }
      } finally {
        groupLock.unlock();
      }
      return StatementResult.update(0, "dropped feature group " + g.displayName() + dropped);
    } finally {
      lock.unlock();
    }
  }

  StatementResult alter(AlterFeatureGroup alter) {
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      FeatureGroup g = resolve(alter.name());
      Map<String, String> props = new LinkedHashMap<>(g.properties());
      GroupProperties.checkAlterable(alter.set());
      props.putAll(GroupProperties.validate(alter.set()));
      FeatureGroup updated = g.withProperties(props, alter.comment().orElse(g.description()));
      engine.catalog().updateGroup(updated);
      return StatementResult.update(0, "altered feature group " + g.displayName());
    } finally {
      lock.unlock();
    }
  }

  QueryResult showGroups(ShowFeatureGroups show) {
    Pattern like = show.likePattern().map(CatalogCommands::likeToRegex).orElse(null);
    List<Object[]> rows = new ArrayList<>();
    for (FeatureGroup g : engine.catalog().listGroups()) {
      if (like != null && !like.matcher(g.name()).matches()) {
        continue;
      }
      rows.add(new Object[] {
          g.name(), g.version(), g.online(), String.join(", ", g.primaryKey()),
          g.eventTime().orElse(null), g.columns().size(), g.description(),
          LocalDateTime.ofInstant(g.createdAt(), ZoneOffset.UTC)});
    }
    return QueryResult.of(List.of(
        new ResultColumn("name", VARCHAR, false),
        new ResultColumn("version", INTEGER, false),
        new ResultColumn("online", BOOLEAN, false),
        new ResultColumn("primary_key", VARCHAR, false),
        new ResultColumn("event_time", VARCHAR, true),
        new ResultColumn("columns", INTEGER, false),
        new ResultColumn("description", VARCHAR, false),
        new ResultColumn("created_at", TIMESTAMP, false)), rows);
  }

  QueryResult describe(Describe describe) {
    ObjectName name = describe.name();
    switch (describe.kind()) {
      case FEATURE_VIEW:
        return new ViewCommands(engine).describe(new ViewCommands(engine).resolve(name));
      case TRAINING_DATASET:
        return new DatasetCommands(engine).describe(new DatasetCommands(engine).resolve(name));
      case ANY: {
        if (engine.catalog().findGroup(name.name(), java.util.OptionalInt.empty()).isEmpty()) {
          if (engine.catalog().findView(name.name(), java.util.OptionalInt.empty()).isPresent()) {
            return new ViewCommands(engine).describe(new ViewCommands(engine).resolve(name));
          }
          if (engine.catalog().findDataset(name.name(), java.util.OptionalInt.empty()).isPresent()) {
            return new DatasetCommands(engine).describe(new DatasetCommands(engine).resolve(name));
          }
          NodeLocation at = name.location();
          throw new FsqlException(ErrorCode.UNKNOWN_OBJECT,
              "no feature group, feature view or training dataset is named '" + name.name() + "'",
              at.line(), at.column());
        }
        return describeGroup(resolve(name));
      }
      default:
        return describeGroup(resolve(name));
    }
  }

  /** DESCRIBE's result: column rows, a blank row, then "# kind" and property rows. */
  static QueryResult describeResult(List<Object[]> rows) {
    rows = rows.stream().map(r -> r.length == 6 ? r : java.util.Arrays.copyOf(r, 6)).toList();
    for (Object[] r : rows) {
      if (r[5] == null) {
        r[5] = "";
      }
    }
    return QueryResult.of(List.of(
        new ResultColumn("name", VARCHAR, false),
        new ResultColumn("type", VARCHAR, false),
        new ResultColumn("nullable", VARCHAR, false),
        new ResultColumn("key", VARCHAR, false),
        new ResultColumn("comment", VARCHAR, false),
        new ResultColumn("tags", VARCHAR, false)), rows);
  }

  private QueryResult describeGroup(FeatureGroup g) {
    List<Object[]> rows = new ArrayList<>();
    Map<String, List<ObjectTag>> tags = TagCommands.index(engine.catalog().listTags());
    for (Column c : g.columns()) {
      String role = g.primaryKey().contains(c.name()) ? "PRIMARY KEY"
          : g.eventTime().map(c.name()::equals).orElse(false) ? "EVENT TIME" : "";
      rows.add(new Object[] {c.name(), c.type().sql(), c.nullable() ? "YES" : "NO", role,
          c.comment() == null ? "" : c.comment(),
          TagCommands.text(tags.getOrDefault(TagCommands.key(CatalogKind.GROUP, g.id(), c.name()), List.of()))});
    }
    rows.add(new Object[] {"", "", "", "", ""});
    rows.add(new Object[] {"# feature group", g.displayName(), "", "", ""});
    rows.add(new Object[] {"online", Boolean.toString(g.online()), "", "", ""});
    if (g.online()) {
      rows.add(new Object[] {"online_store", engine.online().describe(), "", "", ""});
      String watermark;
      String lag;
      try {
        java.util.Optional<String> w = engine.online().watermark(g);
        java.util.List<io.fsql.planner.offline.CommitInfo> commits = engine.offline().history(g).commits();
        watermark = w.orElse("(none)");
        int at = -1;
        for (int i = 0; i < commits.size(); i++) {
          if (w.isPresent() && commits.get(i).id().equals(w.get())) {
            at = i;
          }
        }
        long behind = w.isEmpty() ? commits.size() : at < 0 ? -1 : commits.size() - 1 - at;
        lag = behind < 0 ? "unknown (the watermark is older than the retained history)"
            : behind == 0 ? "0 commits (up to date)" : behind + (behind == 1 ? " commit" : " commits") + " behind";
      } catch (RuntimeException e) {
        watermark = "(unknown)";
        lag = "unknown: " + e.getMessage();
      }
      rows.add(new Object[] {"online_watermark", watermark, "", "", ""});
      rows.add(new Object[] {"online_lag", lag
          + engine.onlineSync().behindReason(g).map(r -> "; lookups run offline until it catches up (" + r + ")").orElse(""),
          "", "", ""});
    }
    rows.add(new Object[] {"description", g.description(), "", "", ""});
    rows.add(new Object[] {"tags", TagCommands.text(tags.getOrDefault(
        TagCommands.key(CatalogKind.GROUP, g.id(), ""), List.of())), "", "", ""});
    rows.add(new Object[] {"created_at", LocalDateTime.ofInstant(g.createdAt(), ZoneOffset.UTC)
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' '), "", "", ""});
    rows.add(new Object[] {"location", g.location(), "", "", ""});
    for (io.fsql.planner.catalog.ExpectationDef e : g.expectations()) {
      rows.add(new Object[] {"expectation " + e.name(), e.rule() + " ON VIOLATION " + e.policy(), "", "", ""});
    }
    for (Map.Entry<String, String> p : GroupProperties.effective(g.properties()).entrySet()) {
      rows.add(new Object[] {p.getKey(), p.getValue(), "", "", ""});
    }
    return describeResult(rows);
  }

  QueryResult showCommits(ShowCommits show) {
    FeatureGroup g = resolve(show.name());
    List<CommitInfo> commits = new ArrayList<>(engine.offline().history(g).commits());
    java.util.Collections.reverse(commits);
    if (show.limit().isPresent() && commits.size() > show.limit().getAsLong()) {
      commits = commits.subList(0, (int) show.limit().getAsLong());
    }
    List<Object[]> rows = new ArrayList<>();
    for (CommitInfo c : commits) {
      rows.add(new Object[] {c.id(), LocalDateTime.ofInstant(c.completedAt(), ZoneOffset.UTC),
          c.operation(), c.rowsInserted(), c.rowsUpdated(), c.rowsWritten()});
    }
    return QueryResult.of(List.of(
        new ResultColumn("commit_id", VARCHAR, false),
        new ResultColumn("completed_at", TIMESTAMP, false),
        new ResultColumn("operation", VARCHAR, false),
        new ResultColumn("rows_inserted", BIGINT, false),
        new ResultColumn("rows_updated", BIGINT, false),
        new ResultColumn("rows_written", BIGINT, false)), rows);
  }

  static Pattern likeToRegex(String like) {
    return io.fsql.planner.LikePatterns.toRegex(like, true);
  }

}
