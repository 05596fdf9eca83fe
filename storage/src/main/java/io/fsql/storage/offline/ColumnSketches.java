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
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The sketches of columns' values, in one Spark job over persisted rows: per column either Spark's
 * HyperLogLog++ distinct count or its percentile digest, the very structures (and so the very
 * results) of {@code approx_count_distinct(c, rsd)} and {@code percentile_approx(c, ranks,
 * accuracy)}, but updated in a plain loop over each partition's rows and merged on the driver.
 * In an aggregation beside other aggregates they cost several times more (Spark does not
 * generate code for them, so every other aggregate of that pass is interpreted too).
 *
 * <p>NULL values are left out, as those aggregates leave them out.
 */
final class ColumnSketches {
  /** What is computed of a column. */
  enum Kind { DISTINCT, QUANTILES, EXACT_DISTINCT }

  /** One column to sketch: {@code value} a column expression over the rows. */
  record Sketch(Column value, Kind kind) {
    /** Its HyperLogLog++ distinct count. */
    static Sketch distinct(Column value) {
      return new Sketch(value, Kind.DISTINCT);
    }

    /** Its percentile digest (the value cast to DOUBLE, as percentile_approx of a DOUBLE). */
    static Sketch quantiles(Column value) {
      return new Sketch(value.cast(DataTypes.DoubleType), Kind.QUANTILES);
    }

    /**
     * Its exact number of distinct non-NULL values and of non-NULL values (a {@link
     * ValueCounts.Distinct}), for an INT, BIGINT, DATE or TIMESTAMP column ({@link #exactCounts}):
     * each partition's distinct values sorted, merged on the driver (8 bytes a value; for a
     * bounded number of rows), rather than a shuffle of every value.
     */
    static Sketch exactDistinct(Column value) {
      return new Sketch(value, Kind.EXACT_DISTINCT);
    }

    boolean quantiles() {
      return kind == Kind.QUANTILES;
    }
  }

  /** Whether {@link Sketch#exactDistinct} can count values of this type (their equality is the long's). */
  static boolean exactCounts(DataType type) {
    return type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)
        || type.equals(DataTypes.DateType) || type.equals(DataTypes.TimestampType);
  }

  /**
   * The results, in the order of the sketches asked: a distinct count (Long), the values at the
   * ranks asked (double[], null when the column had no non-NULL value) or exact counts
   * ({@link ValueCounts.Distinct}).
   */
  record Sketched(List<Object> values) {
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
    for (int i = 0; i < values.length; i++) {
      values[i] = sketches.get(i).value().as("v" + i);
      kinds[i] = sketches.get(i).kind();
    }
    Dataset<Row> input = rows.select(values);
    DataType[] types = new DataType[values.length];
    StructField[] fields = input.schema().fields();
    for (int i = 0; i < types.length; i++) {
      types[i] = fields[i].dataType();
    }
    List<Partition> partials = input.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new Loop(types, kinds, rsd, accuracy)).collect();
    HyperLogLogPlusPlusHelper hll = new HyperLogLogPlusPlusHelper(rsd);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (kinds[i] == Kind.EXACT_DISTINCT) {
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
   * non-NULL count (exact distinct) or serialized digest (quantiles).
   */
  static final class Partition implements Serializable {
    private static final long serialVersionUID = 1L;
    // (a class, not a record: Spark's Kryo serializer cannot build records)
    private long[][] registers;
    private byte[][] digests;
    private long[] counts;

    Partition() {}

    Partition(long[][] registers, byte[][] digests, long[] counts) {
      this.registers = registers;
      this.digests = digests;
      this.counts = counts;
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

  /** The loop over one partition's rows. */
  private static final class Loop implements FlatMapFunction<java.util.Iterator<InternalRow>, Partition> {
    private final DataType[] types;
    private final Kind[] kinds;
    private final double rsd;
    private final int accuracy;

    Loop(DataType[] types, Kind[] kinds, double rsd, int accuracy) {
      this.types = types;
      this.kinds = kinds;
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
      for (int i = 0; i < n; i++) {
        if (kinds[i] == Kind.QUANTILES) {
          digests[i] = new ApproximatePercentile.PercentileDigest(1.0 / accuracy);
        } else if (kinds[i] == Kind.EXACT_DISTINCT) {
          exact[i] = new long[1024];
          ints[i] = types[i].equals(DataTypes.IntegerType) || types[i].equals(DataTypes.DateType);
        }
      }
      while (rows.hasNext()) {
        InternalRow row = rows.next();
        for (int i = 0; i < n; i++) {
          if (row.isNullAt(i)) {
            continue;
          }
          if (digests[i] != null) {
            digests[i].add(row.getDouble(i));
          } else if (exact[i] != null) {
            int at = (int) counts[i]++;
            if (at == exact[i].length) {
              exact[i] = java.util.Arrays.copyOf(exact[i], at * 2);
            }
            exact[i][at] = ints[i] ? row.getInt(i) : row.getLong(i);
          } else {
            hll.update(registers, i * words, row.get(i, types[i]), types[i]);
          }
        }
      }
      long[][] out = new long[n][];
      byte[][] serialized = new byte[n][];
      for (int i = 0; i < n; i++) {
        if (digests[i] != null) {
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
      return List.of(new Partition(out, serialized, counts)).iterator();
    }
  }
}
