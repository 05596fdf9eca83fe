package io.fsql.storage.offline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.expressions.aggregate.ApproximatePercentile;
import org.apache.spark.sql.catalyst.util.HyperLogLogPlusPlusHelper;
import org.apache.spark.sql.catalyst.util.QuantileSummaries$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.JavaConverters;

/**
 * The sketches of columns' values, in one Spark job over persisted rows: per column either Spark's
 * HyperLogLog++ distinct count or its percentile digest, the very structures (and so the very
 * results) of {@code approx_count_distinct(c, rsd)} and {@code percentile_approx(c, ranks,
 * accuracy)}, but updated in a plain loop over each partition's rows and merged on the driver.
 * In an aggregation beside other aggregates they cost several times more (Spark does not
 * generate code for them, so every other aggregate of that pass is interpreted too).
 *
 * In the same loop, exact counts: of an integer-like column's distinct values, of the rows in each
 * bin of a histogram and of each value of a string column (the counts {@link ValueCounts} makes
 * with a shuffle), when a partition has few enough distinct values.
 *
 * <p>NULL values are left out, as those aggregates leave them out.
 */
final class ColumnSketches {
  /** What is computed of a column. */
  enum Kind { DISTINCT, QUANTILES, EXACT_DISTINCT, BINS, VALUES }

  /**
   * Up to how many distinct values a partition counts of a {@link Sketch#values} column; past it
   * the column's counts are given up ({@link Sketched#values} null) and the caller counts them with
   * a shuffle ({@link ValueCounts}).
   */
  static final int VALUES_PER_PARTITION = 50_000;

  /** One column to sketch: {@code value} a column expression over the rows; {@code bins} for {@link Kind#BINS}. */
  record Sketch(Column value, Kind kind, int bins) {
    /** Its HyperLogLog++ distinct count. */
    static Sketch distinct(Column value) {
      return new Sketch(value, Kind.DISTINCT, 0);
    }

    /**
     * Its percentile digest (the value cast to DOUBLE, as percentile_approx of a DOUBLE; a DECIMAL
     * of at most 18 digits is converted in the loop, to the same DOUBLE as the cast's).
     */
    static Sketch quantiles(Column value) {
      return new Sketch(value, Kind.QUANTILES, 0);
    }

    /**
     * The exact number of rows in each of {@code bins} bins: {@code index} a BIGINT column, a
     * row's bin (0 to bins - 1) or NULL for a row that does not count ({@link Sketched#bins} null
     * when some index is out of that range).
     */
    static Sketch bins(Column index, int bins) {
      return new Sketch(index.cast(DataTypes.LongType), Kind.BINS, bins);
    }

    /**
     * The exact count of each distinct non-NULL value of {@code key}, a VARCHAR column (equal as
     * Spark's grouping compares strings: same bytes), when every partition has at most {@link
     * #VALUES_PER_PARTITION} of them.
     */
    static Sketch values(Column key) {
      return new Sketch(key.cast(DataTypes.StringType), Kind.VALUES, 0);
    }

    /**
     * Its exact number of distinct non-NULL values and of non-NULL values (a {@link
     * ValueCounts.Distinct}), for an INT, BIGINT, DATE or TIMESTAMP column ({@link #exactCounts}):
     * each partition's distinct values sorted, merged on the driver (8 bytes a value; for a
     * bounded number of rows), rather than a shuffle of every value.
     */
    static Sketch exactDistinct(Column value) {
      return new Sketch(value, Kind.EXACT_DISTINCT, 0);
    }

    boolean quantiles() {
      return kind == Kind.QUANTILES;
    }
  }

  /** Whether a value of this type is a DECIMAL whose unscaled value is a long (at most 18 digits). */
  private static boolean compactDecimal(DataType type) {
    return type instanceof DecimalType d && d.precision() <= org.apache.spark.sql.types.Decimal.MAX_LONG_DIGITS();
  }

  /**
   * A compact DECIMAL's value as the DOUBLE Spark's cast gives ({@code Decimal.toDouble}: the
   * double nearest the exact value of the same unscaled long and scale).
   */
  private static double toDouble(InternalRow row, int i, DecimalType type) {
    long unscaled = row.getDecimal(i, type.precision(), type.scale()).toUnscaledLong();
    return java.math.BigDecimal.valueOf(unscaled, type.scale()).doubleValue();
  }

  /** Whether {@link Sketch#exactDistinct} can count values of this type (their equality is the long's). */
  static boolean exactCounts(DataType type) {
    return type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)
        || type.equals(DataTypes.DateType) || type.equals(DataTypes.TimestampType);
  }

  /**
   * The counts of a {@link Sketch#values} column's distinct values: {@code keys[j]} was seen
   * {@code counts[j]} times (in no particular order).
   */
  record Tally(UTF8String[] keys, long[] counts) {}

  /**
   * The results, in the order of the sketches asked: a distinct count (Long), the values at the
   * ranks asked (double[], null when the column had no non-NULL value), exact counts
   * ({@link ValueCounts.Distinct}), bin counts (long[]) or value counts ({@link Tally}).
   */
  record Sketched(List<Object> values) {
    /** The bins' counts, or null when some row's bin was out of range. */
    long[] bins(int i) {
      return (long[]) values.get(i);
    }

    /** The values' counts, or null when a partition had too many distinct values. */
    Tally values(int i) {
      return (Tally) values.get(i);
    }

    long distinct(int i) {
      return (Long) values.get(i);
    }

    double[] quantiles(int i) {
      return (double[]) values.get(i);
    }

    ValueCounts.Distinct exact(int i) {
      return (ValueCounts.Distinct) values.get(i);
    }
  }

  private ColumnSketches() {}

  /** The sketches of {@code sketches} over {@code rows} (persisted by the caller): one job. */
  static Sketched of(Dataset<Row> rows, List<Sketch> sketches, double rsd, int accuracy, double[] ranks) {
    if (sketches.isEmpty()) {
      return new Sketched(List.of());
    }
    Column[] values = new Column[sketches.size()];
    Kind[] kinds = new Kind[sketches.size()];
    int[] bins = new int[sketches.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = sketches.get(i).value().as("v" + i);
      kinds[i] = sketches.get(i).kind();
      bins[i] = sketches.get(i).bins();
    }
    // a digest's values as DOUBLE: cast by Spark, except a DECIMAL of a long's digits, which the
    // loop converts itself (the cast goes through a Scala BigDecimal and a BigInt a value)
    StructField[] raw = rows.select(values).schema().fields();
    for (int i = 0; i < values.length; i++) {
      if (kinds[i] == Kind.QUANTILES && !compactDecimal(raw[i].dataType())) {
        values[i] = sketches.get(i).value().cast(DataTypes.DoubleType).as("v" + i);
      }
    }
    Dataset<Row> input = rows.select(values);
    DataType[] types = new DataType[values.length];
    StructField[] fields = input.schema().fields();
    for (int i = 0; i < types.length; i++) {
      types[i] = fields[i].dataType();
    }
    List<Partition> partials = input.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new Loop(types, kinds, bins, rsd, accuracy)).collect();
    HyperLogLogPlusPlusHelper hll = new HyperLogLogPlusPlusHelper(rsd);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (kinds[i] == Kind.BINS) {
        long[] counts = new long[bins[i]];
        for (Partition p : partials) {
          if (p.registers()[i] == null) {
            counts = null;
            break;
          }
          for (int b = 0; b < counts.length; b++) {
            counts[b] += p.registers()[i][b];
          }
        }
        out.add(counts);
      } else if (kinds[i] == Kind.VALUES) {
        out.add(tally(partials, i));
      } else if (kinds[i] == Kind.EXACT_DISTINCT) {
        long nonNull = 0;
        int size = 0;
        for (Partition p : partials) {
          nonNull += p.counts()[i];
          size += p.registers()[i].length;
        }
        long[] all = new long[size];
        int at = 0;
        for (Partition p : partials) {
          System.arraycopy(p.registers()[i], 0, all, at, p.registers()[i].length);
          at += p.registers()[i].length;
        }
        long distinct = distinctOfSorted(all, size, true);
        out.add(new ValueCounts.Distinct(distinct, nonNull - distinct));
      } else if (kinds[i] == Kind.QUANTILES) {
        ApproximatePercentile.PercentileDigest digest = null;
        for (Partition p : partials) {
          ApproximatePercentile.PercentileDigest d = SERIALIZER.deserialize(p.digests()[i]);
          if (digest == null) {
            digest = d;
          } else {
            digest.merge(d);
          }
        }
        out.add(digest == null || digest.quantileSummaries().count() == 0 ? null : percentiles(digest, ranks));
      } else {
        SpecificInternalRow merged = registers(hll.numWords());
        SpecificInternalRow other = registers(hll.numWords());
        for (Partition p : partials) {
          long[] words = p.registers()[i];
          for (int w = 0; w < words.length; w++) {
            other.setLong(w, words[w]);
          }
          hll.merge(merged, other, 0, 0);
        }
        out.add(hll.query(merged, 0));
      }
    }
    return new Sketched(out);
  }

  /** The partitions' counts of column {@code i}'s values merged, or null when one gave them up. */
  private static Tally tally(List<Partition> partials, int i) {
    java.util.HashMap<UTF8String, long[]> merged = new java.util.HashMap<>();
    for (Partition p : partials) {
      if (p.keys()[i] == null) {
        return null;
      }
      byte[][] keys = p.keys()[i];
      long[] counts = p.registers()[i];
      for (int j = 0; j < keys.length; j++) {
        merged.computeIfAbsent(UTF8String.fromBytes(keys[j]), k -> new long[1])[0] += counts[j];
      }
    }
    UTF8String[] keys = new UTF8String[merged.size()];
    long[] counts = new long[merged.size()];
    int j = 0;
    for (java.util.Map.Entry<UTF8String, long[]> e : merged.entrySet()) {
      keys[j] = e.getKey();
      counts[j++] = e.getValue()[0];
    }
    return new Tally(keys, counts);
  }

  /** The number of distinct values among the first {@code n} of {@code values} (sorted first when asked). */
  private static int distinctOfSorted(long[] values, int n, boolean sort) {
    if (sort) {
      java.util.Arrays.sort(values, 0, n);
    }
    int distinct = 0;
    for (int j = 0; j < n; j++) {
      if (j == 0 || values[j] != values[j - 1]) {
        values[distinct++] = values[j];
      }
    }
    return distinct;
  }

  private static final ApproximatePercentile.PercentileDigestSerializer SERIALIZER =
      ApproximatePercentile.serializer();

  private static double[] percentiles(ApproximatePercentile.PercentileDigest digest, double[] ranks) {
    List<Object> values = JavaConverters.seqAsJavaList(digest.getPercentiles(ranks));
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).doubleValue();
    }
    return out;
  }

  /** HyperLogLog++ registers, all zero (as the aggregate initializes them). */
  private static SpecificInternalRow registers(int words) {
    StructField[] f = new StructField[words];
    for (int w = 0; w < words; w++) {
      f[w] = DataTypes.createStructField("w" + w, DataTypes.LongType, false);
    }
    SpecificInternalRow row = new SpecificInternalRow(new StructType(f));
    for (int w = 0; w < words; w++) {
      row.setLong(w, 0L);
    }
    return row;
  }

  /**
   * One partition's sketches: per column its registers (distinct), its distinct values sorted and
   * non-NULL count (exact distinct), serialized digest (quantiles), bin counts (bins; null when out
   * of range) or distinct values and their counts (values; null when too many).
   */
  static final class Partition implements Serializable {
    private static final long serialVersionUID = 1L;
    // (a class, not a record: Spark's Kryo serializer cannot build records)
    private long[][] registers;
    private byte[][] digests;
    private long[] counts;
    private byte[][][] keys;

    Partition() {}

    Partition(long[][] registers, byte[][] digests, long[] counts, byte[][][] keys) {
      this.registers = registers;
      this.digests = digests;
      this.counts = counts;
      this.keys = keys;
    }

    /** Per values column its distinct values' UTF-8 bytes (their counts in {@link #registers()}), null when given up. */
    byte[][][] keys() {
      return keys;
    }

    long[] counts() {
      return counts;
    }

    long[][] registers() {
      return registers;
    }

    byte[][] digests() {
      return digests;
    }
  }

  /** The first {@code count} of {@code values}, sorted, added to {@code digest}. */
  private static void addSorted(ApproximatePercentile.PercentileDigest digest, double[] values, int count) {
    // (the order of Double.compare, the digest's own: -0.0 before 0.0, NaN last)
    java.util.Arrays.sort(values, 0, count);
    for (int j = 0; j < count; j++) {
      digest.add(values[j]);
    }
  }

  private static final int LONG = 1;
  private static final int INT = 2;
  private static final int DECIMAL = 3;
  private static final int STRING = 4;
  private static final int DOUBLE = 5;

  /** How {@link #value} reads a value of this type. */
  private static int getter(DataType type) {
    if (type.equals(DataTypes.LongType) || type.equals(DataTypes.TimestampType)) {
      return LONG;
    } else if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.DateType)) {
      return INT;
    } else if (type instanceof DecimalType) {
      return DECIMAL;
    } else if (type.equals(DataTypes.StringType)) {
      return STRING;
    } else if (type.equals(DataTypes.DoubleType)) {
      return DOUBLE;
    }
    return 0;
  }

  /**
   * The non-NULL value {@code row.get(i, type)} gives (the same object), read by its type's own
   * getter rather than through the generic one's lookup of the type for every value.
   */
  private static Object value(InternalRow row, int i, int getter, DataType type) {
    switch (getter) {
      case LONG:
        return row.getLong(i);
      case INT:
        return row.getInt(i);
      case DECIMAL:
        return row.getDecimal(i, ((DecimalType) type).precision(), ((DecimalType) type).scale());
      case STRING:
        return row.getUTF8String(i);
      case DOUBLE:
        return row.getDouble(i);
      default:
        return row.get(i, type);
    }
  }

  /** The loop over one partition's rows. */
  private static final class Loop implements FlatMapFunction<java.util.Iterator<InternalRow>, Partition> {
    private final DataType[] types;
    private final Kind[] kinds;
    private final int[] bins;
    private final double rsd;
    private final int accuracy;

    Loop(DataType[] types, Kind[] kinds, int[] bins, double rsd, int accuracy) {
      this.types = types;
      this.kinds = kinds;
      this.bins = bins;
      this.rsd = rsd;
      this.accuracy = accuracy;
    }

    @Override
    public java.util.Iterator<Partition> call(java.util.Iterator<InternalRow> rows) {
      int n = types.length;
      HyperLogLogPlusPlusHelper hll = new HyperLogLogPlusPlusHelper(rsd);
      int words = hll.numWords();
      // every distinct column's registers side by side in one row (column i at offset i * words)
      SpecificInternalRow registers = registers(words * n);
      ApproximatePercentile.PercentileDigest[] digests = new ApproximatePercentile.PercentileDigest[n];
      long[][] exact = new long[n][];
      boolean[] ints = new boolean[n];
      long[] counts = new long[n];
      long[][] binned = new long[n][];
      @SuppressWarnings("unchecked")
      java.util.HashMap<UTF8String, long[]>[] tallies = new java.util.HashMap[n];
      boolean[] givenUp = new boolean[n];
      for (int i = 0; i < n; i++) {
        if (kinds[i] == Kind.BINS) {
          binned[i] = new long[bins[i]];
        } else if (kinds[i] == Kind.VALUES) {
          tallies[i] = new java.util.HashMap<>();
        } else if (kinds[i] == Kind.QUANTILES) {
          digests[i] = new ApproximatePercentile.PercentileDigest(1.0 / accuracy);
        } else if (kinds[i] == Kind.EXACT_DISTINCT) {
          exact[i] = new long[1024];
          ints[i] = types[i].equals(DataTypes.IntegerType) || types[i].equals(DataTypes.DateType);
        }
      }
      // A digest's values go in by blocks of its head buffer's size, each sorted first: the digest
      // sorts each such block itself (boxed, several times slower than sorting doubles) before
      // merging it, so the same blocks sorted give the same digest, and its sort of a sorted block
      // is one pass.
      int block = QuantileSummaries$.MODULE$.defaultHeadSize();
      double[][] pending = new double[n][];
      int[] pendingCount = new int[n];
      int[] getters = new int[n];
      DecimalType[] decimals = new DecimalType[n];
      for (int i = 0; i < n; i++) {
        if (digests[i] != null) {
          pending[i] = new double[block];
          decimals[i] = compactDecimal(types[i]) ? (DecimalType) types[i] : null;
        }
        getters[i] = getter(types[i]);
      }
      while (rows.hasNext()) {
        InternalRow row = rows.next();
        for (int i = 0; i < n; i++) {
          if (row.isNullAt(i)) {
            continue;
          }
          if (digests[i] != null) {
            pending[i][pendingCount[i]++] = decimals[i] != null ? toDouble(row, i, decimals[i]) : row.getDouble(i);
            if (pendingCount[i] == block) {
              addSorted(digests[i], pending[i], block);
              pendingCount[i] = 0;
            }
          } else if (binned[i] != null) {
            long b = row.getLong(i);
            if (b >= 0 && b < binned[i].length) {
              binned[i][(int) b]++;
            } else {
              givenUp[i] = true;
            }
          } else if (tallies[i] != null) {
            if (!givenUp[i]) {
              UTF8String key = row.getUTF8String(i);
              long[] c = tallies[i].get(key);
              if (c != null) {
                c[0]++;
              } else if (tallies[i].size() < VALUES_PER_PARTITION) {
                tallies[i].put(key.copy(), new long[] {1});
              } else {
                givenUp[i] = true;
                tallies[i].clear();
              }
            }
          } else if (exact[i] != null) {
            int at = (int) counts[i]++;
            if (at == exact[i].length) {
              exact[i] = java.util.Arrays.copyOf(exact[i], at * 2);
            }
            exact[i][at] = ints[i] ? row.getInt(i) : row.getLong(i);
          } else {
            hll.update(registers, i * words, value(row, i, getters[i], types[i]), types[i]);
          }
        }
      }
      for (int i = 0; i < n; i++) {
        if (digests[i] != null) {
          addSorted(digests[i], pending[i], pendingCount[i]);
        }
      }
      long[][] out = new long[n][];
      byte[][] serialized = new byte[n][];
      byte[][][] keys = new byte[n][][];
      for (int i = 0; i < n; i++) {
        if (binned[i] != null) {
          out[i] = givenUp[i] ? null : binned[i];
        } else if (tallies[i] != null) {
          if (!givenUp[i]) {
            keys[i] = new byte[tallies[i].size()][];
            out[i] = new long[tallies[i].size()];
            int j = 0;
            for (java.util.Map.Entry<UTF8String, long[]> e : tallies[i].entrySet()) {
              keys[i][j] = e.getKey().getBytes();
              out[i][j++] = e.getValue()[0];
            }
          }
        } else if (digests[i] != null) {
          serialized[i] = SERIALIZER.serialize(digests[i]);
        } else if (exact[i] != null) {
          out[i] = java.util.Arrays.copyOf(exact[i], distinctOfSorted(exact[i], (int) counts[i], true));
        } else {
          out[i] = new long[words];
          for (int w = 0; w < words; w++) {
            out[i][w] = registers.getLong(i * words + w);
          }
        }
      }
      return List.of(new Partition(out, serialized, counts, keys)).iterator();
    }
  }
}
