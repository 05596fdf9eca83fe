package io.fsql.tests.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import io.fsql.tests.Rows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.adbc.core.AdbcConnection;
import org.apache.arrow.adbc.core.AdbcDatabase;
import org.apache.arrow.adbc.core.AdbcDriver;
import org.apache.arrow.adbc.core.AdbcStatement;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlDriver;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.client.ClientCookieMiddleware;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk path for training datasets: a plain read of a Parquet dataset comes straight from its
 * files, one endpoint per file, with exactly the rows and schema the engine gives for the same query
 * (all_types type, NULLs, SPLIT, projections); Arrow's FlightSqlClient reads the endpoints in
 * parallel, Arrow's JDBC driver and ADBC read them as one result; a dataset recreated or dropped
 * between planning and reading is a clear error.
 */
class FlightDatasetFilesTest {
  static final int ROWS = 120;
  @TempDir
  static Path tmp;
  static FlightSqlServer server;
  static BufferAllocator allocator;
  static FlightSqlClient client;

  @BeforeAll
  static void start() throws Exception {
    server = FlightSqlServer.start(tmp.resolve("home"), ServerOptions.defaults().port(0));
    allocator = new RootAllocator();
    // Cookies keep one server session, so that SET applies to the following calls.
    client = new FlightSqlClient(FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", server.port()))
        .intercept(new ClientCookieMiddleware.Factory()).build());
    client.executeUpdate("CREATE FEATURE GROUP all_types (id BIGINT NOT NULL, i INT, r REAL, d DOUBLE,"
        + " m DECIMAL(12,3), b BOOLEAN, s VARCHAR, day DATE, ts TIMESTAMP NOT NULL, t2 TIMESTAMP)"
        + " PRIMARY KEY (id) EVENT TIME ts");
    StringBuilder insert = new StringBuilder("INSERT INTO all_types VALUES ");
    for (int k = 0; k < ROWS; k++) {
      boolean nulls = k % 7 == 3;
      insert.append(k == 0 ? "" : ", ").append('(').append(k).append(", ")
          .append(nulls ? "NULL" : Integer.toString(k * 3 - 100)).append(", ")
          .append(nulls ? "NULL" : (k * 0.25f) + "").append(", ")
          .append(nulls ? "NULL" : (k / 3.0) + "").append(", ")
          .append(nulls ? "NULL" : k + "." + String.format("%03d", k % 1000)).append(", ")
          .append(nulls ? "NULL" : (k % 2 == 0 ? "TRUE" : "FALSE")).append(", ")
          .append(nulls ? "NULL" : "'s-" + k + (k % 5 == 0 ? " x,y" : "") + "'").append(", ")
          .append(nulls ? "NULL" : "DATE '2026-0" + (1 + k % 9) + "-1" + (k % 10) + "'").append(", ")
          .append("TIMESTAMP '2026-03-01 10:00:00." + String.format("%06d", k * 1001 % 1_000_000) + "'").append(", ")
          .append(nulls ? "NULL" : k % 11 == 0 ? "TIMESTAMP '9999-12-31 23:59:59.999999'"
              : k % 13 == 0 ? "TIMESTAMP '1600-01-01 00:00:00.000001'" : "TIMESTAMP '2026-01-01 00:00:01'")
          .append(')');
    }
    client.executeUpdate(insert.toString());
    // A UNION ALL writes each split from two partitions: two files per split.
    client.executeUpdate("CREATE TRAINING DATASET td AS SELECT * FROM all_types WHERE id < 60"
        + " UNION ALL SELECT * FROM all_types WHERE id >= 60 SPLIT RANDOM (train 0.7, test 0.3) SEED 5");
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    allocator.close();
  }

  static boolean fileTicket(FlightEndpoint e) {
    return new String(e.getTicket().getBytes(), StandardCharsets.ISO_8859_1).contains("fsql-dataset-file/");
  }

  /** One endpoint's rows; checks that its stream has the schema the FlightInfo announced. */
  static List<List<Object>> read(Ticket ticket, Schema expected) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (FlightStream stream = client.getStream(ticket)) {
      assertThat(stream.getSchema()).isEqualTo(expected);
      while (stream.next()) {
        VectorSchemaRoot root = stream.getRoot();
        for (int r = 0; r < root.getRowCount(); r++) {
          List<Object> row = new ArrayList<>();
          for (FieldVector v : root.getFieldVectors()) {
            Object o = v.getObject(r);
            row.add(o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** Every endpoint of {@code info}, read in parallel, rows sorted by their first column. */
  static List<List<Object>> readAll(FlightInfo info) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, info.getEndpoints().size()));
    try {
      List<Future<List<List<Object>>>> parts = new ArrayList<>();
      for (FlightEndpoint e : info.getEndpoints()) {
        parts.add(pool.submit(() -> read(e.getTicket(), info.getSchema())));
      }
      List<List<Object>> rows = new ArrayList<>();
      for (Future<List<List<Object>>> f : parts) {
        rows.addAll(f.get(60, TimeUnit.SECONDS));
      }
      rows.sort(Comparator.comparing(String::valueOf));
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void filesGiveTheRowsAndSchemaOfTheEngine() throws Exception {
    Map<String, Integer> files = new HashMap<>();
    for (String q : List.of("SELECT * FROM td", "SELECT * FROM td SPLIT train", "SELECT * FROM td SPLIT test",
        "SELECT s, id AS key, t2, m, day FROM td SPLIT train", "SELECT id, d FROM td VERSION 1")) {
      FlightInfo bulk = client.execute(q);
      assertThat(bulk.getEndpoints()).as(q).allMatch(FlightDatasetFilesTest::fileTicket);
      files.put(q, bulk.getEndpoints().size());
      List<List<Object>> fromFiles = readAll(bulk);

      client.executeUpdate("SET bulk_reads = off");
      FlightInfo engine = client.execute(q);
      client.executeUpdate("SET bulk_reads = auto");
      assertThat(engine.getEndpoints()).hasSize(1).noneMatch(FlightDatasetFilesTest::fileTicket);
      assertThat(bulk.getSchema()).as(q).isEqualTo(engine.getSchema());
      List<List<Object>> fromEngine = readAll(engine);
      assertThat(fromFiles).as(q).isEqualTo(fromEngine);
      assertThat(bulk.getRecords()).as(q).isEqualTo(fromEngine.size());
    }
    assertThat(files.get("SELECT * FROM td SPLIT train")).isGreaterThanOrEqualTo(2);
    assertThat(files.get("SELECT * FROM td")).isEqualTo(
        files.get("SELECT * FROM td SPLIT train") + files.get("SELECT * FROM td SPLIT test"));
    assertThat(readAll(client.execute("SELECT * FROM td"))).hasSize(ROWS);
    // Values the row path gives too, checked once by hand: NULLs, micros, far dates.
    List<List<Object>> some = readAll(client.execute("SELECT id, t2, ts, m FROM td"));
    assertThat(some.stream().filter(r -> r.get(0).equals(3L)).findFirst().orElseThrow())
        .containsExactly(3L, null, java.time.LocalDateTime.of(2026, 3, 1, 10, 0, 0, 3_003_000), null);
    assertThat(some.stream().filter(r -> r.get(0).equals(11L)).findFirst().orElseThrow().get(1))
        .isEqualTo(java.time.LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
    assertThat(some.stream().filter(r -> r.get(0).equals(13L)).findFirst().orElseThrow().get(1))
        .isEqualTo(java.time.LocalDateTime.of(1600, 1, 1, 0, 0, 0, 1_000));
  }

  @Test
  void otherQueriesRunThroughTheEngine() throws Exception {
    for (String q : List.of("SELECT * FROM td LIMIT 5", "SELECT id + 1 FROM td", "SELECT * FROM td WHERE id > 3",
        "SELECT DISTINCT b FROM td", "SELECT * FROM td ORDER BY id", "SELECT id, id FROM td",
        "SELECT * FROM all_types", "SELECT COUNT(*) FROM td")) {
      FlightInfo info = client.execute(q);
      assertThat(info.getEndpoints()).as(q).hasSize(1).noneMatch(FlightDatasetFilesTest::fileTicket);
      readAll(info);
    }
    client.executeUpdate("CREATE TRAINING DATASET td_csv AS SELECT id, s FROM all_types FORMAT CSV");
    FlightInfo csv = client.execute("SELECT * FROM td_csv");
    assertThat(csv.getEndpoints()).hasSize(1).noneMatch(FlightDatasetFilesTest::fileTicket);
    assertThat(readAll(csv)).hasSize(ROWS);
  }

  @Test
  void arrowJdbcDriverAndAdbcReadEveryFile() throws Exception {
    List<List<Object>> expected;
    List<List<Object>> actual;
    try (Connection c = DriverManager.getConnection(server.flightJdbcUrl()); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT id, s, m, ts, t2 FROM td")) {
        actual = sorted(Rows.of(rs));
      }
      try (ResultSet rs = st.executeQuery("SELECT id, s, m, ts, t2 FROM td WHERE id > -1")) {
        expected = sorted(Rows.of(rs));
      }
    }
    assertThat(actual).hasSize(ROWS).isEqualTo(expected);

    Map<String, Object> params = new HashMap<>();
    AdbcDriver.PARAM_URI.set(params, "grpc+tcp://127.0.0.1:" + server.port());
    try (AdbcDatabase db = new FlightSqlDriver(allocator).open(params); AdbcConnection c = db.connect()) {
      assertThat(sorted(adbc(c, "SELECT * FROM td SPLIT train")))
          .isEqualTo(sorted(adbc(c, "SELECT * FROM td SPLIT train WHERE id > -1")));
      assertThat(adbc(c, "SELECT id FROM td")).hasSize(ROWS);
    }
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(r -> ((Number) r.get(0)).longValue()));
    return copy;
  }

  static List<List<Object>> adbc(AdbcConnection c, String sql) throws Exception {
    try (AdbcStatement st = c.createStatement()) {
      st.setSqlQuery(sql);
      try (AdbcStatement.QueryResult r = st.executeQuery()) {
        ArrowReader reader = r.getReader();
        List<List<Object>> rows = new ArrayList<>();
        while (reader.loadNextBatch()) {
          VectorSchemaRoot root = reader.getVectorSchemaRoot();
          for (int i = 0; i < root.getRowCount(); i++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : root.getFieldVectors()) {
              Object o = v.getObject(i);
              row.add(o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o);
            }
            rows.add(row);
          }
        }
        return rows;
      }
    }
  }

  @Test
  void recreatedOrDroppedBetweenPlanAndReadIsAnError() throws Exception {
    client.executeUpdate("CREATE TRAINING DATASET td_gone AS SELECT id, s FROM all_types");
    FlightInfo info = client.execute("SELECT * FROM td_gone");
    assertThat(info.getEndpoints()).allMatch(FlightDatasetFilesTest::fileTicket);
    client.executeUpdate("RECREATE TRAINING DATASET td_gone");
    FlightRuntimeException e = catchThrowableOfType(FlightRuntimeException.class,
        () -> read(info.getEndpoints().get(0).getTicket(), info.getSchema()));
    assertThat(e.status().code()).isEqualTo(CallStatus.NOT_FOUND.code());
    assertThat(e.getMessage()).isEqualTo("training dataset td_gone v1 was recreated or replaced after this query"
        + " was planned (its files changed): run the query again");

    FlightInfo again = client.execute("SELECT id FROM td_gone");
    assertThat(readAll(again)).hasSize(ROWS);
    client.executeUpdate("DROP TRAINING DATASET td_gone");
    e = catchThrowableOfType(FlightRuntimeException.class,
        () -> read(again.getEndpoints().get(0).getTicket(), again.getSchema()));
    assertThat(e.status().code()).isEqualTo(CallStatus.NOT_FOUND.code());
    assertThat(e.getMessage()).isEqualTo("training dataset td_gone v1 was dropped after this query was planned");
  }

  @Test
  void aTicketCannotNameAnotherFile() throws Exception {
    FlightInfo info = client.execute("SELECT id FROM td SPLIT test");
    byte[] ticket = info.getEndpoints().get(0).getTicket().getBytes();
    String text = new String(ticket, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("/test/");
    assertThat(at).isPositive();
    // Same length, so the encoding stays valid: "/test/" -> "/../t/" walks out of the split.
    byte[] forged = ticket.clone();
    byte[] replacement = "/../t/".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(replacement, 0, forged, at, replacement.length);
    FlightRuntimeException e = catchThrowableOfType(FlightRuntimeException.class,
        () -> read(new Ticket(forged), info.getSchema()));
    assertThat(e.status().code()).isEqualTo(CallStatus.INVALID_ARGUMENT.code());
    assertThat(e.getMessage()).isEqualTo("the ticket names a file outside training dataset td v1");
  }
}
