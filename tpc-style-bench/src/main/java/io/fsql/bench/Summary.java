package io.fsql.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * results/SUMMARY.md of {@code tpc-style-bench/run all}: every ratio the benchmarks report with its
 * goal and whether it is met, the run's date and git commit, and the machine's load during each
 * benchmark. Rendered from the {@link Goal}s the benchmarks return, never from their Markdown.
 */
final class Summary {
  private Summary() {}

  /** One benchmark of the run: when it ran, the load meanwhile, its goals, or why it failed (null if it did not). */
  record Run(String bench, Instant start, Instant end, LoadMonitor.Load load, List<Goal> goals, String failure) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  static String render(Instant date, String commit, String machine, String command, List<Run> runs) {
    List<Goal> all = runs.stream().flatMap(r -> r.goals().stream()).toList();
    long judged = all.stream().filter(Goal::judged).count();
    long met = all.stream().filter(Goal::met).count();
    long unmeasured = all.stream().filter(g -> g.judged() && !g.measured()).count();
    List<String> failed = runs.stream().filter(r -> r.failure() != null).map(Run::bench).toList();
    StringBuilder md = new StringBuilder("# Benchmark summary\n\n");
    md.append("- date: ").append(TIME.format(date)).append('\n');
    md.append("- git commit: ").append(commit).append('\n');
    md.append("- machine: ").append(machine).append('\n');
    md.append("- command: `").append(command).append("`\n");
    md.append("- goals met: ").append(met).append(" of ").append(judged)
        .append(unmeasured > 0 ? " (" + unmeasured + " not measured)" : "")
        .append("; ratios reported without a goal: ").append(all.size() - judged).append('\n');
    md.append("- benchmarks that failed: ").append(failed.isEmpty() ? "none" : String.join(", ", failed)).append('\n');
    md.append("\nEach ratio as its benchmark measured it side by side in one run (details in results/<bench>.md). "
        + "The machine is shared: the load average says how many other processes wanted its cores meanwhile.\n");

    md.append("\n## Goals\n\n");
    md.append("| bench | measured | value | goal | met |\n| --- | --- | --- | --- | --- |\n");
    for (Run r : runs) {
      if (r.failure() != null && r.goals().isEmpty()) {
        md.append("| ").append(r.bench()).append(" | the benchmark failed: ").append(cell(r.failure()))
            .append(" | n/a |  | not measured |\n");
      }
      for (Goal g : r.goals()) {
        List<String> c = g.cells();
        md.append("| ").append(r.bench()).append(" | ").append(cell(c.get(0))).append(" | ").append(c.get(1))
            .append(" | ").append(c.get(2)).append(" | ").append(c.get(3)).append(" |\n");
      }
    }

    md.append("\n## Load during each benchmark\n\n");
    md.append("| bench | started | took | 1-minute load average: min / mean / max (samples) | result |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    for (Run r : runs) {
      md.append("| ").append(r.bench()).append(" | ").append(TIME.format(r.start())).append(" | ")
          .append(took(Duration.between(r.start(), r.end()))).append(" | ").append(r.load().text()).append(" | ")
          .append(r.failure() == null ? "ok" : "failed: " + cell(r.failure())).append(" |\n");
    }
    return md.toString();
  }

  private static String took(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
  }

  /** Text fit for one Markdown table cell: one line, no column separator. */
  private static String cell(String s) {
    String one = s.replace("\r", " ").replace('\n', ' ').replace("|", "\\|");
    return one.length() > 300 ? one.substring(0, 297) + "..." : one;
  }
}
