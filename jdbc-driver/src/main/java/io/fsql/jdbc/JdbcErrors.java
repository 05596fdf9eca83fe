package io.fsql.jdbc;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.FlightRuntimeException;

/** Turns engine errors into SQLExceptions that carry fsql's one-line message and SQLSTATE. */
final class JdbcErrors {
  private static final Pattern POSITION = Pattern.compile("line (\\d+):(\\d+): (.*)", Pattern.DOTALL);

  private JdbcErrors() {}

  static SQLException toSql(Throwable e) {
    FsqlException f = FsqlException.find(e);
    if (f != null) {
      return new SQLException(f.getMessage(), f.code().sqlState(), f);
    }
    if (e instanceof SQLException s) {
      return s;
    }
    return new SQLException(e.getMessage(), "XX000", e);
  }

  /**
   * An error of Arrow's Flight SQL driver as fsql's: when the server sent an fsql error (its
   * message, and its code in the {@code fsql-error-code} metadata), the same SQLException the
   * embedded driver gives, with an {@link FsqlException} (line and column) as its cause.
   * {@code address} (host:port, or null) names the server when it cannot be reached.
   */
  static SQLException remote(Throwable e, String address) {
    FlightRuntimeException flight = null;
    for (Throwable t = e; t != null && flight == null; t = t.getCause()) {
      if (t instanceof FlightRuntimeException f) {
        flight = f;
      }
    }
    if (flight == null) {
      if (e instanceof SQLException s) {
        return s;
      }
      return new SQLException(oneLine(e.getMessage()), "XX000", e);
    }
    String message = flight.status().description();
    if (message == null || message.isEmpty()) {
      message = flight.status().code().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
    String codeName = metadata(flight, "fsql-error-code");
    ErrorCode code = null;
    if (codeName != null) {
      try {
        code = ErrorCode.valueOf(codeName);
      } catch (IllegalArgumentException ignored) {
        // A server newer than this driver: keep the message, without a code.
      }
    }
    if (code == null && address != null
        && flight.status().code() == org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.FlightStatusCode.UNAVAILABLE) {
      return new SQLException("the fsql server at " + address + " is unavailable: " + oneLine(message), "08006", e);
    }
    if (code == null) {
      String state = metadata(flight, "fsql-sqlstate");
      return new SQLException(oneLine(message), state != null ? state : "08006", e);
    }
    Matcher m = POSITION.matcher(message);
    FsqlException f = m.matches()
        ? new FsqlException(code, m.group(3), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), e)
        : new FsqlException(code, message, e);
    return new SQLException(f.getMessage(), code.sqlState(), f);
  }

  private static String metadata(FlightRuntimeException e, String key) {
    var md = e.status().metadata();
    return md != null && md.containsKey(key) ? md.get(key) : null;
  }

  /** The first line of a message. */
  static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
