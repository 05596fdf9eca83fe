package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Exact counts of values in one Spark job over a set of rows: one aggregation by (set, entry,
 * value) of every row's values, then per entry either its most frequent values (a histogram's bins,
 * a column's top values) or only how many distinct values it has and how many repeat. The two
 * kinds share the job's one scan and shuffle.
 */
final class ValueCounts {
  private ValueCounts() {}

  /**
   * An entry whose {@code keep} most frequent non-NULL values (ties by value) come back:
   * {@code key} is a string column (NULL for a row that does not count).
   */
  record Ranked(int entry, Column key) {}

  /** A distinct entry's results: distinct non-NULL values, and non-NULL values minus that. */
  record Distinct(long values, long repeats) {}

  /**
   * The counts. {@code ranked} rows are (set int, entry int, value string, count long, rank int,
   * values long: how many distinct values the entry has in the set, least and greatest value
   * string: of all its values in the set, in Spark's string order), at most {@code keep} per set
   * and entry; {@code distinct} follows the order of the columns asked.
   */
  record Counted(List<Row> ranked, List<Distinct> distinct) {}

  /**
   * Counts over {@code rows}: the ranked entries per set (the integer column {@code setOf}, rows
   * where it is NULL left out), and for each of {@code distinctOf} (over all rows of set 0; only
   * with one set) its distinct values, each compared as Spark's own grouping compares them.
   */
  static Counted of(Dataset<Row> rows, Column setOf, List<Ranked> ranked, int keep, List<Column> distinctOf) {
    if (ranked.isEmpty() && distinctOf.isEmpty()) {
      return new Counted(List.of(), List.of());
    }
    Dataset<Row> typed = rows.where(setOf.isNotNull());
    List<DataType> types = new ArrayList<>();
    for (Column d : distinctOf) {
      types.add(typed.select(d).schema().fields()[0].dataType());
    }
    // One entry per ranked key and per distinct column: (e, k, u0..un): a ranked entry's value is
    // k (u* NULL), the i-th distinct column's is ui (its own type, so that its values compare as
    // COUNT(DISTINCT) compares them), under entry -1 - i.
    List<Column> entries = new ArrayList<>();
    for (Ranked r : ranked) {
      entries.add(entry(lit(r.entry()), r.key(), -1, null, types));
    }
    for (int i = 0; i < distinctOf.size(); i++) {
      entries.add(entry(lit(-1 - i), lit(null).cast(DataTypes.StringType), i, distinctOf.get(i), types));
    }
    Column present = col("e.k").isNotNull();
    List<Column> groupBy = new ArrayList<>(List.of(col("s"), col("e.c").as("c"), col("e.k").as("k")));
    for (int i = 0; i < types.size(); i++) {
      present = present.or(col("e.u" + i).isNotNull());
      groupBy.add(col("e.u" + i).as("u" + i));
    }
    Dataset<Row> counts = typed
        .select(setOf.as("s"), explode(array(entries.toArray(new Column[0]))).as("e"))
        .where(present)
        .groupBy(groupBy.toArray(new Column[0]))
        .count();
    Dataset<Row> out = null;
    if (!ranked.isEmpty()) {
      out = counts.where(col("c").geq(0))
          .withColumn("r", row_number().over(
              Window.partitionBy(col("s"), col("c")).orderBy(col("count").desc(), col("k").asc())))
          .withColumn("t", count(lit(1)).over(Window.partitionBy(col("s"), col("c"))))
          .withColumn("lo", min(col("k")).over(Window.partitionBy(col("s"), col("c"))))
          .withColumn("hi", max(col("k")).over(Window.partitionBy(col("s"), col("c"))))
          .where(col("r").leq(keep))
          .select(col("s"), col("c"), col("k"), col("count"), col("r"), col("t"), col("lo"), col("hi"));
    }
    if (!distinctOf.isEmpty()) {
      Dataset<Row> d = counts.where(col("c").lt(0))
          .groupBy(col("s"), col("c"))
          .agg(count(lit(1)).as("count"), sum(col("count")).as("t"))
          .select(col("s"), col("c"), lit(null).cast(DataTypes.StringType).as("k"), col("count"),
              lit(null).cast(DataTypes.IntegerType).as("r"), col("t"),
              lit(null).cast(DataTypes.StringType).as("lo"), lit(null).cast(DataTypes.StringType).as("hi"));
      out = out == null ? d : out.union(d);
    }
    List<Row> top = new ArrayList<>();
    long[][] distinct = new long[distinctOf.size()][2];
    for (Row r : out.collectAsList()) {
      int entry = r.getInt(1);
      if (entry >= 0) {
        top.add(r);
      } else {
        distinct[-1 - entry][0] = r.getLong(3);
        distinct[-1 - entry][1] = r.getLong(5) - r.getLong(3);
      }
    }
    List<Distinct> found = new ArrayList<>();
    for (long[] d : distinct) {
      found.add(new Distinct(d[0], d[1]));
    }
    return new Counted(top, found);
  }

  /**
   * The rows {@link #of} returns for one set and ranked entry, from counts made elsewhere: {@code
   * counts[j]} rows had the value {@code keys[j]} (distinct keys, counts above zero, any order).
   * The same ranking: by count descending, ties by value in Spark's string order (its bytes').
   */
  static List<Row> rank(int set, int entry, UTF8String[] keys, long[] counts, int keep) {
    Integer[] order = new Integer[keys.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (x, y) -> counts[x] != counts[y] ? Long.compare(counts[y], counts[x])
        : keys[x].compareTo(keys[y]));
    UTF8String lo = null;
    UTF8String hi = null;
    for (UTF8String k : keys) {
      lo = lo == null || k.compareTo(lo) < 0 ? k : lo;
      hi = hi == null || k.compareTo(hi) > 0 ? k : hi;
    }
    List<Row> out = new ArrayList<>();
    for (int r = 0; r < Math.min(keep, order.length); r++) {
      int j = order[r];
      out.add(RowFactory.create(set, entry, keys[j].toString(), counts[j], r + 1, (long) keys.length,
          lo.toString(), hi.toString()));
    }
    return out;
  }

  private static Column entry(Column entry, Column key, int distinct, Column value, List<DataType> types) {
    List<Column> fields = new ArrayList<>(List.of(entry.as("c"), key.as("k")));
    for (int i = 0; i < types.size(); i++) {
      fields.add((i == distinct ? value.cast(types.get(i)) : lit(null).cast(types.get(i))).as("u" + i));
    }
    return struct(fields.toArray(new Column[0]));
  }
}
