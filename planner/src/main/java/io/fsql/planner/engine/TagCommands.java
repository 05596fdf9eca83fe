package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.LikePatterns;
import io.fsql.planner.catalog.CatalogKind;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.ObjectRef;
import io.fsql.planner.catalog.ObjectTag;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.AlterTags;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ShowFeatures;
import io.fsql.sql.tree.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tags on feature groups, their columns, feature views and training datasets (ALTER ... SET TAGS /
 * UNSET TAGS), and the feature search over names, comments and tags (SHOW FEATURES).
 */
final class TagCommands {
  private static final ColumnType VARCHAR = ColumnType.of(DataType.Kind.VARCHAR);
  private static final ColumnType INTEGER = ColumnType.of(DataType.Kind.INTEGER);
  private final FsqlEngine engine;

  TagCommands(FsqlEngine engine) {
    this.engine = engine;
  }

  /** The tags as name to value (null for a tag without one), in their order. */
  static Map<String, String> values(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(t -> map.put(t.name(), t.value().orElse(null)));
    return map;
  }

  /** {@code pii, team=fraud}: tags as DESCRIBE and SHOW FEATURES list them. */
  static String text(List<ObjectTag> tags) {
    return tags.stream().map(ObjectTag::text).collect(Collectors.joining(", "));
  }

  /** The catalog's tags by object and column: key {@code KIND/id/column}. */
  static Map<String, List<ObjectTag>> index(List<ObjectTag> tags) {
    Map<String, List<ObjectTag>> index = new HashMap<>();
    for (ObjectTag t : tags) {
      index.computeIfAbsent(key(t.kind(), t.objectId(), t.column()), k -> new ArrayList<>()).add(t);
    }
    return index;
  }

  static String key(CatalogKind kind, long id, String column) {
    return kind + "/" + id + "/" + column;
  }

  /** The tags of one object ({@code column} empty) or group column. */
  List<ObjectTag> of(CatalogKind kind, long id, String column) {
    return index(engine.catalog().listTags()).getOrDefault(key(kind, id, column), List.of());
  }

  StatementResult alter(AlterTags alter) {
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      ObjectRef target = switch (alter.kind()) {
        case FEATURE_VIEW -> ObjectRef.of(new ViewCommands(engine).resolve(alter.name()));
        case TRAINING_DATASET -> ObjectRef.of(new DatasetCommands(engine).resolve(alter.name()));
        default -> ObjectRef.of(new CatalogCommands(engine).resolve(alter.name()));
      };
      String column = alter.column().orElse("");
      String what = target.displayName();
      if (!column.isEmpty()) {
        FeatureGroup g = new CatalogCommands(engine).resolve(alter.name());
        if (g.column(column).isEmpty()) {
          NodeLocation at = alter.location();
          throw new FsqlException(ErrorCode.UNKNOWN_COLUMN, "feature group " + g.displayName()
              + " has no column '" + column + "'", at.line(), at.column());
        }
        what = "column " + column + " of " + what;
      }
      List<String> names = alter.tags().stream().map(Tag::name).toList();
      if (alter.unset()) {
        engine.catalog().unsetTags(target.kind(), target.id(), column, names);
        return StatementResult.update(0, "removed tags " + String.join(", ", names) + " from " + what);
      }
      engine.catalog().setTags(target.kind(), target.id(), column, values(alter.tags()));
      return StatementResult.update(0, "tagged " + what + " with " + alter.tags().stream()
          .map(t -> t.name() + t.value().map(v -> "=" + v).orElse("")).collect(Collectors.joining(", ")));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Every column of every feature group version whose name or comment matches the LIKE pattern
   * (case-insensitively) and, with WHERE TAG, that carries the tag itself or through its group
   * (with the value, when one is given).
   */
  QueryResult showFeatures(ShowFeatures show) {
    Pattern like = show.likePattern().map(p -> LikePatterns.toRegex(p, true)).orElse(null);
    Map<String, List<ObjectTag>> tags = index(engine.catalog().listTags());
    List<Object[]> rows = new ArrayList<>();
    for (FeatureGroup g : engine.catalog().listGroups()) {
      List<ObjectTag> groupTags = tags.getOrDefault(key(CatalogKind.GROUP, g.id(), ""), List.of());
      for (Column c : g.columns()) {
        List<ObjectTag> own = tags.getOrDefault(key(CatalogKind.GROUP, g.id(), c.name()), List.of());
        if (like != null && !like.matcher(c.name()).matches()
            && (c.comment() == null || !like.matcher(c.comment()).matches())) {
          continue;
        }
        if (show.tag().isPresent() && !carries(own, show.tag().get()) && !carries(groupTags, show.tag().get())) {
          continue;
        }
        rows.add(new Object[] {g.name(), g.version(), c.name(), c.type().sql(),
            c.comment() == null ? "" : c.comment(), text(own), text(groupTags)});
      }
    }
    return QueryResult.of(List.of(
        new ResultColumn("feature_group", VARCHAR, false),
        new ResultColumn("version", INTEGER, false),
        new ResultColumn("column", VARCHAR, false),
        new ResultColumn("type", VARCHAR, false),
        new ResultColumn("comment", VARCHAR, false),
        new ResultColumn("tags", VARCHAR, false),
        new ResultColumn("group_tags", VARCHAR, false)), rows);
  }

  private static boolean carries(List<ObjectTag> tags, Tag wanted) {
    return tags.stream().anyMatch(t -> t.name().equals(wanted.name())
        && (wanted.value().isEmpty() || wanted.value().get().equals(t.value())));
  }
}
