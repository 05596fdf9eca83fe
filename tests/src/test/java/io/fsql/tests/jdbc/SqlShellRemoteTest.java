package io.fsql.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fsql sql --connect HOST:PORT}: -e, -f and the interactive shell (SQLLine) while a server holds the home. */
class SqlShellRemoteTest {
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

  @Test
  void executeAndFileRunOnTheServer() throws Exception {
    FsqlProcess.Result r = FsqlProcess.run(tmp.resolve("e"), null, "sql", "--connect", server.address(), "-e",
        "CREATE FEATURE GROUP g (k INT NOT NULL, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts;"
            + " INSERT INTO g VALUES (1, 'one', TIMESTAMP '2026-01-01 10:00:00.123456'),"
            + " (2, 'two', TIMESTAMP '2026-01-01 11:00:00');"
            + " SELECT k, v, ts FROM g ORDER BY k");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(String.join("\n",
        "OK",
        "2 rows affected",
        "+---+-----+----------------------------+",
        "| k | v   | ts                         |",
        "+---+-----+----------------------------+",
        "| 1 | one | 2026-01-01 10:00:00.123456 |",
        "| 2 | two | 2026-01-01 11:00:00        |",
        "+---+-----+----------------------------+",
        "(2 rows)",
        ""));

    Path script = tmp.resolve("bad.sql");
    Files.writeString(script, "SELECT COUNT(*) AS n FROM g;\n\nSELECT k\n  FROM g WHERE nope = 1;\n");
    r = FsqlProcess.run(tmp.resolve("f"), null, "sql", "--connect", server.address(), "-f", script.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("+---+\n| n |\n+---+\n| 2 |\n+---+\n(1 row)\n");
    assertThat(r.err()).contains("ERROR: " + script + ": line 4:16: column 'nope' does not exist");
  }

  @Test
  void interactiveShellReadsStatementsFromStdin() throws Exception {
    FsqlProcess.Result r = FsqlProcess.run(tmp.resolve("i"),
        "CREATE FEATURE GROUP shell (k INT NOT NULL, v VARCHAR) PRIMARY KEY (k);\n"
            + "INSERT INTO shell VALUES (7, 'seven');\n"
            + "SELECT k, v FROM shell;\n"
            + "!quit\n",
        "sql", "--connect", server.address());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("fsql 0.1.0 on server " + server.address() + ".");
    assertThat(r.out()).contains("| 7 | seven |");
    assertThat(r.out() + r.err()).doesNotContain("Warning:").doesNotContain("Error:");
  }

  @Test
  void clearErrorsForBadOptionsAndUnreachableServers() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    FsqlProcess.Result r = FsqlProcess.run(tmp.resolve("u"), null, "sql", "--connect", "127.0.0.1:" + closedPort,
        "-e", "SELECT 1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: cannot reach the fsql server at 127.0.0.1:" + closedPort
        + ": Connection refused\n");

    r = FsqlProcess.run(tmp.resolve("b"), null, "sql", "--connect", "nohost", "-e", "SELECT 1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("ERROR: --connect expects HOST:PORT, not 'nohost'\n");

    r = FsqlProcess.run(tmp.resolve("h"), null, "sql", "--connect", server.address(), "--home", tmp.toString(),
        "-e", "SELECT 1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("ERROR: use --home (embedded engine) or --connect (server), not both\n");

    r = FsqlProcess.run(tmp.resolve("p"), null, "sql", "--connect", server.address(), "--user", "ann", "-e", "SELECT 1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("ERROR: --user ann needs --password-file FILE when there is no terminal to prompt on\n");
  }
}
