package io.fsql.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.BatchedQueryResult;
import io.fsql.planner.exec.ColumnBatch;
import io.fsql.planner.exec.QueryResult;
import io.fsql.storage.EmbeddedEngines;
import io.fsql.storage.spark.SparkColumnBatches;
import io.fsql.tests.Rows;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query results brought in column batches ({@code columnar_results = auto}, the default: a plain
 * scan's from its Parquet column vectors, other queries' from Spark's Arrow writer, a plain dataset
 * read from its files) equal, value for value, those brought row by row ({@code SET columnar_results = off}):
 * every type, NULLs, negative and boundary values, several batches; through the engine API and
 * through every getter of the embedded JDBC driver.
 */
class ColumnarResultsTest {
  @TempDir
  static Path tmp;

  static Path home;
  static FsqlEngine engine;
  static Session batched;
  static Session rows;

  /** Rows over several Arrow batches (Spark's default is 10,000 rows a batch). */
  static final int MANY = 25_003;
  /** The rows of the typed table (t, td_types) in key order, as every path must give them. */
  static final List<List<Object>> TYPED_ROWS = List.of(
      Arrays.asList(1, true, 7, 9_000_000_000L, 1.5f, 2.25, new BigDecimal("123.456"), "héllo",
          LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000)),
      Arrays.asList(2, null, null, null, null, null, null, null, null, null),
      Arrays.asList(3, false, Integer.MIN_VALUE, -9223372036854775807L, -0.25f, -1e300, new BigDecimal("-0.500"), "",
          LocalDate.of(1969, 12, 31), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)),
      Arrays.asList(4, true, Integer.MAX_VALUE, Long.MAX_VALUE, 3.4e38f, 4.9e-324, new BigDecimal("999999999.999"),
          "x'y\"z", LocalDate.of(1900, 1, 1), LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000)));


  static final String TYPES = "SELECT k, b, i, l, r, d, m, s, dt, ts FROM t";

  @BeforeAll
  static void load() throws Exception {
    home = tmp.resolve("home");
    engine = EmbeddedEngines.acquire(home);
    batched = engine.openSession();
    rows = engine.openSession();
    assertThat(rows.execute("SET columnar_results = off").message()).isEqualTo("columnar_results = off");
    assertThat(batched.execute("SET columnar_results = on").message()).isEqualTo("columnar_results = on");
    batched.execute("CREATE FEATURE GROUP t (k INT NOT NULL, b BOOLEAN, i INT, l BIGINT, r REAL, d DOUBLE,"
        + " m DECIMAL(12,3), s VARCHAR, dt DATE, ts TIMESTAMP, et TIMESTAMP NOT NULL)"
        + " PRIMARY KEY (k) EVENT TIME et");
    batched.execute("INSERT INTO t VALUES"
        + " (1, TRUE, 7, 9000000000, 1.5, 2.25, 123.456, 'héllo', DATE '2024-02-29',"
        + "  TIMESTAMP '2024-02-29 23:59:59.123456', TIMESTAMP '2026-01-01 00:00:00'),"
        + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, TIMESTAMP '2026-01-01 00:00:00'),"
        + " (3, FALSE, -2147483648, -9223372036854775807, -0.25, -1e300, -0.5, '', DATE '1969-12-31',"
        + "  TIMESTAMP '1969-12-31 23:59:59.999999', TIMESTAMP '2026-01-01 00:00:00'),"
        + " (4, TRUE, 2147483647, 9223372036854775807, 3.4e38, 4.9e-324, 999999999.999, 'x''y\"z',"
        + "  DATE '1900-01-01', TIMESTAMP '1900-01-01 00:00:00.000001', TIMESTAMP '2026-01-01 00:00:00')");
    // MANY rows from a CSV file: every 7th value NULL
    Path csv = tmp.resolve("many.csv");
    StringBuilder sb = new StringBuilder("k,i,d,s,ts\n");
    for (int k = 0; k < MANY; k++) {
      boolean nul = k % 7 == 3;
      sb.append(k).append(',').append(nul ? "" : Integer.toString(k * 3 - 7)).append(',')
          .append(nul ? "" : Double.toString(k / 8.0)).append(',').append(nul ? "" : text(k)).append(',')
          .append(nul ? "" : LocalDateTime.of(2025, 1, 1, 0, 0).plusNanos(k * 1_001_000L).toString().replace('T', ' '))
          .append('\n');
    }
    Files.writeString(csv, sb.toString());
    batched.execute("CREATE FEATURE GROUP many (k INT NOT NULL, i INT, d DOUBLE, s VARCHAR, ts TIMESTAMP)"
        + " PRIMARY KEY (k)");
    assertThat(batched.execute("INSERT INTO many SELECT k, i, d, s, ts FROM read_csv(schema => "
        + "'k INT, i INT, d DOUBLE, s VARCHAR, ts TIMESTAMP', path => '" + csv + "')").message())
        .endsWith(": " + MANY + " inserted, 0 updated");
    batched.execute("CREATE TRAINING DATASET td_types AS SELECT k, b, i, l, r, d, m, s, dt, ts FROM t");
    batched.execute("CREATE TRAINING DATASET td_many AS SELECT k, i, d, s, ts FROM many"
        + " SPLIT RANDOM (train 0.5, test 0.5) SEED 3");
  }

  /** Column s of row k of many: multi-byte UTF-8 in every 5th. */
  static String text(int k) {
    return k % 5 == 0 ? "ü✓" + k : "s" + k;
  }

  @AfterAll
  static void close() {
    batched.close();
    rows.close();
    EmbeddedEngines.release(home);
  }

  /** The same query's rows through both paths; the batched one must really be batched. */
  private static List<List<Object>> both(String sql) {
    StatementResult r = batched.execute(sql);
    List<List<Object>> viaBatches = new ArrayList<>();
    try (QueryResult q = r.rows()) {
      assertThat(q).isInstanceOf(BatchedQueryResult.class);
      while (q.hasNext()) {
        viaBatches.add(Arrays.asList(q.next()));
      }
    }
    List<List<Object>> viaRows = Rows.query(rows, sql);
    try (QueryResult q = rows.execute(sql).rows()) {
      assertThat(q).isNotInstanceOf(BatchedQueryResult.class);
    }
    assertThat(viaBatches).isEqualTo(viaRows);
    return viaBatches;
  }

  @Test
  void everyTypeAndNullEqualsTheRowPath() {
    List<List<Object>> got = both(TYPES + " ORDER BY k");
    assertThat(got).containsExactlyElementsOf(TYPED_ROWS);
    // expressions (Spark computes new types: the DECIMAL's scale, a DOUBLE from an INT), a filter
    assertThat(both("SELECT k, CAST(i AS BIGINT) * 2 AS i2, m + 1 AS m1, m * m AS mm, CAST(i AS DOUBLE) AS di, UPPER(s) AS us,"
        + " ts AS ts2, CAST(ts AS DATE) AS d2 FROM t WHERE k <> 4 ORDER BY k DESC")).hasSize(3);
    // aggregates, and a result with no rows
    assertThat(both("SELECT COUNT(*) AS n, SUM(l) AS sl, MIN(ts) AS mt, MAX(s) AS ms, AVG(d) AS ad FROM t WHERE k < 4"))
        .hasSize(1);
    assertThat(both(TYPES + " WHERE k > 100")).isEmpty();
  }

  /**
   * The same plain dataset read through both paths, as multisets (a plain read has no ORDER BY):
   * the batched one read from the dataset's Parquet files natively, without Spark.
   */
  private static List<List<Object>> bothFromFiles(String sql) {
    List<List<Object>> viaFiles = new ArrayList<>();
    try (QueryResult q = batched.execute(sql).rows()) {
      assertThat(q).isInstanceOf(io.fsql.storage.arrow.DatasetFileBatches.class);
      while (q.hasNext()) {
        viaFiles.add(Arrays.asList(q.next()));
      }
    }
    List<List<Object>> viaRows = new ArrayList<>(Rows.query(rows, sql));
    assertThat(sorted(viaFiles)).isEqualTo(sorted(viaRows));
    return viaFiles;
  }

  /** The rows in the order of their text (to compare results of a query without ORDER BY). */
  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(java.util.Comparator.comparing(Object::toString));
    return copy;
  }

  @Test
  void plainDatasetReadsComeFromTheFilesEqualToTheRowPath() {
    List<List<Object>> got = bothFromFiles("SELECT * FROM td_types");
    got.sort(java.util.Comparator.comparing(r -> (Integer) r.get(0)));
    assertThat(got).containsExactlyElementsOf(TYPED_ROWS);
    // several files and batches, a column subset in another order with an alias, one split
    List<List<Object>> many = bothFromFiles("SELECT ts, s AS label, k FROM td_many");
    assertThat(many).hasSize(MANY);
    many.sort(java.util.Comparator.comparing(r -> (Integer) r.get(2)));
    assertThat(many.get(3)).isEqualTo(Arrays.asList(null, null, 3));
    assertThat(many.get(MANY - 1)).isEqualTo(Arrays.asList(
        LocalDateTime.of(2025, 1, 1, 0, 0).plusNanos((MANY - 1) * 1_001_000L), text(MANY - 1), MANY - 1));
    int train = bothFromFiles("SELECT k FROM td_many SPLIT train").size();
    int test = bothFromFiles("SELECT k FROM td_many SPLIT test").size();
    assertThat(train + test).isEqualTo(MANY);
    assertThat(train).isPositive();
    assertThat(test).isPositive();
    // not a plain read: Spark's column batches, not the files
    try (QueryResult q = batched.execute("SELECT k FROM td_many WHERE k < 10").rows()) {
      assertThat(q).isInstanceOf(BatchedQueryResult.class)
          .isNotInstanceOf(io.fsql.storage.arrow.DatasetFileBatches.class);
    }
  }

  /** The threads reading dataset files ahead of their readers now alive. */
  private static long readAheadThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("fsql-dataset-read")).count();
  }

  @Test
  void aDatasetReadClosedEarlyStopsReadingAheadAndAFailedFileIsReported() throws Exception {
    long before = readAheadThreads();
    // closed after its first row: the read-ahead thread ends with close(), nothing left open
    for (int i = 0; i < 3; i++) {
      try (QueryResult q = batched.execute("SELECT k, s FROM td_many").rows()) {
        assertThat(q).isInstanceOf(io.fsql.storage.arrow.DatasetFileBatches.class);
        assertThat(q.hasNext()).isTrue();
        assertThat(q.next()).hasSize(2);
      }
    }
    assertThat(readAheadThreads()).isEqualTo(before);
    // a file that is gone: the read fails when it opens, before any row, naming the file
    io.fsql.planner.engine.DatasetRead read = batched.datasetRead(batched.parse("SELECT k FROM td_many"), List.of())
        .orElseThrow();
    assertThat(read.files()).isNotEmpty();
    String gone = read.files().get(0).replace(".parquet", "-gone.parquet");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.fsql.storage.arrow.DatasetFileBatches.open(
        new io.fsql.planner.engine.DatasetRead(read.dataset(), null, List.of(read.files().get(0), gone),
            read.columns(), read.resultColumns(), read.rows())))
        .isInstanceOf(io.fsql.planner.FsqlException.class)
        .hasMessage("reading the files of training dataset td_many version 1 failed at " + gone
            + ": the file does not exist");
    // a file that is not Parquet, after a good one: the error naming the bad file, on every later call
    // too (the native scan opens files ahead, so the error may come before the good file's rows)
    long firstFileRows = 0;
    try (QueryResult q = io.fsql.storage.arrow.DatasetFileBatches.open(new io.fsql.planner.engine.DatasetRead(
        read.dataset(), null, List.of(read.files().get(0)), read.columns(), read.resultColumns(), read.rows()))
        .orElseThrow()) {
      while (q.hasNext()) {
        q.next();
        firstFileRows++;
      }
    }
    assertThat(firstFileRows).isPositive();
    java.nio.file.Path bad = java.nio.file.Files.createTempFile(tmp, "not-parquet-", ".parquet");
    java.nio.file.Files.writeString(bad, "these bytes are not a Parquet file");
    io.fsql.planner.engine.DatasetRead broken = new io.fsql.planner.engine.DatasetRead(read.dataset(), null,
        List.of(read.files().get(0), bad.toUri().toString()), read.columns(), read.resultColumns(), read.rows());
    long[] got = {0};
    try (QueryResult q = io.fsql.storage.arrow.DatasetFileBatches.open(broken).orElseThrow()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
        while (q.hasNext()) {
          q.next();
          got[0]++;
        }
      }).isInstanceOf(io.fsql.planner.FsqlException.class)
          .hasMessageContaining("reading the files of training dataset td_many version 1 failed: ")
          .hasMessageContaining(bad.getFileName().toString());
      assertThat(got[0]).isBetween(0L, firstFileRows);
      org.assertj.core.api.Assertions.assertThatThrownBy(q::hasNext)
          .hasMessageContaining(bad.getFileName().toString());
    }
    assertThat(readAheadThreads()).isEqualTo(before);
  }

  @Test
  void plainDatasetReadThroughJdbcGettersEqualsTheRowPath() throws Exception {
    String url = "jdbc:fsql:embedded:" + home;
    try (Connection fast = DriverManager.getConnection(url); Connection slow = DriverManager.getConnection(url)) {
      try (Statement st = slow.createStatement()) {
        st.execute("SET columnar_results = off");
      }
      for (String sql : List.of("SELECT * FROM td_types", "SELECT k, i, d, s, ts FROM td_many")) {
        List<List<Object>> a = getters(fast, sql);
        List<List<Object>> b = getters(slow, sql);
        assertThat(a).isNotEmpty();
        assertThat(sorted(a)).isEqualTo(sorted(b));
      }
    }
  }

  @Test
  void autoBringsEveryResultInColumnBatches() {
    try (Session auto = engine.openSession()) {
      // small inputs (t: 4 rows), a LIMIT, a global aggregate: column batches too (measured never slower)
      for (String sql : List.of("SELECT k, i, d, s FROM t WHERE k > 1", "SELECT k FROM many ORDER BY k LIMIT 5",
          "SELECT COUNT(*) AS n, SUM(i) AS si FROM many", TYPES + " ORDER BY k")) {
        try (QueryResult q = auto.execute(sql).rows()) {
          assertThat(q).as(sql).isInstanceOf(BatchedQueryResult.class);
        }
        assertThat(sorted(Rows.query(auto, sql))).as(sql).isEqualTo(sorted(Rows.query(rows, sql)));
      }
      // a plain dataset read comes from its files whatever its size
      try (QueryResult q = auto.execute("SELECT * FROM td_types").rows()) {
        assertThat(q).isInstanceOf(io.fsql.storage.arrow.DatasetFileBatches.class);
      }
      assertThat(auto.execute("SET columnar_results = AUTO").message()).isEqualTo("columnar_results = auto");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> auto.execute("SET columnar_results = sometimes"))
          .hasMessageContaining("columnar_results is 'auto', 'on' or 'off', not 'sometimes'");
    }
  }

  /**
   * The same plain read through the scan's vectors and row by row, as multisets (no ORDER BY); the
   * batched one must come from the scan's vectors.
   */
  private static List<List<Object>> bothFromVectors(String sql) {
    List<List<Object>> viaVectors = new ArrayList<>();
    try (QueryResult q = batched.execute(sql).rows()) {
      assertThat(q).as(sql).isInstanceOf(SparkColumnBatches.class);
      assertThat(((SparkColumnBatches) q).fromVectors()).as(sql + " from the scan's vectors").isTrue();
      while (q.hasNext()) {
        viaVectors.add(Arrays.asList(q.next()));
      }
    }
    assertThat(sorted(viaVectors)).as(sql).isEqualTo(sorted(Rows.query(rows, sql)));
    return viaVectors;
  }

  @Test
  void plainGroupReadsComeFromTheScansVectorsEqualToTheRowPath() {
    List<List<Object>> got = bothFromVectors("SELECT k, b, i, l, r, d, m, s, dt, ts FROM t");
    got.sort(java.util.Comparator.comparing(r -> (Integer) r.get(0)));
    assertThat(got).containsExactlyElementsOf(TYPED_ROWS);
    assertThat(bothFromVectors("SELECT * FROM t")).hasSize(4);
    // several scan batches, a column subset in another order with an alias
    List<List<Object>> many = bothFromVectors("SELECT ts, s AS label, k FROM many");
    assertThat(many).hasSize(MANY);
    many.sort(java.util.Comparator.comparing(r -> (Integer) r.get(2)));
    assertThat(many.get(3)).isEqualTo(Arrays.asList(null, null, 3));
    assertThat(many.get(MANY - 1)).isEqualTo(Arrays.asList(
        LocalDateTime.of(2025, 1, 1, 0, 0).plusNanos((MANY - 1) * 1_001_000L), text(MANY - 1), MANY - 1));
    // not a plain scan (a filter, an expression, an order): Spark's Arrow writer over the rows
    for (String sql : List.of("SELECT k FROM many WHERE k < 10", "SELECT k, i + 1 AS j FROM many",
        "SELECT k FROM many ORDER BY k")) {
      try (QueryResult q = batched.execute(sql).rows()) {
        assertThat(((SparkColumnBatches) q).fromVectors()).as(sql).isFalse();
      }
    }
  }

  /** The same query through an {@code auto} session and row by row, as multisets; auto's from the group's files or not. */
  private static List<List<Object>> autoAndRows(Session auto, String sql, boolean fromFiles) {
    List<List<Object>> viaAuto = new ArrayList<>();
    try (QueryResult q = auto.execute(sql).rows()) {
      if (fromFiles) {
        assertThat(q).as(sql).isInstanceOf(io.fsql.storage.arrow.DatasetFileBatches.class);
      } else {
        assertThat(q).as(sql).isNotInstanceOf(io.fsql.storage.arrow.DatasetFileBatches.class);
      }
      while (q.hasNext()) {
        viaAuto.add(Arrays.asList(q.next()));
      }
    }
    assertThat(sorted(viaAuto)).as(sql).isEqualTo(sorted(Rows.query(rows, sql)));
    return viaAuto;
  }

  private static String explain(Session s, String sql) {
    StringBuilder b = new StringBuilder();
    for (List<Object> line : Rows.query(s, "EXPLAIN " + sql)) {
      b.append(line.get(0)).append('\n');
    }
    return b.toString();
  }

  @Test
  void plainGroupSnapshotReadsComeFromTheTablesFilesWithAutoEqualToTheRowPath() {
    try (Session auto = engine.openSession()) {
      List<List<Object>> got = autoAndRows(auto, TYPES, true);
      got.sort(java.util.Comparator.comparing(r -> (Integer) r.get(0)));
      assertThat(got).containsExactlyElementsOf(TYPED_ROWS);
      assertThat(autoAndRows(auto, "SELECT * FROM t", true)).hasSize(4);
      List<List<Object>> many = autoAndRows(auto, "SELECT ts, s AS label, k FROM many", true);
      assertThat(many).hasSize(MANY);
      // not plain snapshot reads: LATEST (one row per key), a filter, an expression
      for (String sql : List.of("SELECT k, s FROM LATEST many", "SELECT k FROM many WHERE k < 10",
          "SELECT k, i + 1 AS j FROM many")) {
        autoAndRows(auto, sql, false);
      }
      // AS OF an earlier commit, after an update; then a column added: old files leave the read to Spark
      auto.execute("CREATE FEATURE GROUP evolving (k INT NOT NULL, v INT, et TIMESTAMP NOT NULL)"
          + " PRIMARY KEY (k) EVENT TIME et");
      auto.execute("INSERT INTO evolving VALUES (1, 10, TIMESTAMP '2026-01-01 00:00:00'),"
          + " (2, 20, TIMESTAMP '2026-01-01 00:00:00')");
      String first = Rows.query(auto, "SHOW COMMITS FOR evolving LIMIT 1").get(0).get(0).toString();
      auto.execute("INSERT INTO evolving VALUES (2, 21, TIMESTAMP '2026-01-01 00:00:00'),"
          + " (3, 30, TIMESTAMP '2026-01-02 00:00:00')");
      assertThat(sorted(autoAndRows(auto, "SELECT k, v FROM evolving", true)))
          .isEqualTo(List.of(List.of(1, 10), List.of(2, 21), List.of(3, 30)));
      assertThat(sorted(autoAndRows(auto, "SELECT v, k FROM evolving AS OF COMMIT '" + first + "'", true)))
          .isEqualTo(List.of(List.of(10, 1), List.of(20, 2)));
      auto.execute("ALTER FEATURE GROUP evolving ADD COLUMN w DOUBLE");
      auto.execute("INSERT INTO evolving VALUES (4, 40, TIMESTAMP '2026-01-03 00:00:00', 0.5)");
      assertThat(sorted(autoAndRows(auto, "SELECT k, v, w FROM evolving", false))).isEqualTo(List.of(
          Arrays.asList(1, 10, null), Arrays.asList(2, 21, null), Arrays.asList(3, 30, null),
          Arrays.asList(4, 40, 0.5)));
      // columns every file has as they are read: from the files again
      assertThat(autoAndRows(auto, "SELECT k, v FROM evolving", true)).hasSize(4);
      // EXPLAIN says so
      assertThat(explain(auto, "SELECT * FROM t")).contains("== Read: a plain read, from the base files of the table"
          + " of feature group t v1 by arrow-dataset without Spark when they allow it");
      assertThat(explain(auto, "SELECT k FROM evolving AS OF COMMIT '" + first + "'"))
          .contains("feature group evolving v1 as of commit " + first + " by arrow-dataset");
      assertThat(explain(auto, "SELECT * FROM td_many")).contains("== Read: a plain read, from the Parquet files of"
          + " training dataset td_many v1 by arrow-dataset");
      assertThat(explain(auto, "SELECT k FROM many WHERE k < 10")).doesNotContain("== Read:");
      assertThat(explain(batched, "SELECT * FROM t")).doesNotContain("== Read:");
    }
  }

  @Test
  void plainGroupReadThroughJdbcGettersEqualsTheRowPath() throws Exception {
    String url = "jdbc:fsql:embedded:" + home;
    try (Connection fast = DriverManager.getConnection(url); Connection slow = DriverManager.getConnection(url)) {
      try (Statement st = slow.createStatement()) {
        st.execute("SET columnar_results = off");
      }
      for (String sql : List.of(TYPES, "SELECT k, i, d, s, ts FROM many")) {
        List<List<Object>> a = getters(fast, sql);
        List<List<Object>> b = getters(slow, sql);
        assertThat(a).isNotEmpty();
        assertThat(sorted(a)).isEqualTo(sorted(b));
      }
    }
  }

  @Test
  void severalBatchesInOrderWithALimit() {
    List<List<Object>> all = both("SELECT k, i, d, s, ts FROM many ORDER BY k");
    assertThat(all).hasSize(MANY);
    assertThat(all.get(0)).isEqualTo(Arrays.asList(0, -7, 0.0, text(0), LocalDateTime.of(2025, 1, 1, 0, 0)));
    assertThat(all.get(3)).isEqualTo(Arrays.asList(3, null, null, null, null));
    assertThat(all.get(MANY - 1)).isEqualTo(Arrays.asList(MANY - 1, (MANY - 1) * 3 - 7, (MANY - 1) / 8.0,
        text(MANY - 1), LocalDateTime.of(2025, 1, 1, 0, 0).plusNanos((MANY - 1) * 1_001_000L)));
    assertThat(both("SELECT k, s FROM many ORDER BY k DESC LIMIT 12345")).hasSize(12345);
  }

  @Test
  void rowsAndBatchesMayBeMixedEachRowOnce() {
    try (QueryResult q = batched.execute("SELECT k FROM many ORDER BY k").rows()) {
      BatchedQueryResult b = (BatchedQueryResult) q;
      assertThat(q.next()).containsExactly(0);
      assertThat(q.next()).containsExactly(1);
      long seen = 2;
      long sum = 1;
      ColumnBatch batch;
      while ((batch = b.nextBatch()) != null) {
        assertThat(batch.rowCount()).isPositive();
        for (int r = 0; r < batch.rowCount(); r++) {
          assertThat(batch.getInt(0, r)).isEqualTo((int) seen);
          sum += batch.getInt(0, r);
          seen++;
        }
      }
      assertThat(seen).isEqualTo(MANY);
      assertThat(sum).isEqualTo((long) MANY * (MANY - 1) / 2);
      assertThat(q.hasNext()).isFalse();
      assertThat(b.nextBatch()).isNull();
    }
  }

  @Test
  void embeddedJdbcGettersEqualTheRowPath() throws Exception {
    String url = "jdbc:fsql:embedded:" + home;
    try (Connection fast = DriverManager.getConnection(url); Connection slow = DriverManager.getConnection(url)) {
      try (Statement st = slow.createStatement()) {
        st.execute("SET columnar_results = off");
      }
      try (Statement st = fast.createStatement()) {
        st.execute("SET columnar_results = on");
      }
      for (String sql : List.of(TYPES + " ORDER BY k", "SELECT k, i, d, s, ts FROM many ORDER BY k",
          "SELECT i / 2 AS i2, m + 1 AS m1, CAST(ts AS DATE) AS d2 FROM t ORDER BY k")) {
        List<List<Object>> a = getters(fast, sql);
        List<List<Object>> b = getters(slow, sql);
        assertThat(a).hasSameSizeAs(b).isNotEmpty();
        assertThat(a).isEqualTo(b);
      }
      // setMaxRows limits the batched result as it does rows
      try (Statement st = fast.createStatement()) {
        st.setMaxRows(10_001);
        try (ResultSet rs = st.executeQuery("SELECT k FROM many ORDER BY k")) {
          int n = 0;
          while (rs.next()) {
            assertThat(rs.getInt(1)).isEqualTo(n++);
          }
          assertThat(n).isEqualTo(10_001);
        }
      }
    }
  }

  /** Every getter's answer (and wasNull after it) for every column of every row. */
  private static List<List<Object>> getters(Connection c, String sql) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i));
          row.add(rs.wasNull());
          row.add(rs.getString(i));
          row.add(rs.wasNull());
          String type = md.getColumnTypeName(i);
          switch (type) {
            case "BOOLEAN" -> row.add(rs.getBoolean(i));
            case "INTEGER" -> {
              row.add(rs.getInt(i));
              row.add(rs.getLong(i));
              row.add(rs.getDouble(i));
            }
            case "BIGINT" -> {
              row.add(rs.getLong(i));
              row.add(rs.getDouble(i));
            }
            case "REAL", "DOUBLE" -> {
              row.add(rs.getDouble(i));
              row.add(rs.getFloat(i));
            }
            case "DECIMAL" -> {
              row.add(rs.getBigDecimal(i));
              row.add(rs.getDouble(i));
            }
            case "DATE" -> {
              row.add(rs.getDate(i));
              row.add(rs.getObject(i, LocalDate.class));
            }
            case "TIMESTAMP" -> {
              row.add(rs.getTimestamp(i));
              row.add(rs.getObject(i, LocalDateTime.class));
              row.add(rs.getDate(i));
            }
            default -> row.add(rs.getString(i) == null ? -1 : rs.getString(i).length());
          }
          row.add(rs.wasNull());
        }
        out.add(row);
      }
    }
    return out;
  }
}
