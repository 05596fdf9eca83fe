package io.fsql.planner.calcite;

import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.planner.offline.ReadSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

/**
 * The tables a statement can name: the latest version of every feature group by its name, plus the
 * decorated references of this statement ({@code name VERSION n}, {@code AS OF ...},
 * {@code CHANGES ...}) registered under synthetic names; and the file table functions. One
 * instance per statement, so every lookup sees one consistent catalog state.
 */
public final class FsqlSchema implements Schema {
  private final CatalogStore catalog;
  private final Map<String, Table> resolved = new HashMap<>();
  private final Map<String, Table> registered = new HashMap<>();
  private final Map<String, List<Function>> functions;
  private final Lookup<Table> tables;

  public FsqlSchema(CatalogStore catalog, OfflineStore offline) {
    this.catalog = catalog;
    this.functions = Map.of(
        "read_csv", List.of(FileTableMacro.csv(offline)),
        "read_parquet", List.of(FileTableMacro.parquet(offline)));
    this.tables = new CompatibilityLookup<>(this::lookup, this::tableNames);
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
    return resolved.computeIfAbsent(name, n -> catalog.findGroup(n, OptionalInt.empty())
        .map(g -> (Table) new FeatureGroupTable(g, ReadSpec.LATEST))
        .orElse(null));
  }

  private Set<String> tableNames() {
    Set<String> names = new LinkedHashSet<>();
    for (FeatureGroup g : catalog.listGroups()) {
      names.add(g.name());
    }
    names.addAll(registered.keySet());
    return names;
  }

  @Override
  public Lookup<Table> tables() {
    return tables;
  }

  @Override
  public Lookup<? extends Schema> subSchemas() {
    return Lookup.empty();
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
    return null;
  }

  @Override
  @SuppressWarnings("deprecation")
  public Set<String> getSubSchemaNames() {
    return Set.of();
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
