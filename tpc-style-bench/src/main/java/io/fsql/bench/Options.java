package io.fsql.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code io.fsql.bench.Main <bench> [options]}:
 *
 * <pre>
 *   --rows N      rows of the generated data (default 1,000,000)
 *   --runs N      measured runs of every measurement (default per benchmark)
 *   --warmups N   warm-up runs, discarded (default per benchmark)
 *   --quick       smoke-test size: 20,000 rows, 2 runs, 1 warm-up, short parse iterations
 *   --jmh / --no-jmh   also run the parse benchmark under JMH (default: on, off with --quick)
 *   --sizes N,N   pit: the other sizes of its growth table, smaller or larger than --rows (default
 *                 rows/10 and 3*rows/10; none with --quick; "none" for none)
 *   --rank-limit M  pit: minutes one run of the RANK() baseline may take before it is cancelled
 *                 (default 20)
 *   --lookups N   online: single-key lookups per measured run (default 20,000; 5,000 with --quick);
 *                 a run of IN-lists does N/20 lists of 100 keys
 *   --scale F     tpch: the TPC-H scale factor (default 0.1; 0.01 with --quick)
 * </pre>
 */
final class Options {
  final String bench;
  final List<String> extra = new ArrayList<>();
  long rows = 1_000_000;
  boolean rowsSet;
  Integer runs;
  Integer warmups;
  boolean quick;
  Boolean jmh;
  /** pit: the sizes of the growth table (null: the default). */
  List<Long> sizes;
  /** pit: the time limit of one RANK() baseline run, in minutes. */
  double rankLimitMinutes = 20;
  /** online: single-key lookups per run (null: the default). */
  Integer lookups;
  /** tpch: the TPC-H scale factor (null: the default). */
  Double scale;

  private Options(String bench) {
    this.bench = bench;
  }

  static Options parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("no benchmark given");
    }
    Options o = new Options(args[0]);
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--rows" -> {
          o.rows = number(a, value(args, ++i, a));
          o.rowsSet = true;
        }
        case "--runs" -> o.runs = (int) number(a, value(args, ++i, a));
        case "--warmups" -> o.warmups = (int) number(a, value(args, ++i, a));
        case "--quick" -> o.quick = true;
        case "--jmh" -> o.jmh = true;
        case "--no-jmh" -> o.jmh = false;
        case "--sizes" -> {
          String v = value(args, ++i, a);
          o.sizes = new ArrayList<>();
          if (!v.equals("none")) {
            for (String n : v.split(",")) { // a list: use _ (not ,) as thousands separator here
              o.sizes.add(number(a, n));
            }
          }
        }
        case "--rank-limit" -> {
          try {
            o.rankLimitMinutes = Double.parseDouble(value(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rank-limit needs a number of minutes");
          }
        }
        case "--lookups" -> o.lookups = (int) number(a, value(args, ++i, a));
        case "--scale" -> {
          try {
            o.scale = Double.parseDouble(value(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scale needs a number (a TPC-H scale factor, e.g. 0.1)");
          }
          if (!(o.scale > 0) || o.scale > 10) {
            throw new IllegalArgumentException("--scale must be above 0 and at most 10");
          }
        }
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          o.extra.add(a);
        }
      }
    }
    if (o.quick && !o.rowsSet) {
      o.rows = 20_000;
    }
    if (o.rows < 1000) {
      throw new IllegalArgumentException("--rows must be at least 1000");
    }
    if (o.sizes != null && o.sizes.stream().anyMatch(n -> n < 1000)) {
      throw new IllegalArgumentException("--sizes must be at least 1000 each (separate them with commas, "
          + "write thousands with _)");
    }
    if (!(o.rankLimitMinutes > 0)) {
      throw new IllegalArgumentException("--rank-limit must be a positive number of minutes");
    }
    if (o.lookups != null && o.lookups < 160) {
      throw new IllegalArgumentException("--lookups must be at least 160 (a run of IN-lists does lookups/20 lists "
          + "over 8 threads)");
    }
    if (o.runs != null && o.runs < 1 || o.warmups != null && o.warmups < 0) {
      throw new IllegalArgumentException("--runs must be at least 1 and --warmups at least 0");
    }
    return o;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static long number(String option, String v) {
    try {
      return Long.parseLong(v.replace(",", "").replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, not " + v);
    }
  }

  /** Measured runs: --runs, else 2 with --quick, else the benchmark's default. */
  int runs(int normal) {
    return runs != null ? runs : quick ? 2 : normal;
  }

  /** Warm-up runs: --warmups, else 1 with --quick, else the benchmark's default. */
  int warmups(int normal) {
    return warmups != null ? warmups : quick ? 1 : normal;
  }

  boolean jmh() {
    return jmh != null ? jmh : !quick;
  }

  /** tpc-style-bench/: -Dbench.dir (set by the run script), else the working directory. */
  static Path benchDir() {
    String dir = System.getProperty("bench.dir");
    Path p = dir != null ? Paths.get(dir) : Paths.get("").toAbsolutePath();
    if (dir == null && Files.isDirectory(p.resolve("tpc-style-bench"))) {
      p = p.resolve("tpc-style-bench");
    }
    return p.toAbsolutePath().normalize();
  }

  /** The fsql repository: -Dbench.root (set by the run script), else the parent of tpc-style-bench/. */
  static Path repoRoot() {
    String root = System.getProperty("bench.root");
    return root != null ? Paths.get(root).toAbsolutePath().normalize() : benchDir().getParent();
  }

  static Path dataDir() {
    return benchDir().resolve("data");
  }

  /** The results file: results/<bench>.md, or results/<bench>-quick.md for a --quick run. */
  Path resultFile() {
    return benchDir().resolve("results").resolve(bench + (quick ? "-quick" : "") + ".md");
  }

  String describe() {
    return "--rows " + rows + (runs != null ? " --runs " + runs : "")
        + (warmups != null ? " --warmups " + warmups : "") + (quick ? " --quick" : "");
  }
}
