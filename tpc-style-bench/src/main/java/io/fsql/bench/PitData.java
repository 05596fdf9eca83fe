package io.fsql.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the pit benchmark: a spine and three feature tables of {@code rows} rows each,
 * generated once with DuckDB into data/pit-&lt;rows&gt;/ (Parquet) and reused; deterministic (pure
 * arithmetic on the row number i, no random generator), so the same rows every time.
 *
 * <p>Keys scale with the size: {@code rows/10} card numbers ({@code cc}, 100,000 at 1M rows) and
 * {@code rows/100} merchants (10,000 at 1M), so every size has the same shape: ~10 tx rows and ~10
 * profile rows per card, ~100 merchant rows per merchant. Times spread over 2025 (UTC). Each
 * feature table's event times are all distinct (a permutation of i on an evenly spaced grid), so
 * its (key, time) pairs are unique, as a feature group requires.
 *
 * <p>The spine mixes in the edge cases of a point-in-time join: every 20th row (i % 20 = 0) has
 * exactly the (cc, ts) of tx row i, so the match is a feature row at the same instant (matched
 * by {@code >=}); i % 20 = 10 likewise with profiles row i, and i % 20 = 5 with merchants row i;
 * rows with i % 1000 = 1 repeat row i - 1 exactly (duplicate spine rows, each must keep its
 * match). Early spine rows often have no earlier feature row (NULL features in a LEFT join), and
 * some feature values are NULL (category, online, age).
 */
final class PitData {
  /** Bump when a formula changes (the marker file also holds the SQL, compared on reuse). */
  private static final int VERSION = 1;
  /** 2025-01-01 00:00:00 UTC in microseconds, and the length of 2025 in microseconds. */
  private static final long BASE = 1_735_689_600_000_000L;
  private static final long YEAR = 31_536_000_000_000L;

  static final String SPINE_COLUMNS = "cc BIGINT, merchant BIGINT, ts TIMESTAMP, label BOOLEAN";
  static final String TX_COLUMNS = "cc BIGINT, ts TIMESTAMP, amount DOUBLE, n_items INT, category VARCHAR, "
      + "online BOOLEAN";
  static final String PROFILES_COLUMNS = "cc BIGINT, updated TIMESTAMP, age INT, score DOUBLE, segment VARCHAR";
  static final String MERCHANTS_COLUMNS = "merchant BIGINT, at TIMESTAMP, risk DOUBLE";

  /** The four files of one size. */
  record Files4(long rows, Path spine, Path tx, Path profiles, Path merchants) {}

  private PitData() {}

  static long cards(long rows) {
    return Math.max(1, rows / 10);
  }

  static long merchants(long rows) {
    return Math.max(1, rows / 100);
  }

  // The formulas, as DuckDB expressions of a BIGINT row number (i or j). Every product stays below
  // 2^63 for i < 10^9.
  private static String txCc(String i, long rows) {
    return "((" + i + " * 2654435761) % 4294967291 % " + cards(rows) + ")";
  }

  private static String txTs(String i, long rows) {
    return "(" + BASE + " + ((" + i + " * 1000003 + 17) % " + rows + ") * " + (YEAR / rows) + ")";
  }

  private static String profCc(String i, long rows) {
    return "((" + i + " * 40503 + 7) % 1000003 % " + cards(rows) + ")";
  }

  private static String profTs(String i, long rows) {
    return "(" + BASE + " + ((" + i + " * 999983 + 5) % " + rows + ") * " + (YEAR / rows) + ")";
  }

  private static String merchKey(String i, long rows) {
    return "((" + i + " * 48271) % 2147483647 % " + merchants(rows) + ")";
  }

  private static String merchTs(String i, long rows) {
    return "(" + BASE + " + ((" + i + " * 999979 + 3) % " + rows + ") * " + (YEAR / rows) + ")";
  }

  private static String ts(String micros) {
    return "CAST(make_timestamp(" + micros + ") AS TIMESTAMPTZ)";
  }

  /** The SELECT of each file, by name. */
  static Map<String, String> selects(long rows) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("tx", "SELECT\n"
        + "  " + txCc("i", rows) + " AS cc,\n"
        + "  " + ts(txTs("i", rows)) + " AS ts,\n"
        + "  CAST((i * 7919) % 100003 AS DOUBLE) / 100.0 AS amount,\n"
        + "  CAST(1 + (i * 31) % 20 AS INTEGER) AS n_items,\n"
        + "  CASE WHEN i % 97 = 0 THEN NULL ELSE 'cat_' || CAST((i * 17) % 40 AS VARCHAR) END AS category,\n"
        + "  CASE WHEN i % 89 = 0 THEN NULL ELSE (i * 13) % 3 = 0 END AS online\n"
        + "FROM range(" + rows + ") t(i)");
    m.put("profiles", "SELECT\n"
        + "  " + profCc("i", rows) + " AS cc,\n"
        + "  " + ts(profTs("i", rows)) + " AS updated,\n"
        + "  CASE WHEN i % 101 = 0 THEN NULL ELSE CAST(18 + (i * 7) % 70 AS INTEGER) END AS age,\n"
        + "  CAST((i * 69069) % 10007 AS DOUBLE) / 10007.0 AS score,\n"
        + "  'seg_' || CAST((i * 11) % 8 AS VARCHAR) AS segment\n"
        + "FROM range(" + rows + ") t(i)");
    m.put("merchants", "SELECT\n"
        + "  " + merchKey("i", rows) + " AS merchant,\n"
        + "  " + ts(merchTs("i", rows)) + " AS \"at\",\n"
        + "  CAST((i * 16807) % 1009 AS DOUBLE) / 1009.0 AS risk\n"
        + "FROM range(" + rows + ") t(i)");
    m.put("spine", "SELECT\n"
        + "  CASE WHEN j % 20 = 0 THEN " + txCc("j", rows) + " WHEN j % 20 = 10 THEN " + profCc("j", rows)
        + " ELSE (j * 1597334677) % 4294967291 % " + cards(rows) + " END AS cc,\n"
        + "  CASE WHEN j % 20 = 5 THEN " + merchKey("j", rows) + " ELSE (j * 65539) % 2147483647 % "
        + merchants(rows) + " END AS merchant,\n"
        + "  " + ts("CASE WHEN j % 20 = 0 THEN " + txTs("j", rows) + " WHEN j % 20 = 10 THEN " + profTs("j", rows)
            + " WHEN j % 20 = 5 THEN " + merchTs("j", rows) + " ELSE " + BASE + " + ((j * 6364136223) % 1000000007) * 31536 END") + " AS ts,\n"
        + "  (j * 7) % 10 = 0 AS label\n"
        + "FROM (SELECT CASE WHEN i % 1000 = 1 THEN i - 1 ELSE i END AS j FROM range(" + rows + ") t(i))");
    return m;
  }

  /** The files of {@code rows} rows, generated on first use (and checked: unique feature keys). */
  static Files4 files(long rows, String bench) throws Exception {
    Path dir = Options.dataDir().resolve("pit-" + rows);
    Files.createDirectories(dir);
    Map<String, String> selects = selects(rows);
    String all = "v" + VERSION + "\n" + String.join("\n;\n", selects.values());
    Path marker = dir.resolve("generated.sql");
    boolean fresh = Files.exists(marker) && Files.readString(marker).equals(all)
        && selects.keySet().stream().allMatch(n -> Files.exists(dir.resolve(n + ".parquet")));
    if (!fresh) {
      long t0 = System.nanoTime();
      Files.deleteIfExists(marker);
      try (Connection c = DataGen.duckdb(); Statement s = c.createStatement()) {
        for (Map.Entry<String, String> e : selects.entrySet()) {
          Path tmp = dir.resolve(e.getKey() + ".parquet.tmp");
          Files.deleteIfExists(tmp);
          s.execute("COPY (" + e.getValue() + ") TO '" + tmp + "' (FORMAT PARQUET, ROW_GROUP_SIZE 122880)");
          Files.move(tmp, dir.resolve(e.getKey() + ".parquet"), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        }
      }
      // A feature group rejects an INSERT that repeats a (key, event time): check here, once.
      for (String[] t : List.of(new String[] {"tx", "cc, ts"}, new String[] {"profiles", "cc, updated"},
          new String[] {"merchants", "merchant, \"at\""})) {
        String file = "read_parquet('" + dir.resolve(t[0] + ".parquet") + "')";
        List<Object> r = DataGen.oneRow("SELECT (SELECT COUNT(*) FROM " + file + "), (SELECT COUNT(*) FROM "
            + "(SELECT DISTINCT " + t[1] + " FROM " + file + "))");
        IngestBench.check(((Number) r.get(0)).longValue() == rows && ((Number) r.get(1)).longValue() == rows,
            t[0] + ".parquet has " + r.get(0) + " rows and " + r.get(1) + " distinct (" + t[1] + "), expected "
                + rows + " of each");
      }
      Files.writeString(marker, all);
      Log.info(bench, "generated " + dir + " (4 files of " + String.format("%,d", rows) + " rows) with DuckDB in "
          + Report.elapsed(t0));
    }
    return new Files4(rows, dir.resolve("spine.parquet"), dir.resolve("tx.parquet"),
        dir.resolve("profiles.parquet"), dir.resolve("merchants.parquet"));
  }
}
