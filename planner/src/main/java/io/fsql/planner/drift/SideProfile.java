package io.fsql.planner.drift;

import java.util.Map;

/**
 * What drift needs of one side of a comparison: its row count, a quantile sketch per numeric
 * feature and the value frequencies of each categorical feature.
 */
public record SideProfile(long rows, Map<String, QuantileSketch> numeric,
    Map<String, ValueCounts> categorical) {
  public SideProfile {
    numeric = Map.copyOf(numeric);
    categorical = Map.copyOf(categorical);
  }
}
