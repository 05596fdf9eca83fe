package io.fsql.planner.engine;

/**
 * How far the offline engine is with the work of a running statement: the stage it runs (the
 * newest active one), its tasks done and total over all active stages, the rows written so far
 * (-1 when the engine does not report them), and how long the work has run.
 */
public record Progress(int stage, int activeStages, int tasksDone, int tasksTotal, long rowsWritten,
    long elapsedMillis) {

  /** Receives progress while the offline engine works, and {@link #idle()} when it stops. */
  public interface Listener {
    void update(Progress progress);

    void idle();
  }
}
