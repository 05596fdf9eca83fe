package io.fsql.tests.flight;

import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.adbc.core.AdbcConnection;
import org.apache.arrow.adbc.core.AdbcDatabase;
import org.apache.arrow.adbc.core.AdbcDriver;
import org.apache.arrow.adbc.core.AdbcException;
import org.apache.arrow.adbc.core.AdbcStatement;
import org.apache.arrow.adbc.core.AdbcStatusCode;
import org.apache.arrow.adbc.core.BulkIngestMode;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlDriver;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADBC's Java Flight SQL driver, unmodified, against {@code fsql serve}: queries to Arrow, bulk ingest, metadata. */
class AdbcFlightSqlTest {
  @TempDir
  static Path tmp;
  static FlightSqlServer server;
  static BufferAllocator allocator;
  static AdbcDatabase database;

  @BeforeAll
  static void start() throws Exception {
    server = FlightSqlServer.start(tmp.resolve("home"), ServerOptions.defaults().port(0));
    allocator = new RootAllocator();
    Map<String, Object> params = new HashMap<>();
    AdbcDriver.PARAM_URI.set(params, "grpc+tcp://127.0.0.1:" + server.port());
    database = new FlightSqlDriver(allocator).open(params);
    try (AdbcConnection c = database.connect()) {
      update(c, "CREATE FEATURE GROUP events (id BIGINT NOT NULL, v DOUBLE, name VARCHAR, ts TIMESTAMP NOT NULL)"
          + " PRIMARY KEY (id) EVENT TIME ts");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (database != null) {
      database.close();
    }
    if (server != null) {
      server.close();
    }
    allocator.close();
  }

  static long update(AdbcConnection c, String sql) throws Exception {
    try (AdbcStatement st = c.createStatement()) {
      st.setSqlQuery(sql);
      return st.executeUpdate().getAffectedRows();
    }
  }

  static List<List<Object>> query(AdbcConnection c, String sql) throws Exception {
    try (AdbcStatement st = c.createStatement()) {
      st.setSqlQuery(sql);
      try (AdbcStatement.QueryResult r = st.executeQuery()) {
        return read(r.getReader());
      }
    }
  }

  static List<List<Object>> read(ArrowReader reader) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    while (reader.loadNextBatch()) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      for (int r = 0; r < root.getRowCount(); r++) {
        List<Object> row = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
          Object o = v.getObject(r);
          row.add(o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  static List<Map<String, Object>> objects(AdbcConnection.GetObjectsDepth depth, String catalog,
      String schema, String table, String column) throws Exception {
    return AdbcObjects.isolated("grpc+tcp://127.0.0.1:" + server.port(), depth.name(), catalog, schema, table, column);
  }

  @Test
  @SuppressWarnings("unchecked")
  void getObjectsAtEveryDepth() throws Exception {
    try (AdbcConnection c = database.connect()) {
      update(c, "CREATE FEATURE GROUP objs (k BIGINT NOT NULL, label VARCHAR, amount DECIMAL(10,2),"
          + " ts TIMESTAMP NOT NULL) PRIMARY KEY (k) EVENT TIME ts");
      // The one unnamed catalog and schema, as GetCatalogs / GetDbSchemas (and JDBC) report them.
      List<Map<String, Object>> catalogs = objects(AdbcConnection.GetObjectsDepth.CATALOGS, null, null, null, null);
      assertThat(catalogs).hasSize(1);
      assertThat(catalogs.get(0).get("catalog_name")).isEqualTo("");

      List<Map<String, Object>> schemas = objects(AdbcConnection.GetObjectsDepth.DB_SCHEMAS, null, null, null, null);
      assertThat(schemas).hasSize(1);
      List<Map<String, Object>> dbSchemas = (List<Map<String, Object>>) schemas.get(0).get("catalog_db_schemas");
      assertThat(dbSchemas).hasSize(1);
      assertThat(dbSchemas.get(0).get("db_schema_name")).isEqualTo("");

      List<Map<String, Object>> tables = (List<Map<String, Object>>) ((List<Map<String, Object>>) objects(
          AdbcConnection.GetObjectsDepth.TABLES, null, null, "%", null).get(0).get("catalog_db_schemas"))
          .get(0).get("db_schema_tables");
      Map<String, Object> byName = new HashMap<>();
      tables.forEach(t -> byName.put((String) t.get("table_name"), t.get("table_type")));
      assertThat(byName).containsEntry("objs", "TABLE").containsEntry("events", "TABLE");

      List<Map<String, Object>> all = objects(AdbcConnection.GetObjectsDepth.ALL, null, null, "obj%", null);
      List<Map<String, Object>> only = (List<Map<String, Object>>) ((List<Map<String, Object>>) all.get(0)
          .get("catalog_db_schemas")).get(0).get("db_schema_tables");
      assertThat(only).hasSize(1);
      assertThat(only.get(0).get("table_name")).isEqualTo("objs");
      List<List<Object>> columns = new ArrayList<>();
      for (Map<String, Object> col : (List<Map<String, Object>>) only.get(0).get("table_columns")) {
        columns.add(row(col.get("column_name"), col.get("ordinal_position"), col.get("xdbc_type_name"),
            col.get("xdbc_data_type"), col.get("xdbc_is_nullable")));
      }
      assertThat(columns).isEqualTo(List.of(
          row("k", 1, "BIGINT", (short) java.sql.Types.BIGINT, "NO"),
          row("label", 2, "VARCHAR", (short) java.sql.Types.VARCHAR, "YES"),
          row("amount", 3, "DECIMAL", (short) java.sql.Types.DECIMAL, "YES"),
          row("ts", 4, "TIMESTAMP", (short) java.sql.Types.TIMESTAMP, "NO")));

      // Filters: a column pattern, and a catalog or schema that does not exist.
      List<Map<String, Object>> ts = (List<Map<String, Object>>) ((List<Map<String, Object>>) ((List<Map<String, Object>>)
          objects(AdbcConnection.GetObjectsDepth.ALL, null, null, "objs", "t%").get(0).get("catalog_db_schemas"))
          .get(0).get("db_schema_tables")).get(0).get("table_columns");
      assertThat(ts).extracting(m -> m.get("column_name")).containsExactly("ts");
      assertThat(objects(AdbcConnection.GetObjectsDepth.ALL, "other", null, null, null)).isEmpty();
      List<Map<String, Object>> noSchema = objects(AdbcConnection.GetObjectsDepth.ALL, null, "other", null, null);
      assertThat(noSchema).hasSize(1);
      assertThat((List<?>) noSchema.get(0).get("catalog_db_schemas")).isEmpty();
    }
  }

  static long commits(AdbcConnection c, String group) throws Exception {
    return query(c, "SHOW COMMITS FOR " + group).size();
  }

  @Test
  void queryToArrowWithExactTypes() throws Exception {
    try (AdbcConnection c = database.connect()) {
      update(c, "CREATE FEATURE GROUP q (k INT NOT NULL, amount DECIMAL(12,3), ts TIMESTAMP NOT NULL)"
          + " PRIMARY KEY (k) EVENT TIME ts");
      assertThat(update(c, "INSERT INTO q VALUES (1, 12.5, TIMESTAMP '2026-03-01 10:00:00.000001'),"
          + " (2, NULL, TIMESTAMP '2026-03-01 11:00:00')")).isEqualTo(2);
      try (AdbcStatement st = c.createStatement()) {
        st.setSqlQuery("SELECT k, amount, ts FROM q ORDER BY k");
        try (AdbcStatement.QueryResult r = st.executeQuery()) {
          ArrowReader reader = r.getReader();
          Schema schema = reader.getVectorSchemaRoot().getSchema();
          assertThat(schema.getFields().get(0).getType()).isEqualTo(new ArrowType.Int(32, true));
          assertThat(schema.getFields().get(0).isNullable()).isFalse();
          assertThat(schema.getFields().get(1).getType()).isEqualTo(new ArrowType.Decimal(12, 3, 128));
          assertThat(schema.getFields().get(2).getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
          assertThat(read(reader)).isEqualTo(List.of(
              row(1, new BigDecimal("12.500"), LocalDateTime.of(2026, 3, 1, 10, 0, 0, 1_000)),
              row(2, null, LocalDateTime.of(2026, 3, 1, 11, 0))));
        }
      }
    }
  }

  @Test
  void bulkIngestIsOneCommitOfEveryRow() throws Exception {
    int n = 5000;
    Schema schema = new Schema(List.of(
        new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
        new Field("v", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
        new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
        new Field("ts", FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), null)));
    try (AdbcConnection c = database.connect(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      long before = commits(c, "events");
      root.allocateNew();
      for (int i = 0; i < n; i++) {
        ((BigIntVector) root.getVector("id")).setSafe(i, i);
        if (i % 10 == 0) {
          ((Float8Vector) root.getVector("v")).setNull(i);
        } else {
          ((Float8Vector) root.getVector("v")).setSafe(i, i * 0.5);
        }
        ((VarCharVector) root.getVector("name")).setSafe(i, ("n" + i).getBytes(StandardCharsets.UTF_8));
        ((TimeStampMicroVector) root.getVector("ts")).setSafe(i, 1_772_000_000_000_000L + i);
      }
      root.setRowCount(n);
      try (AdbcStatement st = c.bulkIngest("events", BulkIngestMode.APPEND)) {
        st.bind(root);
        assertThat(st.executeUpdate().getAffectedRows()).isEqualTo(n);
      }
      assertThat(commits(c, "events")).isEqualTo(before + 1);
      assertThat(query(c, "SELECT COUNT(*), SUM(id), COUNT(v), SUM(v), MIN(name), MAX(ts) FROM events"))
          .isEqualTo(List.of(row((long) n, (long) n * (n - 1) / 2, (long) (n - n / 10),
              sumOfHalves(n), "n0", LocalDateTime.of(2026, 2, 25, 6, 13, 20, 4_999_000))));

      // A batch that breaks a rule of INSERT commits nothing.
      root.allocateNew();
      ((BigIntVector) root.getVector("id")).setSafe(0, 100_000);
      ((TimeStampMicroVector) root.getVector("ts")).setSafe(0, 1_772_000_000_000_000L);
      ((BigIntVector) root.getVector("id")).setSafe(1, 100_001);
      ((TimeStampMicroVector) root.getVector("ts")).setNull(1);
      root.setRowCount(2);
      try (AdbcStatement st = c.bulkIngest("events", BulkIngestMode.APPEND)) {
        st.bind(root);
        AdbcException e = catchThrowableOfType(AdbcException.class, st::executeUpdate);
        assertThat(e.getStatus()).isEqualTo(AdbcStatusCode.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("ingest into events: ").contains("ts");
      }
      assertThat(commits(c, "events")).isEqualTo(before + 1);
      assertThat(query(c, "SELECT COUNT(*) FROM events")).isEqualTo(List.of(row((long) n)));
    }
  }

  private static double sumOfHalves(int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (i % 10 != 0) {
        sum += i * 0.5;
      }
    }
    return sum;
  }

  @Test
  void metadataAndErrors() throws Exception {
    try (AdbcConnection c = database.connect()) {
      try (AdbcStatement st = c.createStatement()) {
        st.setSqlQuery("SELECT id, v, name, ts FROM events WHERE id > ? AND name <> ?");
        Schema result = st.executeSchema();
        assertThat(result.getFields()).extracting(Field::getName).containsExactly("id", "v", "name", "ts");
        assertThat(result.getFields()).extracting(Field::getType).containsExactly(
            new ArrowType.Int(64, true), new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
            ArrowType.Utf8.INSTANCE, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
        st.prepare();
        assertThat(st.getParameterSchema().getFields()).extracting(Field::getType).containsExactly(
            new ArrowType.Int(64, true), ArrowType.Utf8.INSTANCE);
      }
      AdbcException e = catchThrowableOfType(AdbcException.class, () -> query(c, "SELECT * FROM nowhere"));
      assertThat(e.getStatus()).isEqualTo(AdbcStatusCode.NOT_FOUND);
      assertThat(e.getMessage()).contains("line 1:15: no feature group, feature view or training dataset is named 'nowhere'");
      e = catchThrowableOfType(AdbcException.class, () -> update(c, "CREATE FEATURE GROUP events (id BIGINT NOT NULL,"
          + " ts TIMESTAMP NOT NULL) PRIMARY KEY (id) EVENT TIME ts"));
      assertThat(e.getStatus()).isEqualTo(AdbcStatusCode.ALREADY_EXISTS);
    }
  }
}
