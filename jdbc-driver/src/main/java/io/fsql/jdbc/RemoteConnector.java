package io.fsql.jdbc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.arrow.driver.jdbc.ArrowFlightJdbcDriver;

/**
 * Connects {@code jdbc:fsql://host:port} URLs: Arrow's Flight SQL JDBC driver does the protocol,
 * fsql's wrappers ({@link RemoteJdbc}) give its connections fsql's behaviour (exact DATE and
 * TIMESTAMP values, fsql's error messages).
 */
final class RemoteConnector {
  private static final int PROBE_TIMEOUT_MILLIS = 10_000;
  /**
   * Arrow's driver logs through java.util.logging: its allocator announces itself at INFO, and a
   * failed login logs a SEVERE stack trace before the error reaches the caller (who gets it as
   * an SQLException). Unless the application set levels for them, keep them quiet. (Strong
   * references: java.util.logging forgets the level of a logger nobody holds.)
   */
  private static final java.util.List<java.util.logging.Logger> QUIET = java.util.List.of(
      quiet("org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.memory", java.util.logging.Level.WARNING),
      quiet("org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.auth2", java.util.logging.Level.OFF));

  private static final ArrowFlightJdbcDriver ARROW = new ArrowFlightJdbcDriver();

  private static java.util.logging.Logger quiet(String name, java.util.logging.Level level) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    if (logger.getLevel() == null) {
      logger.setLevel(level);
    }
    return logger;
  }

  private RemoteConnector() {}

  static Connection connect(String url, Properties info) throws SQLException {
    RemoteUrl remote = RemoteUrl.parse(url, info);
    probe(remote);
    Connection arrow;
    try {
      arrow = ARROW.connect(remote.arrowUrl(), remote.arrowProperties());
    } catch (SQLException | RuntimeException e) {
      throw new SQLException("cannot connect to the fsql server at " + remote.address() + ": "
          + JdbcErrors.oneLine(JdbcErrors.remote(e, null).getMessage()), authFailed(e) ? "28000" : "08001", e);
    }
    if (arrow == null) {
      throw new SQLException("cannot connect to the fsql server at " + remote.address(), "08001");
    }
    return RemoteJdbc.connection(arrow, RemoteUrl.redact(url), remote.address());
  }

  /** Fails fast, with one line naming the server, when nothing listens at host:port. */
  private static void probe(RemoteUrl remote) throws SQLException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(remote.host(), remote.port()), PROBE_TIMEOUT_MILLIS);
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new SQLException("cannot reach the fsql server at " + remote.address() + ": " + why, "08001", e);
    }
  }

  private static boolean authFailed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("UNAUTHENTICATED") || m.contains("Unauthenticated") || m.contains("UNAUTHORIZED")) {
        return true;
      }
    }
    return false;
  }
}
