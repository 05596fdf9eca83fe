package io.fsql.tests.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** {@link TemporalValuesContract} through {@code jdbc:fsql:embedded:}. */
class EmbeddedTemporalValuesTest extends TemporalValuesContract {
  @TempDir
  Path tmp;

  @Override
  boolean microsecondParameters() {
    return true;
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:fsql:embedded:" + tmp.resolve("home"));
  }
}
