package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.stats.ColumnStatistics;
import io.fsql.planner.stats.DriftProfileJson;
import io.fsql.planner.stats.StatisticsJson;
import io.fsql.planner.stats.StatisticsSpec;
import io.fsql.sql.tree.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The descriptive statistics of columns (see {@link ColumnStatistics}) over rows that are already
 * persisted, in two passes. The first is one row-level aggregation, {@link #aggregates()}, which
 * callers run in a {@code df.agg(...)} (or {@code groupBy(split).agg(...)}) of their own beside
 * other aggregates and read back with {@link #read(Row, int)}: row count, NULLs, HyperLogLog distinct
 * count, min, max, mean, standard deviation and quantiles. The second, {@link #complete}, is one
 * more job over the same persisted rows for what needs the first's min and max or exact counts per
 * value: equal-width histograms and top values. A second pass rather than a sketch because the bins
 * then hold exact counts (a quantile sketch only bounds them), and it reads the persisted rows
 * with one small shuffle of (column, bin or value) counts.
 */
final class DescriptiveStatistics {
  private enum Role { NUMERIC, CATEGORICAL, ORDERED }

  private record Target(String name, ColumnType type, Role role) {}

  /** The first pass's results for one column. */
  record Partial(long rows, long nulls, Long distinct, String min, String max, Double low, Double high,
      Double mean, Double stddev, String quantiles, String driftProfile) {}

  private final List<Target> targets = new ArrayList<>();

  /** Statistics of these columns (name and type), in this order. */
  DescriptiveStatistics(List<io.fsql.planner.catalog.Column> columns) {
    for (io.fsql.planner.catalog.Column c : columns) {
      DataType.Kind k = c.type().kind();
      Role role = switch (k) {
        case INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> Role.NUMERIC;
        case VARCHAR, BOOLEAN -> Role.CATEGORICAL;
        default -> Role.ORDERED;
      };
      targets.add(new Target(c.name(), c.type(), role));
    }
  }

  /** How many values {@link #aggregates()} adds to an aggregation row. */
  int width() {
    int w = 1;
    for (Target t : targets) {
      w += t.role() == Role.NUMERIC ? 9 : 4;
    }
    return w;
  }

  /** The first pass's aggregate columns, {@link #width()} of them. */
  List<Column> aggregates() {
    List<Column> a = new ArrayList<>();
    a.add(count(lit(1)));
    // one percentile_approx for the named quantiles and the drift profile: ranks 0, 1/100, ..., 1
    // (each named quantile is one of them, and its value does not depend on the others asked for)
    Column[] ranks = new Column[DriftProfileJson.QUANTILE_STEPS + 1];
    for (int j = 0; j < ranks.length; j++) {
      ranks[j] = lit((double) j / DriftProfileJson.QUANTILE_STEPS);
    }
    Column probabilities = array(ranks);
    for (Target t : targets) {
      Column c = col(t.name());
      a.add(count(c));
      a.add(approx_count_distinct(c, StatisticsSpec.DISTINCT_RSD));
      a.add(min(c).cast(DataTypes.StringType));
      a.add(max(c).cast(DataTypes.StringType));
      if (t.role() == Role.NUMERIC) {
        Column d = c.cast(DataTypes.DoubleType);
        a.add(min(d));
        a.add(max(d));
        a.add(avg(d));
        a.add(stddev_samp(d));
        a.add(percentile_approx(d, probabilities, lit(StatisticsSpec.QUANTILE_ACCURACY)));
      }
    }
    return a;
  }

  /** The first pass's results, from the {@link #width()} values of {@code row} at {@code offset}. */
  List<Partial> read(Row row, int offset) {
    int i = offset;
    long rows = row.getLong(i++);
    List<Partial> out = new ArrayList<>();
    for (Target t : targets) {
      long nonNull = row.getLong(i++);
      Long distinct = row.isNullAt(i) ? null : row.getLong(i);
      i++;
      String lo = row.isNullAt(i) ? null : row.getString(i);
      i++;
      String hi = row.isNullAt(i) ? null : row.getString(i);
      i++;
      if (t.role() != Role.NUMERIC) {
        out.add(new Partial(rows, rows - nonNull, distinct, lo, hi, null, null, null, null, null, null));
        continue;
      }
      Double low = number(row, i++);
      Double high = number(row, i++);
      Double mean = number(row, i++);
      Double stddev = number(row, i++);
      String quantiles = null;
      String profile = DriftProfileJson.numeric(0, List.of());
      if (!row.isNullAt(i)) {
        List<Object> values = row.getList(i);
        List<Double> all = new ArrayList<>();
        for (Object v : values) {
          all.add(v == null ? null : ((Number) v).doubleValue());
        }
        List<Double> q = new ArrayList<>();
        for (double p : StatisticsSpec.QUANTILES) {
          q.add(all.get((int) Math.round(p * DriftProfileJson.QUANTILE_STEPS)));
        }
        quantiles = StatisticsJson.quantiles(q);
        profile = all.stream().allMatch(v -> v != null && !v.isNaN() && !v.isInfinite())
            ? DriftProfileJson.numeric(nonNull, all) : null;
      }
      i++;
      out.add(new Partial(rows, rows - nonNull, distinct, lo, hi, low, high, mean, stddev, quantiles, profile));
    }
    return out;
  }

  private static Double number(Row row, int i) {
    if (row.isNullAt(i)) {
      return null;
    }
    double d = ((Number) row.get(i)).doubleValue();
    return Double.isNaN(d) ? null : d;
  }

  /**
   * The second pass over {@code rows} and the complete statistics. {@code group} names an integer
   * column that splits the rows into sets (a dataset's split), or is null for one set, numbered 0;
   * {@code partials} are the first pass's results by set.
   */
  Map<Integer, List<ColumnStatistics>> complete(Dataset<Row> rows, String group, Map<Integer, List<Partial>> partials) {
    Column setOf = group == null ? lit(0) : col(group);
    List<Column> entries = new ArrayList<>();
    for (int c = 0; c < targets.size(); c++) {
      Target t = targets.get(c);
      Column key;
      if (t.role() == Role.NUMERIC) {
        Column low = null;
        Column high = null;
        for (Map.Entry<Integer, List<Partial>> e : partials.entrySet()) {
          Partial p = e.getValue().get(c);
          if (p.low() == null) {
            continue;
          }
          Column lo = lit(p.low());
          Column hi = lit(p.high());
          if (group == null) {
            low = lo;
            high = hi;
            continue;
          }
          low = low == null ? when(setOf.equalTo(e.getKey()), lo) : low.when(setOf.equalTo(e.getKey()), lo);
          high = high == null ? when(setOf.equalTo(e.getKey()), hi) : high.when(setOf.equalTo(e.getKey()), hi);
        }
        if (low == null) {
          continue;
        }
        Column x = col(t.name()).cast(DataTypes.DoubleType);
        Column bins = lit((double) StatisticsSpec.HISTOGRAM_BINS);
        // (least() skips NULLs: a NULL value must stay out of the last bin)
        key = when(x.isNull(), lit(null).cast(DataTypes.StringType))
            .when(high.equalTo(low), lit("0"))
            .otherwise(least(floor(x.minus(low).multiply(bins).divide(high.minus(low))),
                lit((long) StatisticsSpec.HISTOGRAM_BINS - 1)).cast(DataTypes.StringType));
      } else if (t.role() == Role.CATEGORICAL) {
        key = col(t.name()).cast(DataTypes.StringType);
      } else {
        continue;
      }
      entries.add(struct(lit(c).as("c"), key.as("k")));
    }
    Map<Integer, Map<Integer, List<Row>>> counted = new HashMap<>();
    if (!entries.isEmpty()) {
      Dataset<Row> counts = rows.where(setOf.isNotNull())
          .select(setOf.as("s"), explode(array(entries.toArray(new Column[0]))).as("e"))
          .where(col("e.k").isNotNull())
          .groupBy(col("s"), col("e.c").as("c"), col("e.k").as("k"))
          .count();
      int keep = Math.max(Math.max(StatisticsSpec.HISTOGRAM_BINS, StatisticsSpec.TOP_VALUES),
          DriftProfileJson.TOP_VALUES);
      Dataset<Row> top = counts.withColumn("r", row_number().over(
              Window.partitionBy(col("s"), col("c")).orderBy(col("count").desc(), col("k").asc())))
          .where(col("r").leq(keep));
      for (Row r : top.collectAsList()) {
        counted.computeIfAbsent(r.getInt(0), k -> new HashMap<>())
            .computeIfAbsent(r.getInt(1), k -> new ArrayList<>()).add(r);
      }
    }
    Map<Integer, List<ColumnStatistics>> out = new TreeMap<>();
    for (Map.Entry<Integer, List<Partial>> e : partials.entrySet()) {
      List<ColumnStatistics> columns = new ArrayList<>();
      for (int c = 0; c < targets.size(); c++) {
        Target t = targets.get(c);
        Partial p = e.getValue().get(c);
        List<Row> values = counted.getOrDefault(e.getKey(), Map.of()).getOrDefault(c, List.of());
        String histogram = null;
        String topValues = null;
        String profile = p.driftProfile();
        if (t.role() == Role.NUMERIC && p.low() != null) {
          long[] bins = new long[StatisticsSpec.HISTOGRAM_BINS];
          for (Row r : values) {
            bins[Integer.parseInt(r.getString(2))] += r.getLong(3);
          }
          histogram = StatisticsJson.histogram(p.low(), p.high(), bins);
        } else if (t.role() == Role.CATEGORICAL) {
          List<StatisticsJson.ValueCount> top = new ArrayList<>();
          List<StatisticsJson.ValueCount> drift = new ArrayList<>();
          long inTop = 0;
          for (Row r : values) {
            StatisticsJson.ValueCount v = new StatisticsJson.ValueCount(r.getString(2), r.getLong(3));
            if (r.getInt(4) <= StatisticsSpec.TOP_VALUES) {
              top.add(v);
            }
            if (r.getInt(4) <= DriftProfileJson.TOP_VALUES) {
              drift.add(v);
              inTop += v.count();
            }
          }
          drift.sort(java.util.Comparator.comparingLong(StatisticsJson.ValueCount::count).reversed()
              .thenComparing(StatisticsJson.ValueCount::value));
          profile = DriftProfileJson.categorical(drift, p.rows() - p.nulls() - inTop);
          top.sort(java.util.Comparator.comparingLong(StatisticsJson.ValueCount::count).reversed()
              .thenComparing(StatisticsJson.ValueCount::value));
          topValues = StatisticsJson.topValues(top);
        }
        columns.add(new ColumnStatistics(t.name(), t.type().sql(), p.rows(), p.nulls(), p.distinct(), p.min(),
            p.max(), p.mean(), p.stddev(), p.quantiles(), histogram, topValues, profile));
      }
      out.put(e.getKey(), columns);
    }
    return out;
  }

  /** Both passes over {@code rows} (persisted by the caller) as one set of rows. */
  List<ColumnStatistics> compute(Dataset<Row> rows) {
    List<Column> a = aggregates();
    Row r = rows.agg(a.get(0), a.subList(1, a.size()).toArray(new Column[0])).collectAsList().get(0);
    return complete(rows, null, Map.of(0, read(r, 0))).get(0);
  }
}
