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
  /** One column to sketch: {@code value} a column expression over the rows. */
  record Sketch(Column value, boolean quantiles) {
    /** Its HyperLogLog++ distinct count. */
    static Sketch distinct(Column value) {
      return new Sketch(value, false);
    }

    /** Its percentile digest (the value cast to DOUBLE, as percentile_approx of a DOUBLE). */
    static Sketch quantiles(Column value) {
      return new Sketch(value.cast(DataTypes.DoubleType), true);
    }
  }

  /**
   * The results, in the order of the sketches asked: a distinct count (Long) or the values at the
   * ranks asked (double[], null when the column had no non-NULL value).
   */
  record Sketched(List<Object> values) {
    long distinct(int i) {
      return (Long) values.get(i);
    }

    double[] quantiles(int i) {
      return (double[]) values.get(i);
    }
  }

  private ColumnSketches() {}

  /** The sketches of {@code sketches} over {@code rows} (persisted by the caller): one job. */
  static Sketched of(Dataset<Row> rows, List<Sketch> sketches, double rsd, int accuracy, double[] ranks) {
    if (sketches.isEmpty()) {
      return new Sketched(List.of());
    }
    Column[] values = new Column[sketches.size()];
    boolean[] quantiles = new boolean[sketches.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = sketches.get(i).value().as("v" + i);
      quantiles[i] = sketches.get(i).quantiles();
    }
    Dataset<Row> input = rows.select(values);
    DataType[] types = new DataType[values.length];
    StructField[] fields = input.schema().fields();
    for (int i = 0; i < types.length; i++) {
      types[i] = fields[i].dataType();
    }
    List<Partition> partials = input.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new Loop(types, quantiles, rsd, accuracy)).collect();
    HyperLogLogPlusPlusHelper hll = new HyperLogLogPlusPlusHelper(rsd);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (quantiles[i]) {
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

  /** One partition's sketches: per column its registers (distinct) or serialized digest (quantiles). */
  static final class Partition implements Serializable {
    private static final long serialVersionUID = 1L;
    // (a class, not a record: Spark's Kryo serializer cannot build records)
    private long[][] registers;
    private byte[][] digests;

    Partition() {}

    Partition(long[][] registers, byte[][] digests) {
      this.registers = registers;
      this.digests = digests;
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
    private final boolean[] quantiles;
    private final double rsd;
    private final int accuracy;

    Loop(DataType[] types, boolean[] quantiles, double rsd, int accuracy) {
      this.types = types;
      this.quantiles = quantiles;
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
      for (int i = 0; i < n; i++) {
        if (quantiles[i]) {
          digests[i] = new ApproximatePercentile.PercentileDigest(1.0 / accuracy);
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
        } else {
          out[i] = new long[words];
          for (int w = 0; w < words; w++) {
            out[i][w] = registers.getLong(i * words + w);
          }
        }
      }
      return List.of(new Partition(out, serialized)).iterator();
    }
  }
}
