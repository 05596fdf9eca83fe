package io.fsql.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query language over feature groups, checked against DuckDB as an independent oracle: the
 * same random data goes into fsql (Hudi tables via Spark) and into DuckDB, and every query must
 * return the same rows.
 */
class QueryDifferentialTest {
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
    String customers = "customers (id BIGINT NOT NULL, name VARCHAR, segment VARCHAR, credit DECIMAL(10,2), signup DATE)";
    String orders = "orders (order_id BIGINT NOT NULL, customer_id BIGINT, amount DOUBLE, qty INT, status VARCHAR, ts TIMESTAMP)";
    fsql.execute("CREATE FEATURE GROUP " + customers + " PRIMARY KEY (id)");
    fsql.execute("CREATE FEATURE GROUP " + orders + " PRIMARY KEY (order_id) EVENT TIME ts");
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE " + customers);
      st.execute("CREATE TABLE " + orders);
    }
    Random r = new Random(42);
    String[] segments = {"retail", "smb", "enterprise", null};
    String[] names = {"ann", "bob", "Cara", "dan", "eve", "Fay", "gus", "hal", "Ivy", "jo"};
    StringBuilder c = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      if (c.length() > 0) {
        c.append(", ");
      }
      String name = r.nextInt(10) == 0 ? "NULL" : "'" + names[r.nextInt(names.length)] + i + "'";
      String seg = segments[r.nextInt(segments.length)];
      String credit = r.nextInt(8) == 0 ? "NULL" : BigDecimal.valueOf(r.nextInt(1_000_000), 2).toPlainString();
      String signup = "DATE '" + LocalDate.of(2025, 1, 1).plusDays(r.nextInt(400)) + "'";
      c.append("(").append(i).append(", ").append(name).append(", ")
          .append(seg == null ? "NULL" : "'" + seg + "'").append(", ").append(credit).append(", ").append(signup).append(")");
    }
    StringBuilder o = new StringBuilder();
    String[] statuses = {"new", "paid", "shipped", "cancelled"};
    for (int i = 1; i <= 400; i++) {
      if (o.length() > 0) {
        o.append(", ");
      }
      String cust = r.nextInt(20) == 0 ? "NULL" : Integer.toString(1 + r.nextInt(70));
      String amount = r.nextInt(15) == 0 ? "NULL" : Double.toString(Math.round(r.nextDouble() * 50000) / 100.0);
      String qty = r.nextInt(15) == 0 ? "NULL" : Integer.toString(r.nextInt(21) - 3);
      String status = "'" + statuses[r.nextInt(statuses.length)] + "'";
      LocalDateTime ts = LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(r.nextInt(60 * 24 * 90)).plusSeconds(r.nextInt(60));
      o.append("(").append(i).append(", ").append(cust).append(", ").append(amount).append(", ").append(qty)
          .append(", ").append(status).append(", TIMESTAMP '").append(ts.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
          .append("')");
    }
    fsql.execute("INSERT INTO customers VALUES " + c);
    fsql.execute("INSERT INTO orders VALUES " + o);
    try (Statement st = duck.createStatement()) {
      st.execute("INSERT INTO customers VALUES " + c);
      st.execute("INSERT INTO orders VALUES " + o);
    }
  }

  @AfterAll
  static void close() throws Exception {
    engine.close();
    duck.close();
  }

  /** A query, whether its ORDER BY fixes the row order, and (rarely) DuckDB's spelling of it. */
  static Stream<Arguments> queries() {
    List<Arguments> q = new ArrayList<>();
    add(q, true, "SELECT * FROM customers ORDER BY id");
    add(q, true, "SELECT order_id, customer_id, amount, qty, status, ts FROM orders ORDER BY order_id");
    add(q, false, "SELECT id, UPPER(name), LOWER(name), CHAR_LENGTH(name), name || '/' || segment FROM customers");
    add(q, false, "SELECT id, SUBSTRING(name FROM 2 FOR 3), TRIM(BOTH ' ' FROM '  x  '), POSITION('a' IN name) FROM customers");
    add(q, false, "SELECT order_id, amount * qty, amount + 1.5, -amount, qty % 4, ABS(qty), CAST(qty AS DOUBLE) / 4 FROM orders");
    addDuck(q, false, "SELECT order_id, qty / 2, (qty * 7) / 3 FROM orders",
        "SELECT order_id, CAST(trunc(qty / 2) AS INTEGER), CAST(trunc((qty * 7) / 3) AS INTEGER) FROM orders");
    add(q, false, "SELECT order_id, CASE WHEN amount > 250 THEN 'big' WHEN amount > 50 THEN 'mid' ELSE 'small' END,"
        + " COALESCE(qty, -1), NULLIF(status, 'new'), amount IS NULL FROM orders");
    add(q, false, "SELECT order_id FROM orders WHERE amount BETWEEN 100 AND 200 AND status IN ('paid', 'shipped')");
    add(q, false, "SELECT order_id FROM orders WHERE NOT (qty > 3 OR qty IS NULL) AND status NOT IN ('new')");
    add(q, false, "SELECT id FROM customers WHERE name LIKE 'a%' OR name LIKE '%_1' OR segment IS NULL");
    add(q, false, "SELECT order_id FROM orders WHERE ts >= TIMESTAMP '2026-02-01 00:00:00' AND ts < TIMESTAMP '2026-02-15 12:30:00'");
    add(q, false, "SELECT id FROM customers WHERE signup > DATE '2025-06-30' AND credit >= 5000.50");
    add(q, false, "SELECT o.order_id, c.name, c.segment FROM orders o JOIN customers c ON o.customer_id = c.id");
    add(q, false, "SELECT o.order_id, c.name FROM orders o LEFT JOIN customers c ON o.customer_id = c.id WHERE o.qty > 5");
    add(q, false, "SELECT c.id, o.order_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.id AND o.status = 'paid'");
    add(q, false, "SELECT c.id, o.order_id FROM orders o RIGHT JOIN customers c ON o.customer_id = c.id AND o.amount > 400");
    add(q, false, "SELECT c.id, o.order_id FROM orders o FULL OUTER JOIN customers c ON o.customer_id = c.id AND o.amount > 450");
    add(q, false, "SELECT status, COUNT(*), COUNT(qty), SUM(qty), MIN(amount), MAX(amount), COUNT(DISTINCT customer_id)"
        + " FROM orders GROUP BY status");
    add(q, false, "SELECT status, AVG(amount), AVG(qty) FROM orders GROUP BY status");
    add(q, false, "SELECT c.segment, COUNT(*) AS n, SUM(o.amount) AS total FROM orders o JOIN customers c ON o.customer_id = c.id"
        + " GROUP BY c.segment HAVING COUNT(*) > 10");
    add(q, false, "SELECT customer_id, SUM(qty) FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING SUM(qty) > 40");
    add(q, true, "SELECT order_id, amount FROM orders ORDER BY amount DESC NULLS LAST, order_id LIMIT 10");
    add(q, true, "SELECT order_id, amount FROM orders ORDER BY amount ASC NULLS FIRST, order_id LIMIT 7 OFFSET 3");
    add(q, true, "SELECT DISTINCT status FROM orders ORDER BY status");
    add(q, false, "SELECT id FROM customers WHERE id IN (SELECT customer_id FROM orders WHERE amount > 450)");
    add(q, false, "SELECT id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.qty > 15)");
    add(q, false, "SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)");
    add(q, false, "SELECT id, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) FROM customers c");
    add(q, false, "SELECT order_id FROM orders WHERE amount > (SELECT AVG(amount) FROM orders)");
    add(q, false, "WITH big AS (SELECT customer_id, SUM(amount) AS s FROM orders GROUP BY customer_id)"
        + " SELECT c.name, b.s FROM big b JOIN customers c ON c.id = b.customer_id WHERE b.s > 2000");
    add(q, false, "SELECT customer_id FROM orders WHERE status = 'paid' UNION SELECT id FROM customers WHERE segment = 'smb'");
    add(q, false, "SELECT customer_id FROM orders WHERE status = 'paid' UNION ALL SELECT id FROM customers WHERE segment = 'smb'");
    add(q, false, "SELECT customer_id FROM orders INTERSECT SELECT id FROM customers WHERE segment = 'retail'");
    add(q, false, "SELECT id FROM customers EXCEPT SELECT customer_id FROM orders");
    add(q, false, "SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ts, order_id) FROM orders");
    add(q, false, "SELECT order_id, SUM(amount) OVER (PARTITION BY status ORDER BY ts, order_id"
        + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM orders");
    add(q, false, "SELECT order_id, LAG(amount) OVER (PARTITION BY customer_id ORDER BY ts, order_id),"
        + " RANK() OVER (ORDER BY status) FROM orders");
    add(q, false, "SELECT order_id, EXTRACT(YEAR FROM ts), EXTRACT(MONTH FROM ts), EXTRACT(DAY FROM ts),"
        + " EXTRACT(HOUR FROM ts), CAST(ts AS DATE) FROM orders");
    add(q, false, "SELECT order_id, ts + INTERVAL '1' DAY, ts - INTERVAL '2' HOUR FROM orders");
    add(q, false, "SELECT status, customer_id IS NULL, COUNT(*) FROM orders GROUP BY ROLLUP(status, customer_id IS NULL)");
    add(q, false, "SELECT status, COUNT(*) FROM orders GROUP BY GROUPING SETS ((status), ())");
    add(q, false, "SELECT COUNT(*), SUM(amount), AVG(credit) FROM orders o JOIN customers c ON o.customer_id = c.id");
    add(q, false, "SELECT o.status, c.segment, COUNT(*) FROM orders o, customers c WHERE o.customer_id = c.id"
        + " GROUP BY o.status, c.segment");
    add(q, false, "SELECT 1 + 2, 'x' || 'y', CAST('12' AS INTEGER) * 3, CAST(2.5 AS DECIMAL(5,2)), TRUE AND NULL");
    add(q, false, "SELECT x FROM (VALUES (1), (2), (3)) AS t(x) WHERE x <> 2");
    add(q, false, "SELECT credit * 2, credit / 4, ROUND(credit, 1), FLOOR(amount), CEIL(amount)"
        + " FROM customers c JOIN orders o ON o.customer_id = c.id");
    return q.stream();
  }

  private static void add(List<Arguments> q, boolean ordered, String sql) {
    q.add(Arguments.of(sql, ordered, sql));
  }

  private static void addDuck(List<Arguments> q, boolean ordered, String sql, String duckSql) {
    q.add(Arguments.of(sql, ordered, duckSql));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void sameRowsAsDuckDb(String sql, boolean ordered, String duckSql) throws Exception {
    List<List<Object>> actual = normalize(Rows.query(fsql, sql));
    List<List<Object>> expected;
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(duckSql)) {
      expected = normalize(duckRows(rs));
    }
    if (!ordered) {
      Comparator<List<Object>> byText = Comparator.comparing(Object::toString);
      actual.sort(byText);
      expected.sort(byText);
    }
    assertThat(actual).as(sql).isEqualTo(expected);
  }

  /**
   * Reads after upserts and across commits: four commits of random upserts (keys repeated across
   * commits, NULLs) into a group keyed on id, mirrored in DuckDB with INSERT OR REPLACE and a
   * snapshot table per commit. The latest rows, each AS OF COMMIT, each commit's CHANGES, and a
   * join of the latest with an older commit must equal DuckDB's.
   */
  @org.junit.jupiter.api.Test
  void upsertsAndEveryCommitMatchDuckDb() throws Exception {
    String table = "accounts (id BIGINT NOT NULL, balance DOUBLE, tier VARCHAR, PRIMARY KEY (id))";
    fsql.execute("CREATE FEATURE GROUP accounts (id BIGINT NOT NULL, balance DOUBLE, tier VARCHAR) PRIMARY KEY (id)");
    Random r = new Random(7);
    String[] tiers = {"gold", "silver", null};
    List<String> commits = new ArrayList<>();
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE " + table);
      for (int c = 0; c < 4; c++) {
        java.util.TreeMap<Integer, String> rows = new java.util.TreeMap<>();
        for (int i = 0; i < 40; i++) {
          int id = r.nextInt(60); // about half of each commit's keys were written before
          String balance = r.nextInt(10) == 0 ? "NULL" : Double.toString(Math.round(r.nextDouble() * 100000) / 100.0);
          String tier = tiers[r.nextInt(tiers.length)];
          rows.put(id, "(" + id + ", " + balance + ", " + (tier == null ? "NULL" : "'" + tier + "'") + ")");
        }
        String values = String.join(", ", rows.values());
        fsql.execute("INSERT INTO accounts VALUES " + values);
        commits.add((String) Rows.query(fsql, "SHOW COMMITS FOR accounts").get(0).get(0));
        st.execute("INSERT OR REPLACE INTO accounts VALUES " + values);
        st.execute("CREATE TABLE accounts_c" + c + " AS SELECT * FROM accounts");
        st.execute("CREATE TABLE accounts_w" + c + " AS SELECT * FROM (VALUES " + values + ") AS t(id, balance, tier)");
      }
    }
    assertThat(commits).doesNotHaveDuplicates().hasSize(4);
    sameRowsAsDuckDb("SELECT id, balance, tier FROM accounts", false, "SELECT id, balance, tier FROM accounts");
    sameRowsAsDuckDb("SELECT tier, COUNT(*), SUM(balance), MAX(id) FROM accounts GROUP BY tier", false,
        "SELECT tier, COUNT(*), SUM(balance), MAX(id) FROM accounts GROUP BY tier");
    for (int c = 0; c < 4; c++) {
      sameRowsAsDuckDb("SELECT id, balance, tier FROM accounts AS OF COMMIT '" + commits.get(c) + "'", false,
          "SELECT id, balance, tier FROM accounts_c" + c);
      String since = c == 0 ? "TIMESTAMP '2000-01-01 00:00:00'" : "COMMIT '" + commits.get(c - 1) + "'";
      sameRowsAsDuckDb("SELECT id, balance, tier FROM accounts CHANGES SINCE " + since + " UNTIL COMMIT '"
          + commits.get(c) + "'", false, "SELECT id, balance, tier FROM accounts_w" + c);
    }
    sameRowsAsDuckDb("SELECT a.id, a.balance - b.balance, b.tier FROM accounts a JOIN accounts AS OF COMMIT '"
        + commits.get(1) + "' b ON a.id = b.id WHERE a.tier IS NOT NULL", false,
        "SELECT a.id, a.balance - b.balance, b.tier FROM accounts a JOIN accounts_c1 b ON a.id = b.id WHERE a.tier IS NOT NULL");
  }

  private static List<List<Object>> duckRows(ResultSet rs) throws Exception {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> out = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object v = rs.getObject(i);
        if (v instanceof java.sql.Timestamp t) {
          v = t.toLocalDateTime();
        } else if (v instanceof java.sql.Date d) {
          v = d.toLocalDate();
        }
        row.add(v);
      }
      out.add(row);
    }
    return out;
  }

  /** Numbers compared as decimals rounded to 6 places; everything else as is. */
  private static List<List<Object>> normalize(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<Object> n = new ArrayList<>();
      for (Object v : row) {
        if (v instanceof Double || v instanceof Float) {
          v = BigDecimal.valueOf(((Number) v).doubleValue()).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        } else if (v instanceof BigDecimal d) {
          v = d.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        } else if (v instanceof Number num && !(v instanceof BigInteger)) {
          v = BigDecimal.valueOf(num.longValue()).setScale(6).stripTrailingZeros();
        } else if (v instanceof BigInteger b) {
          v = new BigDecimal(b).setScale(6).stripTrailingZeros();
        }
        if (v instanceof BigDecimal d && d.signum() == 0) {
          v = BigDecimal.ZERO;
        }
        n.add(v);
      }
      out.add(n);
    }
    return out;
  }
}
