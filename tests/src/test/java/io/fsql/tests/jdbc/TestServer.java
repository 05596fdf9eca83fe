package io.fsql.tests.jdbc;

import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import java.io.IOException;
import java.nio.file.Path;

/** A real fsql Flight SQL server on 127.0.0.1 and a free port, on its own home, for one test class. */
final class TestServer implements AutoCloseable {
  private final FlightSqlServer server;
  private final int port;

  private TestServer(FlightSqlServer server) {
    this.server = server;
    this.port = server.port();
  }

  static TestServer start(Path home) throws IOException {
    return new TestServer(FlightSqlServer.start(home, ServerOptions.defaults().bind("127.0.0.1").port(0)));
  }

  static TestServer start(Path home, Path usersFile) throws IOException {
    return new TestServer(FlightSqlServer.start(home,
        ServerOptions.defaults().bind("127.0.0.1").port(0).users(usersFile)));
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  String url() {
    return "jdbc:fsql://" + address();
  }

  @Override
  public void close() {
    server.close();
  }
}
