package io.fsql.planner.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fsql.planner.stats.DriftProfileJson;
import io.fsql.planner.stats.StatisticsJson;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/**
 * Stored drift profiles: their JSON read back exactly, splits combined into the profile of their
 * union, and drift from 101-quantile profiles against drift from the values' 1001 quantiles.
 */
class StoredProfileTest {

  @Test
  void numericAndCategoricalProfilesReadBackExactly() {
    String numeric = DriftProfileJson.numeric(5, List.of(-1.5, 0.0, 2.0, 1e20, 3.25));
    assertThat(numeric).isEqualTo("{\"count\": 5, \"quantiles\": [-1.5, 0, 2, 1.0E20, 3.25]}");
    DriftProfileJson.Numeric n = DriftProfileJson.readNumeric(numeric);
    assertThat(n.count()).isEqualTo(5);
    assertThat(n.quantiles()).containsExactly(-1.5, 0.0, 2.0, 1e20, 3.25);
    assertThat(DriftProfileJson.readNumeric(DriftProfileJson.numeric(0, List.of())).quantiles()).isEmpty();

    String categorical = DriftProfileJson.categorical(List.of(new StatisticsJson.ValueCount("a \"q\" \\ \u00e9\n", 7),
        new StatisticsJson.ValueCount("true", 3)), 11);
    DriftProfileJson.Categorical c = DriftProfileJson.readCategorical(categorical);
    assertThat(c.top()).containsExactly(Map.entry("a \"q\" \\ \u00e9\n", 7L), Map.entry("true", 3L));
    assertThat(c.other()).isEqualTo(11);
  }

  @Test
  void theMixtureOfSplitsIsTheProfileOfTheirUnion() {
    Random r = new Random(3);
    double[] a = DoubleStream.generate(r::nextGaussian).limit(30_000).toArray();
    double[] b = DoubleStream.generate(() -> 2 + 3 * r.nextDouble()).limit(10_000).toArray();
    double[] union = DoubleStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray();
    QuantileSketch exact = QuantileSketch.of(union, DriftProfiles.RESOLUTION);
    QuantileSketch mixed = QuantileSketch.mixture(List.of(QuantileSketch.of(a, 100), QuantileSketch.of(b, 100)),
        DriftProfiles.RESOLUTION);
    assertThat(mixed.count()).isEqualTo(40_000);
    assertThat(mixed.quantiles()[0]).isEqualTo(exact.quantiles()[0]);
    assertThat(mixed.quantiles()[DriftProfiles.RESOLUTION]).isEqualTo(exact.quantiles()[DriftProfiles.RESOLUTION]);
    // each part's cumulative distribution is within 1/100 of the values', so the mix's is too
    for (double x = -4; x <= 5; x += 0.01) {
      assertThat(mixed.cdf(x)).as("F(%s)", x).isCloseTo(exact.cdf(x), within(0.01 + 0.003));
    }
    assertThat(QuantileSketch.mixture(List.of(QuantileSketch.empty(), QuantileSketch.of(b, 100)), 1000))
        .isEqualTo(QuantileSketch.of(b, 100));
    assertThat(QuantileSketch.mixture(List.of(QuantileSketch.empty()), 1000).isEmpty()).isTrue();
    // point masses keep their weight: 3 x 1.0 and 1 x 2.0
    QuantileSketch points = QuantileSketch.mixture(List.of(QuantileSketch.of(new double[] {1, 1, 1}, 100),
        QuantileSketch.of(new double[] {2}, 100)), 100);
    assertThat(points.cdf(1.0)).isEqualTo(0.75);
    assertThat(points.cdfBelow(2.0)).isCloseTo(0.75, within(0.01));  // uniform between the last 1 and the first 2
  }

  @Test
  void driftFromHundredQuantilesAgreesWithThousand() {
    Random r = new Random(11);
    double[] ref = DoubleStream.generate(r::nextGaussian).limit(50_000).toArray();
    double[] cur = DoubleStream.generate(() -> 0.4 + 1.2 * r.nextGaussian()).limit(50_000).toArray();
    double ks = DriftMath.ks(QuantileSketch.of(ref, 1000), QuantileSketch.of(cur, 1000));
    double ksStored = DriftMath.ks(QuantileSketch.of(ref, 100), QuantileSketch.of(cur, 100));
    assertThat(ksStored).isCloseTo(ks, within(0.02));
    double psi = DriftMath.psi(QuantileSketch.of(ref, 1000), QuantileSketch.of(cur, 1000), 10);
    double psiStored = DriftMath.psi(QuantileSketch.of(ref, 100), QuantileSketch.of(cur, 100), 10);
    assertThat(psiStored).isCloseTo(psi, within(0.01 + 0.05 * psi));
    ValueCounts a = new ValueCounts(new LinkedHashMap<>(Map.of("x", 5L, "y", 3L)), 2);
    ValueCounts b = new ValueCounts(new LinkedHashMap<>(Map.of("x", 1L, "z", 4L)), 0);
    assertThat(ValueCounts.sum(List.of(a, b))).isEqualTo(new ValueCounts(Map.of("x", 6L, "y", 3L, "z", 4L), 2));
  }
}
