package io.fsql.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.bench.TpchData;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries (from the parser's corpus, as written there) on generated data at scale
 * factor 0.01 in 8 feature groups, each result checked against DuckDB on the same data: row by
 * row, DOUBLE values within a relative 1e-9, everything else exactly, the order too where the
 * query orders its result.
 */
class TpchTest {
  static final double SCALE = 0.01;
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session fsql;
  static Connection duck;

  @BeforeAll
  static void load() throws Exception {
    engine = FsqlHome.open(tmp.resolve("home"));
    fsql = engine.openSession();
    duck = DriverManager.getConnection("jdbc:duckdb:");
    Path data = tmp.resolve("tpch");
    TpchData.load(duck, SCALE, data);
    for (TpchTable<?> t : TpchData.tables()) {
      String name = t.getTableName();
      fsql.execute("CREATE FEATURE GROUP " + name + " " + TpchData.columns(t)
          + " PRIMARY KEY (" + String.join(", ", TpchData.KEYS.get(name)) + ")");
      fsql.execute("INSERT INTO " + name + " SELECT * FROM read_parquet('"
          + TpchData.parquet(data, t).toUri() + "')");
    }
  }

  @AfterAll
  static void close() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (duck != null) {
      duck.close();
    }
  }

  static Stream<Arguments> queries() {
    List<String> q = TpchQueries.all();
    return IntStream.range(0, q.size()).mapToObj(i -> Arguments.of("Q" + (i + 1), q.get(i)));
  }

  @Test
  void everyGroupHoldsTheGeneratedRows() throws Exception {
    for (TpchTable<?> t : TpchData.tables()) {
      long expected;
      try (Statement st = duck.createStatement();
           ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.getTableName())) {
        rs.next();
        expected = rs.getLong(1);
      }
      assertThat(expected).as(t.getTableName()).isPositive();
      assertThat(Rows.query(fsql, "SELECT count(*) FROM " + t.getTableName()))
          .as(t.getTableName()).containsExactly(List.of(expected));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void sameResultAsDuckDb(String name, String sql) throws Exception {
    List<List<Object>> actual = normalize(Rows.query(fsql, sql));
    List<List<Object>> expected;
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(TpchQueries.forDuckDb(sql))) {
      expected = normalize(Rows.of(rs));
    }
    assertThat(expected).as(name + " returns rows in DuckDB").isNotEmpty();
    if (!sql.toLowerCase(java.util.Locale.ROOT).contains("order by")) {
      Comparator<List<Object>> byText = Comparator.comparing(Object::toString);
      actual.sort(byText);
      expected.sort(byText);
    }
    assertThat(actual).as(name + " row count").hasSameSizeAs(expected);
    for (int r = 0; r < expected.size(); r++) {
      List<Object> a = actual.get(r);
      List<Object> e = expected.get(r);
      assertThat(a).as(name + " row " + r + " width").hasSameSizeAs(e);
      for (int c = 0; c < e.size(); c++) {
        String at = name + " row " + r + " column " + (c + 1) + ": fsql " + a + " DuckDB " + e;
        Object x = a.get(c);
        Object y = e.get(c);
        if (x instanceof Double dx && y instanceof Double dy) {
          assertThat(Math.abs(dx - dy)).as(at).isLessThanOrEqualTo(1e-9 * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy))));
        } else {
          assertThat(x).as(at).isEqualTo(y);
        }
      }
    }
  }

  /**
   * Integers as Long (fitting: a HUGEINT that does not fit fails), DATE as LocalDate, TIMESTAMP as LocalDateTime, DECIMAL as a BigDecimal
   * without trailing zeros, so the two engines' Java types compare.
   */
  private static List<List<Object>> normalize(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<Object> n = new ArrayList<>();
      for (Object v : row) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
          v = ((Number) v).longValue();
        } else if (v instanceof java.math.BigInteger b) {
          v = b.longValueExact(); // DuckDB sums integers as HUGEINT
        } else if (v instanceof Float f) {
          v = f.doubleValue();
        } else if (v instanceof BigDecimal d) {
          v = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        } else if (v instanceof java.sql.Date d) {
          v = d.toLocalDate();
        } else if (v instanceof java.sql.Timestamp t) {
          v = t.toLocalDateTime();
        }
        n.add(v);
      }
      out.add(n);
    }
    return out;
  }
}
