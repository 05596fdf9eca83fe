package io.fsql.jdbc;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A {@code jdbc:fsql://host:port[?user=U&password=P&tls=true&trustStore=..&...]} URL, and the
 * Arrow Flight SQL JDBC URL and properties it stands for. Connection properties given next to
 * the URL count too; the URL's own win. TLS is off unless {@code tls=true}.
 */
record RemoteUrl(String host, int port, Properties arrowProperties) {
  static final String PREFIX = "jdbc:fsql://";
  static final String FORM = "jdbc:fsql://host:port[?user=U&password=P&tls=true]";

  /** fsql's property names and Arrow's, for the ones that differ; others pass through. */
  private static final Map<String, String> ARROW_NAMES = Map.of("tls", "useEncryption");

  /** The properties a URL may carry. */
  private static final List<String> KNOWN = List.of("user", "password", "tls", "trustStore",
      "trustStorePassword", "useSystemTrustStore", "disableCertificateVerification", "tlsRootCerts",
      "clientCertificate", "clientKey", "token", "connectTimeoutMs", "threadPoolSize");

  private static final List<String> BOOLEANS = List.of("tls", "useSystemTrustStore", "disableCertificateVerification");

  /** The call header asking for TIMESTAMP parameters in microseconds (the server's ClientPreferences). */
  static final String TIMESTAMP_PARAMETERS = "fsql-timestamp-parameters";

  static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  static RemoteUrl parse(String url, Properties info) throws SQLException {
    URI uri;
    try {
      uri = new URI(url.substring("jdbc:fsql:".length()));
    } catch (URISyntaxException e) {
      throw bad(url, e.getReason());
    }
    String host = uri.getHost();
    int port = uri.getPort();
    if (host == null || host.isEmpty()) {
      throw bad(url, "no host");
    }
    if (port < 1 || port > 65535) {
      throw bad(url, port < 0 ? "no port" : "port " + port + " out of range");
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      throw bad(url, "unexpected path '" + path + "'");
    }
    Map<String, String> props = new LinkedHashMap<>();
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        if (KNOWN.contains(name)) {
          props.put(name, info.getProperty(name));
        }
      }
    }
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (!KNOWN.contains(name)) {
          throw bad(url, "unknown property '" + name + "' (known: " + String.join(", ", KNOWN) + ")");
        }
        props.put(name, value);
      }
    }
    for (String name : BOOLEANS) {
      String v = props.get(name);
      if (v != null && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        throw bad(url, name + " must be true or false, not '" + v + "'");
      }
    }
    // An empty user name means none (tools such as SQLLine pass "" when not given one).
    if (props.getOrDefault("user", "").isEmpty()) {
      props.remove("user");
      props.remove("password");
    }
    Properties arrow = new Properties();
    arrow.setProperty("useEncryption", "false");
    // Arrow's driver sends properties it does not know as call headers: this one asks the fsql
    // server for microsecond TIMESTAMP parameters, which this driver binds exactly (RemoteJdbc).
    arrow.setProperty(TIMESTAMP_PARAMETERS, "microsecond");
    for (Map.Entry<String, String> e : props.entrySet()) {
      arrow.setProperty(ARROW_NAMES.getOrDefault(e.getKey(), e.getKey()),
          BOOLEANS.contains(e.getKey()) ? e.getValue().toLowerCase(Locale.ROOT) : e.getValue());
    }
    return new RemoteUrl(host, port, arrow);
  }

  /** host:port, as error messages name the server. */
  String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  String arrowUrl() {
    return "jdbc:arrow-flight-sql://" + address();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static SQLException bad(String url, String why) {
    return new SQLException("bad fsql URL '" + redact(url) + "': " + why + "; expected " + FORM, "08001");
  }

  /** The URL without its password's value. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
