package io.fsql.tests;

import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jdbc:fsql:embedded:<home> through DriverManager: statements, result sets, metadata, errors. */
class JdbcEmbeddedTest {
  @TempDir
  Path tmp;

  @Test
  void statementsResultSetsAndMetadata() throws Exception {
    String url = "jdbc:fsql:embedded:" + tmp.resolve("home");
    try (Connection c = DriverManager.getConnection(url);
         Statement st = c.createStatement()) {
      assertThat(st.execute("CREATE FEATURE GROUP prices (sym VARCHAR NOT NULL, px DECIMAL(10,2),"
          + " qty INT, live BOOLEAN, d DATE, ts TIMESTAMP) PRIMARY KEY (sym) EVENT TIME ts")).isFalse();
      assertThat(st.executeUpdate("INSERT INTO prices VALUES"
          + " ('ABC', 10.25, 3, TRUE, DATE '2026-01-01', TIMESTAMP '2026-01-01 09:30:00'),"
          + " ('XYZ', NULL, NULL, FALSE, NULL, TIMESTAMP '2026-01-01 09:31:00.5')")).isEqualTo(2);

      try (ResultSet rs = st.executeQuery("SELECT sym, px, qty, live, d, ts, qty * 2 AS q2 FROM prices ORDER BY sym")) {
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
        assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);

        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("ABC");
        assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("10.25"));
        assertThat(rs.getInt(3)).isEqualTo(3);
        assertThat(rs.getBoolean(4)).isTrue();
        assertThat(rs.getDate(5).toLocalDate()).isEqualTo(java.time.LocalDate.of(2026, 1, 1));
        assertThat(rs.getTimestamp(6).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 1, 1, 9, 30));
        assertThat(rs.getString(6)).isEqualTo("2026-01-01 09:30:00");
        assertThat(rs.getInt("q2")).isEqualTo(6);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("sym")).isEqualTo("XYZ");
        assertThat(rs.getBigDecimal("px")).isNull();
        assertThat(rs.getInt("qty")).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getTimestamp("ts").toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 1, 1, 9, 31, 0, 500_000_000));
        assertThat(rs.next()).isFalse();
      }

      // Prepared statements with parameters.
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
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO prices (sym, px, ts) VALUES (?, ?, ?)")) {
        ps.setString(1, "NEW");
        ps.setBigDecimal(2, new BigDecimal("1.50"));
        ps.setTimestamp(3, Timestamp.valueOf("2026-02-01 00:00:00"));
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(px) FROM prices")) {
        assertThat(Rows.of(rs)).isEqualTo(List.of(row(3L, new BigDecimal("11.75"))));
      }

      // Metadata from the catalog.
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_NAME")).isEqualTo("prices");
        assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = md.getColumns(null, null, "prices", "%")) {
        List<List<Object>> cols = new java.util.ArrayList<>();
        while (rs.next()) {
          cols.add(row(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("IS_NULLABLE")));
        }
        assertThat(cols).isEqualTo(List.of(
            row("sym", Types.VARCHAR, "NO"), row("px", Types.DECIMAL, "YES"), row("qty", Types.INTEGER, "YES"),
            row("live", Types.BOOLEAN, "YES"), row("d", Types.DATE, "YES"), row("ts", Types.TIMESTAMP, "NO")));
      }

      // Errors are SQLExceptions with fsql's message and a SQLSTATE.
      SQLException e = catchThrowableOfType(SQLException.class, () -> st.executeQuery("SELECT nope FROM prices"));
      assertThat(e.getMessage()).isEqualTo("line 1:8: column 'nope' does not exist");
      assertThat(e.getSQLState()).isEqualTo("42703");
      e = catchThrowableOfType(SQLException.class, () -> st.execute("SELEC 1"));
      assertThat(e.getSQLState()).isEqualTo("42601");
      assertThat(e.getMessage()).startsWith("line 1:1: ");
    }

    // A second connection to the same home after the first closed sees the data.
    try (Connection c = DriverManager.getConnection(url);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT sym FROM prices ORDER BY sym")) {
      assertThat(Rows.of(rs)).isEqualTo(List.of(row("ABC"), row("NEW"), row("XYZ")));
    }
  }

  @Test
  void twoConnectionsShareOneEngine() throws Exception {
    String url = "jdbc:fsql:embedded:" + tmp.resolve("shared");
    try (Connection a = DriverManager.getConnection(url);
         Connection b = DriverManager.getConnection(url)) {
      a.createStatement().execute("CREATE FEATURE GROUP g (k INT) PRIMARY KEY (k)");
      b.createStatement().executeUpdate("INSERT INTO g VALUES (1), (2)");
      try (ResultSet rs = a.createStatement().executeQuery("SELECT SUM(k) FROM g")) {
        assertThat(Rows.of(rs)).isEqualTo(List.of(row(3L)));
      }
    }
  }
}
