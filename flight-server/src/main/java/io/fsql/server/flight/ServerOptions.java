package io.fsql.server.flight;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link FlightSqlServer} listens: address and port (0: any free port), TLS from PEM files,
 * the users file (none: no authentication, loopback only), the directories remote sessions may
 * read files under, and the memory the server may use for Arrow buffers.
 */
public final class ServerOptions {
  public static final int DEFAULT_PORT = 32010;

  private String bind = "127.0.0.1";
  private int port = DEFAULT_PORT;
  private Path tlsCertificate;
  private Path tlsKey;
  private Path usersFile;
  private final List<Path> allowedFileDirectories = new ArrayList<>();
  private long memoryLimit = Long.MAX_VALUE;

  public static ServerOptions defaults() {
    return new ServerOptions();
  }

  public ServerOptions bind(String address) {
    this.bind = address;
    return this;
  }

  public ServerOptions port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    this.port = port;
    return this;
  }

  /** TLS with a PEM certificate (chain) and a PEM PKCS#8 private key. */
  public ServerOptions tls(Path certificate, Path key) {
    this.tlsCertificate = certificate;
    this.tlsKey = key;
    return this;
  }

  public ServerOptions users(Path file) {
    this.usersFile = file;
    return this;
  }

  public ServerOptions allowFiles(Path directory) {
    this.allowedFileDirectories.add(directory.toAbsolutePath().normalize());
    return this;
  }

  /** The most memory the server's Arrow buffers may take (bytes). */
  public ServerOptions memoryLimit(long bytes) {
    this.memoryLimit = bytes;
    return this;
  }

  public String bind() {
    return bind;
  }

  public int port() {
    return port;
  }

  public Path tlsCertificate() {
    return tlsCertificate;
  }

  public Path tlsKey() {
    return tlsKey;
  }

  public boolean tls() {
    return tlsCertificate != null;
  }

  public Path usersFile() {
    return usersFile;
  }

  public List<Path> allowedFileDirectories() {
    return List.copyOf(allowedFileDirectories);
  }

  public long memoryLimit() {
    return memoryLimit;
  }
}
