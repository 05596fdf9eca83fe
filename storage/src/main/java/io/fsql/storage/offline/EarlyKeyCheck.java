package io.fsql.storage.offline;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongSupplier;
import org.apache.spark.SparkContext;

/**
 * An INSERT's key checks (NULL keys, repeated keys: see {@link KeyHashCheck}) over the
 * rows offered, started on a thread of their own once the measurement's aggregation has read the
 * rows ({@link #start}), so that their Spark job runs beside the measurement's sketch loop: each
 * of those jobs alone leaves a core idle part of the time (a file's row groups split the rows
 * unevenly between the tasks), together they keep both busy.
 *
 * <p>The result is the rows offered's: the caller uses it only when no rule dropped a row (the
 * rows written are the rows offered), otherwise it checks the rows kept itself. Not started (no
 * measurement, or a rule that rejects or drops), {@link #result} runs the check in the calling
 * thread. Its failure is thrown by {@link #result}, that is where the serial check would have
 * thrown it: after the expectations' verdict. {@link #close} cancels a check whose result is not
 * wanted and waits for its thread, so that the caller can unpersist the rows.
 */
final class EarlyKeyCheck implements AutoCloseable {
  private final SparkContext spark;
  private final LongSupplier check;
  private final InsertPhases phases;
  private final String jobGroup = "fsql-key-check-" + UUID.randomUUID();
  private FutureTask<Long> task;
  private Thread thread;

  /** {@code check} returns the number of rows offered or throws the keys' error. */
  EarlyKeyCheck(SparkContext spark, LongSupplier check, InsertPhases phases) {
    this.spark = spark;
    this.check = check;
    this.phases = phases;
  }

  /**
   * System property that, {@code true}, runs the key checks after the measurement rather than beside
   * it (never started): for a benchmark comparing the two in one run.
   */
  static final String SERIAL = "fsql.insert.serialKeyChecks";

  /** Starts the check on its own thread (once; a later call does nothing). */
  void start() {
    if (task != null || Boolean.getBoolean(SERIAL)) {
      return;
    }
    task = new FutureTask<>(() -> {
      spark.setJobGroup(jobGroup, "fsql INSERT key checks", false);
      try {
        return phases.time("key checks (beside the sketches)", check::getAsLong);
      } finally {
        spark.clearJobGroup();
      }
    });
    thread = new Thread(task, "fsql-key-check");
    thread.setDaemon(true);
    thread.start();
  }

  /** The number of rows offered, or the keys' error: the started check's, else checked now. */
  long result() {
    if (task == null) {
      return check.getAsLong();
    }
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      spark.cancelJobGroup(jobGroup);
      throw new IllegalStateException("interrupted while checking the keys of the rows to insert", e);
    }
  }

  /** Cancels a check still running (its result unused) and waits for its thread to end. */
  @Override
  public void close() {
    if (task == null || task.isDone() && !thread.isAlive()) {
      return;
    }
    try {
      // (cancelled again while it runs: a job the thread submits after a cancel would run on)
      while (thread.isAlive()) {
        spark.cancelJobGroup(jobGroup);
        thread.join(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
