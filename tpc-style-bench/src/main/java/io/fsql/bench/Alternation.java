package io.fsql.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs contenders side by side: round after round, each contender once per round, the order
 * rotated every round (A B, B A, A B, ... for two; A B C, B C A, C A B, ... for three), so that
 * drift (JIT, caches, disk, GC) spreads evenly. The first rounds are warm-up and are discarded.
 */
final class Alternation {
  private Alternation() {}

  /** One timed run: returns the nanoseconds it measured (setup outside the timer is allowed). */
  @FunctionalInterface
  interface Timed {
    long run(int round) throws Exception;
  }

  record Contender(Series series, Timed task) {}

  static void rounds(String bench, int warmups, int runs, List<Contender> contenders) throws Exception {
    rounds(bench, warmups, runs, contenders, Report.Scale.SECONDS);
  }

  /** As above; progress lines show values in {@code scale}. */
  static void rounds(String bench, int warmups, int runs, List<Contender> contenders, Report.Scale scale)
      throws Exception {
    rounds(bench, warmups, runs, contenders, scale, 0);
  }

  /**
   * As above, each run starting {@code settleMillis} after its System.gc() and a {@code sync}
   * (the operating system writes out the files written so far): for contenders that leave work
   * behind them (Spark's context cleaner deletes a big job's shuffle files and broadcasts in the
   * background once the collection has freed their references; the kernel writes a big job's
   * shuffle files back to disk seconds later), which would otherwise land in the next contender's
   * timed run.
   */
  static void rounds(String bench, int warmups, int runs, List<Contender> contenders, Report.Scale scale,
      long settleMillis) throws Exception {
    rounds(bench, warmups, runs, contenders, scale, settleMillis, false);
  }

  /**
   * As above; {@code primed}: each run is preceded by an untimed run of the same contender (its
   * task called with round -1), after the same System.gc(), sync and pause. For contenders that share
   * a JVM and disturb each other's compiled code: a run then measures its engine with its own code
   * compiled, not recompiling what the previous contender's run deoptimised.
   */
  static void rounds(String bench, int warmups, int runs, List<Contender> contenders, Report.Scale scale,
      long settleMillis, boolean primed) throws Exception {
    int k = contenders.size();
    for (int r = 0; r < warmups + runs; r++) {
      List<Contender> order = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        order.add(contenders.get((i + r) % k));
      }
      boolean warm = r < warmups;
      for (Contender c : order) {
        if (primed) {
          settle(settleMillis);
          long primer = c.task().run(-1);
          Log.info(bench, "primer of " + c.series().name + " (untimed): " + scale.of(primer) + " " + scale.unit);
        }
        settle(settleMillis);
        long ns = c.task().run(r);
        if (warm) {
          c.series().addWarmup(ns);
        } else {
          c.series().add(ns);
        }
        Log.info(bench, (warm ? "warm-up " + (r + 1) + "/" + warmups : "run " + (r - warmups + 1) + "/" + runs)
            + " " + c.series().name + ": " + scale.of(ns) + " " + scale.unit);
      }
    }
  }

  /** A System.gc(), then (when {@code settleMillis} > 0) a sync and a pause of that many ms. */
  private static void settle(long settleMillis) throws InterruptedException {
    System.gc();
    if (settleMillis > 0) {
      flushWrites();
      Thread.sleep(settleMillis);
    }
  }

  private static boolean syncFailed;

  /** Runs {@code sync} (at most 60 s); where it cannot run, says so once and goes on without it. */
  static void flushWrites() throws InterruptedException {
    if (syncFailed) {
      return;
    }
    try {
      Process p = new ProcessBuilder("sync").redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new java.io.IOException("sync ran longer than 60 s");
      }
    } catch (java.io.IOException e) {
      syncFailed = true;
      Log.info("bench", "could not run sync between runs (" + e.getMessage() + "); going on without it");
    }
  }

  /** Times a task, in nanoseconds. */
  static long time(ThrowingRunnable task) throws Exception {
    long t0 = System.nanoTime();
    task.run();
    return System.nanoTime() - t0;
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
