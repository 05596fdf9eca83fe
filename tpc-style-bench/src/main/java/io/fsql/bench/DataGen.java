package io.fsql.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark data: {@code rows} rows of 8 columns of mixed types, generated once with DuckDB
 * into data/tx-&lt;rows&gt;.parquet and reused (deterministic: the same rows every time). DuckDB is
 * also the independent oracle that the time-travel results are checked against.
 *
 * <pre>
 *   id     BIGINT         0 .. rows-1, unique (the primary key)
 *   amount DOUBLE         pseudo-random 0 .. 10,000.02
 *   price  DECIMAL(12,2)  pseudo-random 0 .. 9,999.82
 *   qty    INT            1 .. 100, uniform
 *   cat    VARCHAR        'cat_0' .. 'cat_49'
 *   flag   BOOLEAN        every third row true
 *   day    DATE           2025-01-01 .. 2025-12-31
 *   ts     TIMESTAMP      event time: 2025-01-01 00:00:00 UTC + 17 s * id (Parquet TIMESTAMP UTC micros)
 * </pre>
 */
final class DataGen {
  /** The group's columns, in file order. */
  static final String COLUMNS = "id BIGINT, amount DOUBLE, price DECIMAL(12, 2), qty INT, cat VARCHAR, "
      + "flag BOOLEAN, day DATE, ts TIMESTAMP";
  static final String COLUMN_NAMES = "id, amount, price, qty, cat, flag, day, ts";

  /** Bump when the generator changes, so that old files are not reused. */
  private static final int VERSION = 1;

  private DataGen() {}

  static String select(long rows) {
    return "SELECT\n"
        + "  i AS id,\n"
        + "  CAST((i * 2654435761) % 1000003 AS DOUBLE) / 100.0 AS amount,\n"
        + "  CAST(((i * 40503) % 999983) / 100.0 AS DECIMAL(12, 2)) AS price,\n"
        + "  CAST(1 + (i * 7) % 100 AS INTEGER) AS qty,\n"
        + "  'cat_' || CAST((i * 31) % 50 AS VARCHAR) AS cat,\n"
        + "  (i % 3 = 0) AS flag,\n"
        + "  CAST(DATE '2025-01-01' + CAST(i % 365 AS INTEGER) AS DATE) AS day,\n"
        + "  CAST(make_timestamp(1735689600000000 + i * 17000000) AS TIMESTAMPTZ) AS ts\n"
        + "FROM range(" + rows + ") t(i)";
  }

  /** The Parquet file of {@code rows} rows, generated on first use. */
  static Path parquet(long rows, String bench) throws Exception {
    Path dir = Options.dataDir();
    Files.createDirectories(dir);
    Path file = dir.resolve("tx-" + rows + ".parquet");
    Path marker = dir.resolve("tx-" + rows + ".parquet.v" + VERSION);
    if (Files.exists(file) && Files.exists(marker)) {
      return file;
    }
    long t0 = System.nanoTime();
    Path tmp = dir.resolve("tx-" + rows + ".parquet.tmp");
    Files.deleteIfExists(tmp);
    try (Connection c = duckdb(); Statement s = c.createStatement()) {
      s.execute("COPY (" + select(rows) + ") TO '" + tmp + "' (FORMAT PARQUET, ROW_GROUP_SIZE 122880)");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(marker, select(rows));
    Log.info(bench, "generated " + file + " (" + Report.bytes(Files.size(file)) + ") with DuckDB in "
        + Report.elapsed(t0));
    return file;
  }

  static Connection duckdb() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
    }
    return c;
  }

  /** One row of a DuckDB query. */
  static List<Object> oneRow(String sql) throws SQLException {
    try (Connection c = duckdb(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no row from " + sql);
      }
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.add(rs.getObject(i));
      }
      return row;
    }
  }
}
