package io.fsql.bench;

import io.fsql.sql.parser.FsqlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * parse: statements per second over the 22 TPC-H queries, fsql's ANTLR parser
 * ({@code new FsqlParser().parseQuery(sql)}) against Calcite's own parser
 * ({@code SqlParser.create(sql, config).parseQuery()}), in the same JVM.
 *
 * <p>One run of a parser is a time-bounded loop of passes over the 22 queries (1 s, 0.2 s with
 * --quick); its value is the time per statement. Runs alternate between the parsers (A B, B A,
 * ...) after warm-up rounds that are discarded. Then the same per query, and (unless --no-jmh)
 * the whole under JMH as a cross-check.
 */
final class ParseBench {
  private ParseBench() {}

  @FunctionalInterface
  interface Parser {
    SqlNode parse(String sql) throws Exception;
  }

  /** Keeps the parse trees observable, so that no work can be optimized away. */
  static volatile long sink;

  /** Parses the queries in passes until {@code seconds} elapsed; returns ns per statement. */
  static long perStatement(Parser parser, List<String> queries, double seconds) throws Exception {
    long budget = (long) (seconds * 1e9);
    long statements = 0;
    long acc = 0;
    long t0 = System.nanoTime();
    long elapsed;
    do {
      for (String q : queries) {
        SqlNode n = parser.parse(q);
        acc += n.getKind().ordinal();
      }
      statements += queries.size();
      elapsed = System.nanoTime() - t0;
    } while (elapsed < budget);
    sink += acc;
    return Math.round((double) elapsed / statements);
  }

  static List<Goal> run(Options o) throws Exception {
    long start = System.nanoTime();
    List<String> queries = Tpch.queries();
    FsqlParser fsqlParser = new FsqlParser();
    Parser fsql = fsqlParser::parseQuery;
    Parser calcite = Tpch::calcite;
    // The JIT needs ~30 s on 2 busy cores before both parsers are steady (measured): 20 rounds.
    int warmups = o.warmups(20);
    int runs = o.runs(10);
    double seconds = o.quick ? 0.2 : 1.0;
    int chars = queries.stream().mapToInt(String::length).sum();

    // Both parsers must accept all 22 queries; fsql promises the same tree as Calcite's.
    List<String> different = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      SqlNode a = fsql.parse(queries.get(i));
      SqlNode b = calcite.parse(queries.get(i));
      if (!a.equalsDeep(b, Litmus.IGNORE)) {
        different.add(String.format("q%02d", i + 1));
      }
    }

    Report report = new Report(o, "parse: fsql parser vs Calcite parser, 22 TPC-H queries");
    report.param("workload", "the 22 TPC-H queries (" + chars + " characters in all), "
            + "read from the parser's differential corpus `" + Tpch.CORPUS + "` (the statements marked "
            + "`-- TPC-H Q<n>:`)")
        .param("fsql", "`new FsqlParser().parseQuery(sql)` (ANTLR 4, SLL then LL) building Calcite SqlNode trees")
        .param("baseline", "Calcite 1.42 `SqlParser.create(sql, config().withUnquotedCasing(TO_LOWER)"
            + ".withQuotedCasing(UNCHANGED).withCaseSensitive(true)).parseQuery()`")
        .param("method", "one run = passes over all 22 queries for " + seconds + " s; value = time per "
            + "statement; " + warmups + " warm-up rounds (" + (int) (2 * warmups * seconds) + " s) discarded, then " + runs
            + " measured rounds, parsers alternated (A B, B A, ...), same JVM, one thread")
        .param("same trees", (queries.size() - different.size()) + "/" + queries.size()
            + " queries give equal trees (SqlNode.equalsDeep)"
            + (different.isEmpty() ? "" : "; different: " + String.join(", ", different)));

    Series sf = new Series("fsql", 1);
    Series sc = new Series("Calcite", 1);
    Alternation.rounds("parse", warmups, runs, List.of(
        new Alternation.Contender(sf, r -> perStatement(fsql, queries, seconds)),
        new Alternation.Contender(sc, r -> perStatement(calcite, queries, seconds))), Report.Scale.MICROS);

    report.section("All 22 queries")
        .timings(List.of(
            new Report.Line("Calcite parser (baseline)", sc, null, true),
            new Report.Line("fsql parser", sf, sc, true)),
            Report.Scale.MICROS, "statements/s (at median)", "statements/s ratio fsql/Calcite")
        .text("Each value is the mean time per statement over one run (a pass over the 22 queries "
            + "repeated for " + seconds + " s). statements/s = 1 / median. A ratio below 1 means fsql "
            + "parses fewer statements per second than Calcite.")
        .text("Warm-up rounds (discarded), µs per statement: fsql " + micros(sf.warmupValues()) + "; Calcite "
            + micros(sc.warmupValues()) + ".");

    // Per query: which shapes cost fsql the most.
    int perRuns = Math.min(runs, 5);
    double perSeconds = seconds / 5;
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      List<String> one = List.of(queries.get(i));
      String name = String.format("q%02d", i + 1);
      Series qf = new Series("fsql " + name, 1);
      Series qc = new Series("Calcite " + name, 1);
      Alternation.rounds("parse", 1, perRuns, List.of(
          new Alternation.Contender(qf, r -> perStatement(fsql, one, perSeconds)),
          new Alternation.Contender(qc, r -> perStatement(calcite, one, perSeconds))), Report.Scale.MICROS);
      rows.add(List.of(name, Integer.toString(queries.get(i).length()),
          Report.Scale.MICROS.of(qf.median()), Report.Scale.MICROS.of(qc.median()),
          Report.fmt(qf.median() / qc.median(), 2),
          Report.grouped(qf.throughput()), Report.grouped(qc.throughput())));
    }
    report.section("Per query")
        .text("Median of " + perRuns + " alternated runs of " + perSeconds + " s each per query and parser, "
            + "after 1 discarded warm-up round.")
        .table(List.of("query", "chars", "fsql µs/parse", "Calcite µs/parse", "time ratio fsql/Calcite",
            "fsql statements/s", "Calcite statements/s"), rows);

    if (o.jmh()) {
      jmh(o, report);
    }
    report.text("Total time of this benchmark: " + Report.elapsed(start) + ".");
    Path file = report.finish();
    Log.info("parse", "wrote " + file);
    // a wrong result fails the benchmark (non-zero exit), after the report that shows it is written
    IngestBench.check(different.isEmpty(), "parse: the fsql parser's tree differs from Calcite's for "
        + String.join(", ", different) + " (see " + file + ")");
    return Goals.parse(sf, sc);
  }

  private static String micros(List<Long> ns) {
    return ns.stream().map(v -> Report.Scale.MICROS.of(v)).collect(java.util.stream.Collectors.joining(", "));
  }

  private static void jmh(Options o, Report report) throws Exception {
    Path log = Options.dataDir().resolve("jmh-parse.log");
    Files.createDirectories(log.getParent());
    int warm = o.quick ? 1 : 20;
    int meas = o.quick ? 2 : 5;
    TimeValue t = o.quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
    Log.info("parse", "JMH cross-check (forked JVMs; output in " + log + ")");
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(ParseJmh.class.getName().replace(".", "\\.") + "\\.(fsql|calcite)$")
        .forks(1)
        .warmupIterations(warm).warmupTime(t)
        .measurementIterations(meas).measurementTime(t)
        .shouldFailOnError(true)
        .output(log.toString())
        .build()).run();
    double f = Double.NaN;
    double c = Double.NaN;
    List<List<String>> rows = new ArrayList<>();
    for (RunResult rr : results) {
      Result<?> r = rr.getPrimaryResult();
      String label = rr.getParams().getBenchmark().endsWith(".fsql") ? "fsql parser" : "Calcite parser";
      double stmts = r.getScore() * Tpch.COUNT;
      if (label.startsWith("fsql")) {
        f = stmts;
      } else {
        c = stmts;
      }
      rows.add(new ArrayList<>(List.of(label, Report.fmt(r.getScore(), 1) + " ± "
          + Report.fmt(r.getScoreError(), 1), Report.grouped(stmts),
          Report.fmt(1e6 / stmts, 2))));
    }
    for (List<String> row : rows) {
      row.add(row.get(0).startsWith("fsql") ? Report.fmt(f / c, 2) : "baseline");
    }
    report.section("JMH cross-check")
        .text("JMH 1.37, Mode.Throughput, 1 fork per parser (each in its own JVM, run one after the "
            + "other), " + warm + " warm-up and " + meas + " measured iterations of " + t
            + ". One op = one pass over the 22 queries; ± is JMH's 99.9% confidence half-width. "
            + "Full JMH output: `tpc-style-bench/data/jmh-parse.log`.")
        .table(List.of("benchmark", "ops/s (22 statements each)", "statements/s", "µs/statement",
            "statements/s ratio fsql/Calcite"), rows);
  }
}
