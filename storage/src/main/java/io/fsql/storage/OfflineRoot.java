package io.fsql.storage;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;

/** An offline store root: a Hadoop file-system URI ({@code hdfs://nn:8020/fsql}, {@code s3a://bucket/fsql}). */
final class OfflineRoot {
  private OfflineRoot() {}

  /**
   * The root in canonical form (no trailing slash; an absolute local path as a {@code file:} URI),
   * or a one-line error naming {@code from}.
   */
  static String parse(String text, String from) {
    if (text.startsWith("/")) {
      return strip(Paths.get(text).toAbsolutePath().normalize().toUri().toString());
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(text, from, e.getMessage());
    }
    String scheme = uri.getScheme();
    if (scheme == null || scheme.length() < 2) {
      throw invalid(text, from, "no scheme (hdfs://, s3a://, file:/) and not an absolute path");
    }
    if (uri.isOpaque() || uri.getPath() == null) {
      throw invalid(text, from, "expected scheme://[authority]/path");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw invalid(text, from, "a query or fragment has no place in a file-system location");
    }
    if (!"file".equals(scheme) && (uri.getAuthority() == null || uri.getAuthority().isEmpty())) {
      throw invalid(text, from, "no host or bucket after " + scheme + "://");
    }
    return strip(uri.normalize().toString());
  }

  private static String strip(String uri) {
    String u = uri;
    while (u.endsWith("/") && u.length() > 1 && !u.endsWith("//") && !u.endsWith(":/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  private static FsqlException invalid(String text, String from, String why) {
    return new FsqlException(ErrorCode.INVALID_ARGUMENT, from + ": '" + text + "' is not a file-system URI: " + why);
  }
}
