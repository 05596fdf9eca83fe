package io.fsql.storage.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall-clock time of each phase of one INSERT (its Spark jobs: the validation pass, the key checks,
 * statistics, the write), logged at DEBUG when the INSERT ends: where an INSERT's time goes.
 * With the process's CPU time of each phase. Enable with logger {@code io.fsql.storage.offline.InsertPhases} at DEBUG.
 */
final class InsertPhases {
  private static final Logger LOG = LoggerFactory.getLogger(InsertPhases.class);

  private final String target;
  private final long start = System.nanoTime();
  private final List<String> phases = java.util.Collections.synchronizedList(new ArrayList<>());  // (a phase may run on another thread)

  InsertPhases(String target) {
    this.target = target;
  }

  /** Runs one phase and records how long it took. */
  <T> T time(String phase, Supplier<T> work) {
    if (!LOG.isDebugEnabled()) {
      return work.get();
    }
    long t0 = System.nanoTime();
    long cpu0 = processCpu();
    try {
      return work.get();
    } finally {
      long cpu = processCpu();
      phases.add(phase + " " + (System.nanoTime() - t0) / 1_000_000 + " ms"
          + (cpu0 < 0 || cpu < 0 ? "" : " (process CPU " + (cpu - cpu0) / 1_000_000 + " ms)"));
    }
  }

  /**
   * The JVM's CPU time in ns (-1 when unknown): with Spark in local mode the executors run in this
   * process, so a phase's difference is its jobs' CPU (plus whatever else ran meanwhile).
   */
  private static long processCpu() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  /** Logs the phases recorded so far and the total. */
  void log() {
    if (LOG.isDebugEnabled()) {
      LOG.debug("INSERT into {}: {} ms: {}", target, (System.nanoTime() - start) / 1_000_000,
          String.join(", ", List.copyOf(phases)));
    }
  }
}
