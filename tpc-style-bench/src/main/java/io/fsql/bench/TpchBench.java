package io.fsql.bench;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.spark.SparkRuntime;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * tpch: the 22 TPC-H queries of the parser's corpus on generated data (scale factor 0.1 by
 * default) in 8 feature groups. Per query, alternated in the same JVM: fsql (the query text as
 * written, through a session, every row read), plain Spark SQL on the same SparkSession over the
 * same Hudi tables (temporary views of the group's columns, {@code spark.sql(q).collectAsList()}),
 * and DuckDB over the same rows in memory. Every run's result is checked (untimed) against
 * DuckDB's: row by row, DOUBLE within a relative 1e-9, the order too where the query orders.
 */
final class TpchBench {
  private TpchBench() {}

  record Timing(Series fsql, Series spark, Series duck, int rows) {}

  static List<Goal> run(Options o) throws Exception {
    long start = System.nanoTime();
    double scale = o.scale != null ? o.scale : o.quick ? 0.01 : 0.1;
    int runs = o.runs(2);
    int warmups = o.warmups(1);
    Path work = Options.dataDir().resolve("tpch");
    Fsql.deleteTree(work);
    Files.createDirectories(work);
    List<String> queries = Tpch.queries();
    Report report = new Report(o, "tpch: the 22 TPC-H queries, fsql vs plain Spark SQL vs DuckDB");
    List<String> wrong = new ArrayList<>();
    List<Goal> goals = new ArrayList<>();
    try (Connection duck = DataGen.duckdb()) {
      try (Statement st = duck.createStatement()) {
        st.execute("SET threads = 2");
      }
      long t0 = System.nanoTime();
      TpchData.load(duck, scale, work.resolve("data"));
      Log.info("tpch", "generated scale factor " + scale + " in " + Report.seconds(System.nanoTime() - t0));
      List<List<String>> loads = new ArrayList<>();
      List<Timing> timings = new ArrayList<>();
      try (FsqlEngine engine = FsqlHome.open(work.resolve("home")); Session s = engine.openSession()) {
        SparkSession spark = SparkRuntime.session();
        long loadTotal = 0;
        for (TpchTable<?> t : TpchData.tables()) {
          String name = t.getTableName();
          s.execute("CREATE FEATURE GROUP " + name + " " + TpchData.columns(t)
              + " PRIMARY KEY (" + String.join(", ", TpchData.KEYS.get(name)) + ")");
          String[] msg = new String[1];
          long ns = Alternation.time(() -> msg[0] = s.execute("INSERT INTO " + name + " SELECT * FROM read_parquet('"
              + TpchData.parquet(work.resolve("data"), t).toUri() + "')").message());
          loadTotal += ns;
          long rows = count(duck, name);
          IngestBench.check(msg[0].endsWith(": " + rows + " inserted, 0 updated"), "load of " + name + " said: " + msg[0]);
          loads.add(List.of(name, String.format("%,d", rows), Report.seconds(ns)));
          Log.info("tpch", msg[0] + " in " + Report.seconds(ns));
          FeatureGroup g = Fsql.group(s, name);
          String[] cols = t.getColumns().stream().map(TpchColumn::getColumnName).toArray(String[]::new);
          spark.read().format("hudi").option("hoodie.metadata.enable", "false").load(g.location())
              .selectExpr(cols).createOrReplaceTempView(name);
        }
        loads.add(List.of("**total**", "", Report.seconds(loadTotal)));

        for (int i = 0; i < queries.size(); i++) {
          String q = queries.get(i);
          String plain = withoutIntervalPrecision(q);
          String sparkText = plain.replaceAll("\"([A-Za-z_][A-Za-z0-9_]*)\"", "`$1`");
          String label = "Q" + (i + 1);
          boolean ordered = q.toLowerCase(Locale.ROOT).contains("order by");
          List<List<Object>> expected = duckRows(duck, plain);
          Series f = new Series(label + " fsql", 1);
          Series p = new Series(label + " plain Spark SQL", 1);
          Series d = new Series(label + " DuckDB", 1);
          List<List<Object>>[] got = newResults();
          Alternation.rounds("tpch", warmups, runs, List.of(
              new Alternation.Contender(f, r -> Alternation.time(() -> got[0] = fsqlRows(s, q))),
              new Alternation.Contender(p, r -> Alternation.time(() -> got[1] = sparkRows(spark, sparkText))),
              new Alternation.Contender(d, r -> Alternation.time(() -> got[2] = duckRows(duck, plain)))));
          String[] who = {"fsql", "plain Spark SQL", "DuckDB"};
          for (int k = 0; k < 2; k++) {
            String diff = compare(got[k], expected, ordered);
            if (diff != null) {
              wrong.add(label + ": " + who[k] + " differs from DuckDB: " + diff);
            }
          }
          timings.add(new Timing(f, p, d, expected.size()));
        }
      }

      report.param("scale factor", scale + " (" + String.format("%,d", count(duck, "lineitem")) + " lineitem rows)")
          .param("data", "`io.trino.tpch:tpch` generator; money and quantities DOUBLE, keys BIGINT; one Parquet file "
              + "per table written by DuckDB, loaded into 8 feature groups with one `INSERT ... SELECT * FROM "
              + "read_parquet(...)` each (one Hudi upsert commit each)")
          .param("queries", "the 22 TPC-H queries of `" + Tpch.CORPUS + "`, as written there (validation "
              + "parameters); plain Spark SQL and DuckDB get the same text with `DAY (3)` written `DAY`, and "
              + "Spark with the quoted identifier `\"value\"` of Q11 written `` `value` `` (Spark rejects standard "
              + "double-quoted identifiers)")
          .param("fsql", "a session of an embedded engine; the time of `execute` and reading every row")
          .param("plain Spark SQL", "the same SparkSession, temporary views over the same Hudi tables "
              + "(`spark.read().format(\"hudi\").load(location)`, the group's columns), `spark.sql(q).collectAsList()`")
          .param("DuckDB", "JDBC, in process, `SET threads = 2`, the same rows in memory")
          .param("method", warmups + " warm-up round(s) discarded, then " + runs + " measured round(s) per query; "
              + "in every round each engine runs the query once, the order rotated every round; every run's "
              + "rows compared (untimed) with DuckDB's");
      report.section("Loading the 8 feature groups");
      report.table(List.of("group", "rows", "INSERT time"), loads);
      report.section("Per query (median of the measured runs)");
      List<List<String>> rows = new ArrayList<>();
      double tf = 0;
      double tp = 0;
      double td = 0;
      for (Timing t : timings) {
        tf += t.fsql().median();
        tp += t.spark().median();
        td += t.duck().median();
        rows.add(List.of(t.fsql().name.replace(" fsql", ""), Integer.toString(t.rows()),
            Report.Scale.SECONDS.of(t.fsql().median()), Report.Scale.SECONDS.of(t.spark().median()),
            Report.Scale.SECONDS.of(t.duck().median()), Report.fmt(t.fsql().median() / t.spark().median(), 2),
            Report.fmt(t.fsql().median() / t.duck().median(), 1)));
      }
      rows.add(List.of("**total**", "", "**" + Report.Scale.SECONDS.of(tf) + "**", "**" + Report.Scale.SECONDS.of(tp)
          + "**", "**" + Report.Scale.SECONDS.of(td) + "**", "**" + Report.fmt(tf / tp, 2) + "**",
          "**" + Report.fmt(tf / td, 1) + "**"));
      goals.addAll(Goals.tpch(tf, tp, td, timings.size(),
          (int) wrong.stream().filter(w -> w.contains(": fsql differs")).map(w -> w.substring(0, w.indexOf(':'))).distinct().count()));
      report.table(List.of("query", "rows", "fsql (s)", "plain Spark SQL (s)", "DuckDB (s)", "fsql / Spark",
          "fsql / DuckDB"), rows);
      report.section("Results");
      report.text(wrong.isEmpty()
          ? "All 22 queries: fsql's rows and plain Spark SQL's rows equal DuckDB's in every run."
          : "**Wrong results:**\n\n- " + String.join("\n- ", wrong));
      report.text("Total time of the benchmark: " + Report.elapsed(start) + ".");
    }
    Path file = report.finish();
    Log.info("tpch", "report written to " + file);
    if (!wrong.isEmpty()) {
      throw new IllegalStateException(wrong.size() + " wrong result(s): " + wrong.get(0));
    }
    return goals;
  }

  @SuppressWarnings("unchecked")
  private static List<List<Object>>[] newResults() {
    return new List[3];
  }

  /** DuckDB and Spark take interval units without precision. */
  static String withoutIntervalPrecision(String sql) {
    return sql.replaceAll("(?i)\\b(day|month|year)\\s*\\(\\s*\\d+\\s*\\)", "$1");
  }

  private static long count(Connection duck, String table) throws Exception {
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<List<Object>> fsqlRows(Session s, String q) {
    List<List<Object>> out = new ArrayList<>();
    for (Object[] r : Fsql.query(s, q)) {
      out.add(normalize(Arrays.asList(r)));
    }
    return out;
  }

  private static List<List<Object>> sparkRows(SparkSession spark, String q) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : spark.sql(q).collectAsList()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        row.add(r.get(i));
      }
      out.add(normalize(row));
    }
    return out;
  }

  private static List<List<Object>> duckRows(Connection duck, String q) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(q)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        out.add(normalize(row));
      }
    }
    return out;
  }

  /** Integral numbers as Long, other numbers as Double, dates as LocalDate, the rest as is. */
  private static List<Object> normalize(List<Object> row) {
    List<Object> n = new ArrayList<>();
    for (Object v : row) {
      if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Long
          || v instanceof java.math.BigInteger) {
        v = ((Number) v).longValue();
      } else if (v instanceof BigDecimal d) {
        v = d.scale() <= 0 && d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValue() : (Object) d.doubleValue();
      } else if (v instanceof Number num) {
        v = num.doubleValue();
      } else if (v instanceof java.sql.Date d) {
        v = d.toLocalDate();
      }
      n.add(v);
    }
    return n;
  }

  /** Null if equal, else what differs first. */
  static String compare(List<List<Object>> actual, List<List<Object>> expected, boolean ordered) {
    List<List<Object>> a = new ArrayList<>(actual);
    List<List<Object>> e = new ArrayList<>(expected);
    if (!ordered) {
      Comparator<List<Object>> byText = Comparator.comparing(Object::toString);
      a.sort(byText);
      e.sort(byText);
    }
    if (a.size() != e.size()) {
      return a.size() + " rows instead of " + e.size();
    }
    for (int r = 0; r < e.size(); r++) {
      if (a.get(r).size() != e.get(r).size()) {
        return "row " + r + " has " + a.get(r).size() + " columns instead of " + e.get(r).size();
      }
      for (int c = 0; c < e.get(r).size(); c++) {
        Object x = a.get(r).get(c);
        Object y = e.get(r).get(c);
        boolean same = x instanceof Double dx && y instanceof Double dy
            ? Math.abs(dx - dy) <= 1e-9 * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy)))
            : java.util.Objects.equals(x, y);
        if (!same) {
          return "row " + r + " column " + (c + 1) + ": " + x + " instead of " + y;
        }
      }
    }
    return null;
  }
}
