package io.fsql.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What Spark did, summed over every task of the process's SparkContext (a listener): jobs, stages,
 * tasks, task run time, GC time, shuffle bytes, spills. Runs are sequential, so the difference of
 * two snapshots is the work of what ran in between. Used to explain timings, never in them.
 */
final class SparkWork {
  /** A snapshot, or the difference of two. */
  record Totals(long jobs, long stages, long tasks, long runMs, long gcMs, long shuffleWrite, long shuffleRead,
      long spilledMemory, long spilledDisk, long inputBytes) {
    Totals minus(Totals o) {
      return new Totals(jobs - o.jobs, stages - o.stages, tasks - o.tasks, runMs - o.runMs, gcMs - o.gcMs,
          shuffleWrite - o.shuffleWrite, shuffleRead - o.shuffleRead, spilledMemory - o.spilledMemory,
          spilledDisk - o.spilledDisk, inputBytes - o.inputBytes);
    }

    Totals plus(Totals o) {
      return new Totals(jobs + o.jobs, stages + o.stages, tasks + o.tasks, runMs + o.runMs, gcMs + o.gcMs,
          shuffleWrite + o.shuffleWrite, shuffleRead + o.shuffleRead, spilledMemory + o.spilledMemory,
          spilledDisk + o.spilledDisk, inputBytes + o.inputBytes);
    }

    static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Mean per run of a sum over {@code runs} runs, as table cells. */
    List<String> cells(int runs) {
      double n = Math.max(1, runs);
      return List.of(Report.fmt(jobs / n, 1), Report.fmt(stages / n, 1), Report.fmt(tasks / n, 1),
          Report.fmt(runMs / n / 1000.0, 2), Report.fmt(gcMs / n / 1000.0, 2), Report.bytes((long) (inputBytes / n)),
          Report.bytes((long) (shuffleWrite / n)), Report.bytes((long) (spilledDisk / n)));
    }

    static final List<String> HEADER = List.of("Spark jobs", "stages", "tasks", "task time (s, both cores)",
        "GC time in tasks (s)", "input read", "shuffle written", "spilled to disk");
  }

  private static final AtomicLong JOBS = new AtomicLong();
  private static final AtomicLong STAGES = new AtomicLong();
  private static final AtomicLong TASKS = new AtomicLong();
  private static final AtomicLong RUN = new AtomicLong();
  private static final AtomicLong GC = new AtomicLong();
  private static final AtomicLong SW = new AtomicLong();
  private static final AtomicLong SR = new AtomicLong();
  private static final AtomicLong SM = new AtomicLong();
  private static final AtomicLong SD = new AtomicLong();
  private static final AtomicLong IN = new AtomicLong();
  private static SparkContext context;

  private SparkWork() {}

  static synchronized void install(SparkContext sc) {
    if (context == sc) {
      return;
    }
    context = sc;
    sc.addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart e) {
        JOBS.incrementAndGet();
      }

      @Override
      public void onStageCompleted(SparkListenerStageCompleted e) {
        STAGES.incrementAndGet();
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd e) {
        TASKS.incrementAndGet();
        TaskMetrics m = e.taskMetrics();
        if (m == null) {
          return;
        }
        RUN.addAndGet(m.executorRunTime());
        GC.addAndGet(m.jvmGCTime());
        SW.addAndGet(m.shuffleWriteMetrics().bytesWritten());
        SR.addAndGet(m.shuffleReadMetrics().totalBytesRead());
        SM.addAndGet(m.memoryBytesSpilled());
        SD.addAndGet(m.diskBytesSpilled());
        IN.addAndGet(m.inputMetrics().bytesRead());
      }
    });
  }

  /** The totals so far, after the listener has seen every event posted until now. */
  static Totals snapshot() {
    SparkContext sc = context;
    if (sc != null) {
      try {
        sc.listenerBus().waitUntilEmpty(10_000);
      } catch (java.util.concurrent.TimeoutException e) {
        // a busy bus: the snapshot may miss the last few events
      }
    }
    return new Totals(JOBS.get(), STAGES.get(), TASKS.get(), RUN.get(), GC.get(), SW.get(), SR.get(), SM.get(),
        SD.get(), IN.get());
  }
}
