package io.fsql.planner.calcite;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/** A table the offline engine reads: a plain scan in the plan, bound to its input when run. */
abstract class ScanTable extends AbstractTable implements TranslatableTable, OfflineSource {
  @Override
  public final RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
  }
}
