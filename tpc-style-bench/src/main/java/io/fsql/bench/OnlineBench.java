package io.fsql.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.sql.tree.Statement;
import io.fsql.storage.EmbeddedEngines;
import io.fsql.storage.online.AerospikeOnlineStore;
import io.fsql.storage.online.RocksDbOnlineStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;

/**
 * online ("Online serving"): an ONLINE feature group of {@code rows} keys, loaded with
 * {@code INSERT INTO g SELECT * FROM read_parquet(...)} (the engine's own write path fills the
 * online store), then key lookups measured side by side, alternated, with 1 and 8 client threads
 * and random keys from a seeded generator:
 *
 * <ul>
 *   <li>(a) one key: a JDBC {@code PreparedStatement} ({@code SELECT * FROM LATEST features WHERE
 *       id = ?}, prepared once per thread, {@code setLong}, {@code executeQuery}, every column
 *       read) vs the baseline, a raw RocksDB {@code get} of the same key on a checkpoint of the
 *       engine's store, opened read-only with plain rocksdbjni, key encoded as the store does;
 *   <li>(b) an IN-list of 100 keys ({@code WHERE id IN (?, ..., ?)}), same JDBC path vs raw
 *       {@code multiGetAsList} of those keys;
 *   <li>(c) with {@code FSQL_TEST_AEROSPIKE=host:port[/ns]}: the same with the engine on Aerospike
 *       vs the raw Aerospike client {@code get} / batch {@code get}.
 * </ul>
 *
 * For context each table also has {@code Session.execute} of the parsed statement (the engine
 * without JDBC). Every answer is checked against the generator ({@link OnlineData#expected}); then
 * a JFR sampling profile of (a) through JDBC shows where the time goes.
 */
final class OnlineBench {
  private OnlineBench() {}

  private static final String BENCH = "online";
  private static final String GROUP = "features";
  private static final int[] THREADS = {1, 8};
  private static final int IN_KEYS = 100;
  private static final long SEED = 20_261_129L;
  private static final int MAX_WRONG = 20;
  private static final String ONE = "SELECT * FROM LATEST " + GROUP + " WHERE id = ?";
  /** (d): the same features as a feature view's online vector, logged or not. */
  private static final String VIEW_COLUMNS = "s.id, f.f0, f.f1, f.f2, f.f3, f.f4, f.f5, f.f6, f.segment, f.ts";
  private static final String PLAIN_VIEW = "fv_plain";
  private static final String LOGGED_VIEW = "fv_logged";
  private static final int LOG_BATCH_ROWS = 10_000;
  private static final int LOG_BATCH_SECONDS = 5;
  private static final String VECTOR = "SELECT * FROM %s FOR KEYS (?)";
  /** (d): the logged view's served_dropped (SHOW FEATURE VIEWS) when the clients closed; -1 before. */
  private static final java.util.concurrent.atomic.AtomicLong SERVED_DROPPED = new java.util.concurrent.atomic.AtomicLong(-1);
  private static final String IN = "SELECT * FROM LATEST " + GROUP + " WHERE id IN ("
      + String.join(", ", Collections.nCopies(IN_KEYS, "?")) + ")";

  /** One client thread's way to read keys. */
  interface Reader {
    /** Reads the rows of {@code keys} (the timed part). */
    Object read(long[] keys) throws Exception;

    /** Checks what {@link #read} returned (untimed); {@code op} numbers this reader's operations. */
    String check(long[] keys, Object result, long op);
  }

  /** A contender: one reader per thread, its run times, and its latencies of the measured runs. */
  static final class Contender {
    final String name;
    final List<Reader> readers;
    final Series series;
    final List<long[]> runs = new ArrayList<>();

    Contender(String name, List<Reader> readers, double opsPerRun) {
      this.name = name;
      this.readers = readers;
      this.series = new Series(name, opsPerRun);
    }

    long[] all() {
      long[] a = runs.stream().flatMapToLong(Arrays::stream).toArray();
      Arrays.sort(a);
      return a;
    }

    double percentile(double p) {
      return percentile(all(), p);
    }

    static double percentile(long[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    double runP50(int run) {
      long[] a = runs.get(run).clone();
      Arrays.sort(a);
      return percentile(a, 0.5);
    }
  }

  /** A measurement: what, how many threads, keys per operation and operations per run. */
  record Config(String what, int threads, int keysPerOp, int opsPerRun, int index) {}

  static List<Goal> run(Options o) throws Exception {
    long start = System.nanoTime();
    int runs = o.runs(5);
    int warmups = o.warmups(2);
    long n = o.rows;
    int lookups = o.lookups != null ? o.lookups : o.quick ? 5_000 : 20_000;
    int lists = Math.max(8, lookups / 20);
    Path work = Options.dataDir().resolve(BENCH);
    Fsql.deleteTree(work);
    Files.createDirectories(work);
    Path file = OnlineData.parquet(n);
    Report report = new Report(o, "online: key lookups through JDBC vs raw RocksDB (and Aerospike)");
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    String aerospike = System.getenv("FSQL_TEST_AEROSPIKE");
    boolean withAerospike = aerospike != null && !aerospike.isBlank();

    // ------------------------------------------------------------- setup: load, then a checkpoint
    Path home = work.resolve("home");
    Loaded loaded = load(home, file, n, null);
    Path copy = work.resolve("rocksdb-checkpoint");
    long t0 = System.nanoTime();
    try (RocksDbOnlineStore store = new RocksDbOnlineStore(home.resolve("online"))) {
      store.checkpoint(copy);
    }
    long checkpointNanos = System.nanoTime() - t0;
    Log.info(BENCH, "checkpoint of the online store in " + Report.seconds(checkpointNanos));

    ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "online-client");
      t.setDaemon(true);
      return t;
    });
    List<Result> results = new ArrayList<>();
    List<Result> logged = new ArrayList<>();
    long loggedLookups = 0;
    String rawStats;
    String profile;
    try (RawRocks raw = new RawRocks(copy); Clients fsql = new Clients(home, 8)) {
      rawStats = raw.describe();
      Function<Object[], byte[]> keys = RocksDbOnlineStore.keyEncoder(loaded.group);
      Function<byte[], Object[]> rows = RocksDbOnlineStore.rowDecoder(loaded.group);
      List<Reader> rawOne = new ArrayList<>();
      List<Reader> rawIn = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        rawOne.add(raw.single(keys, rows));
        rawIn.add(raw.multi(keys, rows));
      }
      int index = 0;
      for (int threads : THREADS) {
        Config c = new Config("(a) one key", threads, 1, lookups, index++);
        results.add(measure(o, c, List.of(
            new Contender("fsql JDBC PreparedStatement", fsql.jdbcOne, lookups),
            new Contender("fsql Session.execute (no JDBC, context)", fsql.sessionOne, lookups),
            new Contender("raw RocksDB get (baseline)", rawOne, lookups)), warmups, runs, pool, wrong));
      }
      for (int threads : THREADS) {
        Config c = new Config("(b) IN-list of " + IN_KEYS + " keys", threads, IN_KEYS, lists, index++);
        results.add(measure(o, c, List.of(
            new Contender("fsql JDBC PreparedStatement", fsql.jdbcIn, lists),
            new Contender("fsql Session.execute (no JDBC, context)", fsql.sessionIn, lists),
            new Contender("raw RocksDB multiGetAsList (baseline)", rawIn, lists)), warmups, runs, pool, wrong));
      }
      for (int threads : THREADS) {
        Config c = new Config("(d) feature vector, served-vector logging on vs off", threads, 1, lookups, index++);
        Result r = measure(o, c, List.of(
            new Contender("fsql Session.execute `" + String.format(VECTOR, LOGGED_VIEW) + "`, logging on",
                fsql.sessionLogged, lookups),
            new Contender("fsql Session.execute `" + String.format(VECTOR, PLAIN_VIEW) + "`, logging off (baseline)",
                fsql.sessionPlain, lookups)), warmups, runs, pool, wrong);
        logged.add(r);
        loggedLookups += (long) (warmups + runs) * lookups;
      }
      profile = profile(work, fsql.jdbcOne.get(0), n, o.quick ? 4 : 10, wrong);
    } finally {
      pool.shutdownNow();
    }

    long[] log = servedLog(home);
    Log.info(BENCH, "served-vector log: " + log[0] + " of " + loggedLookups + " vectors logged in " + log[1] + " commits");

    // ------------------------------------------------------------- (c) Aerospike
    List<Result> aeroResults = new ArrayList<>();
    String aeroNote;
    if (withAerospike) {
      aeroNote = aerospike(o, work, file, n, aerospike.trim(), lookups, lists, warmups, runs, wrong, aeroResults);
    } else {
      aeroNote = "Aerospike: not measured (no server): set FSQL_TEST_AEROSPIKE=host:port[/namespace] to measure "
          + "the engine opened with -Dfsql.online=aerospike://host:port/namespace against the raw Aerospike "
          + "client's get and batch get of the same keys.";
    }

    // ------------------------------------------------------------- report
    boolean valid = wrong.isEmpty();
    report.param("result check", valid ? "VALID: every lookup of every run (warm-ups and the profile included) "
            + "returned exactly the expected rows; all columns compared with the generator for every fsql answer "
            + "and for every 16th raw answer (decoded with the store's row codec), the others checked for presence"
            : "**INVALID: wrong answers, see Correctness**")
        .param("rows", String.format("%,d", n) + " keys, one row each, in feature group `" + GROUP + "`")
        .param("data", "`" + Options.benchDir().relativize(file) + "` (" + Report.bytes(Files.size(file))
            + ", DuckDB): " + OnlineData.COLUMNS + " (f6 NULL for every 10th key)")
        .param("group", "`CREATE FEATURE GROUP " + GROUP + " (" + OnlineData.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts "
            + "ONLINE`, loaded with `INSERT INTO " + GROUP + " SELECT * FROM read_parquet('<file>')` in "
            + Report.seconds(loaded.loadNanos) + " (`" + loaded.message + "`)")
        .param("online store", "embedded RocksDB (`<home>/online`); after the load the engine is closed, the store "
            + "is opened alone (`new RocksDbOnlineStore(<home>/online)`, the engine's options) and "
            + "`RocksDbOnlineStore.checkpoint` writes a RocksDB checkpoint (memtable flushed, table files hard-linked) in "
            + Report.seconds(checkpointNanos) + "; then the engine is opened again by the JDBC connections. The "
            + "engine's `FsqlEngine.online()` is not public, so a checkpoint cannot be taken while it is open "
            + "(a read-only or secondary RocksDB instance can be checkpointed, but its copy lacks the memtable)")
        .param("baseline", "the checkpoint opened with `RocksDB.openReadOnly` (plain rocksdbjni, same JVM) with the "
            + "store's table options (" + (io.fsql.storage.online.RocksDbOnlineStore.cacheBytes() >> 20) + " MiB LRU block cache, 10-bit Bloom filter, 8 KiB blocks, index and filter "
            + "blocks cached); keys encoded with `RocksDbOnlineStore.keyEncoder` (group id + the store's key codec); "
            + "the value bytes are not decoded (decoding is part of what the engine adds). " + rawStats)
        .param("queries", "(a) `" + ONE + "`; (b) `SELECT * FROM LATEST " + GROUP + " WHERE id IN (?, ?, ... "
            + IN_KEYS + " parameters)`")
        .param("clients", "8 JDBC connections (`jdbc:fsql:embedded:<home>`, one engine shared in the process), each "
            + "with its statements prepared once; a thread uses its own connection and statements (1 thread: "
            + "the first). JDBC reads every column (`getLong`, `getDouble` + `wasNull`, `getString`, "
            + "`getTimestamp`). The Session context row: 8 sessions of the same engine, `session.execute(parsed, "
            + "params)` with the statement parsed once, reading the `QueryResult`")
        .param("keys", "uniform random over all keys, `SplittableRandom` seeded per (measurement, round, thread), "
            + "so every contender of a round reads the same keys; an IN-list has 100 distinct keys")
        .param("method", warmups + " warm-up round(s) discarded, then " + runs + " measured rounds per measurement; "
            + "in every round each contender runs once, the order rotated every round; one run = "
            + String.format("%,d", lookups) + " single-key lookups or " + String.format("%,d", lists)
            + " IN-lists in all, split evenly over the threads, which start together; a latency is one "
            + "`read` call (bind, execute, read all columns); checks are untimed per call but inside the run's "
            + "wall time (lookups/s = operations / run wall time, at the median run); then a JFR sampling profile "
            + "of (a) through JDBC (see Where the time of (a) goes)");

    report.section("Goals");
    report.text(goals(results, aeroResults, withAerospike));

    for (Result r : results) {
      latencyTable(report, r);
    }
    report.section("(c) Aerospike");
    if (aeroResults.isEmpty()) {
      report.text(aeroNote);
    } else {
      report.text(aeroNote);
      for (Result r : aeroResults) {
        latencyTable(report, r);
      }
    }
    report.section("(d) Served-vector logging");
    report.text("The same features read as a feature view's online vector (`CREATE FEATURE VIEW v AS SELECT "
        + VIEW_COLUMNS + " FROM spine s LEFT ASOF JOIN " + GROUP + " f MATCH_CONDITION (s.ts >= f.ts) ON s.id = f.id`,"
        + " spine an empty offline group), through two such views: `" + LOGGED_VIEW + "` with `ALTER FEATURE VIEW "
        + LOGGED_VIEW + " SET LOGGING (batch_rows = " + LOG_BATCH_ROWS + ", batch_seconds = " + LOG_BATCH_SECONDS
        + ")`, `" + PLAIN_VIEW + "` without; Session.execute of the parsed statement with the key as parameter, every "
        + "answer checked like (a). A logged lookup copies its row into the view's bounded buffer; a background thread "
        + "writes full batches to `" + LOGGED_VIEW + "__served` (Hudi commits by Spark, in this process, competing for "
        + "the same 2 cores). Logged: **" + String.format("%,d", log[0]) + " of " + String.format("%,d", loggedLookups)
        + "** vectors served (warm-ups included) in " + log[1] + " commits; dropped, as the engine counted them "
        + "(`SHOW FEATURE VIEWS` column `served_dropped`): **" + String.format("%,d", SERVED_DROPPED.get()) + "**. "
        + "The queue holds " + String.format("%,d", 100_000) + " rows (the default `queue_rows`); a commit "
        + "takes every row queued when it starts, so a writer that falls behind catches up with larger commits.");
    for (Result r : logged) {
      latencyTable(report, r);
    }
    report.section("Where the time of (a) goes");
    report.text(breakdown(results.get(0)));
    report.text(profile);

    report.section("Correctness");
    report.text(valid ? "Every answer was right (see the result check above)."
        : "**MISMATCHES (this run is invalid):**\n\n" + wrong.stream().distinct().limit(MAX_WRONG)
            .map(w -> "- " + w).collect(Collectors.joining("\n")));
    report.section("EXPLAIN");
    report.text("```\nEXPLAIN " + ONE + "\n\n" + loaded.explainOne + "\n```");
    report.text("```\nEXPLAIN SELECT * FROM LATEST " + GROUP + " WHERE id IN (?, ... 100)\n\n" + loaded.explainIn + "\n```");
    report.text("Total time of this benchmark: " + Report.elapsed(start) + ".");
    Path out = report.finish();
    Log.info(BENCH, "wrote " + out);
    if (!valid) {
      throw new IllegalStateException("online: wrong lookup answers (see " + out + ")");
    }
    return goalList(results, aeroResults, withAerospike);
  }

  // ------------------------------------------------------------------ setup

  record Loaded(FeatureGroup group, long loadNanos, String message, String explainOne, String explainIn) {}

  /** A fresh home: the ONLINE group, loaded from the Parquet file; EXPLAIN of both queries; the engine closed. */
  private static Loaded load(Path home, Path file, long n, Function<FeatureGroup, Void> beforeInsert) {
    FsqlEngine engine = EmbeddedEngines.acquire(home);
    try (Session s = engine.openSession()) {
      s.execute("CREATE FEATURE GROUP " + GROUP + " (" + OnlineData.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts ONLINE");
      FeatureGroup group = Fsql.group(s, GROUP);
      if (beforeInsert != null) {
        beforeInsert.apply(group);
      }
      String[] msg = new String[1];
      long nanos = time(() -> msg[0] = s.execute("INSERT INTO " + GROUP + " SELECT * FROM read_parquet('" + file + "')")
          .message());
      IngestBench.check(msg[0].endsWith(": " + n + " inserted, 0 updated"), "load said: " + msg[0]);
      Log.info(BENCH, msg[0] + " in " + Report.seconds(nanos));
      s.execute("CREATE FEATURE GROUP spine (id BIGINT NOT NULL, ts TIMESTAMP) PRIMARY KEY (id) EVENT TIME ts");
      for (String view : List.of(PLAIN_VIEW, LOGGED_VIEW)) {
        s.execute("CREATE FEATURE VIEW " + view + " AS SELECT " + VIEW_COLUMNS + " FROM spine s LEFT ASOF JOIN " + GROUP
            + " f MATCH_CONDITION (s.ts >= f.ts) ON s.id = f.id");
        String e = explain(s, String.format(VECTOR, view), List.of(0L));
        IngestBench.check(e.contains("Runs on: online store"), "the vector does not run on the online store:\n" + e);
      }
      s.execute("ALTER FEATURE VIEW " + LOGGED_VIEW + " SET LOGGING (batch_rows = " + LOG_BATCH_ROWS
          + ", batch_seconds = " + LOG_BATCH_SECONDS + ")");
      String one = explain(s, ONE, List.of(0L));
      List<Object> ins = new ArrayList<>();
      for (int i = 0; i < IN_KEYS; i++) {
        ins.add((long) i);
      }
      String in = explain(s, IN, ins);
      for (String e : List.of(one, in)) {
        IngestBench.check(e.contains("Runs on: online store"), "the lookup does not run on the online store:\n" + e);
      }
      List<Object[]> desc = Fsql.query(s, "DESCRIBE " + GROUP);
      String lag = desc.stream().filter(r -> "online_lag".equals(r[0])).map(r -> String.valueOf(r[1])).findFirst()
          .orElse("?");
      IngestBench.check(lag.startsWith("0 commits"), "the online store is behind after the load: " + lag);
      return new Loaded(group, nanos, msg[0], one, in);
    } finally {
      EmbeddedEngines.release(home);
    }
  }

  /** Rows and commits of the logged view's served-vector group (the engine closed, so flushed). */
  private static long[] servedLog(Path home) {
    FsqlEngine engine = EmbeddedEngines.acquire(home);
    try (Session s = engine.openSession()) {
      long rows = ((Number) Fsql.query(s, "SELECT COUNT(*) FROM " + LOGGED_VIEW + "__served").get(0)[0]).longValue();
      long commits = Fsql.query(s, "SHOW COMMITS FOR " + LOGGED_VIEW + "__served").size();
      return new long[] {rows, commits};
    } finally {
      EmbeddedEngines.release(home);
    }
  }

  private static String explain(Session s, String sql, List<Object> params) {
    StatementResult r = s.execute("EXPLAIN " + sql, params);
    List<String> lines = new ArrayList<>();
    try (QueryResult q = r.rows()) {
      while (q.hasNext()) {
        lines.add(Arrays.stream(q.next()).map(String::valueOf).collect(Collectors.joining(" | ")));
      }
    }
    return String.join("\n", lines);
  }

  private static long time(Alternation.ThrowingRunnable task) {
    try {
      return Alternation.time(task);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ the fsql clients

  /** JDBC connections (each with both statements prepared) and sessions, one per thread. */
  static final class Clients implements AutoCloseable {
    final Path home;
    final List<Connection> connections = new ArrayList<>();
    final List<Session> sessions = new ArrayList<>();
    final List<Reader> jdbcOne = new ArrayList<>();
    final List<Reader> jdbcIn = new ArrayList<>();
    final List<Reader> sessionOne = new ArrayList<>();
    final List<Reader> sessionIn = new ArrayList<>();
    final List<Reader> sessionLogged = new ArrayList<>();
    final List<Reader> sessionPlain = new ArrayList<>();
    private FsqlEngine engine;

    Clients(Path home, int threads) throws Exception {
      this.home = home;
      try {
        for (int t = 0; t < threads; t++) {
          Connection c = DriverManager.getConnection("jdbc:fsql:embedded:" + home);
          connections.add(c);
          jdbcOne.add(new JdbcReader(c.prepareStatement(ONE)));
          jdbcIn.add(new JdbcReader(c.prepareStatement(IN)));
        }
        engine = EmbeddedEngines.acquire(home);
        for (int t = 0; t < threads; t++) {
          Session s = engine.openSession();
          sessions.add(s);
          sessionOne.add(new SessionReader(s, s.parse(ONE)));
          sessionIn.add(new SessionReader(s, s.parse(IN)));
          sessionLogged.add(new SessionReader(s, s.parse(String.format(VECTOR, LOGGED_VIEW))));
          sessionPlain.add(new SessionReader(s, s.parse(String.format(VECTOR, PLAIN_VIEW))));
        }
      } catch (Exception | Error e) {
        close();
        throw e;
      }
    }

    @Override
    public void close() throws Exception {
      for (Session s : sessions) {
        s.close();  // writes what its lookups queued
      }
      if (engine != null) {
        try (Session s = engine.openSession()) {
          List<Object[]> views = Fsql.query(s, "SHOW FEATURE VIEWS LIKE '" + LOGGED_VIEW + "'");
          if (!views.isEmpty() && views.get(0)[7] != null) {
            SERVED_DROPPED.set(((Number) views.get(0)[7]).longValue());
          }
        }
        engine = null;
        EmbeddedEngines.release(home);
      }
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  /** Compares rows read with the generator's; null when right, else what is wrong. */
  static String checkRows(long[] keys, List<Object[]> rows, String who) {
    if (rows.size() != keys.length) {
      return who + ": " + rows.size() + " rows for " + keys.length + " keys (first key " + keys[0] + ")";
    }
    Set<Long> wanted = new HashSet<>();
    for (long k : keys) {
      wanted.add(k);
    }
    for (Object[] row : rows) {
      Object id = row[0];
      if (!(id instanceof Long l) || !wanted.remove(l)) {
        return who + ": unexpected or repeated row id " + id;
      }
      Object[] e = OnlineData.expected(l);
      if (!Arrays.equals(row, e)) {
        return who + ": key " + l + " gave " + Arrays.toString(row) + ", expected " + Arrays.toString(e);
      }
    }
    return null;
  }

  /** A prepared statement of one connection: sets the keys, executes, reads every column. */
  static final class JdbcReader implements Reader {
    private final PreparedStatement ps;

    JdbcReader(PreparedStatement ps) {
      this.ps = ps;
    }

    @Override
    public Object read(long[] keys) throws Exception {
      for (int i = 0; i < keys.length; i++) {
        ps.setLong(i + 1, keys[i]);
      }
      List<Object[]> rows = new ArrayList<>(keys.length);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object[] r = new Object[OnlineData.WIDTH];
          r[0] = rs.getLong(1);
          for (int c = 2; c <= 8; c++) {
            double d = rs.getDouble(c);
            r[c - 1] = rs.wasNull() ? null : d;
          }
          r[8] = rs.getString(9);
          Timestamp t = rs.getTimestamp(10);
          r[9] = t == null ? null : t.toLocalDateTime();
          rows.add(r);
        }
      }
      return rows;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String check(long[] keys, Object result, long op) {
      return checkRows(keys, (List<Object[]>) result, "JDBC");
    }
  }

  /** A session running a parsed statement with the keys as parameters. */
  static final class SessionReader implements Reader {
    private final Session session;
    private final Statement parsed;

    SessionReader(Session session, Statement parsed) {
      this.session = session;
      this.parsed = parsed;
    }

    @Override
    public Object read(long[] keys) {
      List<Object> params = new ArrayList<>(keys.length);
      for (long k : keys) {
        params.add(k);
      }
      List<Object[]> rows = new ArrayList<>(keys.length);
      try (QueryResult q = session.execute(parsed, params).rows()) {
        while (q.hasNext()) {
          rows.add(q.next());
        }
      }
      return rows;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String check(long[] keys, Object result, long op) {
      return checkRows(keys, (List<Object[]>) result, "Session");
    }
  }

  // ------------------------------------------------------------------ the raw RocksDB baseline

  /** The checkpoint, opened read-only with plain rocksdbjni and the store's table options. */
  static final class RawRocks implements AutoCloseable {
    private final Path dir;
    private final LRUCache cache = new LRUCache(io.fsql.storage.online.RocksDbOnlineStore.cacheBytes());
    private final BloomFilter bloom = new BloomFilter(10);
    private final ColumnFamilyOptions cf;
    private final DBOptions db = new DBOptions();
    private final RocksDB rocks;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final ReadOptions read = new ReadOptions();

    RawRocks(Path dir) throws Exception {
      this.dir = dir;
      cf = new ColumnFamilyOptions().setTableFormatConfig(new BlockBasedTableConfig()
          .setBlockCache(cache)
          .setFilterPolicy(bloom)
          .setWholeKeyFiltering(true)
          .setCacheIndexAndFilterBlocks(true)
          .setPinL0FilterAndIndexBlocksInCache(true)
          .setBlockSize(8 * 1024));
      rocks = RocksDB.openReadOnly(db, dir.toString(), List.of(
          new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cf),
          new ColumnFamilyDescriptor("watermarks".getBytes(StandardCharsets.UTF_8), cf)), handles);
    }

    String describe() throws Exception {
      List<Path> sst;
      try (Stream<Path> files = Files.list(dir)) {
        sst = files.filter(p -> p.getFileName().toString().endsWith(".sst")).toList();
      }
      long bytes = 0;
      for (Path p : sst) {
        bytes += Files.size(p);
      }
      return "The checkpoint has " + sst.size() + " table file(s), " + Report.bytes(bytes) + " (`rocksdb.num-files-at-level*`: "
          + levels() + "; estimated keys " + String.format("%,d", Long.parseLong(
              rocks.getProperty(handles.get(0), "rocksdb.estimate-num-keys"))) + ").";
    }

    private String levels() throws Exception {
      List<String> l = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        String v = rocks.getProperty(handles.get(0), "rocksdb.num-files-at-level" + i);
        if (!"0".equals(v)) {
          l.add("L" + i + " " + v);
        }
      }
      return String.join(", ", l);
    }

    Reader single(Function<Object[], byte[]> keys, Function<byte[], Object[]> rows) {
      ColumnFamilyHandle h = handles.get(0);
      return new Reader() {
        @Override
        public Object read(long[] k) throws Exception {
          return rocks.get(h, read, keys.apply(new Object[] {k[0]}));
        }

        @Override
        public String check(long[] k, Object result, long op) {
          if (result == null) {
            return "raw get: no value for key " + k[0];
          }
          return op % 16 == 0 ? checkRows(k, Collections.singletonList(rows.apply((byte[]) result)), "raw get") : null;
        }
      };
    }

    Reader multi(Function<Object[], byte[]> keys, Function<byte[], Object[]> rows) {
      return new Reader() {
        @Override
        public Object read(long[] k) throws Exception {
          List<byte[]> encoded = new ArrayList<>(k.length);
          for (long key : k) {
            encoded.add(keys.apply(new Object[] {key}));
          }
          return rocks.multiGetAsList(read, encoded);
        }

        @Override
        @SuppressWarnings("unchecked")
        public String check(long[] k, Object result, long op) {
          List<byte[]> values = (List<byte[]>) result;
          if (values.size() != k.length || values.contains(null)) {
            return "raw multiGetAsList: " + values.stream().filter(v -> v != null).count() + " values for "
                + k.length + " keys";
          }
          if (op % 16 != 0) {
            return null;
          }
          return checkRows(k, values.stream().map(rows).toList(), "raw multiGetAsList");
        }
      };
    }

    @Override
    public void close() {
      read.close();
      for (ColumnFamilyHandle h : handles) {
        h.close();
      }
      rocks.close();
      db.close();
      cf.close();
      bloom.close();
      cache.close();
    }
  }

  // ------------------------------------------------------------------ measuring

  /** The contenders of one measurement, after their rounds. */
  record Result(Config config, List<Contender> contenders) {
    Contender baseline() {
      return contenders.get(contenders.size() - 1);
    }
  }

  private static Result measure(Options o, Config c, List<Contender> contenders, int warmups, int runs,
      ExecutorService pool, List<String> wrong) throws Exception {
    Log.info(BENCH, c.what() + ", " + c.threads() + " thread(s): " + c.opsPerRun() + " operations per run");
    List<Alternation.Contender> list = new ArrayList<>();
    for (Contender k : contenders) {
      list.add(new Alternation.Contender(k.series, round -> {
        long[][][] keys = keys(c, round, o.rows);
        long[][] lat = new long[c.threads()][keys[0].length];
        long ns = runThreads(k, c.threads(), keys, lat, pool, wrong);
        if (round >= warmups) {
          k.runs.add(Arrays.stream(lat).flatMapToLong(Arrays::stream).toArray());
        }
        return ns;
      }));
    }
    Alternation.rounds(BENCH, warmups, runs, list, Report.Scale.MILLIS);
    return new Result(c, contenders);
  }

  /** The keys of one run: per thread, per operation, the keys (distinct within an operation). */
  private static long[][][] keys(Config c, int round, long n) {
    int per = c.opsPerRun() / c.threads();
    long[][][] keys = new long[c.threads()][per][c.keysPerOp()];
    for (int t = 0; t < c.threads(); t++) {
      SplittableRandom random = new SplittableRandom(SEED + 1_000_003L * c.index() + 7_919L * round + 104_729L * t);
      for (int j = 0; j < per; j++) {
        long[] k = keys[t][j];
        Set<Long> seen = c.keysPerOp() > 1 ? new HashSet<>() : null;
        for (int i = 0; i < k.length; i++) {
          long v;
          do {
            v = random.nextLong(n);
          } while (seen != null && !seen.add(v));
          k[i] = v;
        }
      }
    }
    return keys;
  }

  /** Runs the threads' operations together; returns the wall time from the start signal to the last one done. */
  private static long runThreads(Contender k, int threads, long[][][] keys, long[][] lat, ExecutorService pool,
      List<String> wrong) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        Reader r = k.readers.get(thread);
        long[][] mine = keys[thread];
        long[] times = lat[thread];
        long checked = 0;
        go.await();
        for (int j = 0; j < mine.length; j++) {
          long t0 = System.nanoTime();
          Object result = r.read(mine[j]);
          times[j] = System.nanoTime() - t0;
          String problem = r.check(mine[j], result, j);
          if (problem != null && wrong.size() < MAX_WRONG) {
            wrong.add(k.name + ": " + problem);
          }
          checked++;
        }
        return checked;
      }));
    }
    long t0 = System.nanoTime();
    go.countDown();
    for (Future<Long> f : futures) {
      f.get();
    }
    return System.nanoTime() - t0;
  }

  // ------------------------------------------------------------------ report parts

  private static String us(double nanos) {
    return Report.fmt(nanos / 1e3, 1);
  }

  private static void latencyTable(Report report, Result r) {
    Config c = r.config();
    Contender base = r.baseline();
    boolean in = c.keysPerOp() > 1;
    report.section(c.what() + ", " + c.threads() + (c.threads() == 1 ? " client thread" : " client threads"));
    List<List<String>> rows = new ArrayList<>();
    for (Contender k : r.contenders()) {
      boolean isBase = k == base;
      long[] all = k.all();
      List<String> perRound = new ArrayList<>();
      List<Double> over = new ArrayList<>();
      for (int i = 0; i < k.runs.size(); i++) {
        double d = k.runP50(i) - base.runP50(i);
        over.add(d);
        perRound.add(us(d));
      }
      List<Double> sorted = new ArrayList<>(over);
      Collections.sort(sorted);
      double med = sorted.isEmpty() ? Double.NaN : sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
          : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
      double perSec = k.series.throughput();
      rows.add(List.of(k.name, k.series.runs() + " × " + String.format("%,d", (long) k.series.unitsPerRun),
          us(Contender.percentile(all, 0.5)), us(Contender.percentile(all, 0.99)),
          us(Contender.percentile(all, 0.999)), us(all.length == 0 ? Double.NaN : all[all.length - 1]),
          Report.grouped(perSec) + (in ? " (" + Report.grouped(perSec * c.keysPerOp()) + " keys/s)" : ""),
          isBase ? "baseline" : us(Contender.percentile(all, 0.5) - Contender.percentile(base.all(), 0.5)),
          isBase ? "" : us(med) + " (" + String.join(", ", perRound) + ")",
          isBase ? "" : Report.fmt(Contender.percentile(all, 0.5) / Contender.percentile(base.all(), 0.5), 2)));
    }
    report.table(List.of("contender", "runs × " + (in ? "IN-lists" : "lookups"), "p50 (µs)", "p99 (µs)",
        "p99.9 (µs)", "max (µs)", (in ? "IN-lists/s" : "lookups/s") + " (median run)",
        "p50 − baseline p50 (µs)", "same within each round: median (rounds)", "p50 ratio to baseline"), rows);
    List<Report.Line> lines = new ArrayList<>();
    for (Contender k : r.contenders()) {
      lines.add(Report.Line.of(k.name, k.series, k == base ? null : base.series));
    }
    report.text("Run times (" + String.format("%,d", c.opsPerRun()) + (in ? " IN-lists" : " lookups") + " per run over "
        + c.threads() + (c.threads() == 1 ? " thread" : " threads") + "):");
    report.timings(lines, Report.Scale.MILLIS, in ? "IN-lists/s" : "lookups/s", "time ratio to baseline");
  }

  private static Contender named(Result r, String prefix) {
    return r.contenders().stream().filter(c -> c.name.startsWith(prefix)).findFirst().orElseThrow();
  }

  /** The goals of issue 8, as {@link #goals} words them, for results/SUMMARY.md. */
  private static List<Goal> goalList(List<Result> results, List<Result> aero, boolean withAerospike) {
    List<Goal> g = new ArrayList<>();
    for (Result r : results) {
      Contender jdbc = named(r, "fsql JDBC");
      String t = r.config().threads() + (r.config().threads() == 1 ? " thread" : " threads");
      if (r.config().keysPerOp() == 1) {
        g.add(Goal.atMost("online", "(a) one key, " + t + ": JDBC p50 overhead over a raw RocksDB get (µs)",
            (jdbc.percentile(0.5) - r.baseline().percentile(0.5)) / 1e3, 20).from("issue 8"));
      } else {
        g.add(Goal.atMost("online", "(b) IN-list of 100, " + t + ": JDBC p99 (ms)", jdbc.percentile(0.99) / 1e6, 2)
            .from("issue 8"));
      }
    }
    if (!withAerospike) {
      g.add(Goal.atMost("online", "(c) Aerospike: JDBC p50 / raw client p50 (no server: FSQL_TEST_AEROSPIKE unset)",
          Double.NaN, 1.2).from("issue 8"));
    }
    for (Result r : aero) {
      g.add(Goal.atMost("online", "(c) Aerospike, " + r.config().what() + ", " + r.config().threads()
          + (r.config().threads() == 1 ? " thread" : " threads") + ": JDBC p50 / raw client p50",
          named(r, "fsql JDBC").percentile(0.5) / r.baseline().percentile(0.5), 1.2).from("issue 8"));
    }
    return g;
  }

  private static String goals(List<Result> results, List<Result> aero, boolean withAerospike) {
    StringBuilder b = new StringBuilder();
    for (Result r : results) {
      Contender jdbc = named(r, "fsql JDBC");
      Contender base = r.baseline();
      double p50 = jdbc.percentile(0.5);
      double basep50 = base.percentile(0.5);
      String t = r.config().threads() + (r.config().threads() == 1 ? " thread" : " threads");
      if (r.config().keysPerOp() == 1) {
        double over = p50 - basep50;
        b.append("- (a) one key, ").append(t).append(": JDBC p50 ").append(us(p50)).append(" µs, raw get p50 ")
            .append(us(basep50)).append(" µs: p50 overhead **").append(us(over)).append(" µs**; goal ≤ 20 µs: ")
            .append(over <= 20_000 ? "**met**" : "**not met**")
            .append(r.config().threads() > 1 ? " (8 threads on this machine's cores: includes waiting for a core)" : "")
            .append('\n');
      } else {
        double p99 = jdbc.percentile(0.99);
        b.append("- (b) IN-list of 100, ").append(t).append(": JDBC p99 **").append(Report.fmt(p99 / 1e6, 3))
            .append(" ms** (raw multiGetAsList p99 ").append(Report.fmt(base.percentile(0.99) / 1e6, 3))
            .append(" ms); goal p99 ≤ 2 ms: ").append(p99 <= 2_000_000 ? "**met**" : "**not met**").append('\n');
      }
    }
    if (!withAerospike) {
      b.append("- (c) Aerospike: not measured (no server)\n");
    }
    for (Result r : aero) {
      Contender jdbc = named(r, "fsql JDBC");
      Contender base = r.baseline();
      double ratio = jdbc.percentile(0.5) / base.percentile(0.5);
      b.append("- (c) Aerospike, ").append(r.config().what()).append(", ").append(r.config().threads())
          .append(r.config().threads() == 1 ? " thread" : " threads").append(": JDBC p50 / raw client p50 = **")
          .append(Report.fmt(ratio, 2)).append("×**; goal ≤ 1.2×: ").append(ratio <= 1.2 ? "**met**" : "**not met**")
          .append('\n');
    }
    return b.toString().trim();
  }

  private static String breakdown(Result one) {
    double raw = one.baseline().percentile(0.5);
    double session = named(one, "fsql Session").percentile(0.5);
    double jdbc = named(one, "fsql JDBC").percentile(0.5);
    return "From the medians of (a) at 1 thread (all measured lookups): the raw RocksDB get takes " + us(raw)
        + " µs; `Session.execute` of the parsed statement (plan-cache lookup, parameter binding, key encoding, "
        + "the same get, row decoding, projection, `QueryResult`) adds " + us(session - raw) + " µs; the JDBC "
        + "layer (Avatica `PreparedStatement`, `FsqlMeta.execute`, parameter conversion, the result set and its "
        + "accessors) adds " + us(jdbc - session) + " µs more, " + us(jdbc - raw) + " µs in all.";
  }

  // ------------------------------------------------------------------ profile

  /** Layers of the lookup path, by class-name prefix, the most specific first. */
  private static final List<String[]> LAYERS = List.of(
      new String[] {"org.rocksdb.", "RocksDB (JNI get)"},
      new String[] {"io.fsql.storage.online.", "online store: key encoding, row decoding (storage/online)"},
      new String[] {"io.fsql.planner.online.", "lookup binding and projection (OnlineLookup, KeyValues)"},
      new String[] {"io.fsql.planner.engine.", "Session: plan cache, dispatch (planner/engine)"},
      new String[] {"io.fsql.planner.", "planner, other"},
      new String[] {"io.fsql.sql.", "sql-parser tree (statement hashing/equality)"},
      new String[] {"io.fsql.jdbc.", "JDBC driver (FsqlMeta, result conversion)"},
      new String[] {"org.apache.calcite.avatica.", "Avatica JDBC framework"},
      new String[] {"io.fsql.bench.", "the bench's client (reading the columns, checks excluded)"});

  /** The nested calls of one JDBC lookup, outermost first, and what each is. */
  private static final List<String[]> PATH = List.of(
      new String[] {"io.fsql.bench.OnlineBench$JdbcReader.read", "the client's call: set, execute, read 10 columns"},
      new String[] {"org.apache.calcite.avatica.AvaticaPreparedStatement.executeQuery", "`PreparedStatement.executeQuery`"},
      new String[] {"io.fsql.jdbc.FsqlMeta.execute", "`FsqlMeta.execute` (the driver)"},
      new String[] {"io.fsql.planner.engine.Session.execute", "`Session.execute`"},
      new String[] {"io.fsql.planner.online.OnlineLookup.execute", "`OnlineLookup.execute`"},
      new String[] {"io.fsql.storage.online.RocksDbOnlineStore.read", "`RocksDbOnlineStore.read`"},
      new String[] {"org.rocksdb.RocksDB.get", "`RocksDB.get` (JNI)"});

  /** Parts of the call worth naming (method name prefixes), each counted where it is on the stack. */
  private static final List<String[]> PARTS = List.of(
      new String[] {"org.apache.calcite.avatica.AvaticaResultSet.get", "Avatica result set accessors (`getLong`, `getDouble`, "
          + "`getString`, `getTimestamp`: the client reading the columns)"},
      new String[] {"java.util.Calendar.getInstance", "  of which `Calendar.getInstance` (one per `getTimestamp`)"},
      new String[] {"io.fsql.jdbc.FsqlMeta.signature", "`FsqlMeta.signature`: the result's column metadata, built again "
          + "at every execution"},
      new String[] {"org.apache.calcite.avatica.AvaticaConnection.getTimeZone", "`AvaticaConnection.getTimeZone`: the "
          + "connection properties parsed again at every execution"},
      new String[] {"io.fsql.jdbc.FsqlJdbcFactory.newResultSet", "a new `AvaticaResultSet` per execution"},
      new String[] {"io.fsql.planner.online.OnlineLookup.bind", "`OnlineLookup.bind`: parameters to keys"},
      new String[] {"io.fsql.storage.online.RocksDbOnlineStore.lookupKey", "key encoding (`KeyCodec`)"},
      new String[] {"io.fsql.storage.online.RowCodec.read", "row decoding (`RowCodec.read`)"},
      new String[] {"io.fsql.planner.engine.Session.onlineRoute", "`Session.onlineRoute`: the cached plan"});

  private static int count(List<Set<String>> stacks, String prefix) {
    int n = 0;
    for (Set<String> st : stacks) {
      for (String m : st) {
        if (m.startsWith(prefix)) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /**
   * Samples {@code seconds} of single-key JDBC lookups on one thread with JFR (Java and native
   * method samples every millisecond) and summarizes where the samples are: by layer (the
   * innermost fsql/Avatica/RocksDB frame of each sample), by method on top of the stack, and by
   * method anywhere on the stack.
   */
  private static String profile(Path work, Reader jdbc, long n, int seconds, List<String> wrong) throws Exception {
    Log.info(BENCH, "profiling (a) JDBC, 1 thread, " + seconds + " s with JFR");
    Path jfr = work.resolve("online-profile.jfr");
    long[] ops = new long[1];
    String threadName = "online-profiled-client";
    try (Recording rec = new Recording()) {
      rec.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
      rec.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(1));
      rec.enable("jdk.GarbageCollection");
      rec.setToDisk(true);
      Throwable[] failure = new Throwable[1];
      Thread t = new Thread(() -> {
        SplittableRandom random = new SplittableRandom(SEED - 1);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try {
          while (System.nanoTime() < end) {
            long[] k = {random.nextLong(n)};
            String problem = jdbc.check(k, jdbc.read(k), ops[0]++);
            if (problem != null && wrong.size() < MAX_WRONG) {
              wrong.add("profile: " + problem);
            }
          }
        } catch (Throwable e) {
          failure[0] = e;
        }
      }, threadName);
      rec.start();
      t.start();
      t.join();
      rec.stop();
      rec.dump(jfr);
      if (failure[0] != null) {
        throw new IllegalStateException("profile run failed", failure[0]);
      }
    }
    Map<String, Integer> layer = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    List<Set<String>> stacks = new ArrayList<>();
    int samples = 0;
    int gcs = 0;
    double gcMs = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
      String type = e.getEventType().getName();
      if (type.equals("jdk.GarbageCollection")) {
        gcs++;
        gcMs += e.getDuration().toNanos() / 1e6;
        continue;
      }
      if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
        continue;
      }
      var thread = e.getThread("sampledThread");
      if (thread == null || !threadName.equals(thread.getJavaName()) || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      self.merge(method(frames.get(0)), 1, Integer::sum);
      String where = "JDK / other";
      outer:
      for (RecordedFrame f : frames) {
        String cls = f.getMethod().getType().getName();
        for (String[] l : LAYERS) {
          if (cls.startsWith(l[0])) {
            where = l[1];
            break outer;
          }
        }
      }
      layer.merge(where, 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String m = method(f);
        if (seen.add(m)) {
          inclusive.merge(m, 1, Integer::sum);
        }
      }
      stacks.add(seen);
    }
    int total = samples;
    StringBuilder b = new StringBuilder();
    b.append("**JFR profile** of (a) through JDBC on one thread: ").append(String.format("%,d", ops[0]))
        .append(" lookups in ").append(seconds).append(" s (").append(Report.fmt(seconds * 1e6 / Math.max(1, ops[0]), 1))
        .append(" µs each, profiling on), ").append(String.format("%,d", samples))
        .append(" samples of the client thread (`jdk.ExecutionSample` + `jdk.NativeMethodSample`, 1 ms period), ")
        .append(gcs).append(" GC pauses in the process (").append(Report.fmt(gcMs, 1)).append(" ms). Recording: `")
        .append(Options.benchDir().relativize(jfr)).append("` (open with `jfr print` or JDK Mission Control).\n\n");
    b.append("Along the call (samples with the method on the stack; \"own\" = not inside the next row's "
        + "method):\n\n| call | samples | share | own | own share |\n| --- | --- | --- | --- | --- |\n");
    for (int i = 0; i < PATH.size(); i++) {
      int in = count(stacks, PATH.get(i)[0]);
      int own = in - (i + 1 < PATH.size() ? count(stacks, PATH.get(i + 1)[0]) : 0);
      b.append("| ").append(PATH.get(i)[1]).append(" | ").append(in).append(" | ")
          .append(Report.fmt(100.0 * in / Math.max(1, total), 1)).append("% | ").append(own).append(" | ")
          .append(Report.fmt(100.0 * own / Math.max(1, total), 1)).append("% |\n");
    }
    b.append("\nNamed parts (samples with the method on the stack):\n\n| part | samples | share |\n| --- | --- | --- |\n");
    for (String[] part : PARTS) {
      int in = count(stacks, part[0]);
      b.append("| ").append(part[1]).append(" | ").append(in).append(" | ")
          .append(Report.fmt(100.0 * in / Math.max(1, total), 1)).append("% |\n");
    }
    b.append("\nJFR attributes samples to the nearest frame with debug information, so small inlined methods "
        + "(`ArrayList.get`, `Objects.checkIndex`) stand for the code they were inlined into; read the shares, "
        + "not the leaf names. When blocks miss the block cache (when the data exceeds the block cache, " + (io.fsql.storage.online.RocksDbOnlineStore.cacheBytes() >> 20) + " MiB here), "
        + "`RocksDB.get` dominates; `--quick` (20,000 keys, all cached) shows the engine's and the driver's own "
        + "costs more clearly.\n\n");
    b.append("By layer (each sample counted once, in the innermost frame of a known layer; JDK code counts for the "
        + "layer that called it):\n\n");
    b.append(top(layer, total, 20, "layer"));
    b.append("\nTop methods on top of the stack (self time):\n\n");
    b.append(top(self, total, 15, "method"));
    b.append("\nTop methods anywhere on the stack (inclusive time; the bench's and the thread's own frames left "
        + "out):\n\n");
    Map<String, Integer> incl = new HashMap<>(inclusive);
    incl.keySet().removeIf(m -> m.startsWith("io.fsql.bench.") || m.startsWith("java.lang.Thread."));
    b.append(top(incl, total, 25, "method"));
    return b.toString();
  }

  private static String method(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String top(Map<String, Integer> counts, int total, int limit, String what) {
    StringBuilder b = new StringBuilder("| " + what + " | samples | share |\n| --- | --- | --- |\n");
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
        .forEach(e -> b.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" | ")
            .append(Report.fmt(100.0 * e.getValue() / Math.max(1, total), 1)).append("% |\n"));
    return b.toString();
  }

  // ------------------------------------------------------------------ (c) Aerospike

  /** The same measurements on Aerospike: the engine opened with -Dfsql.online, the raw client as baseline. */
  private static String aerospike(Options o, Path work, Path file, long n, String target, int lookups, int lists,
      int warmups, int runs, List<String> wrong, List<Result> out) throws Exception {
    String hostPort = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
    String namespace = target.contains("/") ? target.substring(target.indexOf('/') + 1) : "test";
    String spec = "aerospike://" + hostPort + "/" + namespace;
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    int port = colon < 0 ? 3000 : Integer.parseInt(hostPort.substring(colon + 1));
    Path home = work.resolve("home-aerospike");
    ClientPolicy cp = new ClientPolicy();
    cp.timeout = 3000;
    ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "online-client");
      t.setDaemon(true);
      return t;
    });
    String before = System.getProperty("fsql.online");
    try (AerospikeClient client = new AerospikeClient(cp, new Host(host, port))) {
      System.setProperty("fsql.online", spec);
      Loaded loaded;
      Clients fsql;
      try {
        // The set of a fresh home's group may hold rows of an earlier run: truncated before the load.
        loaded = load(home, file, n, g -> {
          Key any = AerospikeOnlineStore.keyEncoder(namespace, io.fsql.storage.online.OnlineStores.aerospikeScope(home.resolve("online")), g).apply(new Object[] {0L});
          client.truncate(null, namespace, any.setName, null);
          return null;
        });
        fsql = new Clients(home, 8);
      } finally {
        if (before == null) {
          System.clearProperty("fsql.online");
        } else {
          System.setProperty("fsql.online", before);
        }
      }
      try (Clients c = fsql) {
        Function<Object[], Key> keys = AerospikeOnlineStore.keyEncoder(namespace, io.fsql.storage.online.OnlineStores.aerospikeScope(home.resolve("online")), loaded.group);
        Function<Record, Object[]> rows = AerospikeOnlineStore.rowDecoder(loaded.group);
        Policy read = new Policy();
        BatchPolicy batch = BatchPolicy.ReadDefault();
        List<Reader> rawOne = new ArrayList<>();
        List<Reader> rawIn = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          rawOne.add(new Reader() {
            @Override
            public Object read(long[] k) {
              return client.get(read, keys.apply(new Object[] {k[0]}));
            }

            @Override
            public String check(long[] k, Object result, long op) {
              return result == null ? "raw Aerospike get: no record for key " + k[0]
                  : checkRows(k, Collections.singletonList(rows.apply((Record) result)), "raw Aerospike get");
            }
          });
          rawIn.add(new Reader() {
            @Override
            public Object read(long[] k) {
              Key[] ks = new Key[k.length];
              for (int i = 0; i < k.length; i++) {
                ks[i] = keys.apply(new Object[] {k[i]});
              }
              return client.get(batch, ks);
            }

            @Override
            public String check(long[] k, Object result, long op) {
              Record[] rs = (Record[]) result;
              if (Arrays.asList(rs).contains(null)) {
                return "raw Aerospike batch get: a key has no record";
              }
              return checkRows(k, Arrays.stream(rs).map(rows).toList(), "raw Aerospike batch get");
            }
          });
        }
        int index = 10;
        for (int threads : THREADS) {
          out.add(measure(o, new Config("(c) Aerospike, one key", threads, 1, lookups, index++), List.of(
              new Contender("fsql JDBC PreparedStatement (engine on Aerospike)", c.jdbcOne, lookups),
              new Contender("fsql Session.execute (no JDBC, context)", c.sessionOne, lookups),
              new Contender("raw Aerospike client get (baseline)", rawOne, lookups)), warmups, runs, pool, wrong));
        }
        for (int threads : THREADS) {
          out.add(measure(o, new Config("(c) Aerospike, IN-list of " + IN_KEYS + " keys", threads, IN_KEYS, lists,
              index++), List.of(
              new Contender("fsql JDBC PreparedStatement (engine on Aerospike)", c.jdbcIn, lists),
              new Contender("fsql Session.execute (no JDBC, context)", c.sessionIn, lists),
              new Contender("raw Aerospike client batch get (baseline)", rawIn, lists)), warmups, runs, pool, wrong));
        }
      }
      return "Aerospike at `" + spec + "` (from FSQL_TEST_AEROSPIKE): a second fresh home opened with "
          + "`-Dfsql.online=" + spec + "`, the group loaded the same way (its set truncated first), "
          + "`" + loaded.message + "` in " + Report.seconds(loaded.loadNanos) + ". Baseline: the plain Aerospike "
          + "client in the same JVM (`get(new Policy(), key)`, `get(BatchPolicy.ReadDefault(), keys)`, all bins), "
          + "keys from `AerospikeOnlineStore.keyEncoder`; every raw answer decoded and compared.";
    } finally {
      pool.shutdownNow();
    }
  }
}
