package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.storage.spark.SparkErrors;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * An INSERT's key checks (no NULL in a key or NOT NULL column, no record key twice) without a
 * shuffle: one scan of the rows in which each task hashes every row's record key (Spark's
 * {@code xxhash64}) and returns its hashes sorted, and the driver looks for two equal hashes among
 * them. Equal keys have equal hashes, so rows without a NULL and without two equal hashes pass.
 * Otherwise (a NULL, a repeated key, or two keys whose hashes collide, about 1 in 30 million for a
 * million rows) the exact check runs, an aggregation by record key with a shuffle, and throws the
 * error that says what and where (or, for a collision, passes): the verdict and every message are
 * the exact check's.
 *
 * <p>The driver holds 8 bytes a row for a moment: above {@link #MAX_ROWS} rows the exact check
 * runs instead.
 */
public final class KeyHashCheck {
  /** System property that, {@code false}, runs the exact check on every INSERT (for a benchmark's comparison). */
  public static final String ENABLED = "fsql.insert.keyHashCheck";

  /** The most rows whose hashes the driver collects (8 bytes each). */
  static final long MAX_ROWS = Math.min(Long.getLong("fsql.insert.keyHashCheckMaxRows", 8_000_000L),
      Integer.MAX_VALUE - 8);

  /**
   * System property for tests: keep only this many low bits of each hash (1-64), so that distinct
   * keys collide and the exact check decides.
   */
  public static final String BITS = "fsql.insert.keyHashBits";

  /** The description of the Spark job that hashes the keys (Spark's UI shows it). */
  public static final String JOB_DESCRIPTION = "fsql INSERT: key checks (hashes of the record keys)";

  private KeyHashCheck() {}

  /**
   * The number of rows when they pass; otherwise what {@code exact} returns (it throws the keys'
   * error, or returns the number of rows for a collision).
   */
  static long check(Dataset<Row> rows, FeatureGroup group, LongSupplier exact) {
    if (!Boolean.parseBoolean(System.getProperty(ENABLED, "true"))) {
      return exact.getAsLong();
    }
    List<String> key = group.recordKey();
    org.apache.spark.sql.Column anyNull = lit(false);
    for (String k : key) {
      anyNull = anyNull.or(col(k).isNull());
    }
    for (Column c : group.columns()) {
      if (!c.nullable() && !key.contains(c.name())) {
        anyNull = anyNull.or(col(c.name()).isNull());
      }
    }
    int bits = Integer.getInteger(BITS, 64);
    long mask = bits >= 64 ? -1L : (1L << Math.max(1, bits)) - 1;
    org.apache.spark.sql.Column hash = xxhash64(key.stream().map(k -> col(k)).toArray(org.apache.spark.sql.Column[]::new));
    org.apache.spark.SparkContext sc = rows.sparkSession().sparkContext();
    String description = sc.getLocalProperty("spark.job.description");
    List<long[]> parts = null;
    sc.setJobDescription(JOB_DESCRIPTION);
    try {
      if (rows.count() <= MAX_ROWS) {
        parts = rows.select(hash, anyNull).queryExecution().toRdd().toJavaRDD().mapPartitions(hashes(mask)).collect();
      }
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, "reading the rows to insert");
    } finally {
      sc.setJobDescription(description);
    }
    if (parts == null) {
      return exact.getAsLong();
    }
    long n = 0;
    for (long[] p : parts) {
      if (p[0] > 0) {
        return exact.getAsLong();
      }
      n += p.length - 1;
    }
    long[] all = new long[(int) n];
    int at = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 1, all, at, p.length - 1);
      at += p.length - 1;
    }
    Arrays.sort(all);
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1]) {
        return exact.getAsLong();
      }
    }
    return n;
  }

  /**
   * Per partition: {@code [rows with a NULL, then the rows' key hashes, sorted]}. A class of its own,
   * not a lambda: executors deserialise a lambda through the class that made it, whose code refers to
   * fsql's planner classes, and a cluster's executors have only fsql's storage jar.
   */
  private static FlatMapFunction<Iterator<InternalRow>, long[]> hashes(long mask) {
    return new Hashes(mask);
  }

  private static final class Hashes implements FlatMapFunction<Iterator<InternalRow>, long[]> {
    private static final long serialVersionUID = 1L;
    private final long mask;

    Hashes(long mask) {
      this.mask = mask;
    }

    @Override
    public Iterator<long[]> call(Iterator<InternalRow> it) {
      long nulls = 0;
      long[] h = new long[1 << 12];
      int n = 1;
      while (it.hasNext()) {
        InternalRow r = it.next();
        if (r.getBoolean(1)) {
          nulls++;
        }
        if (n == h.length) {
          h = Arrays.copyOf(h, h.length * 2);
        }
        h[n++] = r.getLong(0) & mask;
      }
      h[0] = nulls;
      long[] out = Arrays.copyOf(h, n);
      Arrays.sort(out, 1, n);
      return List.of(out).iterator();
    }
  }
}
