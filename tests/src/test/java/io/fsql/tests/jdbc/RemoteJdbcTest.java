package io.fsql.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.storage.spark.SparkRuntime;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jdbc:fsql://host:port against a real fsql server: statements, prepared statements, metadata, errors, Spark. */
class RemoteJdbcTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(tmp.resolve("home"));
    try (Connection c = DriverManager.getConnection(server.url()); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP prices (sym VARCHAR NOT NULL, px DECIMAL(10,2), qty INT, live BOOLEAN,"
          + " d DATE, ts TIMESTAMP) PRIMARY KEY (sym) EVENT TIME ts");
      assertThat(st.executeUpdate("INSERT INTO prices VALUES"
          + " ('ABC', 10.25, 3, TRUE, DATE '2026-01-01', TIMESTAMP '2026-01-01 09:30:00.000001'),"
          + " ('XYZ', NULL, NULL, FALSE, NULL, TIMESTAMP '2026-01-01 09:31:00.5')")).isEqualTo(2);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void queriesReturnExactRowsAndTypes() throws Exception {
    try (Connection c = DriverManager.getConnection(server.url());
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT sym, px, qty, live, d, ts, qty * 2 AS q2 FROM prices ORDER BY sym")) {
      assertThat(c.isWrapperFor(Connection.class)).isTrue();
      assertThat(rs.getStatement()).isSameAs(st);
      assertThat(st.getConnection()).isSameAs(c);
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnCount()).isEqualTo(7);
      assertThat(md.getColumnLabel(1)).isEqualTo("sym");
      assertThat(md.getColumnType(1)).isEqualTo(Types.VARCHAR);
      assertThat(md.getColumnType(2)).isEqualTo(Types.DECIMAL);
      assertThat(md.getPrecision(2)).isEqualTo(10);
      assertThat(md.getScale(2)).isEqualTo(2);
      assertThat(md.getColumnType(3)).isEqualTo(Types.INTEGER);
      assertThat(md.getColumnType(4)).isEqualTo(Types.BOOLEAN);
      assertThat(md.getColumnType(5)).isEqualTo(Types.DATE);
      assertThat(md.getColumnType(6)).isEqualTo(Types.TIMESTAMP);
      assertThat(md.getColumnLabel(7)).isEqualTo("q2");

      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ABC");
      assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("10.25"));
      assertThat(rs.getInt(3)).isEqualTo(3);
      assertThat(rs.getBoolean(4)).isTrue();
      assertThat(rs.getDate(5)).isEqualTo(java.sql.Date.valueOf("2026-01-01"));
      assertThat(rs.getTimestamp(6)).isEqualTo(Timestamp.valueOf("2026-01-01 09:30:00.000001"));
      assertThat(rs.getString(6)).isEqualTo("2026-01-01 09:30:00.000001");
      assertThat(rs.getInt("q2")).isEqualTo(6);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("sym")).isEqualTo("XYZ");
      assertThat(rs.getBigDecimal("px")).isNull();
      assertThat(rs.getInt("qty")).isZero();
      assertThat(rs.wasNull()).isTrue();
      assertThat(rs.getDate("d")).isNull();
      assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 1, 1, 9, 31, 0, 500_000_000));
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void preparedStatementsBindParameters() throws Exception {
    try (Connection c = DriverManager.getConnection(server.url())) {
      try (PreparedStatement ps = c.prepareStatement("SELECT sym, qty FROM prices WHERE ts >= ? AND sym <> ? ORDER BY sym")) {
        ps.setTimestamp(1, Timestamp.valueOf("2026-01-01 09:30:00"));
        ps.setString(2, "nothing");
        assertThat(rows(ps)).isEqualTo(List.of(List.of("ABC", 3), Arrays.asList("XYZ", null)));
        ps.setObject(1, LocalDateTime.of(2026, 1, 1, 9, 30, 0, 500_000_000));
        ps.setString(2, "nothing");
        assertThat(rows(ps)).isEqualTo(List.of(Arrays.asList("XYZ", null)));
        ps.setObject(1, LocalDateTime.of(2026, 1, 1, 9, 31, 0, 501_000_000));
        assertThat(rows(ps)).isEmpty();
      }
      try (Statement st = c.createStatement()) {
        st.execute("CREATE FEATURE GROUP fresh (sym VARCHAR NOT NULL, px DECIMAL(10,2), d DATE, ts TIMESTAMP)"
            + " PRIMARY KEY (sym) EVENT TIME ts");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO fresh (sym, px, d, ts) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, "NEW");
        ps.setBigDecimal(2, new BigDecimal("1.50"));
        ps.setObject(3, LocalDate.of(2026, 2, 1));
        ps.setObject(4, LocalDateTime.of(2026, 2, 1, 0, 0, 0, 999_000_000));
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT px, d, ts FROM fresh WHERE sym = 'NEW'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal("1.50"));
        assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(rs.getObject(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 2, 1, 0, 0, 0, 999_000_000));
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void metadataComesFromTheCatalog() throws Exception {
    try (Connection c = DriverManager.getConnection(server.url())) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getConnection()).isSameAs(c);
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "pri%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
        }
      }
      assertThat(tables).containsExactly("prices:TABLE");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, null, "prices", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE"));
        }
      }
      assertThat(columns).containsExactly("sym:" + Types.VARCHAR, "px:" + Types.DECIMAL, "qty:" + Types.INTEGER,
          "live:" + Types.BOOLEAN, "d:" + Types.DATE, "ts:" + Types.TIMESTAMP);
    }
  }

  @Test
  void errorsAreFsqlsOwn() throws Exception {
    try (Connection c = DriverManager.getConnection(server.url()); Statement st = c.createStatement()) {
      SQLException e = catchThrowableOfType(SQLException.class, () -> st.executeQuery("SELECT nope FROM prices"));
      assertThat(e.getMessage()).isEqualTo("line 1:8: column 'nope' does not exist");
      assertThat(e.getSQLState()).isEqualTo("42703");
      e = catchThrowableOfType(SQLException.class, () -> st.execute("SELEC 1"));
      assertThat(e.getSQLState()).isEqualTo("42601");
      assertThat(e.getMessage()).startsWith("line 1:1: ");
      // The connection still works after errors.
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM prices")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2L);
      }
    }
  }

  @Test
  void badUrlsAndUnreachableServersFailInOneLine() throws Exception {
    SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection("jdbc:fsql://localhost"));
    assertThat(e.getMessage()).isEqualTo("bad fsql URL 'jdbc:fsql://localhost': no port;"
        + " expected jdbc:fsql://host:port[?user=U&password=P&tls=true]");
    e = catchThrowableOfType(SQLException.class,
        () -> DriverManager.getConnection("jdbc:fsql://localhost:99999"));
    assertThat(e.getMessage()).startsWith("bad fsql URL 'jdbc:fsql://localhost:99999': port 99999 out of range;");
    e = catchThrowableOfType(SQLException.class,
        () -> DriverManager.getConnection(server.url() + "?tsl=true&password=secret"));
    assertThat(e.getMessage()).startsWith("bad fsql URL '" + server.url() + "?tsl=true&password=***': unknown property 'tsl'");
    e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(server.url() + "?tls=yes"));
    assertThat(e.getMessage()).contains("tls must be true or false, not 'yes'");
    e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection("jdbc:fsql:nowhere"));
    assertThat(e.getMessage()).isEqualTo("unsupported fsql URL 'jdbc:fsql:nowhere': use"
        + " jdbc:fsql://host:port[?user=U&password=P&tls=true] or jdbc:fsql:embedded:<home directory>");

    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    e = catchThrowableOfType(SQLException.class,
        () -> DriverManager.getConnection("jdbc:fsql://127.0.0.1:" + closedPort));
    assertThat(e.getMessage()).isEqualTo("cannot reach the fsql server at 127.0.0.1:" + closedPort + ": Connection refused");
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
  }

  @Test
  void aServerThatGoesAwayOrSpeaksNoTlsFailsInOneLine() throws Exception {
    try (TestServer other = TestServer.start(tmp.resolve("other-home"))) {
      // TLS asked of a server that speaks none.
      SQLException e;
      try (Connection c = DriverManager.getConnection(other.url() + "?tls=true");
           Statement st = c.createStatement()) {
        e = catchThrowableOfType(SQLException.class, () -> st.executeQuery("SELECT 1"));
      }
      assertThat(e.getMessage()).isEqualTo("the fsql server at " + other.address() + " is unavailable: io exception");

      // A server that stops under an open connection.
      Connection c = DriverManager.getConnection(other.url());
      Statement st = c.createStatement();
      try (ResultSet rs = st.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
      other.close();
      e = catchThrowableOfType(SQLException.class, () -> st.executeQuery("SELECT 1"));
      assertThat(e.getMessage()).startsWith("the fsql server at " + other.address() + " is unavailable: ");
      assertThat(e.getMessage()).doesNotContain("\n");
      assertThat(e.getSQLState()).isEqualTo("08006");
      c.close();
    }
  }

  @Test
  void sparkReadsAQueryThroughTheJdbcDataSource() {
    SparkSession spark = SparkRuntime.session();
    Dataset<Row> df = spark.read().format("jdbc")
        .option("url", server.url())
        .option("query", "SELECT sym, px, qty, ts FROM prices WHERE live OR qty IS NULL")
        .load();
    assertThat(df.schema().fieldNames()).containsExactly("sym", "px", "qty", "ts");
    assertThat(df.schema().fields()[1].dataType()).isEqualTo(org.apache.spark.sql.types.DataTypes.createDecimalType(10, 2));
    assertThat(df.schema().fields()[2].dataType()).isEqualTo(org.apache.spark.sql.types.DataTypes.IntegerType);
    assertThat(df.schema().fields()[3].dataType()).isEqualTo(org.apache.spark.sql.types.DataTypes.TimestampType);
    List<Row> rows = df.orderBy("sym").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getString(0)).isEqualTo("ABC");
    assertThat(rows.get(0).getDecimal(1)).isEqualTo(new BigDecimal("10.25"));
    assertThat(rows.get(0).getInt(2)).isEqualTo(3);
    // Spark's TIMESTAMP is an instant: the JDBC Timestamp, the wall-clock value in the JVM's zone.
    assertThat(instant(rows.get(0).get(3))).isEqualTo(Timestamp.valueOf("2026-01-01 09:30:00.000001").toInstant());
    assertThat(rows.get(1).getString(0)).isEqualTo("XYZ");
    assertThat(rows.get(1).isNullAt(1)).isTrue();
    assertThat(rows.get(1).isNullAt(2)).isTrue();
    assertThat(instant(rows.get(1).get(3))).isEqualTo(Timestamp.valueOf("2026-01-01 09:31:00.5").toInstant());

    Dataset<Row> table = spark.read().jdbc(server.url(), "prices", new Properties());
    assertThat(table.count()).isEqualTo(2L);
    assertThat(table.where("qty = 3").select("sym").collectAsList().get(0).getString(0)).isEqualTo("ABC");
  }

  private static java.time.Instant instant(Object sparkTimestamp) {
    return sparkTimestamp instanceof java.time.Instant i ? i : ((Timestamp) sparkTimestamp).toInstant();
  }

  private static List<List<Object>> rows(PreparedStatement ps) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
