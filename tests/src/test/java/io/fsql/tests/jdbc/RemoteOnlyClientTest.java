package io.fsql.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client JVM with only the JDBC driver jar and its own runtime class path (no Spark, no
 * storage) queries a server through {@code jdbc:fsql://}, and gets a clear error for
 * {@code jdbc:fsql:embedded:}.
 */
class RemoteOnlyClientTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  /** The client program, run from source by the child JVM (so nothing else joins its class path). */
  private static final String CLIENT = String.join("\n",
      "import java.sql.*;",
      "public class RemoteClient {",
      "  public static void main(String[] args) throws Exception {",
      "    try {",
      "      Class.forName(\"org.apache.spark.sql.SparkSession\");",
      "      System.out.println(\"spark: present\");",
      "    } catch (ClassNotFoundException e) {",
      "      System.out.println(\"spark: absent\");",
      "    }",
      "    try (Connection c = DriverManager.getConnection(args[0]);",
      "         ResultSet rs = c.createStatement().executeQuery(\"SELECT k, v, ts FROM g ORDER BY k\")) {",
      "      while (rs.next()) {",
      "        System.out.println(rs.getInt(1) + \"|\" + rs.getString(2) + \"|\" + rs.getTimestamp(3));",
      "      }",
      "    }",
      "    try {",
      "      DriverManager.getConnection(\"jdbc:fsql:embedded:\" + args[1]);",
      "      System.out.println(\"embedded: connected\");",
      "    } catch (SQLException e) {",
      "      System.out.println(\"embedded: \" + e.getMessage());",
      "    }",
      "  }",
      "}",
      "");

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(tmp.resolve("home"));
    try (Connection c = DriverManager.getConnection(server.url()); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP g (k INT NOT NULL, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts");
      st.executeUpdate("INSERT INTO g VALUES (1, 'one', TIMESTAMP '2026-01-01 10:00:00.123456'),"
          + " (2, NULL, TIMESTAMP '2026-01-02 00:00:00')");
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void queriesAServerWithOnlyTheDriverOnTheClassPath() throws Exception {
    Path source = tmp.resolve("RemoteClient.java");
    Files.writeString(source, CLIENT, StandardCharsets.UTF_8);
    List<String> classPath = new ArrayList<>(DriverClassPath.dependencies());
    classPath.add(0, DriverClassPath.driverJar().toString());
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // What Arrow needs on Java 17, as for any Arrow client.
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-Duser.timezone=Asia/Kolkata",
        "-cp", String.join(File.pathSeparator, classPath),
        source.toString(), server.url(), tmp.resolve("other-home").toString()));
    Path out = tmp.resolve("client.out");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> !l.startsWith("SLF4J")).toList()).containsExactly(
        "spark: absent",
        "1|one|2026-01-01 10:00:00.123456",
        "2|null|2026-01-02 00:00:00.0",
        "embedded: jdbc:fsql:embedded: needs fsql-storage on the class path"
            + " (or connect to a server with jdbc:fsql://host:port)");
    assertThat(Files.exists(tmp.resolve("other-home"))).isFalse();
  }
}
