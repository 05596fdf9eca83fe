package io.fsql.planner.engine;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a feature view's served vectors are logged: the feature group {@code <view>__served} of
 * the view's version, keyed by {@value #SERVED_ID} with event time {@value #SERVED_AT} (when the
 * lookup answered), then {@value #LOOKUP_KEYS} (the keys asked for, as text) and the view's
 * columns. Its group properties hold whether logging is on and how it is batched.
 */
final class ServedLogs {
  static final String SUFFIX = "__served";
  static final String SERVED_ID = "served_id";
  static final String SERVED_AT = "served_at";
  static final String LOOKUP_KEYS = "lookup_keys";
  /** Log-group properties: the view logged, whether logging is on, and the batching. */
  static final String VIEW = "served_log.view";
  static final String LOGGING = "served_log.logging";
  static final String BATCH_ROWS = "served_log.batch_rows";
  static final String BATCH_SECONDS = "served_log.batch_seconds";
  static final String QUEUE_ROWS = "served_log.queue_rows";
  /**
   * The default queue: rows waiting for their commit. At 2 000 lookups a second and a commit every
   * few seconds (the default batch, or a slower Hudi write) it stays far from full; about 100 bytes
   * a row plus the values, so a few tens of MB when full.
   */
  static final int DEFAULT_QUEUE_ROWS = 100_000;

  private ServedLogs() {}

  static String logName(FeatureView view) {
    return view.name() + SUFFIX;
  }

  static Optional<FeatureGroup> findLog(FsqlEngine engine, FeatureView view) {
    return engine.catalog().findGroup(logName(view), OptionalInt.of(view.version()));
  }
}
