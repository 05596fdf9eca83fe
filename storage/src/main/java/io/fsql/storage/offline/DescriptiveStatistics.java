package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev_samp;
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
import org.apache.spark.sql.types.DataTypes;

/**
 * The descriptive statistics of columns (see {@link ColumnStatistics}) over rows that are already
 * persisted, in two passes. The first is one row-level aggregation, {@link #aggregates()}, which
 * callers run in a {@code df.agg(...)} (or {@code groupBy(split).agg(...)}) of their own beside
 * other aggregates and read back with {@link #read(Row, int)}: row count, NULLs, HyperLogLog distinct
 * count (numeric and ordered columns), min, max, mean, standard deviation and quantiles. The second,
 * {@link #complete}, is one more job over the same persisted rows for what needs the first's min and
 * max or exact counts per value (see {@link ValueCounts}): equal-width histograms, top values and
 * the exact distinct counts of strings and booleans. A second pass rather than a sketch because the bins
 * then hold exact counts (a quantile sketch only bounds them), and it reads the persisted rows
 * with one small shuffle of (column, bin or value) counts.
 *
 * <p>An INSERT splits the first pass in two ({@link InsertMeasurement}): {@link
 * #simpleAggregates(Column)}, which Spark generates code for, in the expectations' aggregation, and
 * {@link #sketches(Column)} (the same HyperLogLog++ and quantile sketches) in one loop of {@link
 * ColumnSketches}; a categorical column's min and max then come from the second pass's value counts.
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

  /**
   * Whether the second pass counts every value of {@code column} (a VARCHAR or BOOLEAN column): its
   * statistics' distinct count is then exact, and its non-NULL count minus that is how many values
   * repeat an earlier one, as {@link ValueCounts.Distinct} would count them.
   */
  boolean countsEveryValue(String column) {
    return targets.stream().anyMatch(t -> t.name().equals(column) && t.role() == Role.CATEGORICAL);
  }

  /** How many values {@link #aggregates()} adds to an aggregation row. */
  int width() {
    int w = 1;
    for (Target t : targets) {
      w += t.role() == Role.NUMERIC ? 9 : t.role() == Role.CATEGORICAL ? 3 : 4;
    }
    return w;
  }

  /** The first pass's aggregate columns, {@link #width()} of them. */
  List<Column> aggregates() {
    return aggregates(null);
  }

  /**
   * The first pass's aggregate columns over only the rows where the boolean column {@code kept} is
   * TRUE (all rows when it is null): the statistics of the rows an INSERT commits, computed in the
   * same aggregation as measures of all the rows it offered.
   */
  List<Column> aggregates(Column kept) {
    return aggregates(kept, true);
  }

  /**
   * {@link #aggregates(Column)} without the HyperLogLog++ distinct counts and the quantiles: the
   * aggregates Spark can generate code for; {@link #sketches(Column)} are the rest, for {@link
   * ColumnSketches}, and {@link #read(Row, int, ColumnSketches.Sketched, int)} reads both.
   */
  List<Column> simpleAggregates(Column kept) {
    return aggregates(kept, false);
  }

  /** How many values {@link #simpleAggregates(Column)} adds to an aggregation row. */
  int simpleWidth() {
    int w = 1;
    for (Target t : targets) {
      w += t.role() == Role.NUMERIC ? 7 : t.role() == Role.CATEGORICAL ? 1 : 3;
    }
    return w;
  }

  /**
   * The sketches {@link #simpleAggregates(Column)} leaves out, over the rows where {@code kept} is
   * TRUE (all when null): per non-categorical column its distinct count, per numeric column its
   * quantiles at ranks {@link #ranks()}.
   */
  List<ColumnSketches.Sketch> sketches(Column kept) {
    List<ColumnSketches.Sketch> s = new ArrayList<>();
    for (Target t : targets) {
      Column c = kept == null ? col(t.name()) : when(kept, col(t.name()));
      if (t.role() != Role.CATEGORICAL) {
        s.add(ColumnSketches.Sketch.distinct(c));
      }
      if (t.role() == Role.NUMERIC) {
        s.add(ColumnSketches.Sketch.quantiles(c));
      }
    }
    return s;
  }

  /** The quantile ranks of the first pass: 0, 1/100, ..., 1 (the drift profile's, the named quantiles among them). */
  static double[] ranks() {
    double[] r = new double[DriftProfileJson.QUANTILE_STEPS + 1];
    for (int j = 0; j < r.length; j++) {
      r[j] = (double) j / DriftProfileJson.QUANTILE_STEPS;
    }
    return r;
  }

  private List<Column> aggregates(Column kept, boolean sketches) {
    List<Column> a = new ArrayList<>();
    a.add(kept == null ? count(lit(1)) : count(when(kept, lit(1))));
    // one percentile_approx for the named quantiles and the drift profile: ranks 0, 1/100, ..., 1
    // (each named quantile is one of them, and its value does not depend on the others asked for)
    Column[] ranks = new Column[DriftProfileJson.QUANTILE_STEPS + 1];
    for (int j = 0; j < ranks.length; j++) {
      ranks[j] = lit((double) j / DriftProfileJson.QUANTILE_STEPS);
    }
    Column probabilities = array(ranks);
    for (Target t : targets) {
      Column c = kept == null ? col(t.name()) : when(kept, col(t.name()));
      a.add(count(c));
      if (sketches && t.role() != Role.CATEGORICAL) {
        // (a categorical column's values are all counted in the second pass: its distinct count is exact there)
        a.add(approx_count_distinct(c, StatisticsSpec.DISTINCT_RSD));
      }
      if (sketches || t.role() != Role.CATEGORICAL) {
        // (without the sketches, a categorical column's min and max come from its value counts: an
        // aggregate of strings would keep Spark from generating the aggregation's code)
        a.add(min(c).cast(DataTypes.StringType));
        a.add(max(c).cast(DataTypes.StringType));
      }
      if (t.role() == Role.NUMERIC) {
        Column d = c.cast(DataTypes.DoubleType);
        // the cast to DOUBLE keeps the order: the same min() and max() aggregates as above, once
        a.add(min(c).cast(DataTypes.DoubleType));
        a.add(max(c).cast(DataTypes.DoubleType));
        a.add(avg(d));
        a.add(stddev_samp(d));
        if (sketches) {
          a.add(percentile_approx(d, probabilities, lit(StatisticsSpec.QUANTILE_ACCURACY)));
        }
      }
    }
    return a;
  }

  /** The first pass's results, from the {@link #width()} values of {@code row} at {@code offset}. */
  List<Partial> read(Row row, int offset) {
    return read(row, offset, null, 0);
  }

  /**
   * The first pass's results from the {@link #simpleWidth()} values of {@code row} at {@code offset}
   * and the results of {@link #sketches(Column)}, from index {@code sketchAt} of {@code sketched}.
   */
  List<Partial> read(Row row, int offset, ColumnSketches.Sketched sketched, int sketchAt) {
    int i = offset;
    int k = sketchAt;
    long rows = row.getLong(i++);
    List<Partial> out = new ArrayList<>();
    for (Target t : targets) {
      long nonNull = row.getLong(i++);
      Long distinct = null;
      if (t.role() != Role.CATEGORICAL && sketched != null) {
        distinct = sketched.distinct(k++);
      } else if (t.role() != Role.CATEGORICAL) {
        distinct = row.isNullAt(i) ? null : row.getLong(i);
        i++;
      }
      String lo = null;
      String hi = null;
      if (sketched == null || t.role() != Role.CATEGORICAL) {
        lo = row.isNullAt(i) ? null : row.getString(i);
        i++;
        hi = row.isNullAt(i) ? null : row.getString(i);
        i++;
      }
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
      List<Double> all = null;
      if (sketched != null) {
        double[] values = sketched.quantiles(k++);
        if (values != null) {
          all = new ArrayList<>();
          for (double v : values) {
            all.add(v);
          }
        }
      } else {
        if (!row.isNullAt(i)) {
          all = new ArrayList<>();
          for (Object v : row.getList(i)) {
            all.add(v == null ? null : ((Number) v).doubleValue());
          }
        }
        i++;
      }
      if (all != null) {
        List<Double> q = new ArrayList<>();
        for (double p : StatisticsSpec.QUANTILES) {
          q.add(all.get((int) Math.round(p * DriftProfileJson.QUANTILE_STEPS)));
        }
        quantiles = StatisticsJson.quantiles(q);
        profile = all.stream().allMatch(v -> v != null && !v.isNaN() && !v.isInfinite())
            ? DriftProfileJson.numeric(nonNull, all) : null;
      }
      out.add(new Partial(rows, rows - nonNull, distinct, lo, hi, low, high, mean, stddev, quantiles, profile));
    }
    return out;
  }

  /**
   * Whether a numeric column's least and greatest values bound a histogram: both finite numbers. A
   * column holding NaN (its greatest value, as Spark orders it) or an infinity has no histogram.
   */
  private static boolean histogramBounds(Double low, Double high) {
    return low != null && high != null && Double.isFinite(low) && Double.isFinite(high);
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
    return complete(rows, group, partials, null, List.of()).statistics();
  }

  /**
   * The second pass's results: the statistics by set, and per column of {@code distinctOf} (in that
   * order) its exact number of distinct non-NULL values and how many of its non-NULL values repeat
   * an earlier one (non-NULL count minus distinct count).
   */
  record Completed(Map<Integer, List<ColumnStatistics>> statistics, List<ValueCounts.Distinct> distinct) {}

  /**
   * The second pass as {@link #complete(Dataset, String, Map)}, with the statistics over only the
   * rows where {@code kept} is TRUE (all when it is null), and in the same job exact distinct
   * counts of the columns {@code distinctOf} over all the rows (the expectations' DISTINCT COUNT
   * and UNIQUE).
   */
  Completed complete(Dataset<Row> rows, String group, Map<Integer, List<Partial>> partials, Column kept,
      List<Column> distinctOf) {
    Map<Integer, List<Double[]>> bounds = new HashMap<>();
    for (Map.Entry<Integer, List<Partial>> e : partials.entrySet()) {
      List<Double[]> b = new ArrayList<>();
      for (Partial p : e.getValue()) {
        b.add(histogramBounds(p.low(), p.high()) ? new Double[] {p.low(), p.high()} : null);
      }
      bounds.put(e.getKey(), b);
    }
    List<ValueCounts.Ranked> entries = new ArrayList<>();
    for (ValueCounts.Ranked r : entries(group, bounds, kept)) {
      entries.add(new ValueCounts.Ranked(r.entry(), r.key().cast(DataTypes.StringType)));
    }
    ValueCounts.Counted found = ValueCounts.of(rows, group == null ? lit(0) : col(group), entries, KEEP, distinctOf);
    return assemble(partials, found.ranked(), found.distinct());
  }

  /** How many of each entry's most frequent values the second pass keeps (every histogram bin among them). */
  static final int KEEP = Math.max(Math.max(StatisticsSpec.HISTOGRAM_BINS, StatisticsSpec.TOP_VALUES),
      DriftProfileJson.TOP_VALUES);

  /**
   * The min and max as DOUBLE of each column ({low, high}, NULL for NaN; null for a non-numeric
   * column or one whose min is not a number) from the {@link #simpleWidth()} values of {@code row} at {@code offset}:
   * all that the second pass needs of the first, known before the first's sketches.
   */
  List<Double[]> bounds(Row row, int offset) {
    int i = offset + 1;
    List<Double[]> out = new ArrayList<>();
    for (Target t : targets) {
      i++;  // non-NULL count
      if (t.role() == Role.CATEGORICAL) {
        out.add(null);
        continue;
      }
      i += 2;  // min, max as strings
      if (t.role() != Role.NUMERIC) {
        out.add(null);
        continue;
      }
      Double low = number(row, i++);
      Double high = number(row, i++);
      i += 2;  // mean, stddev
      out.add(histogramBounds(low, high) ? new Double[] {low, high} : null);
    }
    return out;
  }

  /**
   * The second pass's entries: per numeric column with values its histogram bin (a BIGINT column,
   * 0 to {@link StatisticsSpec#HISTOGRAM_BINS} - 1, NULL for a NULL value), per categorical column
   * its value as a string; each NULL where {@code kept} is not TRUE. {@code bounds} are each set's
   * {@link #bounds}; {@code group} the integer column of the sets (null for one set, numbered 0).
   */
  List<ValueCounts.Ranked> entries(String group, Map<Integer, List<Double[]>> bounds, Column kept) {
    Column setOf = group == null ? lit(0) : col(group);
    List<ValueCounts.Ranked> entries = new ArrayList<>();
    for (int c = 0; c < targets.size(); c++) {
      Target t = targets.get(c);
      Column key;
      if (t.role() == Role.NUMERIC) {
        Column low = null;
        Column high = null;
        for (Map.Entry<Integer, List<Double[]>> e : bounds.entrySet()) {
          Double[] p = e.getValue().get(c);
          if (p == null) {
            continue;
          }
          Column lo = lit(p[0]);
          Column hi = lit(p[1]);
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
        key = when(x.isNull(), lit(null).cast(DataTypes.LongType))
            .when(high.equalTo(low), lit(0L))
            .otherwise(least(floor(x.minus(low).multiply(bins).divide(high.minus(low))),
                lit((long) StatisticsSpec.HISTOGRAM_BINS - 1)));
      } else if (t.role() == Role.CATEGORICAL) {
        key = col(t.name()).cast(DataTypes.StringType);
      } else {
        continue;
      }
      entries.add(new ValueCounts.Ranked(c, kept == null ? key : when(kept, key)));
    }
    return entries;
  }

  /**
   * The sketch that counts an entry of {@link #entries} in {@link ColumnSketches}' loop rather than
   * in {@link ValueCounts}' shuffle: a histogram's bins or a categorical column's values.
   */
  ColumnSketches.Sketch tally(ValueCounts.Ranked entry) {
    return targets.get(entry.entry()).role() == Role.NUMERIC
        ? ColumnSketches.Sketch.bins(entry.key(), StatisticsSpec.HISTOGRAM_BINS)
        : ColumnSketches.Sketch.values(entry.key());
  }

  /**
   * The complete statistics by set from the first pass's {@code partials} and the second pass's
   * {@code ranked} rows (as {@link ValueCounts.Counted#ranked()}; a histogram bin's key is its
   * number as a string).
   */
  Completed assemble(Map<Integer, List<Partial>> partials, List<Row> ranked, List<ValueCounts.Distinct> distinctCounts) {
    Map<Integer, Map<Integer, List<Row>>> counted = new HashMap<>();
    for (Row r : ranked) {
      counted.computeIfAbsent(r.getInt(0), k -> new HashMap<>())
          .computeIfAbsent(r.getInt(1), k -> new ArrayList<>()).add(r);
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
        Long distinct = p.distinct();
        String min = p.min();
        String max = p.max();
        if (t.role() == Role.NUMERIC && histogramBounds(p.low(), p.high())) {
          long[] bins = new long[StatisticsSpec.HISTOGRAM_BINS];
          for (Row r : values) {
            bins[Integer.parseInt(r.getString(2))] += r.getLong(3);
          }
          histogram = StatisticsJson.histogram(p.low(), p.high(), bins);
        } else if (t.role() == Role.CATEGORICAL) {
          List<StatisticsJson.ValueCount> top = new ArrayList<>();
          List<StatisticsJson.ValueCount> drift = new ArrayList<>();
          long inTop = 0;
          distinct = values.isEmpty() ? 0L : values.get(0).getLong(5);
          if (!values.isEmpty()) {
            // the least and greatest of its values (the same as min() and max() of the column as strings)
            min = values.get(0).getString(6);
            max = values.get(0).getString(7);
          }
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
        columns.add(new ColumnStatistics(t.name(), t.type().sql(), p.rows(), p.nulls(), distinct, min,
            max, p.mean(), p.stddev(), p.quantiles(), histogram, topValues, profile));
      }
      out.put(e.getKey(), columns);
    }
    return new Completed(out, distinctCounts);
  }

  /** Both passes over {@code rows} (persisted by the caller) as one set of rows. */
  List<ColumnStatistics> compute(Dataset<Row> rows) {
    List<Column> a = aggregates();
    Row r = rows.agg(a.get(0), a.subList(1, a.size()).toArray(new Column[0])).collectAsList().get(0);
    return complete(rows, null, Map.of(0, read(r, 0))).get(0);
  }
}
