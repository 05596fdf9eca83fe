package io.fsql.planner.offline;

import java.util.List;

/** How a training dataset's rows are divided into named parts, each written to its own directory. */
public sealed interface SplitPlan {

  /** One part, "all". */
  record None() implements SplitPlan {}

  /**
   * Random parts with the given fractions (summing to 1). A row's part depends only on its values
   * and the seed (a hash), so the same rows always land in the same parts.
   */
  record Random(List<String> names, List<Double> fractions, long seed) implements SplitPlan {}

  /** Parts by half-open ranges [from, to) of a TIMESTAMP or DATE column, in microseconds UTC. */
  record Time(int column, List<String> names, List<Long> fromMicros, List<Long> toMicros) implements SplitPlan {}

  SplitPlan NONE = new None();
}
