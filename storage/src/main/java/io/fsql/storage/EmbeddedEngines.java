package io.fsql.storage;

import io.fsql.planner.engine.EmbeddedEngineProvider;
import io.fsql.planner.engine.FsqlEngine;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The engines this process has open, one per home, shared by every connection to that home and
 * closed when the last one lets go.
 */
public final class EmbeddedEngines {
  private static final Map<Path, Entry> ENGINES = new HashMap<>();

  private static final class Entry {
    final FsqlEngine engine;
    int users;

    Entry(FsqlEngine engine) {
      this.engine = engine;
    }
  }

  private EmbeddedEngines() {}

  /** The engine of {@code home}, opened if needed; call {@link #release} when done with it. */
  public static synchronized FsqlEngine acquire(Path home) {
    Path key = home.toAbsolutePath().normalize();
    Entry e = ENGINES.get(key);
    if (e == null || e.engine.isClosed()) {
      e = new Entry(FsqlHome.open(key));
      ENGINES.put(key, e);
    }
    e.users++;
    return e.engine;
  }

  /** Lets go of an engine acquired for {@code home}; the last user closes it. */
  public static synchronized void release(Path home) {
    Path key = home.toAbsolutePath().normalize();
    Entry e = ENGINES.get(key);
    if (e == null) {
      return;
    }
    if (--e.users <= 0) {
      ENGINES.remove(key);
      e.engine.close();
    }
  }

  /** {@link EmbeddedEngineProvider} for clients that find the storage layer by ServiceLoader. */
  public static final class Provider implements EmbeddedEngineProvider {
    public Provider() {}

    @Override
    public Path resolveHome(String explicit) {
      return FsqlHome.resolve(explicit);
    }

    @Override
    public FsqlEngine acquire(Path home) {
      return EmbeddedEngines.acquire(home);
    }

    @Override
    public void release(Path home) {
      EmbeddedEngines.release(home);
    }
  }
}
