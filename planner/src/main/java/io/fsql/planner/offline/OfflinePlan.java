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
   * A feature group's columns as of {@code spec}; with {@code latestPerKey}, only the row with the
   * greatest event time of each primary key (the {@code LATEST} relation). For {@link ReadSpec.Changes} the scan adds a
   * final column {@value #COMMIT_COLUMN} (VARCHAR) naming the commit each row came from.
   */
  record GroupScan(FeatureGroup group, ReadSpec spec, boolean latestPerKey) implements OfflinePlan {
    public GroupScan(FeatureGroup group, ReadSpec spec) {
      this(group, spec, false);
    }
  }

  /** A CSV or Parquet file (or directory of them) read with the given options and schema. */
  record FileScan(String format, String path, Map<String, String> options, List<Column> schema)
      implements OfflinePlan {
    public FileScan {
      options = Map.copyOf(options);
      schema = List.copyOf(schema);
    }
  }

  /**
   * Point-in-time joins of one spine with one or more feature sides that share the spine's key
   * and time and the direction of the match (see {@code io.fsql.planner.pit.PointInTimeJoin} for
   * the exact semantics): computed in one pass. Inputs are read positionally and named by their
   * column lists; keys and times are indices into them; key pairs and times are compared as
   * {@code keyTypes} / {@code timeType}; the output columns are the spine's, then each side's in
   * order, named {@code outputColumns}.
   */
  record PointInTimeJoin(
      OfflinePlan left,
      List<String> leftColumns,
      List<Integer> leftKeys,
      int leftTime,
      List<io.fsql.planner.catalog.ColumnType> keyTypes,
      io.fsql.planner.catalog.ColumnType timeType,
      boolean backward,
      boolean strict,
      List<PitSide> sides,
      List<String> outputColumns) implements OfflinePlan {
    public PointInTimeJoin {
      leftColumns = List.copyOf(leftColumns);
      leftKeys = List.copyOf(leftKeys);
      keyTypes = List.copyOf(keyTypes);
      sides = List.copyOf(sides);
      outputColumns = List.copyOf(outputColumns);
    }
  }

  /** One feature side of a {@link PointInTimeJoin}. */
  record PitSide(
      OfflinePlan right,
      List<String> rightColumns,
      List<Integer> rightKeys,
      int rightTime,
      Long maxStalenessMicros,
      boolean keepUnmatched) {
    public PitSide {
      rightColumns = List.copyOf(rightColumns);
      rightKeys = List.copyOf(rightKeys);
    }
  }

  /** The files of a training dataset (one or more split directories), read with a known schema. */
  record DatasetScan(String format, List<String> paths, List<Column> schema) implements OfflinePlan {
    public DatasetScan {
      paths = List.copyOf(paths);
      schema = List.copyOf(schema);
    }
  }

  /**
   * Rows given as values (the catalog's information_schema tables): each row holds Java values of
   * the schema's types (String, Integer, Long, Boolean, LocalDateTime).
   */
  record Rows(String name, List<Column> schema, List<Object[]> rows) implements OfflinePlan {
    public Rows {
      schema = List.copyOf(schema);
      rows = List.copyOf(rows);
    }
  }

  /** The name of the column that incremental reads add. */
  String COMMIT_COLUMN = "_commit";
}
