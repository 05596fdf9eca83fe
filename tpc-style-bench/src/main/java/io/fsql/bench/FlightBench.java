package io.fsql.bench;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import io.fsql.storage.EmbeddedEngines;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * flight ("Arrow Flight SQL server", performance): fsql's Flight SQL server on 127.0.0.1 (a free
 * port, started in this JVM over the bench's engine), two measurements, each alternated with its
 * baselines:
 *
 * <ul>
 *   <li>(1) bulk read of a training dataset of N rows x 10 columns ({@code SELECT * FROM td}):
 *       Arrow's {@code FlightSqlClient} ({@code execute}, then {@code getStream} of every endpoint,
 *       every batch read, rows counted and {@code id} summed) vs the floor, a raw Flight {@code doGet}
 *       of the same Arrow batches from a minimal in-process {@code FlightProducer} serving them
 *       precomputed; and fsql's remote JDBC row by row ({@code jdbc:fsql://}, {@code rs.next()} and
 *       every {@code getXxx}).
 *   <li>(2) a prepared single-key query ({@code SELECT * FROM LATEST g WHERE id = ?} on an ONLINE
 *       group) through {@code jdbc:fsql://} and through Arrow's Flight SQL JDBC driver vs a plain TCP
 *       ping-pong (16-byte request, 128-byte reply) between two sockets on 127.0.0.1.
 * </ul>
 *
 * Then a JFR profile of one fsql bulk read (all threads of the process) shows where its time goes.
 */
final class FlightBench {
  private FlightBench() {}

  private static final String BENCH = "flight";
  private static final String TD = "td";
  private static final String GROUP = "g";
  private static final String READ = "SELECT * FROM " + TD;
  private static final String ONE = "SELECT * FROM LATEST " + GROUP + " WHERE id = ?";
  private static final long SEED = 20_261_129L;
  private static final int REQUEST = 16;
  private static final int REPLY = 128;
  /** Every Flight call of the bench is bounded: a stream that stalls fails the run instead of hanging it. */
  private static final CallOption BOUND = CallOptions.timeout(5, java.util.concurrent.TimeUnit.MINUTES);

  /** The result of one bulk read: rows, the sum of id, the NULLs of f6. */
  record Bulk(long rows, long idSum, long f6Nulls) {}

  static List<Goal> run(Options o) throws Exception {
    long start = System.nanoTime();
    long n = o.rowsSet ? o.rows : o.quick ? 200_000 : 10_000_000;
    int runs = o.runs(5);
    int warmups = o.warmups(2);
    int keys = 10_000;
    int lookups = o.lookups != null ? o.lookups : 500;
    Path work = Options.dataDir().resolve(BENCH);
    Fsql.deleteTree(work);
    Files.createDirectories(work);
    Path file = OnlineData.parquet(n);
    Path keyFile = OnlineData.parquet(keys);
    Report report = new Report(o, "flight: fsql's Arrow Flight SQL server vs raw Flight and TCP on 127.0.0.1");
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    Bulk expected = expected(n);

    Path home = work.resolve("home");
    FsqlEngine engine = EmbeddedEngines.acquire(home);
    String tdMessage;
    long tdNanos;
    String loadMessage;
    try (Session s = engine.openSession()) {
      long t0 = System.nanoTime();
      tdMessage = s.execute("CREATE TRAINING DATASET " + TD + " AS SELECT * FROM read_parquet('" + file + "')")
          .message();
      tdNanos = System.nanoTime() - t0;
      Log.info(BENCH, tdMessage + " in " + Report.seconds(tdNanos));
      s.execute("CREATE FEATURE GROUP " + GROUP + " (" + OnlineData.COLUMNS + ") PRIMARY KEY (id) EVENT TIME ts ONLINE");
      loadMessage = s.execute("INSERT INTO " + GROUP + " SELECT * FROM read_parquet('" + keyFile + "')").message();
      IngestBench.check(loadMessage.endsWith(": " + keys + " inserted, 0 updated"), "load said: " + loadMessage);
      Log.info(BENCH, loadMessage);
    }
    List<Path> tdFiles;
    try (var walk = Files.walk(home.resolve("datasets"))) {
      tdFiles = walk.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
    long tdBytes = 0;
    long copyBytes = 0;
    int copies = 0;
    for (Path p : tdFiles) {
      tdBytes += Files.size(p);
      Path copy = p.resolveSibling("." + p.getFileName() + ".arrow");
      if (Files.isRegularFile(copy)) {
        copies++;
        copyBytes += Files.size(copy);
      }
    }

    Series flight = new Series("fsql Flight SQL: FlightSqlClient execute + getStream of every endpoint", n);
    Series parallel = new Series("fsql Flight SQL: FlightSqlClient execute + getStream of the endpoints in parallel"
        + " (one thread each)", n);
    Series rowPath = new Series("fsql Flight SQL with `SET bulk_reads = off` (rows through the engine, one endpoint)", n);
    Series raw = new Series("raw Flight doGet of the same batches, in-process FlightProducer (baseline)", n);
    Series jdbcRows = new Series("fsql remote JDBC `jdbc:fsql://`, row by row, every getXxx", n);
    Series jdbcOne = new Series("fsql `jdbc:fsql://` PreparedStatement", lookups);
    Series arrowOne = new Series("Arrow Flight SQL JDBC driver PreparedStatement", lookups);
    Series ping = new Series("TCP ping-pong, 16 B request / 128 B reply (baseline)", lookups);
    Map<Series, List<long[]>> latencies = new HashMap<>();
    for (Series s : List.of(jdbcOne, arrowOne, ping)) {
      latencies.put(s, new ArrayList<>());
    }
    String profile;
    int endpoints;
    int batches;
    long batchBytes;
    Schema schema;
    FlightSqlServer server = FlightSqlServer.start(engine, ServerOptions.defaults().bind("127.0.0.1").port(0));
    try (BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      int port = server.port();
      Log.info(BENCH, "fsql Flight SQL server on 127.0.0.1:" + port);
      Location fsqlAt = Location.forGrpcInsecure("127.0.0.1", port);
      List<VectorSchemaRoot> precomputed = new ArrayList<>();
      try (FlightClient client = FlightClient.builder(allocator, fsqlAt).build();
          FlightSqlClient sql = new FlightSqlClient(client);
          // Cookies keep one server session, so that SET bulk_reads = off holds for this client.
          FlightSqlClient engineRows = new FlightSqlClient(FlightClient.builder(allocator, fsqlAt)
              .intercept(new org.apache.arrow.flight.client.ClientCookieMiddleware.Factory()).build())) {
        engineRows.executeUpdate("SET bulk_reads = off", BOUND);
        // ---- the baseline's batches: the batches fsql sends, kept (ownership transferred) once
        FlightInfo info = sql.execute(READ);
        endpoints = info.getEndpoints().size();
        schema = info.getSchemaOptional().orElse(null);
        long bytes = 0;
        for (FlightEndpoint ep : info.getEndpoints()) {
          try (FlightStream stream = sql.getStream(ep.getTicket())) {
            while (stream.next()) {
              VectorSchemaRoot root = stream.getRoot();
              schema = root.getSchema();
              List<FieldVector> kept = new ArrayList<>();
              for (FieldVector v : root.getFieldVectors()) {
                TransferPair tp = v.getTransferPair(allocator);
                tp.transfer();
                kept.add((FieldVector) tp.getTo());
              }
              VectorSchemaRoot copy = new VectorSchemaRoot(root.getSchema().getFields(), kept, root.getRowCount());
              bytes += kept.stream().mapToLong(FieldVector::getBufferSize).sum();
              precomputed.add(copy);
            }
          }
        }
        batches = precomputed.size();
        batchBytes = bytes;
        Bulk got = sum(precomputed);
        check(got, expected, "the batches kept for the baseline", wrong);
        Log.info(BENCH, batches + " batches over " + endpoints + " endpoint(s), " + Report.bytes(bytes)
            + " of Arrow buffers kept for the baseline");

        Producer producer = new Producer(precomputed, schema, allocator);
        try (FlightServer floor = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), producer)
            .build().start();
            FlightClient floorClient = FlightClient.builder(allocator,
                Location.forGrpcInsecure("127.0.0.1", floor.getPort())).build();
            Connection fsqlJdbc = DriverManager.getConnection("jdbc:fsql://127.0.0.1:" + port)) {
          // ---- (1) bulk read
          Alternation.rounds(BENCH, warmups, runs, List.of(
              new Alternation.Contender(flight, r -> {
                Bulk[] b = new Bulk[1];
                long ns = Alternation.time(() -> b[0] = readFlightSql(sql));
                check(b[0], expected, "Flight SQL read, round " + r, wrong);
                return ns;
              }),
              new Alternation.Contender(parallel, r -> {
                Bulk[] b = new Bulk[1];
                long ns = Alternation.time(() -> b[0] = readFlightSqlParallel(sql));
                check(b[0], expected, "Flight SQL parallel read, round " + r, wrong);
                return ns;
              }),
              new Alternation.Contender(rowPath, r -> {
                Bulk[] b = new Bulk[1];
                long ns = Alternation.time(() -> b[0] = readFlightSql(engineRows));
                check(b[0], expected, "Flight SQL read with bulk_reads off, round " + r, wrong);
                return ns;
              }),
              new Alternation.Contender(raw, r -> {
                Bulk[] b = new Bulk[1];
                long ns = Alternation.time(() -> b[0] = readStream(floorClient.getStream(new Ticket(new byte[] {1}), BOUND)));
                check(b[0], expected, "raw doGet, round " + r, wrong);
                return ns;
              }),
              new Alternation.Contender(jdbcRows, r -> {
                Bulk[] b = new Bulk[1];
                long ns = Alternation.time(() -> b[0] = readJdbc(fsqlJdbc));
                check(b[0], expected, "JDBC row by row, round " + r, wrong);
                return ns;
              })));
          profile = profile(work, sql, expected, wrong);
        } finally {
          precomputed.forEach(VectorSchemaRoot::close);
        }
      }

      // ---- (2) a prepared single-key query vs TCP ping-pong
      try (Connection fsqlJdbc = DriverManager.getConnection("jdbc:fsql://127.0.0.1:" + port);
          Connection arrowJdbc = DriverManager.getConnection(
              "jdbc:arrow-flight-sql://127.0.0.1:" + port + "?useEncryption=false");
          PreparedStatement fsqlPs = fsqlJdbc.prepareStatement(ONE);
          PreparedStatement arrowPs = arrowJdbc.prepareStatement(ONE);
          PingPong pp = new PingPong()) {
        Alternation.rounds(BENCH, warmups, runs, List.of(
            new Alternation.Contender(jdbcOne, r -> lookups(fsqlPs, keys, lookups, r, jdbcOne, latencies, warmups, wrong)),
            new Alternation.Contender(arrowOne, r -> lookups(arrowPs, keys, lookups, r, arrowOne, latencies, warmups,
                wrong)),
            new Alternation.Contender(ping, r -> pp.run(keys, lookups, r, ping, latencies, warmups, wrong))),
            Report.Scale.MILLIS);
      }
    } finally {
      server.close();
      EmbeddedEngines.release(home);
    }

    // ------------------------------------------------------------- report
    boolean valid = wrong.isEmpty();
    report.param("result check", valid ? "VALID: every bulk read of every run (warm-ups and the profile included) "
            + "returned " + String.format("%,d", n) + " rows, SUM(id) = " + expected.idSum() + " and "
            + String.format("%,d", expected.f6Nulls()) + " NULLs in f6; every lookup returned its one row, id, "
            + "f0..f6 and segment equal to the generator, ts present; every ping-pong reply echoed its request"
            : "**INVALID: wrong results, see Correctness**")
        .param("rows", String.format("%,d", n) + " x " + OnlineData.WIDTH + " columns: " + OnlineData.COLUMNS
            + (o.rowsSet ? "" : o.quick ? " (the --quick size)" : " (the default size)"))
        .param("training dataset", "`CREATE TRAINING DATASET " + TD + " AS SELECT * FROM read_parquet('<file>')` "
            + "from `" + Options.benchDir().relativize(file) + "` (DuckDB): " + tdFiles.size() + " Parquet file(s), "
            + Report.bytes(tdBytes) + " and " + copies + " Arrow IPC copies of them (served by the bulk read), "
            + Report.bytes(copyBytes) + ", written in " + Report.seconds(tdNanos) + " (`" + tdMessage + "`)")
        .param("Flight result", endpoints + " endpoint(s), " + String.format("%,d", batches) + " record batches, "
            + Report.bytes(batchBytes) + " of Arrow buffers (the raw baseline serves these very batches)")
        .param("online group", "`CREATE FEATURE GROUP " + GROUP + " (" + OnlineData.COLUMNS + ") PRIMARY KEY (id) "
            + "EVENT TIME ts ONLINE`, " + String.format("%,d", keys) + " keys (`" + loadMessage + "`); query `" + ONE
            + "`, uniform random keys from a SplittableRandom seeded per round (all contenders of a round use the "
            + "same keys)")
        .param("server", "`FlightSqlServer.start(engine, ServerOptions.defaults().bind(\"127.0.0.1\").port(0))` in "
            + "this JVM (no TLS, no users); clients in this JVM over 127.0.0.1")
        .param("runs", warmups + " warm-up + " + runs + " measured rounds per measurement, contenders in rotating "
            + "order; (2): " + String.format("%,d", lookups) + " calls per run, one thread");

    report.section("(1) Bulk read of `" + TD + "` (" + String.format("%,d", n) + " rows)");
    report.timings(List.of(Report.Line.of(raw.name, raw, null), Report.Line.of(flight.name, flight, raw),
        Report.Line.of(parallel.name, parallel, raw), Report.Line.of(rowPath.name, rowPath, raw),
        Report.Line.of(jdbcRows.name, jdbcRows, raw)), Report.Scale.SECONDS, "rows/s", "time / raw doGet");
    double fr = flight.throughput();
    report.table(List.of("goal", "measured", "met"), List.of(
        List.of("fsql Flight >= 5M rows/s", Report.grouped(fr) + " rows/s", fr >= 5e6 ? "yes" : "**no**"),
        List.of("fsql Flight >= half the raw doGet", Report.fmt(fr / raw.throughput(), 2) + " of raw ("
            + Report.grouped(raw.throughput()) + " rows/s)", fr >= raw.throughput() / 2 ? "yes" : "**no**"),
        List.of("fsql Flight >= 10x JDBC row by row", Report.fmt(fr / jdbcRows.throughput(), 2) + "x ("
            + Report.grouped(jdbcRows.throughput()) + " rows/s)", fr >= 10 * jdbcRows.throughput() ? "yes" : "**no**")));

    report.section("(2) Prepared single-key query vs TCP ping-pong (one thread)");
    report.timings(List.of(Report.Line.of(ping.name, ping, null), Report.Line.of(jdbcOne.name, jdbcOne, ping),
        Report.Line.of(arrowOne.name, arrowOne, ping)), Report.Scale.MILLIS, "calls/s", "time / ping-pong");
    List<List<String>> lat = new ArrayList<>();
    for (Series s : List.of(ping, jdbcOne, arrowOne)) {
      long[] all = latencies.get(s).stream().flatMapToLong(Arrays::stream).toArray();
      Arrays.sort(all);
      lat.add(List.of(s.name, String.format("%,d", all.length), us(pct(all, 0.5)), us(pct(all, 0.99)),
          us(pct(all, 0.999)), us(all.length == 0 ? Double.NaN : all[all.length - 1]),
          Report.grouped(s.throughput()),
          s == ping ? "baseline" : Report.fmt(pct(all, 0.5) / pct(flat(latencies.get(ping)), 0.5), 1) + "x"));
    }
    report.text("Latency of one call (measured runs; a call is bind, execute, read every column of the row; "
        + "for the ping-pong, write 16 bytes and read the 128-byte reply):");
    report.table(List.of("contender", "calls", "p50 (µs)", "p99 (µs)", "p99.9 (µs)", "max (µs)", "calls/s at the "
        + "median run", "p50 / ping-pong p50"), lat);

    report.section("Where the time goes (fsql bulk read)");
    report.text(profile);
    if (!valid) {
      report.section("Correctness");
      report.text(String.join("\n", wrong.stream().map(w -> "- " + w).toList()));
    }
    report.text("Total wall time: " + Report.elapsed(start) + ".");
    Path out = report.finish();
    Log.info(BENCH, "report written to " + out);
    if (!valid) {
      throw new IllegalStateException("wrong results: " + wrong.get(0));
    }
    return Goals.flight(flight, raw, jdbcRows);
  }

  // ------------------------------------------------------------------ (1) bulk reads

  /** What SELECT * FROM td must return: rows, SUM(id), NULLs of f6 (i % 10 = 7). */
  static Bulk expected(long n) {
    long nulls = n / 10 + (n % 10 > 7 ? 1 : 0);
    return new Bulk(n, n * (n - 1) / 2, nulls);
  }

  private static void check(Bulk got, Bulk want, String what, List<String> wrong) {
    if (!got.equals(want)) {
      wrong.add(what + ": got " + got + ", expected " + want);
      Log.info(BENCH, "WRONG: " + what + ": got " + got + ", expected " + want);
    }
  }

  static Bulk readFlightSql(FlightSqlClient sql) throws Exception {
    FlightInfo info = sql.execute(READ, BOUND);
    long rows = 0;
    long ids = 0;
    long nulls = 0;
    for (FlightEndpoint ep : info.getEndpoints()) {
      Bulk b = readStream(sql.getStream(ep.getTicket(), BOUND));
      rows += b.rows();
      ids += b.idSum();
      nulls += b.f6Nulls();
    }
    return new Bulk(rows, ids, nulls);
  }

  /** Like {@link #readFlightSql}, each endpoint read by a thread of its own, all at once. */
  static Bulk readFlightSqlParallel(FlightSqlClient sql) throws Exception {
    FlightInfo info = sql.execute(READ, BOUND);
    List<FlightEndpoint> eps = info.getEndpoints();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, eps.size()));
    try {
      List<java.util.concurrent.Future<Bulk>> parts = new ArrayList<>();
      for (FlightEndpoint ep : eps) {
        parts.add(pool.submit(() -> readStream(sql.getStream(ep.getTicket(), BOUND))));
      }
      long rows = 0;
      long ids = 0;
      long nulls = 0;
      for (java.util.concurrent.Future<Bulk> f : parts) {
        Bulk b = f.get();
        rows += b.rows();
        ids += b.idSum();
        nulls += b.f6Nulls();
      }
      return new Bulk(rows, ids, nulls);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads every batch of a stream: counts rows, sums id, counts the NULLs of f6. */
  static Bulk readStream(FlightStream stream) throws Exception {
    long rows = 0;
    long ids = 0;
    long nulls = 0;
    try (stream) {
      while (stream.next()) {
        VectorSchemaRoot root = stream.getRoot();
        int count = root.getRowCount();
        BigIntVector id = (BigIntVector) root.getVector("id");
        for (int i = 0; i < count; i++) {
          ids += id.get(i);
        }
        nulls += root.getVector("f6").getNullCount();
        rows += count;
      }
    }
    return new Bulk(rows, ids, nulls);
  }

  private static Bulk sum(List<VectorSchemaRoot> roots) {
    long rows = 0;
    long ids = 0;
    long nulls = 0;
    for (VectorSchemaRoot root : roots) {
      BigIntVector id = (BigIntVector) root.getVector("id");
      for (int i = 0; i < root.getRowCount(); i++) {
        ids += id.get(i);
      }
      nulls += root.getVector("f6").getNullCount();
      rows += root.getRowCount();
    }
    return new Bulk(rows, ids, nulls);
  }

  static Bulk readJdbc(Connection c) throws Exception {
    long rows = 0;
    long ids = 0;
    long nulls = 0;
    long sink = 0;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(READ)) {
      while (rs.next()) {
        ids += rs.getLong(1);
        for (int col = 2; col <= 8; col++) {
          double d = rs.getDouble(col);
          if (rs.wasNull()) {
            if (col == 8) {
              nulls++;
            }
          } else {
            sink += (long) d;
          }
        }
        String seg = rs.getString(9);
        Timestamp ts = rs.getTimestamp(10);
        sink += seg.length() + (ts == null ? 0 : 1);
        rows++;
      }
    }
    if (sink == 42) {
      Log.info(BENCH, "");
    }
    return new Bulk(rows, ids, nulls);
  }

  /** The floor: serves the precomputed batches on every doGet, waiting while the client is not ready. */
  static final class Producer extends NoOpFlightProducer {
    private final List<VectorSchemaRoot> batches;
    private final Schema schema;
    private final BufferAllocator allocator;

    Producer(List<VectorSchemaRoot> batches, Schema schema, BufferAllocator allocator) {
      this.batches = batches;
      this.schema = schema;
      this.allocator = allocator;
    }

    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
      try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
        listener.start(root);
        VectorLoader loader = new VectorLoader(root);
        for (VectorSchemaRoot b : batches) {
          try (ArrowRecordBatch rb = new VectorUnloader(b).getRecordBatch()) {
            loader.load(rb);
          }
          // Polls isReady: a CallbackBackpressureStrategy waits for an onReady callback that gRPC delivers on
          // this call's executor, the one running getStream, so it arrives only after the wait timed out.
          long deadline = System.nanoTime() + 600_000_000_000L;
          while (!listener.isReady()) {
            if (listener.isCancelled() || System.nanoTime() > deadline) {
              listener.error(new IllegalStateException("the client stopped reading"));
              return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
          }
          listener.putNext();
        }
        listener.completed();
      }
    }
  }

  // ------------------------------------------------------------------ (2) single-key calls

  private static long[] roundKeys(int keys, int lookups, int round) {
    SplittableRandom random = new SplittableRandom(SEED + round);
    long[] k = new long[lookups];
    for (int i = 0; i < lookups; i++) {
      k[i] = random.nextLong(keys);
    }
    return k;
  }

  private static long lookups(PreparedStatement ps, int keys, int lookups, int round, Series s,
      Map<Series, List<long[]>> latencies, int warmups, List<String> wrong) throws Exception {
    long[] k = roundKeys(keys, lookups, round);
    long[] lat = new long[lookups];
    long t0 = System.nanoTime();
    for (int i = 0; i < lookups; i++) {
      long c0 = System.nanoTime();
      ps.setLong(1, k[i]);
      int found = 0;
      String problem = null;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found++;
          Object[] want = OnlineData.expected(k[i]);
          if (rs.getLong(1) != k[i]) {
            problem = "id " + rs.getLong(1);
          }
          for (int c = 2; c <= 8; c++) {
            double d = rs.getDouble(c);
            Object v = rs.wasNull() ? null : d;
            if (!java.util.Objects.equals(v, want[c - 1])) {
              problem = "column " + c + " = " + v + ", expected " + want[c - 1];
            }
          }
          if (!want[8].equals(rs.getString(9))) {
            problem = "segment " + rs.getString(9);
          }
          if (rs.getTimestamp(10) == null) {
            problem = "ts NULL";
          }
        }
      }
      lat[i] = System.nanoTime() - c0;
      if (found != 1) {
        problem = found + " rows";
      }
      if (problem != null && wrong.size() < 20) {
        wrong.add(s.name + ", key " + k[i] + ": " + problem);
      }
    }
    long ns = System.nanoTime() - t0;
    if (round >= warmups) {
      latencies.get(s).add(lat);
    }
    return ns;
  }

  /** Two sockets on 127.0.0.1, the server side an echo thread: the floor of any remote call. */
  static final class PingPong implements AutoCloseable {
    private final ServerSocket listen;
    private final Socket client;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Thread echo;

    PingPong() throws Exception {
      listen = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
      echo = new Thread(() -> {
        try (Socket s = listen.accept()) {
          s.setTcpNoDelay(true);
          DataInputStream r = new DataInputStream(new BufferedInputStream(s.getInputStream()));
          DataOutputStream w = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
          byte[] req = new byte[REQUEST];
          byte[] reply = new byte[REPLY];
          while (true) {
            r.readFully(req);
            System.arraycopy(req, 0, reply, 0, REQUEST);
            w.write(reply);
            w.flush();
          }
        } catch (Exception e) {
          // closed
        }
      }, "flight-ping-pong-server");
      echo.setDaemon(true);
      echo.start();
      client = new Socket(InetAddress.getByName("127.0.0.1"), listen.getLocalPort());
      client.setTcpNoDelay(true);
      out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream()));
      in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
    }

    long run(int keys, int lookups, int round, Series s, Map<Series, List<long[]>> latencies, int warmups,
        List<String> wrong) throws Exception {
      long[] k = roundKeys(keys, lookups, round);
      long[] lat = new long[lookups];
      byte[] reply = new byte[REPLY];
      long t0 = System.nanoTime();
      for (int i = 0; i < lookups; i++) {
        long c0 = System.nanoTime();
        out.writeLong(k[i]);
        out.writeLong(~k[i]);
        out.flush();
        in.readFully(reply);
        lat[i] = System.nanoTime() - c0;
        long echoed = java.nio.ByteBuffer.wrap(reply).getLong();
        if (echoed != k[i] && wrong.size() < 20) {
          wrong.add("ping-pong: reply " + echoed + " to " + k[i]);
        }
      }
      long ns = System.nanoTime() - t0;
      if (round >= warmups) {
        latencies.get(s).add(lat);
      }
      return ns;
    }

    @Override
    public void close() throws Exception {
      client.close();
      listen.close();
      echo.join(5_000);
    }
  }

  private static long[] flat(List<long[]> runs) {
    long[] a = runs.stream().flatMapToLong(Arrays::stream).toArray();
    Arrays.sort(a);
    return a;
  }

  private static double pct(long[] sorted, double p) {
    return OnlineBench.Contender.percentile(sorted, p);
  }

  private static String us(double nanos) {
    return Report.fmt(nanos / 1e3, 1);
  }

  // ------------------------------------------------------------------ profile

  /** JFR samples of every thread during one fsql bulk read through FlightSqlClient. */
  private static String profile(Path work, FlightSqlClient sql, Bulk expected, List<String> wrong) throws Exception {
    Log.info(BENCH, "profiling one fsql bulk read with JFR");
    Path jfr = work.resolve("flight-profile.jfr");
    long ns;
    try (Recording rec = new Recording()) {
      rec.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
      rec.enable("jdk.GarbageCollection");
      rec.setToDisk(true);
      rec.start();
      Bulk[] b = new Bulk[1];
      ns = Alternation.time(() -> b[0] = readFlightSql(sql));
      rec.stop();
      rec.dump(jfr);
      check(b[0], expected, "profiled Flight SQL read", wrong);
    }
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
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
      if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      var t = e.getThread("sampledThread");
      String name = t == null ? "?" : t.getJavaName().replaceAll("[-#]?\\d+", "-N");
      threads.merge(name, 1, Integer::sum);
      self.merge(method(frames.get(0)), 1, Integer::sum);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (RecordedFrame f : frames) {
        String m = method(f);
        if (seen.add(m)) {
          inclusive.merge(m, 1, Integer::sum);
        }
      }
    }
    inclusive.keySet().removeIf(m -> m.startsWith("java.lang.Thread.") || m.startsWith("java.util.concurrent."));
    StringBuilder b = new StringBuilder();
    b.append("JFR (`jdk.ExecutionSample` every 2 ms, all threads of the process: the server's, Spark's and the "
            + "client's) during one fsql bulk read of ").append(Report.seconds(ns)).append(": ")
        .append(String.format("%,d", samples)).append(" samples, ").append(gcs).append(" GC pauses (")
        .append(Report.fmt(gcMs, 1)).append(" ms). Recording: `").append(Options.benchDir().relativize(jfr))
        .append("`. Running threads only (a thread waiting on a lock or I/O is not sampled), so the shares are "
            + "of CPU, not of wall time.\n\n");
    b.append("By thread (numbers folded to N):\n\n").append(top(threads, samples, 12, "thread"));
    b.append("\nTop methods on top of the stack (self):\n\n").append(top(self, samples, 20, "method"));
    b.append("\nTop methods anywhere on the stack (inclusive):\n\n").append(top(inclusive, samples, 30, "method"));
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
}
