package io.fsql.server.flight;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.ServerSessionMiddleware;

/**
 * The engine sessions of the server's clients, one per Flight SQL session (the session cookie
 * Flight SQL clients carry); a client that keeps no cookie gets one per call. Every remote session
 * may read files only under the server's allowed directories. Idle sessions are dropped.
 */
final class SessionRegistry {
  static final FlightServerMiddleware.Key<ServerSessionMiddleware> MIDDLEWARE =
      FlightServerMiddleware.Key.of("fsql-session");
  private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(30);

  private final FsqlEngine engine;
  private final List<Path> allowedFiles;
  private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();

  SessionRegistry(FsqlEngine engine, List<Path> allowedFiles) {
    this.engine = engine;
    this.allowedFiles = List.copyOf(allowedFiles);
  }

  /** The session of the client making {@code context}'s call. */
  EngineSession of(CallContext context) {
    String id = null;
    ServerSessionMiddleware mw = context == null ? null : context.getMiddleware(MIDDLEWARE);
    if (mw != null) {
      id = context.peerIdentity() + "/" + mw.getSession().id;
    }
    if (id == null) {
      id = UUID.randomUUID().toString();
    }
    EngineSession s = sessions.computeIfAbsent(id, this::open);
    s.touch();
    return s;
  }

  /** A session for the server's own work (bulk ingest's internal INSERT), not restricted. */
  Session internal() {
    return engine.openSession();
  }

  private EngineSession open(String id) {
    Session s = engine.openSession();
    s.restrictFileAccess(allowedFiles);
    return new EngineSession(id, s);
  }

  /** Ends the session of {@code context}'s client, if it has one. */
  void close(CallContext context) {
    ServerSessionMiddleware mw = context.getMiddleware(MIDDLEWARE);
    if (mw != null && mw.hasSession()) {
      EngineSession s = sessions.remove(context.peerIdentity() + "/" + mw.getSession().id);
      if (s != null) {
        s.close();
      }
      mw.closeSession();
    }
  }

  /** Drops sessions idle for longer than the idle limit. */
  void sweep() {
    sessions.values().removeIf(s -> {
      if (s.idleNanos() > IDLE_NANOS) {
        s.close();
        return true;
      }
      return false;
    });
  }

  int size() {
    return sessions.size();
  }

  void closeAll() {
    sessions.values().forEach(EngineSession::close);
    sessions.clear();
  }
}
