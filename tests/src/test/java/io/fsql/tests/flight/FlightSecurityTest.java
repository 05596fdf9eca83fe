package io.fsql.tests.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.server.FsqlCli;
import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import io.fsql.server.flight.UsersFile;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Users and bearer tokens, TLS, loopback-only without users, and the files remote sessions may read. */
class FlightSecurityTest {
  @TempDir
  Path tmp;

  static String flightUrl(FlightSqlServer server, String extra) {
    return "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=false" + extra;
  }

  static java.util.Properties credentials(String user, String password) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return p;
  }

  @Test
  void usersLogInWithPasswordsAndEverythingElseIsUnauthenticated() throws Exception {
    Path users = tmp.resolve("users");
    UsersFile.add(users, "alice", "s3cret pass");
    UsersFile.add(users, "bob", "other");
    assertThat(Files.readString(users)).doesNotContain("s3cret").contains("alice:pbkdf2-sha256:");
    IllegalArgumentException dup = catchThrowableOfType(IllegalArgumentException.class,
        () -> UsersFile.add(users, "alice", "x"));
    assertThat(dup.getMessage()).isEqualTo("user 'alice' is already in " + users);

    // fsql users add reads the password from standard input when there is no terminal.
    java.io.InputStream oldIn = System.in;
    int added;
    System.setIn(new java.io.ByteArrayInputStream("from stdin\n".getBytes(StandardCharsets.UTF_8)));
    try {
      added = new CommandLine(new FsqlCli()).execute("users", "add", "--file", users.toString(), "carol");
    } finally {
      System.setIn(oldIn);
    }
    assertThat(added).isZero();
    UsersFile file = UsersFile.read(users);
    assertThat(file.size()).isEqualTo(3);
    assertThat(file.verify("carol", "from stdin")).isTrue();
    assertThat(file.verify("carol", "from stdin ")).isFalse();
    assertThat(file.verify("nobody", "from stdin")).isFalse();

    try (FlightSqlServer server = FlightSqlServer.start(tmp.resolve("home"), ServerOptions.defaults().port(0).users(users));
         BufferAllocator allocator = new RootAllocator()) {
      try (Connection c = DriverManager.getConnection(flightUrl(server, ""), credentials("alice", "s3cret pass"));
           Statement st = c.createStatement()) {
        st.execute("CREATE FEATURE GROUP g (k INT NOT NULL, ts TIMESTAMP NOT NULL) PRIMARY KEY (k) EVENT TIME ts");
        try (ResultSet rs = st.executeQuery("SHOW FEATURE GROUPS")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("g");
        }
      }
      SQLException wrong = catchThrowableOfType(SQLException.class,
          () -> DriverManager.getConnection(flightUrl(server, ""), credentials("alice", "wrong")).close());
      assertThat((Throwable) wrong).hasStackTraceContaining("UNAUTHENTICATED");
      SQLException unknown = catchThrowableOfType(SQLException.class,
          () -> DriverManager.getConnection(flightUrl(server, ""), credentials("mallory", "s3cret pass")).close());
      assertThat((Throwable) unknown).hasStackTraceContaining("UNAUTHENTICATED");

      Location location = Location.forGrpcInsecure("127.0.0.1", server.port());
      try (FlightClient raw = FlightClient.builder(allocator, location).build();
           FlightSqlClient client = new FlightSqlClient(raw)) {
        // No credentials at all.
        FlightRuntimeException e = catchThrowableOfType(FlightRuntimeException.class,
            () -> client.execute("SHOW FEATURE GROUPS"));
        assertThat(e.status().code()).isEqualTo(CallStatus.UNAUTHENTICATED.code());
        // A token the server never issued.
        CallHeaders forged = new FlightCallHeaders();
        forged.insert("authorization", "Bearer " + Base64.getEncoder().encodeToString("alice:forged".getBytes(StandardCharsets.UTF_8)));
        e = catchThrowableOfType(FlightRuntimeException.class,
            () -> client.execute("SHOW FEATURE GROUPS", new HeaderCallOption(forged)));
        assertThat(e.status().code()).isEqualTo(CallStatus.UNAUTHENTICATED.code());
        // A token the server issued works.
        CredentialCallOption token = raw.authenticateBasicToken("bob", "other").orElseThrow();
        assertThat(client.execute("SHOW FEATURE GROUPS", token).getSchema().getFields()).isNotEmpty();
      }
    }
  }

  @Test
  void tlsClientsThatTrustTheCertificateConnectOthersAreRefused() throws Exception {
    Path store = tmp.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "fsql", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Key key = ks.getKey("fsql", "changeit".toCharArray());
    Path certPem = tmp.resolve("server.crt");
    Path keyPem = tmp.resolve("server.key");
    Files.writeString(certPem, pem("CERTIFICATE", ks.getCertificate("fsql").getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
    Path trustStore = tmp.resolve("trust.p12");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("fsql", ks.getCertificate("fsql"));
    try (java.io.OutputStream out = Files.newOutputStream(trustStore)) {
      trust.store(out, "changeit".toCharArray());
    }

    try (FlightSqlServer server = FlightSqlServer.start(tmp.resolve("home"),
             ServerOptions.defaults().port(0).tls(certPem, keyPem));
         BufferAllocator allocator = new RootAllocator()) {
      assertThat(server.flightJdbcUrl()).endsWith("?useEncryption=true");
      String url = "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=true&useSystemTrustStore=false"
          + "&trustStore=" + trustStore + "&trustStorePassword=changeit";
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SHOW FEATURE GROUPS")) {
        assertThat(rs.next()).isFalse();
      }
      try (InputStream trusted = Files.newInputStream(certPem);
           FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator,
               Location.forGrpcTls("127.0.0.1", server.port())).trustedCertificates(trusted).build())) {
        assertThat(client.execute("SHOW FEATURE GROUPS").getSchema().getFields()).isNotEmpty();
      }
      // A client that does not trust the certificate is refused.
      try (FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator,
          Location.forGrpcTls("127.0.0.1", server.port())).build())) {
        FlightRuntimeException e = catchThrowableOfType(FlightRuntimeException.class,
            () -> client.execute("SHOW FEATURE GROUPS"));
        assertThat(e.status().code()).isEqualTo(CallStatus.UNAVAILABLE.code());
      }
      // Neither does a plaintext client get through.
      try (FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator,
          Location.forGrpcInsecure("127.0.0.1", server.port())).build())) {
        assertThat(catchThrowableOfType(FlightRuntimeException.class, () -> client.execute("SHOW FEATURE GROUPS")))
            .isNotNull();
      }
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  @Test
  void withoutUsersTheServerRefusesNonLoopbackAddresses() {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
        () -> FlightSqlServer.start(tmp.resolve("home"), ServerOptions.defaults().port(0).bind("0.0.0.0")));
    assertThat(e.getMessage()).isEqualTo("refusing to listen on 0.0.0.0 without authentication: give a users file"
        + " (--users FILE, see 'fsql users add'), or bind a loopback address such as 127.0.0.1");
    assertThat(tmp.resolve("home")).doesNotExist();

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      code = new CommandLine(new FsqlCli()).execute("serve", "--home", tmp.resolve("home").toString(),
          "--bind", "0.0.0.0", "--port", "0");
    } finally {
      System.setErr(old);
    }
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ERROR: refusing to listen on 0.0.0.0 without authentication");
  }

  @Test
  void remoteSessionsReadFilesOnlyUnderAllowedDirectories() throws Exception {
    Path allowed = Files.createDirectories(tmp.resolve("shared"));
    Path secret = Files.createDirectories(tmp.resolve("private"));
    Files.writeString(allowed.resolve("a.csv"), "k,v\n1,x\n2,y\n");
    Files.writeString(secret.resolve("b.csv"), "k,v\n9,z\n");
    try (FlightSqlServer server = FlightSqlServer.start(tmp.resolve("home"),
             ServerOptions.defaults().port(0).allowFiles(allowed));
         Connection c = DriverManager.getConnection(flightUrl(server, ""));
         Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM read_csv('" + allowed.resolve("a.csv") + "')")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2);
      }
      for (String path : List.of(secret.resolve("b.csv").toString(), allowed + "/../private/b.csv")) {
        SQLException e = catchThrowableOfType(SQLException.class,
            () -> st.executeQuery("SELECT COUNT(*) FROM read_csv('" + path + "')"));
        assertThat(e.getMessage()).contains("line 1:22: reading files is not allowed for this session: " + path
            + " is outside the allowed directories");
      }
    }
    try (FlightSqlServer server = FlightSqlServer.start(tmp.resolve("home"), ServerOptions.defaults().port(0));
         Connection c = DriverManager.getConnection(flightUrl(server, ""));
         Statement st = c.createStatement()) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> st.executeQuery("SELECT * FROM read_parquet('" + allowed.resolve("a.csv") + "')"));
      assertThat(e.getMessage()).contains("reading files is not allowed for this session");
    }
  }
}
