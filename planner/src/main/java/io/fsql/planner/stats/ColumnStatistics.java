package io.fsql.planner.stats;

import java.util.Objects;

/**
 * The descriptive statistics of one column over a set of rows (a commit's inserted rows, a group's
 * snapshot, a training dataset split). {@code count} is the number of rows, NULLs included;
 * {@code nulls} how many are NULL. {@code distinctApprox} is HyperLogLog++'s estimate (relative
 * standard deviation {@link StatisticsSpec#DISTINCT_RSD}), or exact for strings and booleans. {@code min}/{@code max} are the values as
 * SQL text (null for a column of NULLs only); {@code mean}/{@code stddev} (sample standard deviation)
 * only for numeric columns. The last three are JSON text: {@code quantiles} (numeric columns:
 * {@code {"p1": v, ...}}, approximate, see {@link StatisticsSpec}), {@code histogram} (numeric:
 * {@code {"lower": a, "upper": b, "counts": [..]}}, equal-width bins, exact) and {@code topValues}
 * (strings and booleans: {@code [{"value": "x", "count": n}, ...]}, exact, most frequent first).
 * {@code driftProfile} is what SHOW DRIFT compares without reading the rows again (see
 * {@link DriftProfileJson}): null for other column types and for statistics stored before it existed.
 */
public record ColumnStatistics(
    String column,
    String type,
    long count,
    long nulls,
    Long distinctApprox,
    String min,
    String max,
    Double mean,
    Double stddev,
    String quantiles,
    String histogram,
    String topValues,
    String driftProfile) {

  public ColumnStatistics {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(type, "type");
  }

  /** Statistics without a drift profile. */
  public ColumnStatistics(String column, String type, long count, long nulls, Long distinctApprox, String min,
      String max, Double mean, Double stddev, String quantiles, String histogram, String topValues) {
    this(column, type, count, nulls, distinctApprox, min, max, mean, stddev, quantiles, histogram, topValues, null);
  }
}
