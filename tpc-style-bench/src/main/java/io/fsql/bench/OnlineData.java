package io.fsql.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;

/**
 * The data of the online benchmark: {@code rows} feature rows, one per key, generated once with
 * DuckDB into data/online-&lt;rows&gt;.parquet and reused. Every value is pure arithmetic on the key
 * i, computed the same way here ({@link #expected}), so a lookup's answer can be checked without
 * keeping the rows.
 *
 * <pre>
 *   id       BIGINT     0 .. rows-1, unique (the primary key)
 *   f0..f6   DOUBLE     ((i * a) % m) / 100.0 for a multiplier a and modulus m per column;
 *                       f6 is NULL when i % 10 = 7
 *   segment  VARCHAR    'seg_0' .. 'seg_49'
 *   ts       TIMESTAMP  event time: 2025-01-01 00:00:00 UTC + 17 s * i (Parquet TIMESTAMP UTC micros)
 * </pre>
 */
final class OnlineData {
  /** The group's columns, in file order. */
  static final String COLUMNS = "id BIGINT, f0 DOUBLE, f1 DOUBLE, f2 DOUBLE, f3 DOUBLE, f4 DOUBLE, f5 DOUBLE, "
      + "f6 DOUBLE, segment VARCHAR, ts TIMESTAMP";
  static final int WIDTH = 10;

  /** Bump when a formula changes, so that old files are not reused. */
  private static final int VERSION = 1;
  private static final long[] MULTIPLIER = {2654435761L, 40503L, 69069L, 1103515245L, 22695477L, 134775813L, 214013L};
  private static final long[] MODULUS = {1000003L, 999983L, 1000033L, 999979L, 1000037L, 999961L, 1000039L};
  private static final LocalDateTime BASE = LocalDateTime.of(2025, 1, 1, 0, 0);

  private OnlineData() {}

  static String select(long rows) {
    StringBuilder b = new StringBuilder("SELECT\n  i AS id,\n");
    for (int j = 0; j < MULTIPLIER.length; j++) {
      String f = "CAST((i * " + MULTIPLIER[j] + ") % " + MODULUS[j] + " AS DOUBLE) / 100.0";
      if (j == 6) {
        f = "CASE WHEN i % 10 = 7 THEN NULL ELSE " + f + " END";
      }
      b.append("  ").append(f).append(" AS f").append(j).append(",\n");
    }
    return b.append("  'seg_' || CAST((i * 31) % 50 AS VARCHAR) AS segment,\n")
        .append("  CAST(make_timestamp(1735689600000000 + i * 17000000) AS TIMESTAMPTZ) AS ts\n")
        .append("FROM range(").append(rows).append(") t(i)").toString();
  }

  /** The row of key {@code i}, as the engine returns it: Long, 7 Doubles (f6 may be null), String, LocalDateTime. */
  static Object[] expected(long i) {
    Object[] row = new Object[WIDTH];
    row[0] = i;
    for (int j = 0; j < MULTIPLIER.length; j++) {
      row[1 + j] = (double) ((i * MULTIPLIER[j]) % MODULUS[j]) / 100.0;
    }
    if (i % 10 == 7) {
      row[7] = null;
    }
    row[8] = "seg_" + (i * 31) % 50;
    row[9] = BASE.plusSeconds(17 * i);
    return row;
  }

  /** The Parquet file of {@code rows} rows, generated on first use. */
  static Path parquet(long rows) throws Exception {
    Path dir = Options.dataDir();
    Files.createDirectories(dir);
    Path file = dir.resolve("online-" + rows + ".parquet");
    Path marker = dir.resolve("online-" + rows + ".parquet.v" + VERSION);
    if (Files.exists(file) && Files.exists(marker) && Files.readString(marker).equals(select(rows))) {
      return file;
    }
    long t0 = System.nanoTime();
    Path tmp = dir.resolve("online-" + rows + ".parquet.tmp");
    Files.deleteIfExists(tmp);
    try (Connection c = DataGen.duckdb(); Statement s = c.createStatement()) {
      s.execute("COPY (" + select(rows) + ") TO '" + tmp + "' (FORMAT PARQUET, ROW_GROUP_SIZE 122880)");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(marker, select(rows));
    Log.info("online", "generated " + file + " (" + Report.bytes(Files.size(file)) + ") with DuckDB in "
        + Report.elapsed(t0));
    return file;
  }
}
