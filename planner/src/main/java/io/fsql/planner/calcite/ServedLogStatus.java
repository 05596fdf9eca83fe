package io.fsql.planner.calcite;

import java.util.Optional;

/**
 * How a feature view's served-vector logging is doing in this engine (information_schema.feature_views
 * shows it): the engine's served-vector logger answers, per view name and version.
 */
@FunctionalInterface
public interface ServedLogStatus {
  /** No view logs. */
  ServedLogStatus NONE = (view, version) -> Optional.empty();

  /**
   * Since logging started in this engine: served rows written to the log, queued for a commit, and
   * dropped (the queue was full, or the log could not take them).
   */
  record Counts(long logged, long queued, long dropped) {}

  /** The counts of a view that logs its served vectors; empty when it does not. */
  Optional<Counts> of(String view, int version);
}
