package io.fsql.storage.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall-clock time of each phase of one INSERT (its Spark jobs: the validation pass, the key checks,
 * statistics, the write), logged at DEBUG when the INSERT ends: where an INSERT's time goes.
 * Enable with logger {@code io.fsql.storage.offline.InsertPhases} at DEBUG.
 */
final class InsertPhases {
  private static final Logger LOG = LoggerFactory.getLogger(InsertPhases.class);

  private final String target;
  private final long start = System.nanoTime();
  private final List<String> phases = new ArrayList<>();

  InsertPhases(String target) {
    this.target = target;
  }

  /** Runs one phase and records how long it took. */
  <T> T time(String phase, Supplier<T> work) {
    if (!LOG.isDebugEnabled()) {
      return work.get();
    }
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      phases.add(phase + " " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
  }

  /** Logs the phases recorded so far and the total. */
  void log() {
    if (LOG.isDebugEnabled()) {
      LOG.debug("INSERT into {}: {} ms: {}", target, (System.nanoTime() - start) / 1_000_000,
          String.join(", ", phases));
    }
  }
}
