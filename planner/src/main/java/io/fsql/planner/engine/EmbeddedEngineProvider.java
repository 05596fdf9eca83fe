package io.fsql.planner.engine;

import java.nio.file.Path;

/**
 * Opens engines in this process for clients that do not depend on the storage layer (the JDBC
 * driver's {@code jdbc:fsql:embedded:} URL). The storage module provides the implementation,
 * registered for {@link java.util.ServiceLoader}; without it on the class path only remote
 * connections are possible.
 */
public interface EmbeddedEngineProvider {
  /** The home directory to use: {@code explicit} if given, else the default home. */
  Path resolveHome(String explicit);

  /** The engine of {@code home}, shared in this process; call {@link #release} when done. */
  FsqlEngine acquire(Path home);

  /** Lets go of an engine acquired for {@code home}; the last user closes it. */
  void release(Path home);
}
