package io.fsql.tests.flight;

import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrow's own FlightSqlClient against {@code fsql serve}: SqlInfo, XDBC type info, tables with
 * their Arrow schemas, CommandStatementIngest, cancel, and a result far larger than the server's
 * memory budget streaming through it.
 */
class FlightSqlClientTest {
  /** The server's Arrow memory budget: far below the size of the large result. */
  static final long SERVER_MEMORY = 4L << 20;
  @TempDir
  static Path tmp;
  static FlightSqlServer server;
  static BufferAllocator allocator;
  static FlightSqlClient client;

  @BeforeAll
  static void start() throws Exception {
    server = FlightSqlServer.start(tmp.resolve("home"),
        ServerOptions.defaults().port(0).memoryLimit(SERVER_MEMORY));
    allocator = new RootAllocator();
    client = new FlightSqlClient(FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", server.port())).build());
    client.executeUpdate("CREATE FEATURE GROUP wide (id INT NOT NULL, label VARCHAR, ts TIMESTAMP NOT NULL)"
        + " PRIMARY KEY (id) EVENT TIME ts");
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

  static List<List<Object>> rows(FlightInfo info) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket())) {
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

  static VectorSchemaRoot wideRows(int from, int count) {
    Schema schema = new Schema(List.of(
        new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
        new Field("label", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
        new Field("ts", FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), null)));
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.allocateNew();
    for (int i = 0; i < count; i++) {
      ((IntVector) root.getVector("id")).setSafe(i, from + i);
      ((VarCharVector) root.getVector("label")).setSafe(i,
          ("label-" + (from + i) + "-" + "x".repeat(40)).getBytes(StandardCharsets.UTF_8));
      ((TimeStampMicroVector) root.getVector("ts")).setSafe(i, 1_700_000_000_000_000L + (from + i));
    }
    root.setRowCount(count);
    return root;
  }

  static TableDefinitionOptions append() {
    return TableDefinitionOptions.newBuilder()
        .setIfNotExist(TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL)
        .setIfExists(TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_APPEND).build();
  }

  @Test
  void ingestIsOneCommitAndLargeResultsStreamWithinTheServerMemoryBudget() throws Exception {
    int n = 1000;
    long before = rows(client.execute("SHOW COMMITS FOR wide")).size();
    try (VectorSchemaRoot root = wideRows(0, n)) {
      long count = client.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("wide", append(), null, null, Map.of()));
      assertThat(count).isEqualTo(n);
    }
    assertThat(rows(client.execute("SHOW COMMITS FOR wide"))).hasSize((int) before + 1);
    assertThat(rows(client.execute("SELECT COUNT(*), SUM(id), MIN(label) FROM wide")))
        .isEqualTo(List.of(row((long) n, (long) n * (n - 1) / 2, "label-0-" + "x".repeat(40))));

    // 1000 x 1000 rows of ~60 bytes: about 60 MB of Arrow data through a server allowed 4 MB.
    long t0 = System.nanoTime();
    FlightInfo info = client.execute("SELECT a.id, b.id AS id2, a.label FROM wide a CROSS JOIN wide b");
    long rows = 0;
    long bytes = 0;
    long checksum = 0;
    int batches = 0;
    try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket())) {
      while (stream.next()) {
        VectorSchemaRoot root = stream.getRoot();
        batches++;
        rows += root.getRowCount();
        IntVector id2 = (IntVector) root.getVector("id2");
        for (int i = 0; i < root.getRowCount(); i++) {
          checksum += id2.get(i);
        }
        for (FieldVector v : root.getFieldVectors()) {
          bytes += v.getBufferSize();
        }
      }
    }
    System.out.printf("streamed %d rows, %d bytes in %d batches in %d ms%n", rows, bytes, batches,
        (System.nanoTime() - t0) / 1_000_000);
    assertThat(rows).isEqualTo((long) n * n);
    assertThat(checksum).isEqualTo((long) n * ((long) n * (n - 1) / 2));
    assertThat(bytes).isGreaterThan(10 * SERVER_MEMORY);
    // many batches, none bigger than Spark's Arrow batches (10,000 rows): at least 100 for 1M rows
    // (exactly 100 when every partition's rows are a multiple of 10,000)
    assertThat(batches).isGreaterThanOrEqualTo(100);
  }

  @Test
  void ingestErrors() throws Exception {
    try (VectorSchemaRoot root = wideRows(0, 3)) {
      FlightRuntimeException e = catchThrowableOfType(FlightRuntimeException.class, () ->
          client.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("nope", append(), null, null, Map.of())));
      assertThat(e.status().code()).isEqualTo(CallStatus.NOT_FOUND.code());
      assertThat(e.getMessage()).contains("feature group 'nope' does not exist");
      TableDefinitionOptions create = TableDefinitionOptions.newBuilder()
          .setIfNotExist(TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE)
          .setIfExists(TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_FAIL).build();
      e = catchThrowableOfType(FlightRuntimeException.class, () ->
          client.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("wide", create, null, null, Map.of())));
      assertThat(e.status().code()).isEqualTo(CallStatus.UNIMPLEMENTED.code());
    }
  }

  @Test
  void sqlInfoTypeInfoAndTablesWithSchemas() throws Exception {
    Map<Integer, Object> info = new HashMap<>();
    for (List<Object> r : rows(client.getSqlInfo(SqlInfo.FLIGHT_SQL_SERVER_NAME, SqlInfo.FLIGHT_SQL_SERVER_VERSION,
        SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY, SqlInfo.FLIGHT_SQL_SERVER_CANCEL))) {
      info.put(((Number) r.get(0)).intValue(), r.get(1) instanceof org.apache.arrow.vector.util.Text t ? t.toString() : r.get(1));
    }
    assertThat(info).containsEntry(SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE, "fsql")
        .containsEntry(SqlInfo.FLIGHT_SQL_SERVER_VERSION_VALUE, FlightSqlServer.VERSION)
        .containsEntry(SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY_VALUE, false)
        .containsEntry(SqlInfo.FLIGHT_SQL_SERVER_CANCEL_VALUE, true);

    List<List<Object>> types = rows(client.getXdbcTypeInfo());
    assertThat(types).extracting(r -> r.get(0)).containsExactlyInAnyOrder(
        "BOOLEAN", "INTEGER", "BIGINT", "REAL", "DOUBLE", "DECIMAL", "VARCHAR", "DATE", "TIMESTAMP");
    assertThat(rows(client.getXdbcTypeInfo(Types.TIMESTAMP))).extracting(r -> r.get(0)).containsExactly("TIMESTAMP");

    List<List<Object>> tables = rows(client.getTables(null, null, "wid%", List.of("TABLE"), true));
    assertThat(tables).hasSize(1);
    assertThat(tables.get(0).subList(0, 4)).isEqualTo(row(null, null, "wide", "TABLE"));
    Schema schema = MessageSerializer.deserializeSchema(new ReadChannel(
        new ByteArrayReadableSeekableByteChannel((byte[]) tables.get(0).get(4))));
    assertThat(schema.getFields()).extracting(Field::getName).containsExactly("id", "label", "ts");
    assertThat(schema.getFields()).extracting(Field::getType).containsExactly(new ArrowType.Int(32, true),
        ArrowType.Utf8.INSTANCE, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
    assertThat(rows(client.getTables(null, null, "%", List.of("VIEW"), false))).isEmpty();
  }

  @Test
  void cancelClosesAnUnfetchedResult() throws Exception {
    FlightInfo info = client.execute("SELECT id FROM wide");
    assertThat(client.cancelFlightInfo(new CancelFlightInfoRequest(info)).getStatus()).isEqualTo(CancelStatus.CANCELLED);
    FlightRuntimeException e = catchThrowableOfType(FlightRuntimeException.class, () -> rows(info));
    assertThat(e.status().code()).isEqualTo(CallStatus.NOT_FOUND.code());
    assertThat(client.cancelFlightInfo(new CancelFlightInfoRequest(info)).getStatus()).isEqualTo(CancelStatus.NOT_CANCELLABLE);
  }
}
