package io.fsql.planner.engine;

/**
 * Named points in write paths where a test can halt the process (like Hudi's test hooks): with
 * the system property {@code fsql.test.crashAt=<name>}, reaching that point halts the JVM at once,
 * as kill -9 would. Off (one property read) otherwise.
 *
 * <p>The points, in the order a write reaches them: {@value #BEFORE_COMMIT_REQUESTED},
 * {@value #AFTER_DATA_FILES_WRITTEN}, {@value #AFTER_COMMIT_COMPLETED}, {@value #AFTER_OFFLINE_COMMIT},
 * {@value #DURING_ONLINE_WRITE}; for catalog changes {@value #CATALOG_BEFORE_COMMIT} (inside the
 * catalog transaction) and {@value #AFTER_CATALOG_DROP} (DROP FEATURE GROUP between the catalog
 * change and the table's deletion); for training datasets {@value #DURING_DATASET_WRITE} (one split
 * written, not the others), {@value #DATASET_BEFORE_CATALOG} (files written, no catalog entry) and
 * {@value #RECREATE_AFTER_CATALOG} (the catalog points at the new files, the old ones remain).
 */
public final class CrashPoints {
  public static final String BEFORE_COMMIT_REQUESTED = "before-commit-requested";
  public static final String AFTER_DATA_FILES_WRITTEN = "after-data-files-written";
  public static final String AFTER_COMMIT_COMPLETED = "after-commit-completed";
  public static final String AFTER_OFFLINE_COMMIT = "after-offline-commit";
  public static final String DURING_ONLINE_WRITE = "during-online-write";
  public static final String CATALOG_BEFORE_COMMIT = "catalog-before-commit";
  public static final String AFTER_CATALOG_DROP = "after-catalog-drop";
  public static final String DURING_DATASET_WRITE = "during-dataset-write";
  public static final String DATASET_BEFORE_CATALOG = "dataset-before-catalog";
  public static final String RECREATE_AFTER_CATALOG = "recreate-after-catalog";

  /** Every named point. */
  public static final java.util.List<String> ALL = java.util.List.of(BEFORE_COMMIT_REQUESTED,
      AFTER_DATA_FILES_WRITTEN, AFTER_COMMIT_COMPLETED, AFTER_OFFLINE_COMMIT, DURING_ONLINE_WRITE,
      CATALOG_BEFORE_COMMIT, AFTER_CATALOG_DROP, DURING_DATASET_WRITE, DATASET_BEFORE_CATALOG,
      RECREATE_AFTER_CATALOG);

  private CrashPoints() {}

  /** Whether {@code name} is the point a test asked to halt or fail at. */
  public static boolean armed(String name) {
    return name.equals(System.getProperty("fsql.test.crashAt")) || name.equals(System.getProperty("fsql.test.failAt"));
  }

  public static void reach(String name) {
    String at = System.getProperty("fsql.test.crashAt");
    if (at != null && at.equals(name)) {
      Runtime.getRuntime().halt(137);
    }
  }

  /**
   * With {@code fsql.test.failAt=<name>}, reaching that point fails as an unreachable store or
   * disk would (an IO_ERROR), so tests can check what a failed step leaves behind.
   */
  public static void failIfAsked(String name, String what) {
    String at = System.getProperty("fsql.test.failAt");
    if (at != null && at.equals(name)) {
      throw new io.fsql.planner.FsqlException(io.fsql.planner.ErrorCode.IO_ERROR, what + " (injected failure)");
    }
  }
}
