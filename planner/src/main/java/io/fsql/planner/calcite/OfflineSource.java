package io.fsql.planner.calcite;

import io.fsql.planner.offline.OfflinePlan;

/** A Calcite table whose rows the offline engine produces. */
public interface OfflineSource {
  /** The offline input that reads this table. */
  OfflinePlan offlinePlan();

  /** One line for EXPLAIN. */
  String describe();
}
