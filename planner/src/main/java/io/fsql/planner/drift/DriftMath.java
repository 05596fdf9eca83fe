package io.fsql.planner.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift measures, pure functions of two sides' distributions.
 *
 * <ul>
 *   <li>PSI (population stability index) over bins whose edges are the reference side's
 *       quantiles: {@code sum (c_i - r_i) * ln(c_i / r_i)} over the bins' fractions, a fraction
 *       below {@link #EMPTY_BIN_EPSILON} counted as that epsilon (so an empty bin adds a large
 *       but finite term).
 *   <li>Kolmogorov-Smirnov statistic: the greatest distance between the two cumulative
 *       distributions.
 *   <li>Jensen-Shannon distance: the square root of the Jensen-Shannon divergence with base-2
 *       logarithms, so in [0, 1] (0 for equal frequencies, 1 for disjoint values).
 * </ul>
 */
public final class DriftMath {

  /** The fraction an empty (or nearly empty) PSI bin counts as. */
  public static final double EMPTY_BIN_EPSILON = 1e-4;

  private static final double LN2 = Math.log(2);

  private DriftMath() {}

  /** PSI of two sides' bin fractions (same bins, each summing to 1). */
  public static double psi(double[] reference, double[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException("both sides need the same bins");
    }
    double sum = 0;
    for (int i = 0; i < reference.length; i++) {
      double r = Math.max(reference[i], EMPTY_BIN_EPSILON);
      double c = Math.max(current[i], EMPTY_BIN_EPSILON);
      sum += (c - r) * Math.log(c / r);
    }
    return sum;
  }

  /**
   * The inner edges of {@code bins} bins of equal reference mass: the reference's quantiles at
   * 1/bins, ..., (bins-1)/bins, with repeated values kept once (a point mass makes one bin of
   * what would be several).
   */
  public static double[] binEdges(QuantileSketch reference, int bins) {
    List<Double> edges = new ArrayList<>();
    for (int i = 1; i < bins; i++) {
      double e = reference.quantile((double) i / bins);
      if (edges.isEmpty() || e > edges.get(edges.size() - 1)) {
        edges.add(e);
      }
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The fraction of a side in each bin (-inf, e1], (e1, e2], ..., (e_last, +inf). */
  public static double[] binFractions(QuantileSketch side, double[] edges) {
    double[] f = new double[edges.length + 1];
    double below = 0;
    for (int i = 0; i < edges.length; i++) {
      double at = side.cdf(edges[i]);
      f[i] = at - below;
      below = at;
    }
    f[edges.length] = 1 - below;
    return f;
  }

  /** PSI of the current side against the reference, over {@code bins} reference-quantile bins. */
  public static double psi(QuantileSketch reference, QuantileSketch current, int bins) {
    double[] edges = binEdges(reference, bins);
    return psi(binFractions(reference, edges), binFractions(current, edges));
  }

  /**
   * The Kolmogorov-Smirnov statistic of two sketches: the greatest distance between their
   * cumulative distributions, looked for at every quantile of both (on and just below each,
   * since both are linear in between).
   */
  public static double ks(QuantileSketch a, QuantileSketch b) {
    double d = 0;
    for (QuantileSketch s : List.of(a, b)) {
      for (double x : s.quantiles()) {
        d = Math.max(d, Math.abs(a.cdf(x) - b.cdf(x)));
        d = Math.max(d, Math.abs(a.cdfBelow(x) - b.cdfBelow(x)));
      }
    }
    return d;
  }

  /**
   * The Jensen-Shannon distance (base 2) of two value-frequency tables: their top values plus
   * one "other" category each. A value in one side's top but not in the other's counts 0 on
   * that side (it is in that side's "other"), which is exact when each side has at most
   * {@link DriftProfiles#TOP_VALUES} distinct values.
   */
  public static double jsDistance(ValueCounts a, ValueCounts b) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    a.top().forEach((v, n) -> counts.computeIfAbsent(v, k -> new long[2])[0] += n);
    b.top().forEach((v, n) -> counts.computeIfAbsent(v, k -> new long[2])[1] += n);
    // "other" is a category of its own, kept apart from any value that might be spelled alike
    counts.put(null, new long[] {a.other(), b.other()});
    double ta = a.total();
    double tb = b.total();
    double sum = 0;
    for (long[] n : counts.values()) {
      double p = ta == 0 ? 0 : n[0] / ta;
      double q = tb == 0 ? 0 : n[1] / tb;
      double m = (p + q) / 2;
      if (p > 0) {
        sum += 0.5 * p * Math.log(p / m) / LN2;
      }
      if (q > 0) {
        sum += 0.5 * q * Math.log(q / m) / LN2;
      }
    }
    return Math.sqrt(Math.max(0, Math.min(1, sum)));
  }
}
