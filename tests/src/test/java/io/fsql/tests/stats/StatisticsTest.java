package io.fsql.tests.stats;

import static io.fsql.tests.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.stats.StatisticsJson;
import io.fsql.planner.stats.StatisticsSpec;
import io.fsql.storage.EmbeddedEngines;
import io.fsql.tests.Rows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statistics per commit, per ANALYZE and per dataset split, checked against DuckDB computing the
 * same from the same random rows (with NULLs, of several types): exact statistics exactly, the
 * approximate ones (distinct count, quantiles) within their documented error.
 */
class StatisticsTest {
  @TempDir
  static Path tmp;
  static Path home;
  static FsqlEngine engine;
  static Session s;
  static Connection duck;
  /** The commits of g, oldest first, and the key range of the rows each wrote. */
  static final List<String> commits = new ArrayList<>();
  static final int[][] RANGES = {{0, 2500}, {2500, 4000}, {4000, 4600}};
  static final String[] CATEGORIES = {"alpha", "beta", "gamma", "delta", "eps\"ilon", "zeta", "eta", "theta",
      "iota", "kappa", "lambda", "mu", "nu"};

  @BeforeAll
  static void setUp() throws Exception {
    home = tmp.resolve("home");
    engine = EmbeddedEngines.acquire(home);
    s = engine.openSession();
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE t (k BIGINT, x DOUBLE, n INTEGER, price DECIMAL(10, 2), cat VARCHAR, flag BOOLEAN,"
          + " ts TIMESTAMP)");
    }
    Random r = new Random(20261129L);
    try (PreparedStatement ps = duck.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP))")) {
      for (int k = 0; k < RANGES[RANGES.length - 1][1]; k++) {
        ps.setLong(1, k);
        ps.setObject(2, r.nextInt(10) == 0 ? null : r.nextGaussian() * 40 + (k < 2500 ? 100 : 130));
        ps.setObject(3, r.nextInt(7) == 0 ? null : r.nextInt(500) - 100);
        ps.setObject(4, r.nextInt(5) == 0 ? null : java.math.BigDecimal.valueOf(r.nextInt(100_000), 2));
        // a skewed categorical column: low indexes are much more frequent
        ps.setObject(5, r.nextInt(8) == 0 ? null : CATEGORIES[(int) Math.min(CATEGORIES.length - 1,
            Math.floor(Math.abs(r.nextGaussian()) * 4))]);
        ps.setObject(6, r.nextInt(6) == 0 ? null : r.nextInt(3) == 0);
        ps.setString(7, LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(r.nextInt(100_000)).toString().replace('T', ' '));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    s.execute("CREATE FEATURE GROUP g (k BIGINT, x DOUBLE, n INTEGER, price DECIMAL(10, 2), cat VARCHAR,"
        + " flag BOOLEAN, ts TIMESTAMP) PRIMARY KEY (k)");
    for (int i = 0; i < RANGES.length; i++) {
      Path file = tmp.resolve("part" + i + ".parquet");
      try (Statement st = duck.createStatement()) {
        st.execute("COPY (SELECT * FROM t WHERE " + range(i) + ") TO '" + file + "' (FORMAT PARQUET)");
      }
      s.execute("INSERT INTO g SELECT * FROM read_parquet('" + file + "')");
      commits.add(query(s, "SHOW COMMITS FOR g LIMIT 1").get(0).get(0).toString());
    }
  }

  @AfterAll
  static void tearDown() throws SQLException {
    duck.close();
    EmbeddedEngines.release(home);
  }

  static String range(int commit) {
    return "k >= " + RANGES[commit][0] + " AND k < " + RANGES[commit][1];
  }

  static List<List<Object>> duck(String sql) throws SQLException {
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return Rows.of(rs);
    }
  }

  /** SHOW STATISTICS's rows by column name. */
  static java.util.Map<String, List<Object>> byColumn(List<List<Object>> rows) {
    java.util.Map<String, List<Object>> m = new java.util.LinkedHashMap<>();
    for (List<Object> r : rows) {
      m.put((String) r.get(2), r);
    }
    return m;
  }

  @Test
  void everyCommitHasItsStatisticsAndTheyAgreeWithDuckDb() throws Exception {
    // the latest commit's by default
    List<List<Object>> latest = query(s, "SHOW STATISTICS FOR g");
    assertThat(latest).hasSize(7);
    assertThat(latest).allSatisfy(r -> {
      assertThat(r.get(0)).isEqualTo(commits.get(2));
      assertThat(r.get(1)).isEqualTo("INSERT");
    });
    assertThat(latest.stream().map(r -> r.get(2)).toList()).containsExactly("k", "x", "n", "price", "cat", "flag", "ts");
    // 3 commits, 3 sets of statistics; AS OF COMMIT picks each one
    assertThat(query(s, "SELECT part, count(*) FROM information_schema.statistics WHERE object_name = 'g'"
        + " AND scope = 'INSERT' GROUP BY part ORDER BY part"))
        .containsExactly(List.of(commits.get(0), 7L), List.of(commits.get(1), 7L), List.of(commits.get(2), 7L));
    for (int i = 0; i < commits.size(); i++) {
      String commit = commits.get(i);
      List<List<Object>> rows = query(s, "SHOW STATISTICS FOR FEATURE GROUP g AS OF COMMIT '" + commit + "'");
      assertThat(rows).hasSize(7).allSatisfy(r -> assertThat(r.get(0)).isEqualTo(commit));
      checkAgainstDuckDb(byColumn(rows), "SELECT * FROM t WHERE " + range(i));
    }
  }

  /** Every statistic of every column of {@code stats} against DuckDB over the rows of {@code rowsSql}. */
  static void checkAgainstDuckDb(java.util.Map<String, List<Object>> stats, String rowsSql) throws Exception {
    long n = (Long) duck("SELECT count(*) FROM (" + rowsSql + ")").get(0).get(0);
    for (String c : List.of("k", "x", "n", "price", "cat", "flag", "ts")) {
      List<Object> st = stats.get(c);
      String v = "\"" + c + "\"";
      List<Object> d = duck("SELECT count(*) - count(" + v + "), count(DISTINCT " + v + "), CAST(min(" + v
          + ") AS VARCHAR), CAST(max(" + v + ") AS VARCHAR) FROM (" + rowsSql + ")").get(0);
      assertThat(st.get(4)).as(c + " count").isEqualTo(n);
      assertThat(st.get(5)).as(c + " nulls").isEqualTo(d.get(0));
      long distinct = (Long) d.get(1);
      // HyperLogLog++: within 3 relative standard deviations
      assertThat(((Number) st.get(6)).doubleValue()).as(c + " distinct")
          .isCloseTo(distinct, within(Math.max(1, 3 * StatisticsSpec.DISTINCT_RSD * distinct)));
      boolean numeric = List.of("k", "x", "n", "price").contains(c);
      if (numeric) {
        assertThat(Double.parseDouble((String) st.get(7))).as(c + " min").isEqualTo(Double.parseDouble((String) d.get(2)));
        assertThat(Double.parseDouble((String) st.get(8))).as(c + " max").isEqualTo(Double.parseDouble((String) d.get(3)));
        List<Object> m = duck("SELECT avg(" + v + "::DOUBLE), stddev_samp(" + v + "::DOUBLE), count(" + v
            + "), min(" + v + "::DOUBLE), max(" + v + "::DOUBLE) FROM (" + rowsSql + ")").get(0);
        double mean = (Double) m.get(0);
        double sd = (Double) m.get(1);
        assertThat((Double) st.get(9)).as(c + " mean").isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
        assertThat((Double) st.get(10)).as(c + " stddev").isCloseTo(sd, within(1e-9 * Math.max(1, sd)));
        long nonNull = (Long) m.get(2);
        checkQuantiles(c, (String) st.get(11), rowsSql, nonNull);
        checkHistogram(c, (String) st.get(12), rowsSql, (Double) m.get(3), (Double) m.get(4));
        assertThat(st.get(13)).as(c + " top values").isNull();
      } else {
        assertThat(st.get(7)).as(c + " min").isEqualTo(d.get(2));
        assertThat(st.get(8)).as(c + " max").isEqualTo(d.get(3));
        assertThat(st.get(9)).isNull();
        assertThat(st.get(11)).isNull();
        assertThat(st.get(12)).isNull();
        if (c.equals("ts")) {
          assertThat(st.get(13)).isNull();
        } else {
          List<StatisticsJson.ValueCount> top = new ArrayList<>();
          for (List<Object> r : duck("SELECT CAST(" + v + " AS VARCHAR) AS val, count(*) AS cnt FROM (" + rowsSql
              + ") WHERE " + v + " IS NOT NULL GROUP BY val ORDER BY cnt DESC, val LIMIT " + StatisticsSpec.TOP_VALUES)) {
            top.add(new StatisticsJson.ValueCount((String) r.get(0), (Long) r.get(1)));
          }
          assertThat(st.get(13)).as(c + " top values").isEqualTo(StatisticsJson.topValues(top));
        }
      }
    }
  }

  /** Each quantile's rank is within n / accuracy (+1 for ties' rounding) of the exact rank. */
  static void checkQuantiles(String c, String json, String rowsSql, long n) throws Exception {
    assertThat(json).as(c + " quantiles").isNotNull();
    double slack = (double) n / StatisticsSpec.QUANTILE_ACCURACY + 1;
    for (double p : StatisticsSpec.QUANTILES) {
      Matcher m = Pattern.compile("\"" + StatisticsSpec.quantileName(p) + "\": ([-0-9.E]+)").matcher(json);
      assertThat(m.find()).as(json).isTrue();
      double q = Double.parseDouble(m.group(1));
      List<Object> ranks = duck("SELECT count(*) FILTER (WHERE \"" + c + "\"::DOUBLE < " + q + "), count(*) FILTER"
          + " (WHERE \"" + c + "\"::DOUBLE <= " + q + ") FROM (" + rowsSql + ")").get(0);
      double target = p * n;
      assertThat(target).as(c + " " + StatisticsSpec.quantileName(p) + " = " + q)
          .isBetween(((Long) ranks.get(0)) - slack, ((Long) ranks.get(1)) + slack);
    }
  }

  /** The histogram's bins hold exactly DuckDB's counts of the same equal-width bins. */
  static void checkHistogram(String c, String json, String rowsSql, double lo, double hi) throws Exception {
    long[] expected = new long[StatisticsSpec.HISTOGRAM_BINS];
    for (List<Object> r : duck("SELECT least(floor((\"" + c + "\"::DOUBLE - " + lo + ") * "
        + StatisticsSpec.HISTOGRAM_BINS + ".0 / (" + hi + " - " + lo + ")), " + (StatisticsSpec.HISTOGRAM_BINS - 1)
        + ")::INTEGER AS b, count(*) FROM (" + rowsSql + ") WHERE \"" + c + "\" IS NOT NULL GROUP BY b")) {
      expected[(Integer) r.get(0)] = (Long) r.get(1);
    }
    assertThat(json).as(c + " histogram").isEqualTo(StatisticsJson.histogram(lo, hi, expected));
  }

  @Test
  void analyzeStoresTheWholeSnapshotAtTheLatestCommit() throws Exception {
    s.execute("CREATE FEATURE GROUP snap (k BIGINT, x DOUBLE, n INTEGER, price DECIMAL(10, 2), cat VARCHAR,"
        + " flag BOOLEAN, ts TIMESTAMP) PRIMARY KEY (k)");
    FsqlException none = catchThrowableOfType(FsqlException.class, () -> s.execute("ANALYZE FEATURE GROUP snap"));
    assertThat(none.getMessage()).isEqualTo(
        "line 1:23: feature group snap v1 has no commit to analyze (INSERT rows first)");
    s.execute("SET statistics = off");
    try {
      s.execute("INSERT INTO snap SELECT * FROM read_parquet('" + tmp.resolve("part0.parquet") + "')");
      s.execute("INSERT INTO snap SELECT * FROM g WHERE k >= 2500");
    } finally {
      s.execute("SET statistics = on");
    }
    assertThat(query(s, "SHOW STATISTICS FOR snap")).isEmpty();
    String last = query(s, "SHOW COMMITS FOR snap LIMIT 1").get(0).get(0).toString();
    assertThat(s.execute("ANALYZE FEATURE GROUP snap").message())
        .isEqualTo("analyzed snap v1 at commit " + last + ": 4600 rows, 7 columns");
    List<List<Object>> rows = query(s, "SHOW STATISTICS FOR snap");
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.get(0)).isEqualTo(last);
      assertThat(r.get(1)).isEqualTo("ANALYZE");
    });
    checkAgainstDuckDb(byColumn(rows), "SELECT * FROM t");
  }

  @Test
  void everyTrainingDatasetSplitHasStatistics() throws Exception {
    s.execute("CREATE TRAINING DATASET td AS SELECT k, x, n, price, cat, flag, ts FROM g"
        + " SPLIT RANDOM (train 0.7, test 0.3) SEED 3");
    String location = query(s, "SELECT location FROM information_schema.training_datasets WHERE name = 'td'")
        .get(0).get(0).toString().replaceFirst("^file:", "");
    List<List<Object>> all = query(s, "SHOW STATISTICS FOR TRAINING DATASET td");
    assertThat(all.stream().map(r -> r.get(0)).distinct().toList()).containsExactly("train", "test");
    for (String split : List.of("train", "test")) {
      List<List<Object>> rows = query(s, "SHOW STATISTICS FOR td SPLIT " + split);
      assertThat(rows).hasSize(7).allSatisfy(r -> {
        assertThat(r.get(0)).isEqualTo(split);
        assertThat(r.get(1)).isEqualTo("SPLIT");
      });
      long splitRows = (Long) query(s, "SELECT count(*) FROM td SPLIT " + split).get(0).get(0);
      assertThat(rows.get(0).get(4)).isEqualTo(splitRows);
      // Spark writes TIMESTAMP as a UTC instant, which DuckDB reads as TIMESTAMPTZ: back to UTC wall time
      checkAgainstDuckDb(byColumn(rows), "SELECT * REPLACE (timezone('UTC', ts) AS ts) FROM read_parquet('"
          + location + "/" + split + "/*.parquet')");
    }
    FsqlException e = catchThrowableOfType(FsqlException.class, () -> s.execute("SHOW STATISTICS FOR td SPLIT valid"));
    assertThat(e.getMessage()).isEqualTo("line 1:21: training dataset td v1 has no split 'valid' (its splits: train, test)");
  }

  @Test
  void aColumnHoldingNanOrAnInfinityHasStatisticsWithoutAHistogram() {
    s.execute("CREATE FEATURE GROUP odd (k BIGINT, v DOUBLE, w DOUBLE) PRIMARY KEY (k)");
    s.execute("INSERT INTO odd VALUES (1, 1.5, 1.0), (2, CAST('NaN' AS DOUBLE), CAST('Infinity' AS DOUBLE)),"
        + " (3, 2.5, 3.0), (4, NULL, 2.0)");
    java.util.Map<String, List<Object>> stats = byColumn(query(s, "SHOW STATISTICS FOR odd"));
    assertThat(stats.keySet()).containsExactly("k", "v", "w");
    // commit_id, scope, column, type, count, nulls, distinct_approx, min, max, mean, stddev, quantiles, histogram
    assertThat(stats.get("v").subList(4, 7)).containsExactly(4L, 1L, 3L);
    assertThat(stats.get("v").get(12)).isNull();
    assertThat(stats.get("w").subList(4, 7)).containsExactly(4L, 0L, 4L);
    assertThat(stats.get("w").get(12)).isNull();
    assertThat((String) stats.get("k").get(12)).startsWith("{\"lower\": 1, \"upper\": 4, \"counts\": [");
    assertThat(query(s, "SELECT count(*) FROM odd")).containsExactly(List.of(4L));
  }

  @Test
  void statisticsOffStoresNone() {
    s.execute("CREATE FEATURE GROUP quiet (k BIGINT, v DOUBLE) PRIMARY KEY (k)");
    assertThat(s.execute("SET statistics = off").message()).isEqualTo("statistics = off");
    try {
      s.execute("INSERT INTO quiet VALUES (1, 1.5), (2, 2.5)");
      s.execute("CREATE TRAINING DATASET quiet_td AS SELECT k, v FROM quiet");
    } finally {
      s.execute("SET statistics = on");
    }
    assertThat(query(s, "SHOW STATISTICS FOR quiet")).isEmpty();
    assertThat(query(s, "SHOW STATISTICS FOR TRAINING DATASET quiet_td")).isEmpty();
    assertThat(query(s, "SELECT count(*) FROM information_schema.statistics WHERE object_name LIKE 'quiet%'"))
        .containsExactly(List.of(0L));
    FsqlException bad = catchThrowableOfType(FsqlException.class, () -> s.execute("SET statistics = maybe"));
    assertThat(bad.getMessage()).isEqualTo("line 1:1: statistics is 'on' or 'off', not 'maybe'");
  }

  @Test
  void aRejectedInsertStoresNone() {
    s.execute("CREATE FEATURE GROUP strict (k BIGINT, v DOUBLE NOT NULL) PRIMARY KEY (k)");
    s.execute("INSERT INTO strict VALUES (1, 1.5)");
    String first = query(s, "SHOW COMMITS FOR strict").get(0).get(0).toString();
    assertThat(catchThrowableOfType(FsqlException.class,
        () -> s.execute("INSERT INTO strict VALUES (2, 2.5), (2, 3.5)")).getMessage())
        .contains("the rows to insert repeat a key");
    assertThat(catchThrowableOfType(FsqlException.class,
        () -> s.execute("INSERT INTO strict VALUES (3, NULL)")).getMessage())
        .contains("NULL in NOT NULL column 'v'");
    assertThat(query(s, "SELECT part, scope, row_count FROM information_schema.statistics"
        + " WHERE object_name = 'strict' AND column_name = 'v'")).containsExactly(List.of(first, "INSERT", 1L));
  }

  @Test
  void badReferencesAreOneLineErrors() {
    assertThat(catchThrowableOfType(FsqlException.class,
        () -> s.execute("SHOW STATISTICS FOR g AS OF COMMIT '19990101000000000'")).getMessage())
        .isEqualTo("line 1:21: feature group g v1 has no commit '19990101000000000' (SHOW COMMITS FOR g lists them)");
    assertThat(catchThrowableOfType(FsqlException.class,
        () -> s.execute("SHOW STATISTICS FOR g SPLIT train")).getMessage())
        .isEqualTo("line 1:21: SPLIT names a training dataset's split; a feature group's statistics are per commit"
            + " (AS OF COMMIT 'c')");
    assertThat(catchThrowableOfType(FsqlException.class,
        () -> s.execute("SHOW STATISTICS FOR nothing")).getMessage())
        .isEqualTo("line 1:21: no feature group or training dataset is named 'nothing'");
    assertThat(catchThrowableOfType(FsqlException.class,
        () -> s.execute("SHOW STATISTICS FOR FEATURE VIEW v")).getMessage())
        .startsWith("line 1:34: statistics are kept for feature groups and training datasets, not feature views");
  }

  @Test
  void overJdbcTheyAreAnOrdinaryResultSet() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:fsql:embedded:" + home);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SHOW STATISTICS FOR g AS OF COMMIT '" + commits.get(0) + "'")) {
      assertThat(rs.getMetaData().getColumnCount()).isEqualTo(14);
      assertThat(rs.getMetaData().getColumnLabel(7)).isEqualTo("distinct_approx");
      List<List<Object>> rows = Rows.of(rs);
      assertThat(rows).isEqualTo(query(s, "SHOW STATISTICS FOR g AS OF COMMIT '" + commits.get(0) + "'"));
      assertThat(rows.get(0).subList(2, 6)).containsExactly("k", "BIGINT", 2500L, 0L);
    }
  }
}
