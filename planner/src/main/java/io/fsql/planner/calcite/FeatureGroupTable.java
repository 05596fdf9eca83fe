package io.fsql.planner.calcite;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.planner.offline.ReadSpec;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** A feature group's offline table, read at one {@link ReadSpec}, as Calcite sees it. */
public final class FeatureGroupTable extends ScanTable {
  private final FeatureGroup group;
  private final ReadSpec spec;
  private final boolean insertTarget;
  private final boolean latest;

  public FeatureGroupTable(FeatureGroup group, ReadSpec spec) {
    this(group, spec, false, false);
  }

  public FeatureGroupTable(FeatureGroup group, ReadSpec spec, boolean insertTarget) {
    this(group, spec, insertTarget, false);
  }

  /** {@code LATEST group}: the latest row per primary key of the group read at {@code spec}. */
  public static FeatureGroupTable latest(FeatureGroup group, ReadSpec spec) {
    return new FeatureGroupTable(group, spec, false, true);
  }

  /**
   * @param insertTarget whether this is the target of an INSERT: its columns are then typed
   *     nullable, because NOT NULL is checked on the rows themselves before anything is written
   *     (one check, one message, for literals and computed values alike)
   */
  private FeatureGroupTable(FeatureGroup group, ReadSpec spec, boolean insertTarget, boolean latest) {
    this.group = group;
    this.spec = spec;
    this.insertTarget = insertTarget;
    this.latest = latest;
  }

  /** Whether this is the {@code LATEST} relation (one row per primary key). */
  public boolean latest() {
    return latest;
  }

  public FeatureGroup group() {
    return group;
  }

  public ReadSpec spec() {
    return spec;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataType columns = TypeMapping.rowType(typeFactory, group.columns());
    if (insertTarget) {
      columns = typeFactory.createTypeWithNullability(columns, true);
      RelDataTypeFactory.Builder b = typeFactory.builder();
      columns.getFieldList().forEach(f ->
          b.add(f.getName(), typeFactory.createTypeWithNullability(f.getType(), true)));
      columns = b.build();
    }
    if (!(spec instanceof ReadSpec.Changes)) {
      return columns;
    }
    return typeFactory.builder()
        .addAll(columns.getFieldList())
        .add(OfflinePlan.COMMIT_COLUMN, typeFactory.createSqlType(SqlTypeName.VARCHAR))
        .build();
  }


  @Override
  public OfflinePlan offlinePlan() {
    return new OfflinePlan.GroupScan(group, spec, latest);
  }

  @Override
  public String describe() {
    String at;
    if (spec instanceof ReadSpec.Latest) {
      at = "latest commit";
    } else if (spec instanceof ReadSpec.Empty) {
      at = "before its first commit: no rows";
    } else if (spec instanceof ReadSpec.AsOfCommit c) {
      at = "as of commit " + c.commitId();
    } else if (spec instanceof ReadSpec.AsOfTime t) {
      at = "as of " + t.time();
    } else {
      ReadSpec.Changes ch = (ReadSpec.Changes) spec;
      at = "changes since " + ch.since() + ch.until().map(u -> " until " + u).orElse("");
    }
    return (latest ? "latest row per key of " : "") + "feature group " + group.displayName() + " (" + at + ")";
  }
}
