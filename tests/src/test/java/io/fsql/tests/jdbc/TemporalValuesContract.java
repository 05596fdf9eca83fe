package io.fsql.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * DATE and TIMESTAMP over JDBC, the same for every fsql URL: microseconds survive, JDBC 4.2 maps
 * them to java.time, and prepared statements take java.time values. The test JVM runs in
 * Asia/Kolkata, so any accidental conversion through a time zone shows up as a 5:30 shift.
 */
abstract class TemporalValuesContract {
  static final LocalDateTime MICROS = LocalDateTime.of(2026, 1, 1, 10, 0, 0, 123_456_000);

  /** A new connection to an fsql home with no feature groups yet (the same home on every call). */
  abstract Connection connect() throws SQLException;

  @Test
  void timestampsKeepMicrosecondsAndMapToJavaTime() throws Exception {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP times (k INT NOT NULL, d DATE, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts");
      st.executeUpdate("INSERT INTO times VALUES (1, DATE '2026-03-04', TIMESTAMP '2026-01-01 10:00:00.123456'),"
          + " (2, NULL, TIMESTAMP '2026-01-01 10:00:00')");

      try (ResultSet rs = st.executeQuery("SELECT k, d, ts FROM times ORDER BY k")) {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnType(2)).isEqualTo(Types.DATE);
        assertThat(md.getColumnType(3)).isEqualTo(Types.TIMESTAMP);

        assertThat(rs.next()).isTrue();
        assertThat(rs.getTimestamp(3)).isEqualTo(Timestamp.valueOf("2026-01-01 10:00:00.123456"));
        assertThat(rs.getTimestamp("ts").getNanos()).isEqualTo(123_456_000);
        assertThat(rs.getTimestamp(3).toLocalDateTime()).isEqualTo(MICROS);
        assertThat(rs.getObject(3)).isEqualTo(Timestamp.valueOf("2026-01-01 10:00:00.123456"));
        assertThat(rs.getObject(3, LocalDateTime.class)).isEqualTo(MICROS);
        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(MICROS);
        assertThat(rs.getString(3)).isEqualTo("2026-01-01 10:00:00.123456");
        // With a calendar, the wall-clock value is read in that calendar's zone.
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        assertThat(rs.getTimestamp(3, utc).toInstant()).isEqualTo(Instant.parse("2026-01-01T10:00:00.123456Z"));

        assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(rs.getDate(2).toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(rs.getObject(2)).isEqualTo(java.sql.Date.valueOf("2026-03-04"));

        // A TIMESTAMP has no time zone: JDBC 4.2 keeps Instant/OffsetDateTime for TIMESTAMP WITH TIME ZONE.
        SQLException e = catchThrowableOfType(SQLException.class, () -> rs.getObject(3, OffsetDateTime.class));
        assertThat(e.getMessage()).isEqualTo("cannot read TIMESTAMP column 'ts' as java.time.OffsetDateTime"
            + " (an fsql TIMESTAMP has no time zone): use java.time.LocalDateTime or java.sql.Timestamp");
        e = catchThrowableOfType(SQLException.class, () -> rs.getObject(3, Instant.class));
        assertThat(e.getMessage()).startsWith("cannot read TIMESTAMP column 'ts' as java.time.Instant");

        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(3)).isEqualTo("2026-01-01 10:00:00");
        assertThat(rs.getObject(2, LocalDate.class)).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getObject(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 1, 1, 10, 0));
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void preparedStatementsTakeJavaTimeValues() throws Exception {
    LocalDateTime millis = LocalDateTime.of(2026, 1, 1, 10, 0, 0, 123_000_000);
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP events (k INT NOT NULL, d DATE, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (k, d, ts) VALUES (?, ?, ?)")) {
        ps.setInt(1, 1);
        ps.setObject(2, LocalDate.of(2026, 2, 28));
        ps.setObject(3, millis);
        assertThat(ps.executeUpdate()).isEqualTo(1);
        ps.setInt(1, 2);
        ps.setObject(2, null, Types.DATE);
        ps.setTimestamp(3, Timestamp.valueOf("2026-01-02 23:59:59.999"));
        assertThat(ps.executeUpdate()).isEqualTo(1);
        ps.setInt(1, 3);
        ps.setDate(2, java.sql.Date.valueOf("1969-12-31"));
        ps.setObject(3, LocalDateTime.of(1969, 12, 31, 23, 0));
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT k, d, ts FROM events WHERE ts = ?")) {
        ps.setObject(1, millis);
        assertThat(rows(ps)).isEqualTo(List.of(List.of(1, LocalDate.of(2026, 2, 28), millis)));
        ps.setTimestamp(1, Timestamp.valueOf("2026-01-02 23:59:59.999"));
        List<List<Object>> second = rows(ps);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).get(2)).isEqualTo(LocalDateTime.of(2026, 1, 2, 23, 59, 59, 999_000_000));
        ps.setObject(1, LocalDateTime.of(1969, 12, 31, 23, 0));
        assertThat(rows(ps)).isEqualTo(List.of(List.of(3, LocalDate.of(1969, 12, 31), LocalDateTime.of(1969, 12, 31, 23, 0))));
        // One millisecond off matches nothing.
        ps.setObject(1, millis.plusNanos(1_000_000));
        assertThat(rows(ps)).isEmpty();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT k FROM events WHERE d = ?")) {
        ps.setObject(1, LocalDate.of(2026, 2, 28));
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(1);
          assertThat(rs.next()).isFalse();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT k FROM events WHERE ts = ?")) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> ps.setObject(1, Instant.EPOCH));
        assertThat(e.getMessage()).isEqualTo("cannot bind a java.time.Instant to parameter 1 (an fsql TIMESTAMP has"
            + " no time zone): use java.time.LocalDateTime or java.sql.Timestamp");
      }
    }
  }

  /** Whether TIMESTAMP parameters carry microseconds (else milliseconds, and finer values are refused). */
  abstract boolean microsecondParameters();

  @Test
  void timestampParametersKeepMicroseconds() throws Exception {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP fine (k INT NOT NULL, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO fine (k, ts) VALUES (?, ?)")) {
        ps.setInt(1, 1);
        if (!microsecondParameters()) {
          SQLException e = catchThrowableOfType(SQLException.class, () -> ps.setObject(2, MICROS));
          assertThat(e.getMessage()).isEqualTo("parameter 2: the server takes TIMESTAMP parameters in milliseconds,"
              + " which cannot hold 2026-01-01 10:00:00.123456");
          return;
        }
        ps.setObject(2, MICROS);
        assertThat(ps.executeUpdate()).isEqualTo(1);
        ps.setInt(1, 2);
        ps.setTimestamp(2, Timestamp.valueOf("2026-01-02 23:59:59.000001"));
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT k, ts FROM fine WHERE ts = ?")) {
        ps.setObject(1, MICROS);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(1);
          assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(MICROS);
          assertThat(rs.next()).isFalse();
        }
        ps.setObject(1, LocalDateTime.of(2026, 1, 2, 23, 59, 59, 1_000));
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(2);
          assertThat(rs.next()).isFalse();
        }
        ps.setObject(1, MICROS.plusNanos(1_000));
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }

  private static List<List<Object>> rows(PreparedStatement ps) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        row.add(rs.getInt(1));
        row.add(rs.getObject(2, LocalDate.class));
        row.add(rs.getObject(3, LocalDateTime.class));
        out.add(row);
      }
    }
    return out;
  }
}
