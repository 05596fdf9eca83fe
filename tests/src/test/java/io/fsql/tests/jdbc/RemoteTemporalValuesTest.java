package io.fsql.tests.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link TemporalValuesContract} through {@code jdbc:fsql://} against a real server. */
class RemoteTemporalValuesTest extends TemporalValuesContract {
  @TempDir
  static Path tmp;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(tmp.resolve("home"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** fsql's driver asks the server for TIMESTAMP parameters in microseconds (plain Arrow JDBC clients get milliseconds). */
  @Override
  boolean microsecondParameters() {
    return true;
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(server.url());
  }
}
