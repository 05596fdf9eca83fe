package io.fsql.planner.engine;

import io.fsql.planner.calcite.ServedLogStatus;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.OfflinePlan;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the rows that online lookups over feature views returned into each view's served-vector
 * group ({@link ServedLogs}), never on the lookup's critical path and never losing a row silently.
 *
 * <p>Policy: a lookup only copies its rows into its view's bounded queue ({@code queue_rows}
 * rows, default {@value ServedLogs#DEFAULT_QUEUE_ROWS}); it never waits, so a row that finds the
 * queue full is dropped, and counted ({@link ServedLogStatus.Counts#dropped()}, shown by SHOW FEATURE VIEWS and
 * information_schema.feature_views as {@code served_dropped}; each commit after drops logs a
 * warning with the count). A background thread writes a commit whenever {@code batch_rows} rows
 * are queued or the oldest is {@code batch_seconds} old, and that commit takes every row queued
 * then: a writer that falls behind catches up with larger commits instead of dropping.
 * {@link #flush} (session close) and {@link #close} (engine close) write what is left. A row the
 * log cannot take (the log group dropped or changed, a failed write) is counted as dropped too.
 */
final class ServedLogger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServedLogger.class);
  /** How often the background thread looks at the buffers. */
  private static final long TICK_MILLIS = 50;

  private final FsqlEngine engine;
  private final Map<String, Sink> sinks = new ConcurrentHashMap<>();
  /** Unique row ids across restarts: milliseconds since the epoch times 2^20, then counted up. */
  private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() << 20);
  private final ReentrantLock writing = new ReentrantLock();
  private volatile ScheduledExecutorService flusher;
  private volatile long loadedGeneration = -1;
  /** The latest version of every feature view, as of the catalog generation loaded. */
  private volatile Map<String, Integer> latestViews = Map.of();

  ServedLogger(FsqlEngine engine) {
    this.engine = engine;
  }

  /** One view's buffer and batching. */
  static final class Sink {
    final String view;
    final int viewVersion;
    final String logName;
    final int logVersion;
    final int batchRows;
    final long batchNanos;
    final int queueRows;
    final ArrayBlockingQueue<Object[]> buffer;
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong logged = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    /** The drop count the last warning reported. */
    long droppedReported;
    volatile long oldestNanos = Long.MAX_VALUE;
    final List<String> columns;

    Sink(FeatureView view, FeatureGroup log, int batchRows, int batchSeconds, int queueRows) {
      this.view = view.name();
      this.viewVersion = view.version();
      this.logName = log.name();
      this.logVersion = log.version();
      this.batchRows = batchRows;
      this.batchNanos = TimeUnit.SECONDS.toNanos(batchSeconds);
      this.queueRows = queueRows;
      this.buffer = new ArrayBlockingQueue<>(queueRows);
      this.columns = log.columns().stream().map(Column::name).toList();
    }

    /** Rows refused because the buffer was full, since logging started in this process. */
    long dropped() {
      return dropped.get();
    }
  }


  private static String key(String view, int version) {
    return view + "\u0000" + version;
  }

  /** Whether any view logs (checked before looking at a lookup's query). */
  boolean active() {
    reloadIfChanged();
    return !sinks.isEmpty();
  }

  /**
   * The sink of the view that {@code name} (as written in a query) reads, when it logs: from
   * memory (loaded once per catalog generation), not the catalog, since it is on the lookup path.
   */
  Optional<Sink> sink(String viewName, OptionalInt version) {
    reloadIfChanged();
    if (sinks.isEmpty()) {
      return Optional.empty();
    }
    Integer v = version.isPresent() ? Integer.valueOf(version.getAsInt()) : latestViews.get(viewName);
    return v == null ? Optional.empty() : Optional.ofNullable(sinks.get(key(viewName, v)));
  }

  /** Reads which views log from the catalog (their log groups' properties) after a catalog change. */
  private void reloadIfChanged() {
    long generation = engine.catalogGeneration();
    if (generation == loadedGeneration) {
      return;
    }
    synchronized (this) {
      if (generation == loadedGeneration) {
        return;
      }
      Map<String, Integer> latest = new HashMap<>();
      for (FeatureView v : engine.catalog().listViews()) {
        latest.merge(v.name(), v.version(), Math::max);
      }
      latestViews = latest;
      Map<String, Sink> found = new HashMap<>();
      for (FeatureGroup g : engine.catalog().listGroups()) {
        Map<String, String> p = g.properties();
        if (!"on".equals(p.get(ServedLogs.LOGGING)) || p.get(ServedLogs.VIEW) == null) {
          continue;
        }
        Optional<FeatureView> view = engine.catalog().findView(p.get(ServedLogs.VIEW),
            OptionalInt.of(g.version()));
        if (view.isEmpty()) {
          continue;
        }
        String k = key(view.get().name(), view.get().version());
        Sink existing = sinks.get(k);
        int rows = Integer.parseInt(p.getOrDefault(ServedLogs.BATCH_ROWS, "1000"));
        int seconds = Integer.parseInt(p.getOrDefault(ServedLogs.BATCH_SECONDS, "5"));
        int queue = Math.max(rows, Integer.parseInt(p.getOrDefault(ServedLogs.QUEUE_ROWS,
            Integer.toString(ServedLogs.DEFAULT_QUEUE_ROWS))));
        if (existing != null && existing.batchRows == rows && existing.queueRows == queue
            && existing.batchNanos == TimeUnit.SECONDS.toNanos(seconds)
            && existing.columns.equals(g.columns().stream().map(Column::name).toList())) {
          found.put(k, existing);
        } else {
          found.put(k, new Sink(view.get(), g, rows, seconds, queue));
        }
      }
      for (Map.Entry<String, Sink> old : sinks.entrySet()) {
        if (found.get(old.getKey()) != old.getValue()) {
          write(old.getValue(), true);  // what it buffered goes to its log before it is replaced
        }
      }
      sinks.clear();
      sinks.putAll(found);
      loadedGeneration = generation;
      if (!sinks.isEmpty() && flusher == null) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "fsql-served-log");
          t.setDaemon(true);
          return t;
        });
        s.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        flusher = s;
      }
    }
  }

  /**
   * Wraps a lookup's result so that the rows the caller reads are logged when it has read them
   * all (or closes the result): copying each row is all the lookup pays.
   */
  QueryResult logging(QueryResult result, Sink sink, String lookupKeys) {
    LocalDateTime servedAt = LocalDateTime.now(ZoneOffset.UTC);
    List<ResultColumn> columns = result.columns();
    int[] target = new int[columns.size()];
    for (int i = 0; i < target.length; i++) {
      target[i] = sink.columns.indexOf(columns.get(i).name());
    }
    int width = sink.columns.size();
    return new QueryResult() {
      private final List<Object[]> seen = new ArrayList<>();
      private boolean done;

      @Override
      public List<ResultColumn> columns() {
        return columns;
      }

      @Override
      public boolean hasNext() {
        boolean more = result.hasNext();
        if (!more) {
          finish();
        }
        return more;
      }

      @Override
      public Object[] next() {
        Object[] row = result.next();
        seen.add(row);
        return row;
      }

      @Override
      public void close() {
        finish();
        result.close();
      }

      private void finish() {
        if (done) {
          return;
        }
        done = true;
        for (Object[] row : seen) {
          Object[] logged = new Object[width];
          logged[0] = ids.getAndIncrement();
          logged[1] = servedAt;
          logged[2] = lookupKeys;
          for (int i = 0; i < target.length; i++) {
            if (target[i] >= 3) {
              logged[target[i]] = row[i];
            }
          }
          if (sink.buffer.offer(logged)) {
            if (sink.oldestNanos == Long.MAX_VALUE) {
              sink.oldestNanos = System.nanoTime();
            }
          } else {
            sink.dropped.incrementAndGet();
          }
        }
      }
    };
  }

  private void tick() {
    try {
      long now = System.nanoTime();
      for (Sink sink : sinks.values()) {
        while (sink.buffer.size() >= sink.batchRows) {
          write(sink, false);
        }
        if (!sink.buffer.isEmpty() && now - sink.oldestNanos >= sink.batchNanos) {
          write(sink, false);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("writing served vectors failed: {}", e.getMessage(), e);
    }
  }

  /** Writes one commit of everything queued (or, with {@code all}, until the queue is empty). */
  private void write(Sink sink, boolean all) {
    writing.lock();
    try {
      do {
        List<Object[]> batch = new ArrayList<>(sink.buffer.size());
        sink.buffer.drainTo(batch);
        sink.oldestNanos = sink.buffer.isEmpty() ? Long.MAX_VALUE : System.nanoTime();
        if (batch.isEmpty()) {
          return;
        }
        commit(sink, batch);
      } while (all);
    } finally {
      writing.unlock();
    }
  }

  private void commit(Sink sink, List<Object[]> batch) {
    ReentrantLock lock = engine.groupLock(sink.logName, sink.logVersion);
    lock.lock();
    try {
      Optional<FeatureGroup> log = engine.catalog().findGroup(sink.logName, OptionalInt.of(sink.logVersion));
      if (log.isEmpty() || !log.get().columns().stream().map(Column::name).toList().equals(sink.columns)) {
        sink.dropped.addAndGet(batch.size());
        LOG.warn("served-vector log {} v{} is gone or changed: {} rows not logged", sink.logName,
            sink.logVersion, batch.size());
        return;
      }
      engine.offline().upsert(log.get(), new OfflinePlan.Rows(sink.logName, log.get().columns(), batch));
      sink.commits.incrementAndGet();
      sink.logged.addAndGet(batch.size());
      long dropped = sink.dropped.get();
      if (dropped > sink.droppedReported) {
        LOG.warn("served-vector log {} v{}: {} served rows dropped since the last commit because the queue of {} rows"
            + " was full ({} in all; this commit wrote {})", sink.logName, sink.logVersion,
            dropped - sink.droppedReported, sink.queueRows, dropped, batch.size());
        sink.droppedReported = dropped;
      }
    } catch (RuntimeException e) {
      sink.dropped.addAndGet(batch.size());
      LOG.warn("served-vector log {} v{}: {} rows not logged: {}", sink.logName, sink.logVersion,
          batch.size(), e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Writes every buffered row now (a session closes, logging is switched off). */
  void flush() {
    for (Sink sink : sinks.values()) {
      write(sink, true);
    }
  }

  /** The sink of a view now, for statements that report on it (counts of dropped rows). */
  Optional<Sink> current(FeatureView view) {
    reloadIfChanged();
    return Optional.ofNullable(sinks.get(key(view.name(), view.version())));
  }

  /**
   * A view's logging counts, when it logs its served vectors: since the engine started (or logging
   * was last reconfigured), served rows written to the log, queued, and dropped.
   */
  Optional<ServedLogStatus.Counts> status(String view, int version) {
    reloadIfChanged();
    Sink sink = sinks.get(key(view, version));
    return sink == null ? Optional.empty()
        : Optional.of(new ServedLogStatus.Counts(sink.logged.get(), sink.buffer.size(), sink.dropped.get()));
  }

  @Override
  public void close() {
    ScheduledExecutorService s = flusher;
    if (s != null) {
      s.shutdown();
      try {
        s.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
  }
}
