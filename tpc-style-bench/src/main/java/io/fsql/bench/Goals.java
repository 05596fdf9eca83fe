package io.fsql.bench;

import java.util.ArrayList;
import java.util.List;

/** The goals the issues set for each benchmark's ratios, built from what the benchmark measured. */
final class Goals {
  private Goals() {}

  /** pit: fsql/DuckDB and RANK()/fsql at the main size ({@code rank} null when it did not finish). */
  static List<Goal> pit(long rows, Series fsql, Series duck, Series rank) {
    String at = " at " + String.format("%,d", rows) + " spine rows";
    return List.of(
        Goal.atMost("pit", "PIT join" + at + ": fsql / DuckDB ASOF JOIN (time)", fsql.median() / duck.median(), 3)
            .from("issue 13"),
        Goal.atLeast("pit", "PIT join" + at + ": RANK() SQL on Spark / fsql (time)",
            rank == null || rank.runs() == 0 ? Double.NaN : rank.median() / fsql.median(), 3).from("issue 5"));
  }

  /** flight: the bulk read's rows/s, against a raw doGet and JDBC row by row. */
  static List<Goal> flight(Series bulk, Series raw, Series jdbcRows) {
    return List.of(
        Goal.atLeast("flight", "Flight SQL bulk read, rows/s", bulk.throughput(), 5e6).from("issue 10"),
        Goal.atLeast("flight", "Flight SQL bulk read / raw doGet (rows/s)", bulk.throughput() / raw.throughput(), 0.5)
            .from("issue 10"),
        Goal.atLeast("flight", "Flight SQL bulk read / JDBC row by row (rows/s)",
            bulk.throughput() / jdbcRows.throughput(), 10).from("issue 10"));
  }

  /** ingest: a cold bin/fsql against a cold plain Spark + Hudi JVM, and the 1M-row INSERT against a plain write. */
  static List<Goal> ingest(Series cli, Series coldPlain, Series insert, Series plainWrite) {
    return List.of(
        Goal.reported("ingest", "bin/fsql cold (CREATE; INSERT 3 rows; SELECT) / cold plain Spark + Hudi (time)",
            cli.median() / coldPlain.median()),
        Goal.reported("ingest", "INSERT from Parquet / plain Spark read + Hudi write (time)",
            insert.median() / plainWrite.median()));
  }

  /** tpch: totals of the 22 queries' medians, and how many results equal DuckDB's. */
  static List<Goal> tpch(double fsqlNanos, double sparkNanos, double duckNanos, int queries, int wrong) {
    List<Goal> g = new ArrayList<>();
    g.add(Goal.atLeast("tpch", "TPC-H queries whose results equal DuckDB's (of " + queries + ")",
        queries - wrong, queries).from("issue 13"));
    g.add(Goal.reported("tpch", "22 queries in total: fsql / plain Spark SQL (time)", fsqlNanos / sparkNanos));
    g.add(Goal.reported("tpch", "22 queries in total: fsql / DuckDB (time)", fsqlNanos / duckNanos));
    return g;
  }

  /** parse: statements/s of fsql's parser against Calcite's. */
  static List<Goal> parse(Series fsql, Series calcite) {
    return List.of(Goal.reported("parse", "fsql parser / Calcite parser (statements/s)",
        fsql.throughput() / calcite.throughput()));
  }
}
