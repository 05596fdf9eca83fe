package io.fsql.tests.flight;

import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import io.fsql.tests.Rows;
import java.math.BigDecimal;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arrow's Flight SQL JDBC driver, unmodified, against {@code fsql serve}. */
class FlightJdbcTest {
  @TempDir
  static Path tmp;
  static FlightSqlServer server;
  static String url;

  @BeforeAll
  static void start() throws Exception {
    server = FlightSqlServer.start(tmp.resolve("home"), ServerOptions.defaults().port(0));
    url = "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=false";
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP prices (sym VARCHAR NOT NULL, px DECIMAL(10,2), qty INT, live BOOLEAN,"
          + " d DATE, ts TIMESTAMP NOT NULL, big BIGINT, r REAL, x DOUBLE) PRIMARY KEY (sym) EVENT TIME ts");
      assertThat(st.executeUpdate("INSERT INTO prices VALUES"
          + " ('ABC', 10.25, 3, TRUE, DATE '2026-01-01', TIMESTAMP '2026-01-01 09:30:00.123456', 9000000000, 1.5, 2.25),"
          + " ('XYZ', NULL, NULL, FALSE, NULL, TIMESTAMP '2026-01-01 09:31:00.5', NULL, NULL, NULL)")).isEqualTo(2);
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
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT sym, px, qty, live, d, ts, big, r, x, qty * 2 AS q2 FROM prices ORDER BY sym")) {
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnCount()).isEqualTo(10);
      assertThat(md.getColumnLabel(1)).isEqualTo("sym");
      assertThat(md.getColumnType(1)).isEqualTo(Types.VARCHAR);
      assertThat(md.getColumnType(2)).isEqualTo(Types.DECIMAL);
      assertThat(md.getPrecision(2)).isEqualTo(10);
      assertThat(md.getScale(2)).isEqualTo(2);
      assertThat(md.getColumnType(3)).isEqualTo(Types.INTEGER);
      assertThat(md.getColumnType(4)).isEqualTo(Types.BOOLEAN);
      assertThat(md.getColumnType(5)).isEqualTo(Types.DATE);
      assertThat(md.getColumnType(6)).isEqualTo(Types.TIMESTAMP);
      assertThat(md.getColumnType(7)).isEqualTo(Types.BIGINT);
      // The driver reports an Arrow single-precision float as FLOAT (its TYPE_NAME is REAL).
      assertThat(md.getColumnType(8)).isEqualTo(Types.FLOAT);
      assertThat(md.getColumnType(9)).isEqualTo(Types.DOUBLE);
      assertThat(md.getColumnLabel(10)).isEqualTo("q2");

      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ABC");
      assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("10.25"));
      assertThat(rs.getInt(3)).isEqualTo(3);
      assertThat(rs.getBoolean(4)).isTrue();
      assertThat(rs.getObject(5, LocalDate.class)).isEqualTo(LocalDate.of(2026, 1, 1));
      assertThat(rs.getObject(6, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 1, 1, 9, 30, 0, 123_456_000));
      assertThat(rs.getLong(7)).isEqualTo(9_000_000_000L);
      assertThat(rs.getFloat(8)).isEqualTo(1.5f);
      assertThat(rs.getDouble(9)).isEqualTo(2.25);
      assertThat(rs.getInt(10)).isEqualTo(6);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("sym")).isEqualTo("XYZ");
      assertThat(rs.getBigDecimal("px")).isNull();
      assertThat(rs.getInt("qty")).isZero();
      assertThat(rs.wasNull()).isTrue();
      assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 1, 1, 9, 31, 0, 500_000_000));
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void preparedStatementsBindParameters() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT sym, qty FROM prices WHERE ts >= ? AND sym <> ? ORDER BY sym")) {
        ps.setTimestamp(1, Timestamp.valueOf("2026-01-01 09:30:00"));
        ps.setString(2, "nothing");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(Rows.of(rs)).isEqualTo(List.of(row("ABC", 3), row("XYZ", null)));
        }
        ps.setTimestamp(1, Timestamp.valueOf("2026-01-01 09:30:30"));
        ps.setString(2, "nothing");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(Rows.of(rs)).isEqualTo(List.of(row("XYZ", null)));
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) AS n FROM prices WHERE qty = ? OR big > ?")) {
        ps.setInt(1, 3);
        ps.setLong(2, 1L);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(Rows.of(rs)).isEqualTo(List.of(row(1L)));
        }
      }
    }
  }

  @Test
  void preparedInsertsAndUpdateCounts() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP orders (id BIGINT NOT NULL, amount DECIMAL(10,2), note VARCHAR,"
          + " ts TIMESTAMP NOT NULL) PRIMARY KEY (id) EVENT TIME ts");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, amount, note, ts) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, 1);
        ps.setBigDecimal(2, new BigDecimal("1.50"));
        ps.setString(3, "first");
        ps.setTimestamp(4, Timestamp.valueOf("2026-02-01 00:00:00"));
        assertThat(ps.executeUpdate()).isEqualTo(1);
        ps.setLong(1, 2);
        ps.setBigDecimal(2, new BigDecimal("7"));
        ps.setNull(3, Types.VARCHAR);
        ps.setTimestamp(4, Timestamp.valueOf("2026-02-02 00:00:00.25"));
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      // A batch of parameter rows for INSERT ... VALUES (?, ...) is one INSERT: one commit.
      int commitsBefore = Rows.of(st.executeQuery("SHOW COMMITS FOR orders")).size();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)")) {
        for (long id = 10; id < 13; id++) {
          ps.setLong(1, id);
          ps.setBigDecimal(2, new BigDecimal(id + ".25"));
          ps.setString(3, "batch");
          ps.setTimestamp(4, Timestamp.valueOf("2026-03-01 00:00:00"));
          ps.addBatch();
        }
        assertThat(java.util.Arrays.stream(ps.executeBatch()).sum()).isEqualTo(3);
      }
      assertThat(Rows.of(st.executeQuery("SHOW COMMITS FOR orders"))).hasSize(commitsBefore + 1);
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(amount) FROM orders WHERE note = 'batch'")) {
        assertThat(Rows.of(rs)).isEqualTo(List.of(row(3L, new BigDecimal("33.75"))));
      }
      // TIMESTAMP is a wall-clock time (UTC in fsql): read it as LocalDateTime (the driver's
      // getTimestamp() would shift a zone-less value from UTC to the JVM's zone).
      try (ResultSet rs = st.executeQuery("SELECT id, amount, note, ts FROM orders WHERE id < 10 ORDER BY id")) {
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(row(rs.getLong(1), rs.getBigDecimal(2), rs.getString(3), rs.getObject(4, LocalDateTime.class)));
        }
        assertThat(rows).isEqualTo(List.of(
            row(1L, new BigDecimal("1.50"), "first", LocalDateTime.of(2026, 2, 1, 0, 0)),
            row(2L, new BigDecimal("7.00"), null, LocalDateTime.of(2026, 2, 2, 0, 0, 0, 250_000_000))));
      }
    }
  }

  @Test
  void errorsCarryFsqlMessageWithPosition() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      SQLException e = catchThrowableOfType(SQLException.class, () -> st.executeQuery("SELECT nope FROM prices"));
      assertThat(e.getMessage()).contains("line 1:8: column 'nope' does not exist");
      e = catchThrowableOfType(SQLException.class, () -> st.execute("SELEC 1"));
      assertThat(e.getMessage()).contains("line 1:1: ");
      e = catchThrowableOfType(SQLException.class, () -> st.executeQuery("SELECT * FROM\n  missing_group"));
      assertThat(e.getMessage()).contains("line 2:3: no feature group, feature view or training dataset is named 'missing_group'");
    }
  }

  @Test
  void metadataWalkLikeABiTool() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("fsql");
      // One unnamed catalog and schema (the empty name); objects have a null catalog and schema.
      try (ResultSet rs = md.getCatalogs()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_CAT")).isEqualTo("");
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = md.getSchemas()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("");
        assertThat(rs.getString("TABLE_CATALOG")).isEqualTo("");
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = md.getSchemas("", "")) {
        assertThat(rs.next()).isTrue();
      }
      try (ResultSet rs = md.getSchemas("other", null)) {
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = md.getTables("", "", "prices", null)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_NAME")).isEqualTo("prices");
      }
      List<List<Object>> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.add(row(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
              rs.getString("TABLE_TYPE")));
        }
      }
      assertThat(tables).contains(row(null, null, "prices", "TABLE"));
      try (ResultSet rs = md.getColumns(null, null, "prices", "%")) {
        List<List<Object>> cols = new ArrayList<>();
        while (rs.next()) {
          cols.add(row(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
              rs.getString("IS_NULLABLE"), rs.getInt("ORDINAL_POSITION")));
        }
        assertThat(cols).isEqualTo(List.of(
            row("sym", Types.VARCHAR, "VARCHAR", "NO", 1), row("px", Types.DECIMAL, "DECIMAL", "YES", 2),
            row("qty", Types.INTEGER, "INTEGER", "YES", 3), row("live", Types.BOOLEAN, "BOOLEAN", "YES", 4),
            row("d", Types.DATE, "DATE", "YES", 5), row("ts", Types.TIMESTAMP, "TIMESTAMP", "NO", 6),
            row("big", Types.BIGINT, "BIGINT", "YES", 7), row("r", Types.FLOAT, "REAL", "YES", 8),
            row("x", Types.DOUBLE, "DOUBLE", "YES", 9)));
      }
      try (ResultSet rs = md.getPrimaryKeys(null, null, "prices")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("COLUMN_NAME")).isEqualTo("sym");
        assertThat(rs.getInt("KEY_SEQ")).isEqualTo(1);
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = md.getTableTypes()) {
        List<String> types = new ArrayList<>();
        while (rs.next()) {
          types.add(rs.getString(1));
        }
        assertThat(types).containsExactly("TRAINING DATASET", "TABLE", "VIEW");
      }
      // This driver answers getTypeInfo() itself (empty); FlightSqlClientTest reads GetXdbcTypeInfo.
      try (ResultSet rs = md.getTypeInfo()) {
        assertThat(rs.getMetaData().getColumnCount()).isPositive();
      }
    }
  }

  @Test
  void pointInTimeJoinsAndTimeTravel() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP quotes (sym VARCHAR NOT NULL, px DOUBLE, ts TIMESTAMP NOT NULL)"
          + " PRIMARY KEY (sym) EVENT TIME ts");
      st.execute("CREATE FEATURE GROUP trades (id INT NOT NULL, sym VARCHAR, ts TIMESTAMP NOT NULL)"
          + " PRIMARY KEY (id) EVENT TIME ts");
      assertThat(st.executeUpdate("INSERT INTO quotes VALUES ('A', 1.0, TIMESTAMP '2026-01-01 10:00:00'),"
          + " ('A', 2.0, TIMESTAMP '2026-01-01 11:00:00'), ('B', 5.0, TIMESTAMP '2026-01-01 10:30:00')")).isEqualTo(3);
      assertThat(st.executeUpdate("INSERT INTO trades VALUES (1, 'A', TIMESTAMP '2026-01-01 09:00:00'),"
          + " (2, 'A', TIMESTAMP '2026-01-01 10:59:59'), (3, 'A', TIMESTAMP '2026-01-01 11:00:00'),"
          + " (4, 'B', TIMESTAMP '2026-01-01 12:00:00')")).isEqualTo(4);
      try (PreparedStatement ps = c.prepareStatement("SELECT t.id, q.px FROM trades t"
          + " LEFT ASOF JOIN quotes q MATCH_CONDITION (t.ts >= q.ts) ON t.sym = q.sym WHERE t.id >= ? ORDER BY t.id")) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(Rows.of(rs)).isEqualTo(List.of(row(1, null), row(2, 1.0), row(3, 2.0), row(4, 5.0)));
        }
      }

      // AS OF: the group as committed at a time, or at a commit, given as parameters.
      List<LocalDateTime> completed = new ArrayList<>();
      List<String> commitIds = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SHOW COMMITS FOR quotes")) {
        while (rs.next()) {
          commitIds.add(rs.getString("commit_id"));
          completed.add(rs.getObject("completed_at", LocalDateTime.class));
        }
      }
      assertThat(commitIds).hasSize(1);
      assertThat(st.executeUpdate("INSERT INTO quotes VALUES ('C', 9.0, TIMESTAMP '2026-01-02 00:00:00')")).isEqualTo(1);
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM quotes AS OF TIMESTAMP ?")) {
        ps.setTimestamp(1, Timestamp.valueOf(completed.get(0)));
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(Rows.of(rs)).isEqualTo(List.of(row(3L)));
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT sym FROM quotes AS OF COMMIT ? ORDER BY sym")) {
        ps.setString(1, commitIds.get(0));
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(Rows.of(rs)).isEqualTo(List.of(row("A"), row("A"), row("B")));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM quotes")) {
        assertThat(Rows.of(rs)).isEqualTo(List.of(row(4L)));
      }
    }
  }

  @Test
  void featureViewsAndTrainingDatasetsAreOtherTableTypes() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE VIEW price_view AS SELECT sym, px FROM prices");
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(null, null, "price%", new String[] {"VIEW"})) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_NAME")).isEqualTo("price_view");
        assertThat(rs.getString("TABLE_TYPE")).isEqualTo("VIEW");
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = md.getColumns(null, null, "price_view", "%")) {
        List<List<Object>> cols = new ArrayList<>();
        while (rs.next()) {
          cols.add(row(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE")));
        }
        assertThat(cols).isEqualTo(List.of(row("sym", Types.VARCHAR), row("px", Types.DECIMAL)));
      }
    }
  }
}
