package io.fsql.storage.spark;

import io.fsql.planner.engine.Progress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Watches the process's Spark jobs and reports their progress to a {@link Progress.Listener}: a
 * daemon thread polls Spark's status tracker; once jobs have run for {@code delayMillis} (pauses
 * between jobs shorter than half a second included) it reports every {@code intervalMillis}, and
 * reports idle when no job has run for half a second. Rows written are counted
 * by a SparkListener from the tasks' output metrics (writers that do not report them leave -1).
 */
public final class SparkProgress implements AutoCloseable {
  private static final AtomicLong RECORDS_WRITTEN = new AtomicLong();
  private static final AtomicBoolean LISTENING = new AtomicBoolean();
  /** How long no job may run before the work counts as ended (a statement's jobs have gaps). */
  private static final long GRACE_MILLIS = 500;

  private final Progress.Listener listener;
  private final long delayMillis;
  private final long intervalMillis;
  private final Thread thread;
  private volatile boolean closed;

  private SparkProgress(Progress.Listener listener, long delayMillis, long intervalMillis) {
    this.listener = listener;
    this.delayMillis = delayMillis;
    this.intervalMillis = intervalMillis;
    this.thread = new Thread(this::run, "fsql-progress");
    thread.setDaemon(true);
  }

  /** Starts watching; {@link #close()} stops. */
  public static SparkProgress watch(Progress.Listener listener, long delayMillis, long intervalMillis) {
    SparkProgress p = new SparkProgress(listener, delayMillis, intervalMillis);
    p.thread.start();
    return p;
  }

  private static final class RowsWritten extends SparkListener {
    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      if (taskEnd.taskMetrics() != null) {
        RECORDS_WRITTEN.addAndGet(taskEnd.taskMetrics().outputMetrics().recordsWritten());
      }
    }
  }

  private void run() {
    long busySince = -1;
    long lastActive = 0;
    long rowsAtStart = 0;
    Progress last = null;
    boolean shown = false;
    while (!closed) {
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        break;
      }
      if (!SparkRuntime.started()) {
        continue;
      }
      SparkContext sc = SparkRuntime.session().sparkContext();
      if (LISTENING.compareAndSet(false, true)) {
        sc.addSparkListener(new RowsWritten());
      }
      SparkStatusTracker tracker = sc.statusTracker();
      int[] stages = tracker.getActiveStageIds();
      long now = System.currentTimeMillis();
      if (tracker.getActiveJobIds().length > 0 || stages.length > 0) {
        lastActive = now;
        if (busySince < 0) {
          busySince = now;
          rowsAtStart = RECORDS_WRITTEN.get();
          last = null;
        }
      } else if (busySince >= 0 && now - lastActive >= GRACE_MILLIS) {
        // one statement runs several jobs with short pauses between them: idle only after a pause
        if (shown) {
          listener.idle();
          shown = false;
        }
        busySince = -1;
        continue;
      }
      if (busySince < 0 || now - busySince < delayMillis) {
        continue;
      }
      int newest = -1;
      int done = 0;
      int total = 0;
      int active = 0;
      for (int id : stages) {
        scala.Option<SparkStageInfo> info = tracker.getStageInfo(id);
        if (info.isDefined()) {
          active++;
          newest = Math.max(newest, id);
          done += info.get().numCompletedTasks();
          total += info.get().numTasks();
        }
      }
      long rows = RECORDS_WRITTEN.get() - rowsAtStart;
      if (active == 0 && last != null) {
        // between two jobs: the last stage seen, still
        last = new Progress(last.stage(), last.activeStages(), last.tasksDone(), last.tasksTotal(),
            rows > 0 ? rows : -1, now - busySince);
      } else {
        last = new Progress(newest, active, done, total, rows > 0 ? rows : -1, now - busySince);
      }
      listener.update(last);
      shown = true;
    }
    if (shown) {
      listener.idle();
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
