package io.fsql.jdbc;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;

/**
 * fsql's DATE and TIMESTAMP values as JDBC hands them out, the same in the embedded and the remote
 * driver. A TIMESTAMP is a wall-clock value with microseconds and no time zone: JDBC 4.2 maps it to
 * {@link LocalDateTime} ({@link Timestamp} when read in the JVM's zone); a DATE maps to
 * {@link LocalDate}. Types with a time zone ({@code Instant}, {@code OffsetDateTime},
 * {@code ZonedDateTime}) are refused, as JDBC keeps them for TIMESTAMP WITH TIME ZONE.
 */
final class JdbcTemporals {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private JdbcTemporals() {}

  /** A TIMESTAMP value as {@code type}. */
  static <T> T timestamp(LocalDateTime v, Class<T> type, String column) throws SQLException {
    if (v == null) {
      return null;
    }
    Object out;
    if (type == LocalDateTime.class || type == Object.class) {
      out = type == Object.class ? Timestamp.valueOf(v) : v;
    } else if (type == Timestamp.class || type == java.util.Date.class) {
      out = Timestamp.valueOf(v);
    } else if (type == LocalDate.class) {
      out = v.toLocalDate();
    } else if (type == Date.class) {
      out = Date.valueOf(v.toLocalDate());
    } else if (type == String.class) {
      out = format(v);
    } else {
      throw cannotConvert("TIMESTAMP", column, type, "java.time.LocalDateTime or java.sql.Timestamp");
    }
    return type.cast(out);
  }

  /** A DATE value as {@code type}. */
  static <T> T date(LocalDate v, Class<T> type, String column) throws SQLException {
    if (v == null) {
      return null;
    }
    Object out;
    if (type == LocalDate.class) {
      out = v;
    } else if (type == Date.class || type == java.util.Date.class || type == Object.class) {
      out = Date.valueOf(v);
    } else if (type == String.class) {
      out = v.toString();
    } else {
      throw cannotConvert("DATE", column, type, "java.time.LocalDate or java.sql.Date");
    }
    return type.cast(out);
  }

  /** A TIMESTAMP value as a Timestamp: its wall-clock value read in {@code calendar}'s zone (else the JVM's). */
  static Timestamp timestamp(LocalDateTime v, Calendar calendar) {
    if (v == null) {
      return null;
    }
    if (calendar == null) {
      return Timestamp.valueOf(v);
    }
    ZoneId zone = calendar.getTimeZone().toZoneId();
    Timestamp t = new Timestamp(v.atZone(zone).toInstant().toEpochMilli());
    t.setNanos(v.getNano());
    return t;
  }

  /** A Timestamp parameter as the wall-clock value it stands for in {@code calendar}'s zone (else the JVM's). */
  static LocalDateTime localDateTime(Timestamp t, Calendar calendar) {
    if (t == null) {
      return null;
    }
    if (calendar == null) {
      return t.toLocalDateTime();
    }
    return LocalDateTime.ofInstant(t.toInstant(), calendar.getTimeZone().toZoneId());
  }

  /** A DATE value as a java.sql.Date: midnight in {@code calendar}'s zone (else the JVM's). */
  static Date date(LocalDate v, Calendar calendar) {
    if (v == null) {
      return null;
    }
    if (calendar == null) {
      return Date.valueOf(v);
    }
    return new Date(v.atStartOfDay(calendar.getTimeZone().toZoneId()).toInstant().toEpochMilli());
  }

  /** {@code 2026-01-01 09:30:00}, {@code 2026-01-01 09:30:00.5}, {@code 2026-01-01 09:30:00.123456}. */
  static String format(LocalDateTime v) {
    String s = SECONDS.format(v);
    int nanos = v.getNano();
    if (nanos == 0) {
      return s;
    }
    String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
    return s + "." + fraction;
  }

  private static SQLException cannotConvert(String sqlType, String column, Class<?> type, String use) {
    boolean zoned = type == java.time.Instant.class || type == java.time.OffsetDateTime.class
        || type == java.time.ZonedDateTime.class || type == java.time.OffsetTime.class;
    return new SQLException("cannot read " + sqlType + " column '" + column + "' as " + type.getName()
        + (zoned ? " (an fsql " + sqlType + " has no time zone)" : "") + ": use " + use, "22018");
  }
}
