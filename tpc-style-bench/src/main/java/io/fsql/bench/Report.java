package io.fsql.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A benchmark's Markdown report: the machine, the date, the parameters, then tables. Printed to
 * stdout and written to results/&lt;bench&gt;.md (results/&lt;bench&gt;-quick.md with --quick).
 */
final class Report {
  /** How to show times. */
  enum Scale {
    SECONDS("s", 1e9, 3), MILLIS("ms", 1e6, 1), MICROS("µs", 1e3, 2);

    final String unit;
    final double ns;
    final int decimals;

    Scale(String unit, double ns, int decimals) {
      this.unit = unit;
      this.ns = ns;
      this.decimals = decimals;
    }

    String of(double nanos) {
      return fmt(nanos / ns, decimals);
    }
  }

  /**
   * One row of a timings table: a measurement and its baseline (null for a baseline itself).
   * The ratio is median time / baseline median time, or (throughputRatio) throughput / baseline
   * throughput.
   */
  record Line(String label, Series series, Series baseline, boolean throughputRatio) {
    static Line of(String label, Series series, Series baseline) {
      return new Line(label, series, baseline, false);
    }
  }

  private final Options options;
  private final StringBuilder md = new StringBuilder();

  Report(Options options, String title) {
    this.options = options;
    md.append("# ").append(title).append("\n\n");
    md.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
    md.append("- machine: ").append(Machine.describe()).append('\n');
    md.append("- JVM: ").append(Machine.jvm()).append('\n');
    md.append("- load average (1/5/15 min) at start: ").append(Machine.load())
        .append(" (the machine is shared: other engineers' builds and tests run on the same cores)\n");
    md.append("- engine: ").append(Machine.engineVersion()).append('\n');
    md.append("- command: `tpc-style-bench/run ").append(options.bench)
        .append(options.quick ? " --quick" : "")
        .append(options.rowsSet ? " --rows " + options.rows : "")
        .append(options.runs != null ? " --runs " + options.runs : "")
        .append(options.warmups != null ? " --warmups " + options.warmups : "")
        .append(options.jmh != null ? (options.jmh ? " --jmh" : " --no-jmh") : "")
        .append(options.sizes != null ? " --sizes " + (options.sizes.isEmpty() ? "none"
            : options.sizes.stream().map(String::valueOf).collect(Collectors.joining(","))) : "")
        .append(options.rankLimitMinutes != 20 ? " --rank-limit " + options.rankLimitMinutes : "")
        .append(options.lookups != null ? " --lookups " + options.lookups : "")
        .append(options.scale != null ? " --scale " + options.scale : "")
        .append("`\n");
  }

  Report param(String name, Object value) {
    md.append("- ").append(name).append(": ").append(value).append('\n');
    return this;
  }

  Report section(String heading) {
    md.append("\n## ").append(heading).append("\n\n");
    return this;
  }

  Report text(String text) {
    md.append(text).append("\n\n");
    return this;
  }

  Report table(List<String> header, List<List<String>> rows) {
    md.append("| ").append(String.join(" | ", header)).append(" |\n");
    md.append("|").append(header.stream().map(h -> " --- ").collect(Collectors.joining("|"))).append("|\n");
    for (List<String> r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    md.append('\n');
    return this;
  }

  /** A table of measurements: runs, median, min, max, throughput and the ratio to the baseline. */
  Report timings(List<Line> lines, Scale scale, String throughputUnit, String ratioHeader) {
    List<List<String>> rows = new ArrayList<>();
    for (Line l : lines) {
      Series s = l.series();
      Series b = l.baseline();
      String ratio;
      String paired;
      if (b == null) {
        ratio = "baseline";
        paired = "";
      } else {
        ratio = fmt(l.throughputRatio() ? s.throughput() / b.throughput() : s.median() / b.median(), 2);
        paired = "";
        if (s.runs() == b.runs() && s.runs() > 0) {
          // Round i of a measurement ran next to round i of its baseline: the ratio within each round.
          List<Double> per = new ArrayList<>();
          for (int i = 0; i < s.runs(); i++) {
            double t = (double) s.values().get(i) / b.values().get(i);
            per.add(l.throughputRatio() ? 1 / t : t);
          }
          List<Double> sorted = new ArrayList<>(per);
          java.util.Collections.sort(sorted);
          int n = sorted.size();
          double med = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
          paired = fmt(med, 2) + " (" + per.stream().map(v -> fmt(v, 2)).collect(Collectors.joining(", ")) + ")";
        }
      }
      rows.add(List.of(l.label(), Integer.toString(s.runs()), scale.of(s.median()), scale.of(s.min()),
          scale.of(s.max()), grouped(s.throughput()), ratio, paired,
          s.values().stream().map(v -> scale.of(v)).collect(Collectors.joining(", "))));
    }
    return table(List.of("measurement", "runs", "median (" + scale.unit + ")", "min (" + scale.unit + ")",
        "max (" + scale.unit + ")", throughputUnit, ratioHeader + " (of medians)",
        "same ratio within each round: median (rounds)", "all runs (" + scale.unit + ")"), rows);
  }

  /** Prints the report to stdout and writes it to its results file. */
  Path finish() throws IOException {
    md.append("Load average (1/5/15 min) at the end: ").append(Machine.load()).append(".\n");
    String text = md.toString();
    System.out.print(text);
    System.out.flush();
    Path file = options.resultFile();
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  static String fmt(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  /** A rate with thousands separators and no decimals (or 2 significant decimals below 100). */
  static String grouped(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  static String bytes(long b) {
    if (b < 1024) {
      return b + " B";
    }
    if (b < 1024 * 1024) {
      return fmt(b / 1024.0, 1) + " KiB";
    }
    if (b < 1024L * 1024 * 1024) {
      return fmt(b / 1024.0 / 1024.0, 1) + " MiB";
    }
    return fmt(b / 1024.0 / 1024.0 / 1024.0, 2) + " GiB";
  }

  static String seconds(long nanos) {
    return fmt(nanos / 1e9, 2) + " s";
  }

  static String elapsed(long startNanos) {
    return fmt(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) / 1000.0, 1) + " s";
  }
}
