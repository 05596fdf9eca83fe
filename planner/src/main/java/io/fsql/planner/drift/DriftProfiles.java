package io.fsql.planner.drift;

import io.fsql.planner.offline.OfflinePlan;
import java.util.List;

/**
 * Computes the {@link SideProfile} of the rows a plan produces. The offline store does it with
 * one aggregation job per side (Spark); an implementation may instead combine stored per-commit
 * sketches.
 */
public interface DriftProfiles {

  /** Quantiles per numeric column: {@value} steps (1001 quantiles). */
  int RESOLUTION = 1000;

  /** Categorical columns keep at most this many most frequent values (the rest is "other"). */
  int TOP_VALUES = 1000;

  /**
   * The profile of {@code plan}'s rows: {@code numeric} and {@code categorical} name columns of
   * its output ({@code columnNames}, in order).
   */
  SideProfile profile(OfflinePlan plan, List<String> columnNames, List<String> numeric,
      List<String> categorical);
}
