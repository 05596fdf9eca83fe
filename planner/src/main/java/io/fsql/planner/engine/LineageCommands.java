package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.calcite.Pins;
import io.fsql.planner.catalog.CatalogKind;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.catalog.LineageEdge;
import io.fsql.planner.catalog.ObjectRef;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.ShowDependents;
import io.fsql.sql.tree.ShowLineage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What feature views and training datasets read: recorded when they are created (every group and
 * view their query read, directly or through other views; a dataset also records each group's
 * commit), shown by SHOW LINEAGE FOR x and, the other way round, SHOW DEPENDENTS OF g.
 */
final class LineageCommands {
  private static final ColumnType VARCHAR = ColumnType.of(DataType.Kind.VARCHAR);
  private static final ColumnType INTEGER = ColumnType.of(DataType.Kind.INTEGER);
  private final FsqlEngine engine;

  LineageCommands(FsqlEngine engine) {
    this.engine = engine;
  }

  /** Records the views and groups a statement planned with {@code pins} read, for {@code reader}. */
  static void record(FsqlEngine engine, ObjectRef reader, Pins pins) {
    List<ObjectRef> sources = new ArrayList<>();
    pins.viewsRead().forEach(v -> sources.add(ObjectRef.of(v)));
    pins.groupsRead().forEach(g -> sources.add(ObjectRef.of(g)));
    engine.catalog().recordSources(reader, sources);
  }

  /** The feature views that read {@code group}, directly or through another view. */
  List<ObjectRef> viewsReading(FeatureGroup group) {
    return dependents(group).stream().filter(r -> r.kind() == CatalogKind.VIEW).toList();
  }

  /** The views and datasets that read {@code group}, views first, each once. */
  List<ObjectRef> dependents(FeatureGroup group) {
    Map<String, ObjectRef> found = new LinkedHashMap<>();
    List<LineageEdge> edges = engine.catalog().listLineage();
    for (CatalogKind kind : List.of(CatalogKind.VIEW, CatalogKind.DATASET)) {
      for (LineageEdge e : edges) {
        if (e.source().kind() == CatalogKind.GROUP && e.source().id() == group.id()
            && e.reader().kind() == kind) {
          found.putIfAbsent(kind + "/" + e.reader().id(), e.reader());
        }
      }
    }
    // datasets recorded before lineage was kept still list the groups they read
    for (TrainingDataset d : engine.catalog().listDatasets()) {
      if (d.commits().stream().anyMatch(c -> c.groupId() == group.id())) {
        found.putIfAbsent(CatalogKind.DATASET + "/" + d.id(), ObjectRef.of(d));
      }
    }
    return List.copyOf(found.values());
  }

  QueryResult dependents(ShowDependents show) {
    FeatureGroup g = new CatalogCommands(engine).resolve(show.name());
    List<Object[]> rows = new ArrayList<>();
    for (ObjectRef r : dependents(g)) {
      rows.add(new Object[] {r.kind().label(), r.name(), r.version()});
    }
    return QueryResult.of(List.of(
        new ResultColumn("kind", VARCHAR, false),
        new ResultColumn("name", VARCHAR, false),
        new ResultColumn("version", INTEGER, false)), rows);
  }

  /**
   * One row per object read: its kind, name and version, the commit read (datasets, for groups),
   * and the feature view it was read through (empty when the query named it itself).
   */
  QueryResult lineage(ShowLineage show) {
    ObjectRef reader = resolve(show);
    List<LineageEdge> edges = engine.catalog().listLineage();
    List<ObjectRef> sources = new ArrayList<>();
    for (LineageEdge e : edges) {
      if (e.reader().kind() == reader.kind() && e.reader().id() == reader.id()) {
        sources.add(e.source());
      }
    }
    Map<Long, String> commits = new LinkedHashMap<>();
    if (reader.kind() == CatalogKind.DATASET) {
      TrainingDataset d = engine.catalog().listDatasets().stream()
          .filter(x -> x.id() == reader.id()).findFirst().orElseThrow();
      for (TrainingDataset.GroupCommit c : d.commits()) {
        commits.put(c.groupId(), c.commitId());
        if (sources.stream().noneMatch(s -> s.kind() == CatalogKind.GROUP && s.id() == c.groupId())) {
          sources.add(new ObjectRef(CatalogKind.GROUP, c.groupId(), c.groupName(), c.groupVersion()));
        }
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (ObjectRef s : sources) {
      // the outermost view that read it: one the statement named itself, not read by another view
      String through = null;
      for (ObjectRef v : sources) {
        if (v.kind() == CatalogKind.VIEW && !v.equals(s) && reads(edges, v, s)
            && sources.stream().noneMatch(o -> o.kind() == CatalogKind.VIEW && !o.equals(v) && reads(edges, o, v))) {
          through = v.name() + " v" + v.version();
          break;
        }
      }
      rows.add(new Object[] {s.kind().label(), s.name(), s.version(),
          s.kind() == CatalogKind.GROUP ? commits.get(s.id()) : null, through});
    }
    return QueryResult.of(List.of(
        new ResultColumn("kind", VARCHAR, false),
        new ResultColumn("name", VARCHAR, false),
        new ResultColumn("version", INTEGER, false),
        new ResultColumn("commit_id", VARCHAR, true),
        new ResultColumn("through_view", VARCHAR, true)), rows);
  }

  private static boolean reads(List<LineageEdge> edges, ObjectRef reader, ObjectRef source) {
    return edges.stream().anyMatch(e -> e.reader().kind() == reader.kind() && e.reader().id() == reader.id()
        && e.source().kind() == source.kind() && e.source().id() == source.id());
  }

  private ObjectRef resolve(ShowLineage show) {
    ObjectName name = show.name();
    switch (show.kind()) {
      case FEATURE_VIEW:
        return ObjectRef.of(new ViewCommands(engine).resolve(name));
      case TRAINING_DATASET:
        return ObjectRef.of(new DatasetCommands(engine).resolve(name));
      case FEATURE_GROUP:
        throw groupsReadNothing(new CatalogCommands(engine).resolve(name), name);
      default: {
        if (engine.catalog().findView(name.name(), OptionalInt.empty()).isPresent()) {
          FeatureView v = new ViewCommands(engine).resolve(name);
          return ObjectRef.of(v);
        }
        if (engine.catalog().findDataset(name.name(), OptionalInt.empty()).isPresent()) {
          return ObjectRef.of(new DatasetCommands(engine).resolve(name));
        }
        if (engine.catalog().findGroup(name.name(), OptionalInt.empty()).isPresent()) {
          throw groupsReadNothing(new CatalogCommands(engine).resolve(name), name);
        }
        NodeLocation at = name.location();
        throw new FsqlException(ErrorCode.UNKNOWN_OBJECT,
            "no feature view or training dataset is named '" + name.name() + "'", at.line(), at.column());
      }
    }
  }

  private static FsqlException groupsReadNothing(FeatureGroup g, ObjectName name) {
    NodeLocation at = name.location();
    return new FsqlException(ErrorCode.INVALID_ARGUMENT, "feature group " + g.displayName()
        + " reads no other object; SHOW DEPENDENTS OF " + g.name() + " lists what reads it",
        at.line(), at.column());
  }
}
