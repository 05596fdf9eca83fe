package io.fsql.planner.offline;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import java.util.List;
import java.util.Map;

/**
 * What the planner asks the offline engine (Spark) to compute: Spark SQL text over named inputs,
 * where each input is a feature-group table at some {@link ReadSpec}, a file, or another plan.
 */
public sealed interface OfflinePlan {

  /** Spark SQL text; its FROM clauses name the inputs by their keys (quoted with backticks). */
  record SqlQuery(String sql, Map<String, OfflinePlan> inputs) implements OfflinePlan {
    public SqlQuery {
      inputs = Map.copyOf(inputs);
    }
  }

  /**
   * A feature group's columns as of {@code spec}. For {@link ReadSpec.Changes} the scan adds a
   * final column {@value #COMMIT_COLUMN} (VARCHAR) naming the commit each row came from.
   */
  record GroupScan(FeatureGroup group, ReadSpec spec) implements OfflinePlan {}

  /** A CSV or Parquet file (or directory of them) read with the given options and schema. */
  record FileScan(String format, String path, Map<String, String> options, List<Column> schema)
      implements OfflinePlan {
    public FileScan {
      options = Map.copyOf(options);
      schema = List.copyOf(schema);
    }
  }

  /** The name of the column that incremental reads add. */
  String COMMIT_COLUMN = "_commit";
}
