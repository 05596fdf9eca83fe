package io.fsql.planner.calcite;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.offline.OfflinePlan;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/** A table of information_schema: rows computed from the catalog when the statement runs. */
final class CatalogTable extends ScanTable {
  private final String name;
  private final List<Column> columns;
  private final Supplier<List<Object[]>> rows;

  CatalogTable(String name, List<Column> columns, Supplier<List<Object[]>> rows) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return TypeMapping.rowType(typeFactory, columns);
  }

  @Override
  public OfflinePlan offlinePlan() {
    return new OfflinePlan.Rows("information_schema." + name, columns, rows.get());
  }

  @Override
  public String describe() {
    return "information_schema." + name + " (the catalog)";
  }
}
