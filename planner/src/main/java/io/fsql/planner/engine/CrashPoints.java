package io.fsql.planner.engine;

/**
 * Named points in write paths where a test can halt the process (like Hudi's test hooks): with
 * the system property {@code fsql.test.crashAt=<name>}, reaching that point halts the JVM at once,
 * as kill -9 would. Off (one property read) otherwise.
 */
public final class CrashPoints {
  private CrashPoints() {}

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
