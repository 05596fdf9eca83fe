package io.fsql.planner.calcite;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.offline.OfflinePlan;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/** A CSV or Parquet file read by {@code read_csv(...)} or {@code read_parquet(...)}. */
public final class FileTable extends ScanTable {
  private final OfflinePlan.FileScan scan;

  public FileTable(String format, String path, Map<String, String> options, List<Column> schema) {
    this.scan = new OfflinePlan.FileScan(format, path, options, schema);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return TypeMapping.rowType(typeFactory, scan.schema());
  }


  @Override
  public OfflinePlan offlinePlan() {
    return scan;
  }

  @Override
  public String describe() {
    return scan.format() + " file " + scan.path() + (scan.options().isEmpty() ? "" : " " + scan.options());
  }
}
