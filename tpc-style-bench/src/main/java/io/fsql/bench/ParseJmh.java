package io.fsql.bench;

import io.fsql.sql.parser.FsqlParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.sql.parser.SqlParseException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parse benchmark under JMH, as a cross-check of {@link ParseBench}'s own harness: one
 * operation parses all 22 TPC-H queries once. JMH runs each method in its own forked JVM, one
 * after the other (not alternated), so the main figures come from ParseBench.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseJmh {
  private List<String> queries;
  private FsqlParser parser;

  @Setup
  public void setup() {
    queries = Tpch.queries();
    parser = new FsqlParser();
  }

  @Benchmark
  public void fsql(Blackhole bh) {
    for (String q : queries) {
      bh.consume(parser.parseQuery(q));
    }
  }

  @Benchmark
  public void calcite(Blackhole bh) throws SqlParseException {
    for (String q : queries) {
      bh.consume(Tpch.calcite(q));
    }
  }
}
