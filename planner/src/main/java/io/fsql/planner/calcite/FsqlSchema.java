package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.sql.parser.FsqlParser;
import io.fsql.sql.parser.ParsingException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.CompatibilityLookup;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.sql.SqlNode;

/**
 * The tables a statement can name: the latest version of every feature group, feature view and
 * training dataset by its name (in that order: the names are one namespace), plus the decorated
 * references of this statement registered under synthetic names; and the file table functions.
 * One instance per statement, so every lookup sees one consistent catalog state.
 */
public final class FsqlSchema implements Schema {
  private static final FsqlParser PARSER = new FsqlParser();
  private final Planning planning;
  private final Map<String, Optional<Table>> resolved = new HashMap<>();
  private final Map<String, Table> registered = new HashMap<>();
  private final Map<String, List<Function>> functions;
  private final Lookup<Table> tables;
  private final Lookup<Schema> subSchemas;

  FsqlSchema(Planning planning) {
    this.planning = planning;
    this.functions = Map.of(
        "read_csv", List.of(FileTableMacro.csv(planning.offline)),
        "read_parquet", List.of(FileTableMacro.parquet(planning.offline)));
    this.tables = new CompatibilityLookup<>(this::lookup, this::tableNames);
    InformationSchema information = new InformationSchema(planning.catalog, planning.offline, planning.servedLogs);
    this.subSchemas = new CompatibilityLookup<>(
        name -> InformationSchema.NAME.equals(name) ? information : null, () -> Set.of(InformationSchema.NAME));
  }

  /** The table macro of read_csv / read_parquet, or null. */
  FileTableMacro fileMacro(String name) {
    List<Function> f = functions.get(name);
    return f == null ? null : (FileTableMacro) f.get(0);
  }

  /** Registers a table under a synthetic name (used for decorated table references). */
  public void register(String syntheticName, Table table) {
    registered.put(syntheticName, table);
  }

  private Table lookup(String name) {
    Table t = registered.get(name);
    if (t != null) {
      return t;
    }
    return resolved.computeIfAbsent(name, this::resolve).orElse(null);
  }

  private Optional<Table> resolve(String name) {
    Optional<FeatureGroup> g = planning.catalog.findGroup(name, OptionalInt.empty());
    if (g.isPresent()) {
      return Optional.of(new FeatureGroupTable(g.get(), planning.pins.latest(g.get())));
    }
    Optional<FeatureView> v = planning.catalog.findView(name, OptionalInt.empty());
    if (v.isPresent()) {
      return Optional.of(new FeatureViewTable(v.get(), parseView(v.get()), planning));
    }
    Optional<TrainingDataset> d = planning.catalog.findDataset(name, OptionalInt.empty());
    return d.map(DatasetTable::all);
  }

  /** A feature view's stored query, parsed afresh (validation changes trees). */
  static SqlNode parseView(FeatureView view) {
    try {
      return PARSER.parseQuery(view.queryText());
    } catch (ParsingException e) {
      throw new FsqlException(ErrorCode.INTERNAL,
          "the stored query of feature view " + view.displayName() + " no longer parses: " + e.getMessage());
    }
  }

  private Set<String> tableNames() {
    Set<String> names = new LinkedHashSet<>();
    planning.catalog.listGroups().forEach(g -> names.add(g.name()));
    planning.catalog.listViews().forEach(v -> names.add(v.name()));
    planning.catalog.listDatasets().forEach(d -> names.add(d.name()));
    names.addAll(registered.keySet());
    return names;
  }

  @Override
  public Lookup<Table> tables() {
    return tables;
  }

  @Override
  public Lookup<? extends Schema> subSchemas() {
    return subSchemas;
  }

  @Override
  @SuppressWarnings("deprecation")
  public Table getTable(String name) {
    return lookup(name);
  }

  @Override
  @SuppressWarnings("deprecation")
  public Set<String> getTableNames() {
    return tableNames();
  }

  @Override
  public RelProtoDataType getType(String name) {
    return null;
  }

  @Override
  public Set<String> getTypeNames() {
    return Set.of();
  }

  @Override
  public Collection<Function> getFunctions(String name) {
    return functions.getOrDefault(name, List.of());
  }

  @Override
  public Set<String> getFunctionNames() {
    return functions.keySet();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Schema getSubSchema(String name) {
    return subSchemas.get(name);
  }

  @Override
  @SuppressWarnings("deprecation")
  public Set<String> getSubSchemaNames() {
    return Set.of(InformationSchema.NAME);
  }

  @Override
  public Expression getExpression(SchemaPlus parentSchema, String name) {
    return Schemas.subSchemaExpression(parentSchema, name, getClass());
  }

  @Override
  public boolean isMutable() {
    return false;
  }

  @Override
  public Schema snapshot(SchemaVersion version) {
    return this;
  }
}
