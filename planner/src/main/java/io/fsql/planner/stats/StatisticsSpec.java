package io.fsql.planner.stats;

import java.util.List;

/**
 * What the statistics compute, with the error of the approximate ones. Quantiles come from Spark's
 * {@code percentile_approx} with accuracy {@link #QUANTILE_ACCURACY}: the returned value's rank is
 * within {@code n / QUANTILE_ACCURACY} of the exact rank for n non-NULL values. Distinct counts come
 * from Spark's {@code approx_count_distinct} (HyperLogLog++) with relative standard deviation
 * {@link #DISTINCT_RSD}, except for strings and booleans: exact (their values are all counted for
 * the top values). Histograms ({@link #HISTOGRAM_BINS} equal-width bins between min and max,
 * the last one closed) and top values (the {@link #TOP_VALUES} most frequent, ties by value) are
 * exact.
 */
public final class StatisticsSpec {
  public static final List<Double> QUANTILES = List.of(0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99);
  public static final int QUANTILE_ACCURACY = 10_000;
  public static final double DISTINCT_RSD = 0.02;
  public static final int HISTOGRAM_BINS = 20;
  public static final int TOP_VALUES = 10;

  private StatisticsSpec() {}

  /** The name of a quantile in JSON and SHOW output: p1, p5, p25, p50, ... */
  public static String quantileName(double p) {
    double pct = p * 100;
    return "p" + (pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct));
  }

  /** The bin of {@code x} in a histogram of {@code bins} bins over [lower, upper] (as the SQL computes it). */
  public static int bin(double x, double lower, double upper, int bins) {
    if (upper <= lower) {
      return 0;
    }
    return (int) Math.min(bins - 1, Math.floor((x - lower) * bins / (upper - lower)));
  }
}
