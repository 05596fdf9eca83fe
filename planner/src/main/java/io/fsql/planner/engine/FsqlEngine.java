package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.calcite.QueryPlanner;
import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.planner.online.OnlineStore;
import io.fsql.sql.parser.FsqlParser;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fsql engine: parses statements, keeps the catalog, plans queries with Calcite and runs them
 * on the offline store, or as key lookups on the online store. On open, every online group is
 * caught up with its offline commits before the engine serves anything. Thread-safe; open {@link Session}s to run statements. Writes to one feature
 * group are serialized (each is one commit of its table); catalog changes are serialized too.
 */
public final class FsqlEngine implements AutoCloseable {
  private final CatalogStore catalog;
  private final OfflineStore offline;
  private final OnlineStore online;
  private final OnlineSync onlineSync;
  private final java.util.concurrent.atomic.AtomicLong catalogGeneration = new java.util.concurrent.atomic.AtomicLong();
  private final FsqlParser parser = new FsqlParser();
  private final QueryPlanner planner;
  private final ReentrantLock catalogLock = new ReentrantLock();
  private final ConcurrentHashMap<String, ReentrantLock> groupLocks = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Runnable onClose;
  private final ServedLogger servedLogger = new ServedLogger(this);
  private final OnlineRouteNames onlineRouteNames;

  public FsqlEngine(CatalogStore catalog, OfflineStore offline, OnlineStore online, Runnable onClose) {
    this.catalog = catalog;
    this.offline = offline;
    this.online = online;
    this.planner = new QueryPlanner(catalog, offline);
    this.planner.servedLogStatus(servedLogger::status);
    this.onClose = onClose;
    this.onlineSync = new OnlineSync(this);
    this.onlineRouteNames = new OnlineRouteNames(catalog, catalogGeneration::get);
  }

  /**
   * Catches every online group up with its offline commits (after a crash between an offline
   * commit and its online write, or while the online store was unreachable). Called once on open.
   */
  public void recoverOnlineStore() {
    onlineSync.catchUpAll();
  }

  OnlineStore online() {
    return online;
  }

  /** Logs the vectors that online lookups over feature views returned (when a view opts in). */
  ServedLogger servedLogger() {
    return servedLogger;
  }

  OnlineSync onlineSync() {
    return onlineSync;
  }

  /** An online plan kept for a parsed statement (or none), for the catalog generation it was made in. */
  record CachedPlan(long generation, java.util.Optional<io.fsql.planner.online.OnlinePlan> lookup) {}

  /**
   * Online plans by parsed statement, shared by every session (a server may give each call a new
   * session; the statement object of a prepared statement stays the same). Weak: a statement that
   * nobody holds any more takes its plan with it.
   */
  private final java.util.Map<io.fsql.sql.tree.QueryStatement, CachedPlan> plans =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  java.util.Map<io.fsql.sql.tree.QueryStatement, CachedPlan> plans() {
    return plans;
  }

  /** Which queries could be online lookups, before planning them. */
  OnlineRouteNames onlineRouteNames() {
    return onlineRouteNames;
  }

  /** Bumped by every catalog change: cached plans of an older generation are planned again. */
  long catalogGeneration() {
    return catalogGeneration.get();
  }

  void catalogChanged() {
    catalogGeneration.incrementAndGet();
  }

  /** A new session: it runs statements one at a time. */
  public Session openSession() {
    checkOpen();
    return new Session(this);
  }

  CatalogStore catalog() {
    return catalog;
  }

  OfflineStore offline() {
    return offline;
  }

  /** Whether the offline engine (Spark) has started in this process. */
  public boolean offlineEngineStarted() {
    return offline.engineStarted();
  }

  FsqlParser parser() {
    parses.incrementAndGet();
    return parser;
  }

  private final java.util.concurrent.atomic.AtomicLong parses = new java.util.concurrent.atomic.AtomicLong();

  /** How many times this engine parsed SQL text (statements, scripts, internal queries) since it opened. */
  public long parseCount() {
    return parses.get();
  }

  /** How many times this engine validated and planned a query since it opened. */
  public long planCount() {
    return planner.planCount();
  }

  QueryPlanner planner() {
    return planner;
  }

  ReentrantLock catalogLock() {
    return catalogLock;
  }

  ReentrantLock groupLock(String name, int version) {
    return groupLocks.computeIfAbsent(name + "\u0000" + version, k -> new ReentrantLock());
  }

  void checkOpen() {
    if (closed.get()) {
      throw new FsqlException(ErrorCode.CLOSED, "the fsql engine is closed");
    }
  }

  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        servedLogger.close();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(FsqlEngine.class).warn("flushing served vectors failed", e);
      }
      try {
        try {
          online.close();
        } finally {
          offline.close();
        }
      } finally {
        try {
          catalog.close();
        } finally {
          if (onClose != null) {
            onClose.run();
          }
        }
      }
    }
  }
}
