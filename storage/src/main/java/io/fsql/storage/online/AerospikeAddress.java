package io.fsql.storage.online;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where an Aerospike online store is: {@code aerospike://host:port[,host2:port2...]/namespace}
 * (the port defaults to 3000).
 */
record AerospikeAddress(List<HostPort> hosts, String namespace) {
  static final String PREFIX = "aerospike://";
  static final String FORM = "aerospike://host:port[,host2:port2...]/namespace";

  record HostPort(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  static AerospikeAddress parse(String spec) {
    String s = spec.trim();
    if (!s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw invalid(spec, "it does not start with " + PREFIX);
    }
    String rest = s.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw invalid(spec, "the namespace is missing");
    }
    String namespace = rest.substring(slash + 1);
    if (!namespace.matches("[A-Za-z0-9_-]{1,31}")) {
      throw invalid(spec, "'" + namespace + "' is not a namespace name");
    }
    List<HostPort> hosts = new ArrayList<>();
    for (String part : rest.substring(0, slash).split(",", -1)) {
      String hp = part.trim();
      if (hp.isEmpty()) {
        throw invalid(spec, "a host is empty");
      }
      int colon = hp.lastIndexOf(':');
      String host = colon < 0 ? hp : hp.substring(0, colon);
      int port = 3000;
      if (colon >= 0) {
        try {
          port = Integer.parseInt(hp.substring(colon + 1));
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 1 || port > 65535) {
          throw invalid(spec, "'" + hp.substring(colon + 1) + "' is not a port");
        }
      }
      if (host.isEmpty()) {
        throw invalid(spec, "a host is empty");
      }
      hosts.add(new HostPort(host, port));
    }
    return new AerospikeAddress(List.copyOf(hosts), namespace);
  }

  private static FsqlException invalid(String spec, String why) {
    return new FsqlException(ErrorCode.INVALID_ARGUMENT,
        "invalid Aerospike online store '" + spec + "': " + why + " (expected " + FORM + ")");
  }

  /** {@code host:port,host2:port2}. */
  String hostList() {
    return hosts.stream().map(HostPort::toString).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return PREFIX + hostList() + "/" + namespace;
  }
}
