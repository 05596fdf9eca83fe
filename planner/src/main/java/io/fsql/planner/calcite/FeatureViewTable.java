package io.fsql.planner.calcite;

import io.fsql.planner.catalog.FeatureView;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;

/**
 * A feature view as a table: its query, validated and converted in the same statement, as if it
 * were written in place (Calcite's view expansion, with fsql's parser and rules).
 */
final class FeatureViewTable extends AbstractTable implements TranslatableTable {
  private final FeatureView view;
  private final Planning.Expansion expansion;

  FeatureViewTable(FeatureView view, SqlNode query, Planning planning) {
    this.view = view;
    planning.pins.noteView(view);
    this.expansion = planning.expansion(query, "feature view " + view.displayName());
  }

  FeatureView view() {
    return view;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return expansion.rowType();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return expansion.rel();
  }
}
