package io.fsql.storage.spark;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Spark master fsql runs on: {@code local[*]} (in the process) unless {@code -Dfsql.spark.master}
 * or {@code FSQL_SPARK_MASTER} names another (a standalone {@code spark://host:port}, {@code yarn},
 * {@code k8s://https://host:port}).
 */
public record SparkMaster(String url) {

  /** The master the configuration names now. */
  public static SparkMaster configured() {
    String master = System.getProperty("fsql.spark.master");
    if (master == null || master.isBlank()) {
      master = System.getenv("FSQL_SPARK_MASTER");
    }
    return new SparkMaster(master == null || master.isBlank() ? "local[*]" : master.trim());
  }

  /** Whether executors run inside this process ({@code local}, {@code local[n]}, {@code local[*]}). */
  public boolean local() {
    String m = url.toLowerCase(Locale.ROOT);
    return m.equals("local") || (m.startsWith("local[") && m.endsWith("]"));
  }

  /**
   * The addresses to check before Spark is started on this master: a standalone master's
   * {@code host:port} (each of an HA list), a Kubernetes API server's; none for the others.
   */
  List<InetSocketAddress> addresses() {
    List<InetSocketAddress> out = new ArrayList<>();
    String m = url.trim();
    if (m.startsWith("spark://")) {
      for (String hostPort : m.substring("spark://".length()).split(",")) {
        out.add(address(hostPort, 7077));
      }
    } else if (m.startsWith("k8s://")) {
      String api = m.substring("k8s://".length());
      if (!api.contains("://")) {
        api = "https://" + api;
      }
      URI u = URI.create(api);
      if (u.getHost() != null) {
        int port = u.getPort() > 0 ? u.getPort() : "http".equals(u.getScheme()) ? 80 : 443;
        out.add(InetSocketAddress.createUnresolved(u.getHost(), port));
      }
    }
    return out;
  }

  private InetSocketAddress address(String hostPort, int defaultPort) {
    String hp = hostPort.trim();
    int colon = hp.lastIndexOf(':');
    if (colon <= 0 || hp.endsWith("]")) {
      return InetSocketAddress.createUnresolved(hp, defaultPort);
    }
    try {
      return InetSocketAddress.createUnresolved(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "the Spark master URL " + url
          + " has no valid port in '" + hp + "'");
    }
  }

  /**
   * Fails with a one-line error unless one of the master's addresses accepts a connection within
   * {@code timeoutMillis} (Spark itself would retry for a minute and then leave a stopped context).
   */
  void checkReachable(int timeoutMillis) {
    List<InetSocketAddress> addresses = addresses();
    if (addresses.isEmpty()) {
      return;
    }
    List<String> failures = new ArrayList<>();
    for (InetSocketAddress a : addresses) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(a.getHostString(), a.getPort()), timeoutMillis);
        return;
      } catch (IOException | IllegalArgumentException e) {
        failures.add(a.getHostString() + ":" + a.getPort() + " ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
      }
    }
    throw new FsqlException(ErrorCode.IO_ERROR, "cannot reach the Spark master " + url + ": "
        + String.join(", ", failures) + "; check FSQL_SPARK_MASTER (or -Dfsql.spark.master)");
  }

  @Override
  public String toString() {
    return url;
  }
}
