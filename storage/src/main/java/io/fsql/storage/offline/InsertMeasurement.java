package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.col;

import io.fsql.planner.offline.RuleResult;
import io.fsql.planner.stats.ColumnStatistics;
import io.fsql.planner.stats.StatisticsSpec;
import io.fsql.storage.spark.SparkErrors;
import io.fsql.storage.spark.SparkRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What an INSERT measures of its rows before the write, in at most three Spark jobs over the
 * persisted rows (two without DISTINCT COUNT or UNIQUE of a string column and without string columns of many values), whatever the number of expectations and columns:
 *
 * <ol>
 *   <li>one aggregation: every expectation's measure over the rows offered, and the first pass of
 *       the statistics ({@link DescriptiveStatistics#simpleAggregates(Column)}: counts, NULLs,
 *       min, max, mean, stddev) over the rows committed, that is the rows no DROP rule leaves out,
 *       each statistic's input being NULL for a dropped row ({@code CASE WHEN kept THEN column
 *       END}), so that they are exact in this same pass. Only aggregates Spark generates code for;
 *   <li>with statistics or integer-like distinct counts, one loop over the rows ({@link
 *       ColumnSketches}): over the rows committed, the HyperLogLog++ distinct counts and the quantile digests (the same sketches as Spark's
 *       {@code approx_count_distinct} and {@code percentile_approx}, several times cheaper than
 *       in the aggregation, where they also kept every other aggregate from generated code); over the
 *       rows offered, the exact distinct counts of DISTINCT COUNT and UNIQUE of INT, BIGINT, DATE and TIMESTAMP columns
 *       (up to {@link #EXACT_DISTINCT_ROWS} rows offered; also without statistics);
 *   <li>in that same loop (with statistics), the histograms' bins (their bounds are the first
 *       job's min and max) and the exact counts of the VARCHAR and BOOLEAN columns' values (top
 *       values, their distinct count, min and max), each partition's counts merged on the driver;
 *   <li>one value count ({@link ValueCounts}), only when needed: the counts of a column with more
 *       than {@link ColumnSketches#VALUES_PER_PARTITION} distinct values in a partition, and the
 *       exact distinct counts of the other DISTINCT COUNT and UNIQUE, in one scan and shuffle;
 *       without statistics when a REJECT rule of the first job already failed (no commit will describe).
 *       With statistics and no row dropped, the DISTINCT COUNT and UNIQUE of a VARCHAR or BOOLEAN
 *       column are read from its statistics (which count all its values) rather than counted again.
 * </ol>
 */
final class InsertMeasurement {
  private InsertMeasurement() {}

  /**
   * Up to how many rows (offered) the exact distinct counts of integer-like columns come from
   * {@link ColumnSketches} (each partition's distinct values merged on the driver: at most 8 bytes
   * a row there) rather than from the value-count job's shuffle.
   */
  static final long EXACT_DISTINCT_ROWS = 5_000_000;

  /** The expectations' results (empty without expectations) and the statistics (empty without). */
  record Measured(List<RuleResult> results, List<ColumnStatistics> statistics) {}

  /**
   * {@code rows} read by at most as many tasks as run at once. Each task of the measuring jobs
   * generates the code of the aggregation's many expressions (about a second of CPU with
   * statistics), so a source of many tiny partitions was slow to measure: an {@code INSERT ...
   * VALUES} whose Spark SQL is a UNION ALL of one-row SELECTs has a partition per row
   * (QueryDifferentialTest's 400 orders: an aggregation stage of 400 tasks, minutes). The rows are persisted, so a task reads several cached partitions
   * (no shuffle, nothing recomputed); more tasks than cores would not run at once anyway.
   */
  static Dataset<Row> fewerPartitions(Dataset<Row> rows) {
    int tasks = SparkRuntime.parallelism();
    return rows.rdd().getNumPartitions() > tasks ? rows.coalesce(tasks) : rows;
  }

  /**
   * Sketch {@code i}'s counts as a tally: a values sketch's as they are, a bins sketch's with each
   * bin that has rows as its key (its number as a string); null when the loop gave them up.
   */
  private static ColumnSketches.Tally tally(ColumnSketches.Sketched sketched, int i, ColumnSketches.Sketch sketch) {
    if (sketch.kind() == ColumnSketches.Kind.VALUES) {
      return sketched.values(i);
    }
    long[] bins = sketched.bins(i);
    if (bins == null) {
      return null;
    }
    List<UTF8String> keys = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int b = 0; b < bins.length; b++) {
      if (bins[b] > 0) {
        keys.add(UTF8String.fromString(Integer.toString(b)));
        counts.add(bins[b]);
      }
    }
    return new ColumnSketches.Tally(keys.toArray(new UTF8String[0]), counts.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * Measures {@code rows} (persisted by the caller).
   *
   * @param statistics the statistics to compute, or null for none
   */
  static Measured measure(Dataset<Row> rows, ExpectationEvaluator expectations, DescriptiveStatistics statistics,
      InsertPhases phases) {
    return measure(rows, expectations, statistics, phases, () -> {});
  }

  /**
   * Measures {@code rows} (persisted by the caller), calling {@code unchanged} once the aggregation
   * has shown that no rule rejects the rows or drops any of them (the rows offered are those to
   * write, unless a distinct count of a later job fails a rule) and before the later jobs: the
   * caller's cue to start work of its own on those rows beside them.
   *
   * @param statistics the statistics to compute, or null for none
   */
  static Measured measure(Dataset<Row> rows, ExpectationEvaluator expectations, DescriptiveStatistics statistics,
      InsertPhases phases, Runnable unchanged) {
    boolean checking = !expectations.isEmpty();
    if (!checking && statistics == null) {
      return new Measured(List.of(), List.of());
    }
    // (counting the partitions plans the read of the persisted rows, and Spark's adaptive execution
    // then caches them: the INSERT's read of its source, which the key checks do without a measurement)
    Dataset<Row> offered = rows;
    rows = phases.time("reading and caching the rows", () -> fewerPartitions(offered));
    Dataset<Row> projected = checking ? expectations.project(rows) : rows;
    Column kept = checking && expectations.hasDropRules() ? col(ExpectationEvaluator.KEPT) : null;
    List<Column> aggregates = new ArrayList<>();
    if (checking) {
      aggregates.addAll(expectations.aggregates());
    }
    int statsAt = aggregates.size();
    if (statistics != null) {
      aggregates.addAll(statistics.simpleAggregates(kept));
    }
    String doing = checking ? "checking the expectations of the rows to insert"
        : "computing the statistics of the rows to insert";
    Row measured;
    try {
      measured = phases.time("aggregation", () -> projected.agg(aggregates.get(0),
          aggregates.subList(1, aggregates.size()).toArray(new Column[0])).collectAsList().get(0));
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, doing);
    }
    boolean dropping = checking && expectations.drops(measured, 0);
    boolean rejecting = checking && expectations.rejects(measured, 0);
    DescriptiveStatistics described = rejecting ? null : statistics;
    if (!dropping && !rejecting) {
      unchanged.run();
    }
    List<Column> distinctOf = checking ? expectations.distinctValues() : List.of();
    List<ColumnStatistics> stats = List.of();
    List<ValueCounts.Distinct> distinct = List.of();
    if (described != null || !distinctOf.isEmpty()) {
      // the kept flag only when rows were actually dropped (else every row counts, as offered)
      Dataset<Row> counted = dropping ? projected : rows;
      Column keptNow = dropping ? kept : null;
      // The exact distinct counts of integer-like columns (UNIQUE of an id: as many values as rows)
      // from the sketches' loop, not a shuffle of every value, when the rows are few enough for
      // their distinct values to be merged on the driver.
      List<String> names = expectations.distinctColumns();
      boolean fewRows = checking && measured.getLong(0) <= EXACT_DISTINCT_ROWS;
      List<ColumnSketches.Sketch> exact = new ArrayList<>();
      int[] exactAt = new int[names.size()];
      for (int i = 0; i < names.size(); i++) {
        exactAt[i] = -1;
        if (fewRows && (keptNow != null || described == null || !described.countsEveryValue(names.get(i)))
            && ColumnSketches.exactCounts(rows.schema().apply(names.get(i)).dataType())) {
          exactAt[i] = exact.size();
          exact.add(ColumnSketches.Sketch.exactDistinct(distinctOf.get(i)));
        }
      }
      try {
        if (described != null) {
          // With every row counted (none dropped), a categorical column's statistics count all its
          // values over the rows offered: its DISTINCT COUNT / UNIQUE come from there, not from a
          // distinct count of its own (one explode entry per row less in the job).
          List<Column> own = new ArrayList<>();
          for (int i = 0; i < names.size(); i++) {
            if (exactAt[i] < 0 && (keptNow != null || !described.countsEveryValue(names.get(i)))) {
              own.add(distinctOf.get(i));
            }
          }
          // The histograms' bins and categorical columns' values counted in the same loop as the
          // sketches (the bins' bounds are the aggregation's min and max); a column with too many
          // distinct values for that, and the other distinct counts, in one value-count job.
          List<ValueCounts.Ranked> entries = described.entries(null, Map.of(0, described.bounds(measured, statsAt)),
              keptNow);
          List<ColumnSketches.Sketch> sketches = new ArrayList<>(described.sketches(keptNow));
          int exactFrom = sketches.size();
          sketches.addAll(exact);
          int talliesFrom = sketches.size();
          for (ValueCounts.Ranked e : entries) {
            sketches.add(described.tally(e));
          }
          ColumnSketches.Sketched sketched = phases.time("sketches", () -> ColumnSketches.of(counted,
              sketches, StatisticsSpec.DISTINCT_RSD, StatisticsSpec.QUANTILE_ACCURACY,
              DescriptiveStatistics.ranks()));
          List<org.apache.spark.sql.Row> ranked = new ArrayList<>();
          List<ValueCounts.Ranked> uncounted = new ArrayList<>();
          for (int j = 0; j < entries.size(); j++) {
            ValueCounts.Ranked e = entries.get(j);
            ColumnSketches.Tally t = tally(sketched, talliesFrom + j, sketches.get(talliesFrom + j));
            if (t == null) {
              uncounted.add(new ValueCounts.Ranked(e.entry(), e.key().cast(DataTypes.StringType)));
            } else {
              ranked.addAll(ValueCounts.rank(0, e.entry(), t.keys(), t.counts(), DescriptiveStatistics.KEEP));
            }
          }
          ValueCounts.Counted counts = uncounted.isEmpty() && own.isEmpty() ? new ValueCounts.Counted(List.of(), List.of())
              : phases.time("value counts", () -> ValueCounts.of(counted, org.apache.spark.sql.functions.lit(0),
                  uncounted, DescriptiveStatistics.KEEP, own));
          ranked.addAll(counts.ranked());
          DescriptiveStatistics.Completed c = described.assemble(
              Map.of(0, described.read(measured, statsAt, sketched, 0)), ranked, counts.distinct());
          stats = c.statistics().get(0);
          distinct = new ArrayList<>();
          int next = 0;
          for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (exactAt[i] >= 0) {
              distinct.add(sketched.exact(exactFrom + exactAt[i]));
            } else if (keptNow != null || !described.countsEveryValue(name)) {
              distinct.add(c.distinct().get(next++));
            } else {
              ColumnStatistics s = stats.stream().filter(x -> x.column().equals(name)).findFirst().orElseThrow();
              long values = s.distinctApprox() == null ? 0 : s.distinctApprox();  // exact for these columns
              distinct.add(new ValueCounts.Distinct(values, s.count() - s.nulls() - values));
            }
          }
        } else {
          List<Column> own = new ArrayList<>();
          for (int i = 0; i < names.size(); i++) {
            if (exactAt[i] < 0) {
              own.add(distinctOf.get(i));
            }
          }
          ColumnSketches.Sketched sketched = exact.isEmpty() ? null : phases.time("sketches",
              () -> ColumnSketches.of(counted, exact, StatisticsSpec.DISTINCT_RSD, StatisticsSpec.QUANTILE_ACCURACY,
                  DescriptiveStatistics.ranks()));
          List<ValueCounts.Distinct> counts = own.isEmpty() ? List.of() : phases.time("value counts",
              () -> ValueCounts.of(counted, org.apache.spark.sql.functions.lit(0), List.of(), 0, own)).distinct();
          distinct = new ArrayList<>();
          int next = 0;
          for (int i = 0; i < names.size(); i++) {
            distinct.add(exactAt[i] >= 0 ? sketched.exact(exactAt[i]) : counts.get(next++));
          }
        }
      } catch (Exception e) {  // Spark throws its checked SparkException unchecked
        throw SparkErrors.translate(e, doing);
      }
    }
    return new Measured(checking ? expectations.read(measured, 0, distinct) : List.of(), stats);
  }
}
