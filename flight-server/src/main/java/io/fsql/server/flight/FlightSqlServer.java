package io.fsql.server.flight;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.storage.EmbeddedEngines;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.ServerSessionMiddleware;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Arrow Flight SQL server over an fsql engine. {@link #start(Path, ServerOptions)} opens the
 * home and owns its engine; {@link #start(FsqlEngine, ServerOptions)} serves an engine the caller
 * owns. Each client session gets its own engine session. Without a users file the server only
 * listens on a loopback address.
 */
public final class FlightSqlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlightSqlServer.class);
  public static final String VERSION = "0.1.0";

  private final FsqlEngine engine;
  private final Path ownedHome;
  private final ServerOptions options;
  private final BufferAllocator allocator;
  private final FsqlFlightSqlProducer producer;
  private final FlightServer server;
  private final ScheduledExecutorService sweeper;
  private final String host;
  private boolean closed;

  private FlightSqlServer(FsqlEngine engine, Path ownedHome, ServerOptions options) throws IOException {
    this.engine = engine;
    this.ownedHome = ownedHome;
    this.options = options;
    InetAddress address = checkBind(options);
    this.host = address.getHostAddress();
    UsersFile users = options.usersFile() == null ? null : UsersFile.read(options.usersFile());
    if (options.tls() != (options.tlsKey() != null)) {
      throw new IllegalArgumentException("TLS needs both a certificate and a key (--tls-cert and --tls-key)");
    }
    this.allocator = new RootAllocator(options.memoryLimit());
    Path ingestDir = engineScratch(ownedHome);
    SessionRegistry sessions = new SessionRegistry(engine, options.allowedFileDirectories());
    this.producer = new FsqlFlightSqlProducer(allocator, sessions, new BulkIngest(sessions, ingestDir));
    Location location = options.tls()
        ? Location.forGrpcTls(host, options.port())
        : Location.forGrpcInsecure(host, options.port());
    FlightServer.Builder builder = FlightServer.builder(allocator, location, producer)
        .middleware(SessionRegistry.MIDDLEWARE, new ServerSessionMiddleware.Factory(() -> UUID.randomUUID().toString()))
        .middleware(ClientPreferences.KEY, new ClientPreferences.Factory())
        // A stream waits for its client once this much is queued: bounded memory per stream.
        .backpressureThreshold((int) Math.min(4L << 20, Math.max(256L << 10, options.memoryLimit() / 8)));
    if (options.tls()) {
      builder.useTls(options.tlsCertificate().toFile(), options.tlsKey().toFile());
    }
    if (users != null) {
      builder.headerAuthenticator(new GeneratedBearerTokenAuthenticator(
          new BasicCallHeaderAuthenticator((user, password) -> {
            if (!users.verify(user, password)) {
              throw CallStatus.UNAUTHENTICATED.withDescription("wrong user name or password").toRuntimeException();
            }
            return () -> user;
          })));
    }
    this.server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      allocator.close();
      throw new IOException("cannot listen on " + host + ":" + options.port() + ": " + e.getMessage(), e);
    }
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fsql-flight-sweeper");
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleWithFixedDelay(producer::sweep, 1, 1, TimeUnit.MINUTES);
    LOG.info("fsql Flight SQL server listening on {}:{}", host, port());
  }

  /** Opens {@code home} and serves it until {@link #close()}, which closes the engine. */
  public static FlightSqlServer start(Path home, ServerOptions options) throws IOException {
    checkBind(options);
    FsqlEngine engine = EmbeddedEngines.acquire(home);
    try {
      return new FlightSqlServer(engine, home, options);
    } catch (IOException | RuntimeException e) {
      EmbeddedEngines.release(home);
      throw e;
    }
  }

  /** Serves {@code engine}; the caller keeps owning it. */
  public static FlightSqlServer start(FsqlEngine engine, ServerOptions options) throws IOException {
    return new FlightSqlServer(engine, null, options);
  }

  /** Refuses a non-loopback address without users: anyone who can reach it could run anything. */
  private static InetAddress checkBind(ServerOptions options) {
    InetAddress address;
    try {
      address = InetAddress.getByName(options.bind());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve the bind address '" + options.bind() + "'");
    }
    if (!address.isLoopbackAddress() && options.usersFile() == null) {
      throw new IllegalArgumentException("refusing to listen on " + options.bind()
          + " without authentication: give a users file (--users FILE, see 'fsql users add'),"
          + " or bind a loopback address such as 127.0.0.1");
    }
    return address;
  }

  private static Path engineScratch(Path home) throws IOException {
    Path dir = home != null
        ? home.toAbsolutePath().resolve("tmp").resolve("ingest")
        : Files.createTempDirectory("fsql-ingest");
    Files.createDirectories(dir);
    return dir;
  }

  public int port() {
    return server.getPort();
  }

  public String host() {
    return host;
  }

  public boolean authenticated() {
    return options.usersFile() != null;
  }

  /** The URL of Arrow's Flight SQL JDBC driver for this server. */
  public String flightJdbcUrl() {
    return "jdbc:arrow-flight-sql://" + hostForUrl() + ":" + port()
        + (options.tls() ? "?useEncryption=true" : "?useEncryption=false");
  }

  /** The fsql remote JDBC URL for this server. */
  public String fsqlJdbcUrl() {
    return "jdbc:fsql://" + hostForUrl() + ":" + port();
  }

  private String hostForUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Waits until the server stops. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sweeper.shutdownNow();
    try {
      server.shutdown();
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("stopping the Flight server", e);
    }
    try {
      producer.close();
    } finally {
      try {
        allocator.close();
      } catch (RuntimeException e) {
        LOG.warn("Arrow memory still in use at shutdown: {}", e.getMessage());
      } finally {
        if (ownedHome != null) {
          EmbeddedEngines.release(ownedHome);
        }
      }
    }
  }
}
