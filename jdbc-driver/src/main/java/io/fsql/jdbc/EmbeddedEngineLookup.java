package io.fsql.jdbc;

import io.fsql.planner.engine.EmbeddedEngineProvider;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Finds the in-process engine provider (fsql-storage) for {@code jdbc:fsql:embedded:} URLs. A
 * client with only the driver on its class path can still use {@code jdbc:fsql://host:port}.
 */
final class EmbeddedEngineLookup {
  static final String MISSING = "jdbc:fsql:embedded: needs fsql-storage on the class path"
      + " (or connect to a server with jdbc:fsql://host:port)";

  private static volatile EmbeddedEngineProvider provider;

  private EmbeddedEngineLookup() {}

  /** The provider, or an SQLException saying that fsql-storage is missing. */
  static EmbeddedEngineProvider require() throws SQLException {
    EmbeddedEngineProvider p = provider;
    if (p == null) {
      p = load(EmbeddedEngineLookup.class.getClassLoader());
      if (p == null && Thread.currentThread().getContextClassLoader() != null) {
        p = load(Thread.currentThread().getContextClassLoader());
      }
      if (p == null) {
        throw new SQLException(MISSING, "08001");
      }
      provider = p;
    }
    return p;
  }

  /** The provider {@link #require} found (the driver calls it before creating a connection). */
  static EmbeddedEngineProvider found() {
    EmbeddedEngineProvider p = provider;
    if (p == null) {
      throw new IllegalStateException(MISSING);
    }
    return p;
  }

  private static EmbeddedEngineProvider load(ClassLoader loader) {
    Iterator<EmbeddedEngineProvider> it = ServiceLoader.load(EmbeddedEngineProvider.class, loader).iterator();
    return it.hasNext() ? it.next() : null;
  }
}
