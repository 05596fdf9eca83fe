package io.fsql.planner.stats;

import io.fsql.planner.catalog.CatalogKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The statistics of every column of one set of rows, as the catalog keeps them: of a group
 * ({@code kind} GROUP, {@code part} a commit id) or of a training dataset ({@code kind} DATASET,
 * {@code part} a split name). {@code scope} says which rows: {@link #INSERT} (the rows a commit
 * wrote), {@link #ANALYZE} (the group's whole snapshot at the commit) or {@link #SPLIT}.
 */
public record StatisticsSet(CatalogKind kind, long objectId, String part, String scope, Instant computedAt,
    List<ColumnStatistics> columns) {
  public static final String INSERT = "INSERT";
  public static final String ANALYZE = "ANALYZE";
  public static final String SPLIT = "SPLIT";

  public StatisticsSet {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(computedAt, "computedAt");
    columns = List.copyOf(columns);
  }
}
