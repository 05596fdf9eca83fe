package io.fsql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the machine's 1-minute load average (/proc/loadavg) every few seconds while a benchmark
 * runs, on a daemon thread, so the summary can say how busy the shared machine was during it.
 */
final class LoadMonitor implements AutoCloseable {
  /** The samples of one period: min, mean and max of the 1-minute load average. */
  record Load(int samples, double min, double mean, double max) {
    static Load of(List<Double> values) {
      if (values.isEmpty()) {
        return new Load(0, Double.NaN, Double.NaN, Double.NaN);
      }
      double sum = 0;
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (double v : values) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      return new Load(values.size(), min, sum / values.size(), max);
    }

    String text() {
      return samples == 0 ? "unknown" : Report.fmt(min, 2) + " / " + Report.fmt(mean, 2) + " / " + Report.fmt(max, 2)
          + " (" + samples + (samples == 1 ? " sample)" : " samples)");
    }
  }

  private final List<Double> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  LoadMonitor(long periodMillis) {
    sample();
    thread = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(periodMillis);
        } catch (InterruptedException e) {
          return;
        }
        sample();
      }
    }, "bench-load-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    try {
      double v = Double.parseDouble(Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+")[0]);
      synchronized (samples) {
        samples.add(v);
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no samples
    }
  }

  /** Stops sampling (one last sample) and returns what was seen. */
  Load stop() {
    if (running) {
      running = false;
      thread.interrupt();
      sample();
    }
    synchronized (samples) {
      return Load.of(new ArrayList<>(samples));
    }
  }

  @Override
  public void close() {
    stop();
  }
}
