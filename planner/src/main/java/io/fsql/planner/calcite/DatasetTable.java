package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.offline.OfflinePlan;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/** A training dataset's files (all splits, or one) as a table. */
final class DatasetTable extends ScanTable {
  private final TrainingDataset dataset;
  private final String split;
  private final OfflinePlan.DatasetScan scan;

  private DatasetTable(TrainingDataset dataset, String split, List<String> paths) {
    this.dataset = dataset;
    this.split = split;
    this.scan = new OfflinePlan.DatasetScan(dataset.format(), paths, dataset.columns());
  }

  static DatasetTable all(TrainingDataset d) {
    return new DatasetTable(d, null,
        d.parts().stream().map(p -> d.location() + "/" + p.directory()).toList());
  }

  static DatasetTable split(TrainingDataset d, String name) {
    TrainingDataset.SplitPart part = d.parts().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new FsqlException(ErrorCode.UNKNOWN_OBJECT,
            "training dataset " + d.displayName() + " has no split '" + name + "' (its splits: "
                + String.join(", ", d.parts().stream().map(TrainingDataset.SplitPart::name).toList()) + ")"));
    return new DatasetTable(d, name, List.of(d.location() + "/" + part.directory()));
  }

  TrainingDataset dataset() {
    return dataset;
  }

  /** The split read, or null for all of them. */
  String split() {
    return split;
  }

  OfflinePlan.DatasetScan scan() {
    return scan;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return TypeMapping.rowType(typeFactory, dataset.columns());
  }


  @Override
  public OfflinePlan offlinePlan() {
    return scan;
  }

  @Override
  public String describe() {
    return "training dataset " + dataset.displayName() + (split == null ? "" : " split " + split)
        + " (" + dataset.format() + " at " + dataset.location() + ")";
  }
}
