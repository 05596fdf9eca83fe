package io.fsql.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.server.flight.UsersFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User and password over jdbc:fsql:// and fsql sql --connect, against a server with a users file. */
class RemoteAuthTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Path users = tmp.resolve("users");
    UsersFile.add(users, "ann", "s3cret&more");
    server = TestServer.start(tmp.resolve("home"), users);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void credentialsInTheUrlOrInProperties() throws Exception {
    try (Connection c = DriverManager.getConnection(server.url() + "?user=ann&password=s3cret%26more");
         ResultSet rs = c.createStatement().executeQuery("SELECT 1 + 1 AS two")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
    Properties p = new Properties();
    p.setProperty("user", "ann");
    p.setProperty("password", "s3cret&more");
    try (Connection c = DriverManager.getConnection(server.url(), p);
         ResultSet rs = c.createStatement().executeQuery("SELECT 3 AS three")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(3);
    }
  }

  @Test
  void wrongOrMissingCredentialsFailInOneLine() {
    SQLException e = catchThrowableOfType(SQLException.class,
        () -> DriverManager.getConnection(server.url() + "?user=ann&password=wrong"));
    assertThat(e.getMessage()).isEqualTo("cannot connect to the fsql server at " + server.address()
        + ": wrong user name or password");
    assertThat(e.getSQLState()).isEqualTo("28000");
  }

  @Test
  void sqlShellTakesAPasswordFile() throws Exception {
    Path passwordFile = tmp.resolve("password.txt");
    Files.writeString(passwordFile, "s3cret&more\n");
    FsqlProcess.Result r = FsqlProcess.run(tmp.resolve("ok"), null, "sql", "--connect", server.address(),
        "--user", "ann", "--password-file", passwordFile.toString(), "-e", "SELECT 40 + 2 AS answer");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("+--------+\n| answer |\n+--------+\n| 42     |\n+--------+\n(1 row)\n");

    Files.writeString(passwordFile, "nope\n");
    r = FsqlProcess.run(tmp.resolve("bad"), null, "sql", "--connect", server.address(),
        "--user", "ann", "--password-file", passwordFile.toString(), "-e", "SELECT 1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: cannot connect to the fsql server at " + server.address()
        + ": wrong user name or password\n");
  }
}
