package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static io.fsql.tests.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read_csv and read_parquet: wherever a table goes, with their options, types and errors. */
class FileSourcesTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;
  static Path parquet;

  @BeforeAll
  static void setUp() throws Exception {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    parquet = tmp.resolve("tx.parquet");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      st.execute("COPY (SELECT i::BIGINT AS \"Id\", (i * 1.5)::DOUBLE AS amount, (i * 0.25)::DECIMAL(10, 2) AS price,"
          + " CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END AS kind,"
          + " TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (i) HOUR AS ts"
          + " FROM range(1, 6) t(i)) TO '" + parquet + "' (FORMAT PARQUET)");
    }
  }

  @AfterAll
  static void tearDown() {
    engine.close();
  }

  @Test
  void parquetColumnsTypesAndAnInsertFromIt() {
    assertThat(query(s, "SELECT id, amount, price, kind, ts FROM read_parquet('" + parquet + "') WHERE id <= 2 ORDER BY id"))
        .isEqualTo(List.of(
            row(1L, 1.5, new BigDecimal("0.25"), "odd", ts("2026-01-01 01:00:00")),
            row(2L, 3.0, new BigDecimal("0.50"), "even", ts("2026-01-01 02:00:00"))));
    s.execute("CREATE FEATURE GROUP from_files (id BIGINT, amount DOUBLE, price DECIMAL(10,2), kind VARCHAR, ts TIMESTAMP)"
        + " PRIMARY KEY (id) EVENT TIME ts");
    assertThat(s.execute("INSERT INTO from_files SELECT * FROM read_parquet('" + parquet + "') AS p").updateCount())
        .isEqualTo(5);
    assertThat(query(s, "SELECT kind, COUNT(*), SUM(price) FROM from_files GROUP BY kind ORDER BY kind"))
        .isEqualTo(List.of(row("even", 2L, new BigDecimal("1.50")), row("odd", 3L, new BigDecimal("2.25"))));
    // A file joined with a group.
    assertThat(query(s, "SELECT f.id FROM read_parquet('" + parquet + "') p JOIN from_files f ON p.id = f.id"
        + " WHERE p.kind = 'odd' ORDER BY f.id")).isEqualTo(List.of(row(1L), row(3L), row(5L)));
  }

  @Test
  void csvWithInferredOrGivenSchemaAndOptions() throws Exception {
    Path csv = tmp.resolve("plain.csv");
    Files.writeString(csv, "Name,Score,When\nann,10,2026-01-01 10:00:00\nbob,,2026-01-02 11:30:00\n");
    assertThat(query(s, "SELECT name, score, \"when\" FROM read_csv('" + csv + "') ORDER BY name"))
        .isEqualTo(List.of(row("ann", 10, ts("2026-01-01 10:00:00")), row("bob", null, ts("2026-01-02 11:30:00"))));
    Path semi = tmp.resolve("semi.csv");
    Files.writeString(semi, "x;NA;3.5\ny;7;NA\n");
    assertThat(query(s, "SELECT * FROM read_csv('" + semi + "', header => false, delimiter => ';',"
        + " null_value => 'NA', schema => 'k VARCHAR, n INT, v DOUBLE') ORDER BY k"))
        .isEqualTo(List.of(row("x", null, 3.5), row("y", 7, null)));
    // Named arguments in any order, the path positional or named.
    assertThat(query(s, "SELECT COUNT(*) FROM read_csv(schema => 'k VARCHAR, n INT, v DOUBLE', path => '"
        + semi + "', delimiter => ';', header => false)")).isEqualTo(List.of(row(2L)));
  }

  @Test
  void fileErrorsAreClear() {
    FsqlException e = catchThrowableOfType(FsqlException.class,
        () -> query(s, "SELECT * FROM read_parquet('" + tmp.resolve("missing.parquet") + "')"));
    assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
    assertThat(e.getMessage()).isEqualTo("line 1:15: file not found: " + tmp.resolve("missing.parquet"));
    e = catchThrowableOfType(FsqlException.class,
        () -> query(s, "SELECT * FROM read_csv('" + parquet + "', schema => 'a WIBBLE')"));
    assertThat(e.getMessage()).isEqualTo("line 1:15: unknown type 'WIBBLE' for column 'a' in schema");
    e = catchThrowableOfType(FsqlException.class, () -> query(s, "SELECT * FROM read_csv()"));
    assertThat(e.code()).isIn(ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_QUERY);
  }
}
