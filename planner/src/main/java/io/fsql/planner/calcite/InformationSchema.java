package io.fsql.planner.calcite;

import io.fsql.planner.catalog.CatalogKind;
import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.catalog.LineageEdge;
import io.fsql.planner.catalog.ObjectTag;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.offline.CommitInfo;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.sql.tree.DataType.Kind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The catalog as tables, in the schema {@code information_schema}: feature_groups, features (one
 * row per group column), tags, commits, feature_views, training_datasets, lineage, validations
 * (the expectation reports of every INSERT attempt) and statistics (one row per column of every
 * stored statistics: a group's commit or a dataset's split). Ordinary
 * tables: they can be filtered, joined with each other and with feature data.
 */
final class InformationSchema extends AbstractSchema {
  static final String NAME = "information_schema";
  private static final ColumnType VARCHAR = ColumnType.of(Kind.VARCHAR);
  private static final ColumnType INTEGER = ColumnType.of(Kind.INTEGER);
  private static final ColumnType BIGINT = ColumnType.of(Kind.BIGINT);
  private static final ColumnType BOOLEAN = ColumnType.of(Kind.BOOLEAN);
  private static final ColumnType TIMESTAMP = ColumnType.of(Kind.TIMESTAMP);
  private static final ColumnType DOUBLE = ColumnType.of(Kind.DOUBLE);

  private final CatalogStore catalog;
  private final OfflineStore offline;
  private final Map<String, Table> tables = new LinkedHashMap<>();

  private final ServedLogStatus servedLogs;

  InformationSchema(CatalogStore catalog, OfflineStore offline, ServedLogStatus servedLogs) {
    this.catalog = catalog;
    this.offline = offline;
    this.servedLogs = servedLogs;
    add("feature_groups", this::featureGroups, col("name", VARCHAR, false), col("version", INTEGER, false),
        col("online", BOOLEAN, false), col("primary_key", VARCHAR, false), col("event_time", VARCHAR, true),
        col("column_count", INTEGER, false), col("description", VARCHAR, false), col("tags", VARCHAR, false),
        col("created_at", TIMESTAMP, false), col("location", VARCHAR, false));
    add("features", this::features, col("feature_group", VARCHAR, false), col("version", INTEGER, false),
        col("ordinal", INTEGER, false), col("name", VARCHAR, false), col("type", VARCHAR, false),
        col("nullable", BOOLEAN, false), col("key", VARCHAR, true), col("comment", VARCHAR, true),
        col("tags", VARCHAR, false));
    add("tags", this::tags, col("object_kind", VARCHAR, false), col("object_name", VARCHAR, false),
        col("object_version", INTEGER, false), col("column_name", VARCHAR, true), col("tag", VARCHAR, false),
        col("value", VARCHAR, true));
    add("commits", this::commits, col("feature_group", VARCHAR, false), col("version", INTEGER, false),
        col("commit_id", VARCHAR, false), col("completed_at", TIMESTAMP, false), col("operation", VARCHAR, false),
        col("rows_inserted", BIGINT, false), col("rows_updated", BIGINT, false), col("rows_written", BIGINT, false));
    add("feature_views", this::featureViews, col("name", VARCHAR, false), col("version", INTEGER, false),
        col("description", VARCHAR, false), col("query", VARCHAR, false), col("tags", VARCHAR, false),
        col("created_at", TIMESTAMP, false), col("served_logging", BOOLEAN, false), col("served_logged", BIGINT, true),
        col("served_queued", BIGINT, true), col("served_dropped", BIGINT, true));
    add("training_datasets", this::trainingDatasets, col("name", VARCHAR, false), col("version", INTEGER, false),
        col("description", VARCHAR, false), col("format", VARCHAR, false), col("row_count", BIGINT, false),
        col("splits", VARCHAR, false), col("query", VARCHAR, false), col("location", VARCHAR, false),
        col("tags", VARCHAR, false), col("created_at", TIMESTAMP, false));
    add("lineage", this::lineage, col("reader_kind", VARCHAR, false), col("reader_name", VARCHAR, false),
        col("reader_version", INTEGER, false), col("source_kind", VARCHAR, false), col("source_name", VARCHAR, false),
        col("source_version", INTEGER, false), col("commit_id", VARCHAR, true));
    add("statistics", this::statistics, col("object_kind", VARCHAR, false), col("object_name", VARCHAR, false),
        col("object_version", INTEGER, false), col("part", VARCHAR, false), col("scope", VARCHAR, false),
        col("computed_at", TIMESTAMP, false), col("column_name", VARCHAR, false), col("type", VARCHAR, false),
        col("row_count", BIGINT, false), col("null_count", BIGINT, false), col("distinct_approx", BIGINT, true),
        col("min_value", VARCHAR, true), col("max_value", VARCHAR, true), col("mean", DOUBLE, true),
        col("stddev", DOUBLE, true), col("quantiles", VARCHAR, true), col("histogram", VARCHAR, true),
        col("top_values", VARCHAR, true));
    add("validations", this::validations, col("feature_group", VARCHAR, false), col("version", INTEGER, false),
        col("attempt", BIGINT, false), col("validated_at", TIMESTAMP, false), col("expectation", VARCHAR, false),
        col("rule", VARCHAR, false), col("policy", VARCHAR, false), col("outcome", VARCHAR, false),
        col("rows_checked", BIGINT, false), col("rows_violating", BIGINT, true),
        col("observed", ColumnType.of(Kind.DOUBLE), true), col("commit_id", VARCHAR, true),
        col("insert_outcome", VARCHAR, false));
  }

  private List<Object[]> validations() {
    List<Object[]> rows = new ArrayList<>();
    for (io.fsql.planner.catalog.ValidationReport r : catalog.listValidations(java.util.OptionalLong.empty())) {
      rows.add(new Object[] {r.groupName(), r.groupVersion(), r.attempt(), utc(r.validatedAt()),
          r.expectation(), r.rule(), r.policy(), r.outcome(), r.rowsChecked(), r.rowsViolating(),
          r.observed(), r.commitId(), r.insertOutcome()});
    }
    return rows;
  }

  private static Column col(String name, ColumnType type, boolean nullable) {
    return new Column(name, type, nullable, null);
  }

  private void add(String name, java.util.function.Supplier<List<Object[]>> rows, Column... columns) {
    tables.put(name, new CatalogTable(name, List.of(columns), rows));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  private static LocalDateTime utc(Instant t) {
    return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private Map<String, String> tagText() {
    Map<String, List<String>> byKey = new HashMap<>();
    for (ObjectTag t : catalog.listTags()) {
      byKey.computeIfAbsent(t.kind() + "/" + t.objectId() + "/" + t.column(), k -> new ArrayList<>()).add(t.text());
    }
    Map<String, String> text = new HashMap<>();
    byKey.forEach((k, v) -> text.put(k, String.join(", ", v)));
    return text;
  }

  private static String tags(Map<String, String> text, CatalogKind kind, long id, String column) {
    return text.getOrDefault(kind + "/" + id + "/" + column, "");
  }

  private List<Object[]> featureGroups() {
    Map<String, String> tags = tagText();
    List<Object[]> rows = new ArrayList<>();
    for (FeatureGroup g : catalog.listGroups()) {
      rows.add(new Object[] {g.name(), g.version(), g.online(), String.join(", ", g.primaryKey()),
          g.eventTime().orElse(null), g.columns().size(), g.description(),
          tags(tags, CatalogKind.GROUP, g.id(), ""), utc(g.createdAt()), g.location()});
    }
    return rows;
  }

  private List<Object[]> features() {
    Map<String, String> tags = tagText();
    List<Object[]> rows = new ArrayList<>();
    for (FeatureGroup g : catalog.listGroups()) {
      int ordinal = 0;
      for (Column c : g.columns()) {
        String key = g.primaryKey().contains(c.name()) ? "PRIMARY KEY"
            : g.eventTime().map(c.name()::equals).orElse(false) ? "EVENT TIME" : null;
        rows.add(new Object[] {g.name(), g.version(), ++ordinal, c.name(), c.type().sql(), c.nullable(), key,
            c.comment(), tags(tags, CatalogKind.GROUP, g.id(), c.name())});
      }
    }
    return rows;
  }

  private List<Object[]> tags() {
    Map<String, Object[]> names = new HashMap<>();
    catalog.listGroups().forEach(g -> names.put("GROUP/" + g.id(), new Object[] {g.name(), g.version()}));
    catalog.listViews().forEach(v -> names.put("VIEW/" + v.id(), new Object[] {v.name(), v.version()}));
    catalog.listDatasets().forEach(d -> names.put("DATASET/" + d.id(), new Object[] {d.name(), d.version()}));
    List<Object[]> rows = new ArrayList<>();
    for (ObjectTag t : catalog.listTags()) {
      Object[] name = names.get(t.kind() + "/" + t.objectId());
      if (name != null) {
        rows.add(new Object[] {t.kind().label(), name[0], name[1], t.column().isEmpty() ? null : t.column(),
            t.name(), t.value()});
      }
    }
    return rows;
  }

  private List<Object[]> commits() {
    List<Object[]> rows = new ArrayList<>();
    for (FeatureGroup g : catalog.listGroups()) {
      for (CommitInfo c : offline.history(g).commits()) {
        rows.add(new Object[] {g.name(), g.version(), c.id(), utc(c.completedAt()), c.operation(),
            c.rowsInserted(), c.rowsUpdated(), c.rowsWritten()});
      }
    }
    return rows;
  }

  private List<Object[]> featureViews() {
    Map<String, String> tags = tagText();
    List<Object[]> rows = new ArrayList<>();
    for (FeatureView v : catalog.listViews()) {
      java.util.Optional<ServedLogStatus.Counts> log = servedLogs.of(v.name(), v.version());
      rows.add(new Object[] {v.name(), v.version(), v.description(), v.queryText().replaceAll("\\s+", " ").trim(),
          tags(tags, CatalogKind.VIEW, v.id(), ""), utc(v.createdAt()), log.isPresent(),
          log.map(ServedLogStatus.Counts::logged).orElse(null), log.map(ServedLogStatus.Counts::queued).orElse(null),
          log.map(ServedLogStatus.Counts::dropped).orElse(null)});
    }
    return rows;
  }

  private List<Object[]> trainingDatasets() {
    Map<String, String> tags = tagText();
    List<Object[]> rows = new ArrayList<>();
    for (TrainingDataset d : catalog.listDatasets()) {
      rows.add(new Object[] {d.name(), d.version(), d.description(), d.format(), d.rowCount(),
          d.parts().stream().map(TrainingDataset.SplitPart::name).collect(Collectors.joining(", ")),
          d.queryText().replaceAll("\\s+", " ").trim(), d.location(), tags(tags, CatalogKind.DATASET, d.id(), ""),
          utc(d.createdAt())});
    }
    return rows;
  }

  /** Every recorded read; for a dataset reading a group, the commit it read. */
  private List<Object[]> lineage() {
    Map<String, String> commits = new HashMap<>();
    for (TrainingDataset d : catalog.listDatasets()) {
      for (TrainingDataset.GroupCommit c : d.commits()) {
        commits.put(d.id() + "/" + c.groupId(), c.commitId());
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (LineageEdge e : catalog.listLineage()) {
      String commit = e.reader().kind() == CatalogKind.DATASET && e.source().kind() == CatalogKind.GROUP
          ? commits.get(e.reader().id() + "/" + e.source().id()) : null;
      rows.add(new Object[] {e.reader().kind().label(), e.reader().name(), e.reader().version(),
          e.source().kind().label(), e.source().name(), e.source().version(), commit});
    }
    return rows;
  }

  /** Every stored column statistics: of groups' commits (part: the commit) and datasets' splits. */
  private List<Object[]> statistics() {
    Map<String, Object[]> names = new HashMap<>();
    for (FeatureGroup g : catalog.listGroups()) {
      names.put(CatalogKind.GROUP + "/" + g.id(), new Object[] {g.name(), g.version()});
    }
    for (TrainingDataset d : catalog.listDatasets()) {
      names.put(CatalogKind.DATASET + "/" + d.id(), new Object[] {d.name(), d.version()});
    }
    List<Object[]> rows = new ArrayList<>();
    for (io.fsql.planner.stats.StatisticsSet s : catalog.listStatistics(null, 0)) {
      Object[] name = names.get(s.kind() + "/" + s.objectId());
      if (name == null) {
        continue;
      }
      for (io.fsql.planner.stats.ColumnStatistics c : s.columns()) {
        rows.add(new Object[] {s.kind().label(), name[0], name[1], s.part(), s.scope(), utc(s.computedAt()),
            c.column(), c.type(), c.count(), c.nulls(), c.distinctApprox(), c.min(), c.max(), c.mean(), c.stddev(),
            c.quantiles(), c.histogram(), c.topValues()});
      }
    }
    return rows;
  }
}
