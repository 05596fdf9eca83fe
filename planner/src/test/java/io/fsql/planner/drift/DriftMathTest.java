package io.fsql.planner.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * PSI, KS and Jensen-Shannon against values computed by hand (closed forms of known
 * distributions, sampled exactly at stratified ranks so that the samples are the distributions).
 */
class DriftMathTest {
  private static final int N = 100_000;
  private static final int G = DriftProfiles.RESOLUTION;

  /** N values of the distribution with inverse cumulative distribution {@code inverse}. */
  private static QuantileSketch sample(DoubleUnaryOperator inverse) {
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      v[i] = inverse.applyAsDouble((i + 0.5) / N);
    }
    return QuantileSketch.of(v, G);
  }

  @Test
  void psiOfBinFractions() {
    // (0.25-0.5) ln(0.25/0.5) + (0.75-0.5) ln(0.75/0.5)
    assertThat(DriftMath.psi(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}))
        .isCloseTo(0.2746530721670274, within(1e-12));
    // an empty bin counts as the epsilon: (1e-4 - 0.5) ln(1e-4 / 0.5) + (1 - 0.5) ln(1 / 0.5)
    assertThat(DriftMath.psi(new double[] {0.5, 0.5}, new double[] {0, 1}))
        .isCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), within(1e-12));
  }

  @Test
  void uniformShiftedByAFifth() {
    QuantileSketch ref = sample(u -> u);          // U(0, 1)
    QuantileSketch cur = sample(u -> u + 0.2);    // U(0.2, 1.2)
    // KS: F_ref(x) - F_cur(x) = 0.2 on [0.2, 1]
    assertThat(DriftMath.ks(ref, cur)).isCloseTo(0.2, within(0.002));
    // deciles of U(0,1): the current side has nothing in the first two bins, 0.1 in each of the
    // next seven and 0.3 in the last: 2 (eps - 0.1) ln(eps / 0.1) + (0.3 - 0.1) ln 3
    assertThat(DriftMath.psi(ref, cur, 10)).isCloseTo(1.5998919624742531, within(0.01));
  }

  @Test
  void exponentialWithTwiceTheRate() {
    QuantileSketch ref = sample(u -> -Math.log(1 - u));        // Exp(1)
    QuantileSketch cur = sample(u -> -Math.log(1 - u) / 2);    // Exp(2)
    // sup_x e^-x - e^-2x = 1/4 at x = ln 2
    assertThat(DriftMath.ks(ref, cur)).isCloseTo(0.25, within(0.002));
    // the current side's mass in Exp(1)'s decile bins: (1-(i-1)/10)^2 - (1-i/10)^2
    double expected = 0;
    for (int i = 1; i <= 10; i++) {
      double c = Math.pow(1 - (i - 1) / 10.0, 2) - Math.pow(1 - i / 10.0, 2);
      expected += (c - 0.1) * Math.log(c / 0.1);
    }
    assertThat(expected).isCloseTo(0.4619300796423608, within(1e-12));
    assertThat(DriftMath.psi(ref, cur, 10)).isCloseTo(expected, within(0.005));
  }

  @Test
  void identicalDataHasNoDrift() {
    QuantileSketch a = sample(u -> 3 * u * u);
    QuantileSketch b = sample(u -> 3 * u * u);
    assertThat(DriftMath.ks(a, b)).isEqualTo(0.0);
    assertThat(DriftMath.psi(a, b, 10)).isEqualTo(0.0);
  }

  @Test
  void pointMassesMergeBins() {
    // 70% zeros and 30% ones against half and half: the deciles are 0 (x7) and 1 (x2), so
    // the bins are (-inf, 0], (0, 1], (1, inf)
    QuantileSketch ref = sample(u -> u < 0.7 ? 0 : 1);
    QuantileSketch cur = sample(u -> u < 0.5 ? 0 : 1);
    assertThat(DriftMath.binEdges(ref, 10)).containsExactly(0.0, 1.0);
    assertThat(DriftMath.binFractions(ref, DriftMath.binEdges(ref, 10)))
        .containsExactly(new double[] {0.7, 0.3, 0.0}, within(1e-9));
    assertThat(DriftMath.ks(ref, cur)).isCloseTo(0.2, within(1e-9));
    // (0.5-0.7) ln(5/7) + (0.5-0.3) ln(5/3); the empty last bin adds 0
    assertThat(DriftMath.psi(ref, cur, 10)).isCloseTo(0.16945957207744072, within(1e-9));
  }

  @Test
  void sketchCumulativeDistribution() {
    QuantileSketch s = QuantileSketch.of(new double[] {1, 2, 2, 3}, 4);
    assertThat(s.quantiles()).containsExactly(1, 1, 2, 2, 3);
    assertThat(s.cdf(0.5)).isEqualTo(0);
    assertThat(s.cdf(2)).isEqualTo(0.75);
    // the model spreads ranks 1/4..2/4 uniformly over (1, 2]: off by at most 1/resolution
    assertThat(s.cdfBelow(2)).isEqualTo(0.5);
    assertThat(s.cdf(1.5)).isEqualTo(0.375);
    assertThat(s.cdf(3)).isEqualTo(1);
    assertThat(s.cdf(2.5)).isEqualTo(0.875);
  }

  @Test
  void jensenShannonOfKnownFrequencies() {
    // P = (1/2, 1/2), Q = (1, 0): M = (3/4, 1/4),
    // JSD = 1/2 [1/2 log2(2/3) + 1/2 log2 2] + 1/2 [log2(4/3)] = 0.311278..., distance = sqrt
    ValueCounts p = counts(Map.of("a", 50L, "b", 50L), 0);
    ValueCounts q = counts(Map.of("a", 7L), 0);
    assertThat(DriftMath.jsDistance(p, q)).isCloseTo(Math.sqrt(0.31127812445913283), within(1e-12));
    assertThat(DriftMath.jsDistance(p, counts(Map.of("a", 3L, "b", 3L), 0))).isEqualTo(0.0);
    assertThat(DriftMath.jsDistance(counts(Map.of("a", 1L), 0), counts(Map.of("b", 1L), 0)))
        .isCloseTo(1.0, within(1e-12));
    // "other" is one more category: (a 1/2, other 1/2) against (a 1)
    assertThat(DriftMath.jsDistance(counts(Map.of("a", 5L), 5), counts(Map.of("a", 2L), 0)))
        .isCloseTo(Math.sqrt(0.31127812445913283), within(1e-12));
  }

  private static ValueCounts counts(Map<String, Long> top, long other) {
    return new ValueCounts(new LinkedHashMap<>(top), other);
  }
}
