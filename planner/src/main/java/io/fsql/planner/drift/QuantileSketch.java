package io.fsql.planner.drift;

import java.util.Arrays;
import java.util.List;

/**
 * A numeric column's distribution as {@code resolution + 1} quantiles: {@code quantiles[j]} is
 * the value at rank {@code j / resolution} (the smallest value with at least that fraction of
 * the values at or below it), so {@code quantiles[0]} is the minimum and the last is the maximum.
 * Between two distinct quantiles the distribution is taken as uniform; a run of equal quantiles
 * is a point mass. The cumulative distribution read from it is off by at most
 * {@code 1 / resolution} plus the rank error of whatever computed the quantiles.
 *
 * @param count the number of (non-null) values described; 0 for none (then no quantiles)
 */
public record QuantileSketch(long count, double[] quantiles) {

  public QuantileSketch {
    if (count > 0 && quantiles.length < 2) {
      throw new IllegalArgumentException("a sketch of values needs at least 2 quantiles");
    }
    for (int i = 1; i < quantiles.length; i++) {
      if (quantiles[i] < quantiles[i - 1]) {
        throw new IllegalArgumentException("quantiles must not decrease");
      }
    }
    quantiles = quantiles.clone();
  }

  /** The empty distribution (no values). */
  public static QuantileSketch empty() {
    return new QuantileSketch(0, new double[0]);
  }

  /** The exact quantiles of {@code values} at {@code resolution} (NaN values are not allowed). */
  public static QuantileSketch of(double[] values, int resolution) {
    if (values.length == 0) {
      return empty();
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] q = new double[resolution + 1];
    int n = sorted.length;
    for (int j = 0; j <= resolution; j++) {
      long rank = (long) Math.ceil((double) j * n / resolution);
      q[j] = sorted[(int) Math.max(0, Math.min(n - 1, rank - 1))];
    }
    return new QuantileSketch(n, q);
  }

  /**
   * The distribution of the union of several sides' values, at {@code resolution}: its cumulative
   * distribution is the count-weighted mean of theirs, which is linear between any two of their
   * quantiles, so the union's quantiles are read off it exactly (no error beyond the parts' own).
   */
  public static QuantileSketch mixture(List<QuantileSketch> parts, int resolution) {
    List<QuantileSketch> nonEmpty = parts.stream().filter(p -> !p.isEmpty()).toList();
    if (nonEmpty.isEmpty()) {
      return empty();
    }
    if (nonEmpty.size() == 1) {
      return nonEmpty.get(0);
    }
    long total = nonEmpty.stream().mapToLong(QuantileSketch::count).sum();
    double[] points = nonEmpty.stream().flatMapToDouble(p -> Arrays.stream(p.quantiles)).sorted().distinct()
        .toArray();
    double[] at = new double[points.length];
    double[] below = new double[points.length];
    for (int k = 0; k < points.length; k++) {
      for (QuantileSketch p : nonEmpty) {
        at[k] += p.count * p.cdf(points[k]) / total;
        below[k] += p.count * p.cdfBelow(points[k]) / total;
      }
    }
    double[] q = new double[resolution + 1];
    int k = 0;
    for (int j = 0; j <= resolution; j++) {
      double rank = (double) j / resolution;
      while (k < points.length - 1 && at[k] < rank - 1e-12) {
        k++;
      }
      if (j == 0 || k == 0 || below[k] < rank - 1e-12 || below[k] <= at[k - 1]) {
        q[j] = points[k];  // reached at points[k] itself (a point mass there, or the last point)
      } else {  // reached on the line from (points[k-1], at[k-1]) to (points[k], below[k])
        double x = points[k - 1] + (rank - at[k - 1]) / (below[k] - at[k - 1]) * (points[k] - points[k - 1]);
        q[j] = Math.max(points[k - 1], Math.min(points[k], x));
      }
      if (j > 0 && q[j] < q[j - 1]) {
        q[j] = q[j - 1];
      }
    }
    return new QuantileSketch(total, q);
  }

  /**
   * This distribution at a coarser {@code resolution} that divides this one's (every k-th
   * quantile), or itself when it is not finer. Two sides compared at the same resolution describe
   * the same values the same way: equal data gives equal sketches, so no drift at all.
   */
  public QuantileSketch coarsen(int resolution) {
    int g = resolution();
    if (isEmpty() || resolution >= g || g % resolution != 0) {
      return this;
    }
    int step = g / resolution;
    double[] q = new double[resolution + 1];
    for (int j = 0; j <= resolution; j++) {
      q[j] = quantiles[j * step];
    }
    return new QuantileSketch(count, q);
  }

  /** The number of steps between quantiles. */
  public int resolution() {
    return quantiles.length - 1;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** The value at rank {@code p} in [0, 1] (the nearest stored quantile). */
  public double quantile(double p) {
    int g = resolution();
    return quantiles[(int) Math.max(0, Math.min(g, Math.round(p * g)))];
  }

  /** The fraction of values at or below {@code x}. */
  public double cdf(double x) {
    int g = resolution();
    if (x < quantiles[0]) {
      return 0;
    }
    if (x >= quantiles[g]) {
      return 1;
    }
    int j = lastAtOrBelow(x);  // j < g and quantiles[j] <= x < quantiles[g]
    return interpolate(j, x);
  }

  /** The fraction of values strictly below {@code x}. */
  public double cdfBelow(double x) {
    int g = resolution();
    if (x <= quantiles[0]) {
      return 0;
    }
    if (x > quantiles[g]) {
      return 1;
    }
    int j = lastBelow(x);  // quantiles[j] < x <= quantiles[j + 1]
    return interpolate(j, x);
  }

  private double interpolate(int j, double x) {
    double lo = quantiles[j];
    double hi = quantiles[j + 1];
    double within = hi > lo ? (x - lo) / (hi - lo) : 0;
    return (j + within) / resolution();
  }

  private int lastAtOrBelow(double x) {
    int lo = 0;
    int hi = quantiles.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (quantiles[mid] <= x) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private int lastBelow(double x) {
    int lo = 0;
    int hi = quantiles.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (quantiles[mid] < x) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantileSketch s && s.count == count && Arrays.equals(s.quantiles, quantiles);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Arrays.hashCode(quantiles);
  }

  @Override
  public String toString() {
    return "QuantileSketch[count=" + count + ", resolution=" + (quantiles.length - 1) + "]";
  }
}
