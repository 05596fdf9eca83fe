package io.fsql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

  @Test
  void goalsAreJudgedAtTheirBounds() {
    assertThat(Goal.atMost("b", "x", 3.0, 3).met()).isTrue();
    assertThat(Goal.atMost("b", "x", 3.01, 3).met()).isFalse();
    assertThat(Goal.atLeast("b", "x", 2.0, 2).met()).isTrue();
    assertThat(Goal.atLeast("b", "x", 1.99, 2).met()).isFalse();
    assertThat(Goal.atLeast("b", "x", Double.NaN, 2).met()).isFalse();
    assertThat(Goal.atLeast("b", "x", Double.NaN, 2).verdict()).isEqualTo("not measured");
    assertThat(Goal.reported("b", "x", 1.5).met()).isFalse();
    assertThat(Goal.reported("b", "x", 1.5).judged()).isFalse();
    assertThat(Goal.reported("b", "x", 1.5).verdict()).isEmpty();
    assertThat(Goal.atLeast("flight", "rows/s", 4_420_000.4, 5e6).from("issue 10").cells())
        .containsExactly("rows/s", "4,420,000", ">= 5,000,000 (issue 10)", "NO");
  }

  @Test
  void rendersEveryGoalTheLoadAndFailures() {
    List<Summary.Run> runs = List.of(
        new Summary.Run("pit", T0, T0.plusSeconds(125), new LoadMonitor.Load(3, 1.5, 2.25, 3.0),
            Goals.pit(1_000_000, series(9.1), series(0.91), series(33.1)), null),
        new Summary.Run("timetravel", T0.plusSeconds(125), T0.plusSeconds(170), new LoadMonitor.Load(1, 0.5, 0.5, 0.5),
            List.of(Goal.atMost("timetravel", "update commit, sorted/cow", 0.12, 0.3),
                Goal.reported("timetravel", "a | b\nc", 1.0)), null),
        new Summary.Run("online", T0.plusSeconds(170), T0.plusSeconds(171), new LoadMonitor.Load(0, Double.NaN,
            Double.NaN, Double.NaN), List.of(), "IllegalStateException: online: wrong lookup answers"));
    String md = Summary.render(T0, "git 9f11ae1 (clean outside tpc-style-bench/)", "2 cores",
        "tpc-style-bench/run all --quick", runs);
    assertThat(md).isEqualTo("""
        # Benchmark summary

        - date: 2026-11-29 12:00:00 UTC
        - git commit: git 9f11ae1 (clean outside tpc-style-bench/)
        - machine: 2 cores
        - command: `tpc-style-bench/run all --quick`
        - goals met: 2 of 3; ratios reported without a goal: 1
        - benchmarks that failed: online

        Each ratio as its benchmark measured it side by side in one run (details in results/<bench>.md). \
        The machine is shared: the load average says how many other processes wanted its cores meanwhile.

        ## Goals

        | bench | measured | value | goal | met |
        | --- | --- | --- | --- | --- |
        | pit | PIT join at 1,000,000 spine rows: fsql / DuckDB ASOF JOIN (time) | 10.00 | <= 3.00 (issue 13) | NO |
        | pit | PIT join at 1,000,000 spine rows: RANK() SQL on Spark / fsql (time) | 3.64 | >= 3.00 (issue 5) | yes |
        | timetravel | update commit, sorted/cow | 0.12 | <= 0.30 | yes |
        | timetravel | a \\| b c | 1.00 | none (reported) |  |
        | online | the benchmark failed: IllegalStateException: online: wrong lookup answers | n/a |  | not measured |

        ## Load during each benchmark

        | bench | started | took | 1-minute load average: min / mean / max (samples) | result |
        | --- | --- | --- | --- | --- |
        | pit | 2026-11-29 12:00:00 UTC | 2 min 5 s | 1.50 / 2.25 / 3.00 (3 samples) | ok |
        | timetravel | 2026-11-29 12:02:05 UTC | 45 s | 0.50 / 0.50 / 0.50 (1 sample) | ok |
        | online | 2026-11-29 12:02:50 UTC | 1 s | unknown | failed: IllegalStateException: online: wrong lookup answers |
        """);
  }

  @Test
  void aGoalOfABenchThatFailedIsNotMet() {
    List<Summary.Run> runs = List.of(new Summary.Run("pit", T0, T0, new LoadMonitor.Load(1, 1, 1, 1),
        Goals.pit(1000, series(1), series(1), null), null));
    String md = Summary.render(T0, "c", "m", "run all", runs);
    assertThat(md).contains("- goals met: 1 of 2 (1 not measured);")
        .contains("| pit | PIT join at 1,000 spine rows: RANK() SQL on Spark / fsql (time) | n/a | >= 3.00 (issue 5) "
            + "| not measured |");
  }

  @Test
  void theLoadMonitorSamplesUntilStopped() throws Exception {
    LoadMonitor m = new LoadMonitor(10);
    Thread.sleep(100);
    LoadMonitor.Load load = m.stop();
    assertThat(load.samples()).isGreaterThanOrEqualTo(3);
    // the mean of equal samples may differ from them in the last bit
    assertThat(load.min()).isLessThanOrEqualTo(load.mean() + 1e-9);
    assertThat(load.mean()).isLessThanOrEqualTo(load.max() + 1e-9);
    assertThat(m.stop().samples()).isEqualTo(load.samples());
  }

  /** A series of one run of {@code seconds}. */
  private static Series series(double seconds) {
    Series s = new Series("s", 1);
    s.add((long) (seconds * 1e9));
    return s;
  }
}
