package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.stats.StatisticsSpec;
import io.fsql.storage.EmbeddedEngines;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ColumnSketches} gives exactly what Spark's {@code approx_count_distinct(c, 0.02)} and
 * {@code percentile_approx(CAST(c AS DOUBLE), ranks, 10000)} give over the same persisted rows
 * (same sketches, updated in a loop instead of an aggregation), for every type the statistics
 * sketch, with NULLs, several partitions, an all-NULL column and no rows at all; and its exact
 * distinct counts of integer-like columns are COUNT(DISTINCT)'s.
 */
class ColumnSketchesTest {
  @TempDir
  static Path tmp;

  @BeforeAll
  static void open() {
    EmbeddedEngines.acquire(tmp.resolve("home"));
  }

  @AfterAll
  static void close() {
    EmbeddedEngines.release(tmp.resolve("home"));
  }

  private static final List<String> COLUMNS = List.of(
      // BIGINT with repeats and NULLs, DOUBLE with -0.0 and NaN, DECIMAL, INT, DATE, TIMESTAMP, all NULL
      "CASE WHEN id % 11 = 0 THEN NULL ELSE (id * 7919) % 40000 END AS b",
      "CASE WHEN id % 13 = 0 THEN NULL WHEN id % 17 = 0 THEN -0.0D WHEN id = 5 THEN CAST('NaN' AS DOUBLE)"
          + " ELSE ((id * 2654435761) % 1000003) / 100.0D END AS d",
      "CAST(((id * 40503) % 999983) / 100.0 AS DECIMAL(12, 2)) AS m",
      "CAST(1 + (id * 7) % 100 AS INT) AS i",
      "DATE_ADD(DATE '2025-01-01', CAST(id % 365 AS INT)) AS day",
      "TIMESTAMP_SECONDS(1735689600 + id * 17) AS ts",
      "CAST(NULL AS DOUBLE) AS none");

  private static double[] ranks() {
    return DescriptiveStatistics.ranks();
  }

  private static void assertSameAsSpark(Dataset<Row> rows) {
    List<ColumnSketches.Sketch> sketches = new ArrayList<>();
    List<Column> spark = new ArrayList<>();
    Column[] ranks = new Column[ranks().length];
    for (int j = 0; j < ranks.length; j++) {
      ranks[j] = lit(ranks()[j]);
    }
    for (String c : List.of("b", "d", "m", "i", "day", "ts", "none")) {
      sketches.add(ColumnSketches.Sketch.distinct(col(c)));
      spark.add(approx_count_distinct(col(c), StatisticsSpec.DISTINCT_RSD));
      if (!c.equals("day") && !c.equals("ts")) {
        sketches.add(ColumnSketches.Sketch.quantiles(col(c)));
        spark.add(percentile_approx(col(c).cast("double"), functions.array(ranks),
            lit(StatisticsSpec.QUANTILE_ACCURACY)));
      }
    }
    ColumnSketches.Sketched ours = ColumnSketches.of(rows, sketches, StatisticsSpec.DISTINCT_RSD,
        StatisticsSpec.QUANTILE_ACCURACY, ranks());
    Row theirs = rows.agg(spark.get(0), spark.subList(1, spark.size()).toArray(new Column[0])).collectAsList().get(0);
    assertThat(ours.values()).hasSize(sketches.size());
    for (int i = 0; i < sketches.size(); i++) {
      if (sketches.get(i).quantiles()) {
        double[] q = ours.quantiles(i);
        if (theirs.isNullAt(i)) {
          assertThat(q).as("quantiles of sketch %d", i).isNull();
        } else {
          List<Object> expected = theirs.getList(i);
          assertThat(q).as("quantiles of sketch %d", i).hasSize(expected.size());
          for (int j = 0; j < q.length; j++) {
            assertThat(Double.valueOf(q[j])).as("quantile %d of sketch %d", j, i).isEqualTo(expected.get(j));
          }
        }
      } else {
        assertThat(ours.distinct(i)).as("distinct count of sketch %d", i).isEqualTo(theirs.getLong(i));
      }
    }
  }

  @Test
  void sameDistinctCountsAndQuantilesAsSparksAggregates() {
    SparkSession spark = SparkRuntime.newSession();
    Dataset<Row> rows = spark.range(0, 60_000, 1, 3).select(COLUMNS.stream().map(c -> expr(c))
        .toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      assertSameAsSpark(rows);
      // the counts are of real size (HyperLogLog's estimate, not its small-count exactness only)
      ColumnSketches.Sketched b = ColumnSketches.of(rows, List.of(ColumnSketches.Sketch.distinct(col("b")),
          ColumnSketches.Sketch.distinct(col("none"))), StatisticsSpec.DISTINCT_RSD,
          StatisticsSpec.QUANTILE_ACCURACY, ranks());
      long exact = rows.where(col("b").isNotNull()).select(col("b")).distinct().count();
      assertThat((double) b.distinct(0)).isBetween(exact * 0.94, exact * 1.06);
      assertThat(b.distinct(1)).isZero();
      // exact counts of integer-like columns: distinct non-NULL values and the repeats, as Spark's
      // COUNT(DISTINCT) and COUNT count them
      List<String> exactColumns = List.of("b", "i", "day", "ts");
      List<ColumnSketches.Sketch> exactSketches = new ArrayList<>();
      for (String c : exactColumns) {
        assertThat(ColumnSketches.exactCounts(rows.schema().apply(c).dataType())).as(c).isTrue();
        exactSketches.add(ColumnSketches.Sketch.exactDistinct(col(c)));
      }
      assertThat(ColumnSketches.exactCounts(rows.schema().apply("d").dataType())).isFalse();
      assertThat(ColumnSketches.exactCounts(rows.schema().apply("m").dataType())).isFalse();
      ColumnSketches.Sketched exactCounts = ColumnSketches.of(rows, exactSketches, StatisticsSpec.DISTINCT_RSD,
          StatisticsSpec.QUANTILE_ACCURACY, ranks());
      for (int i = 0; i < exactColumns.size(); i++) {
        String c = exactColumns.get(i);
        Row want = rows.agg(functions.countDistinct(col(c)), functions.count(col(c))).collectAsList().get(0);
        assertThat(exactCounts.exact(i)).as(c)
            .isEqualTo(new ValueCounts.Distinct(want.getLong(0), want.getLong(1) - want.getLong(0)));
      }
      assertThat(exactCounts.exact(0).repeats()).isPositive();  // b repeats values across partitions
    } finally {
      rows.unpersist();
    }
  }

  /**
   * More values in a partition than a digest's head buffer holds (the loop adds them by such
   * blocks, each sorted): the same digests as Spark's aggregate, which adds them as they come.
   */
  @Test
  void sameQuantilesOverBlocksOfAHeadBuffer() {
    SparkSession spark = SparkRuntime.newSession();
    int block = org.apache.spark.sql.catalyst.util.QuantileSummaries$.MODULE$.defaultHeadSize();
    Dataset<Row> rows = spark.range(0, 2L * (2L * block + 123), 1, 2).select(COLUMNS.stream().map(c -> expr(c))
        .toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      assertSameAsSpark(rows);
    } finally {
      rows.unpersist();
    }
  }

  @Test
  void noRowsGiveZeroDistinctValuesAndNoQuantiles() {
    SparkSession spark = SparkRuntime.newSession();
    Dataset<Row> rows = spark.range(0, 0, 1, 2).select(COLUMNS.stream().map(c -> expr(c))
        .toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      assertSameAsSpark(rows);
      ColumnSketches.Sketched none = ColumnSketches.of(rows, List.of(ColumnSketches.Sketch.distinct(col("b")),
          ColumnSketches.Sketch.quantiles(col("d"))), StatisticsSpec.DISTINCT_RSD,
          StatisticsSpec.QUANTILE_ACCURACY, ranks());
      assertThat(none.distinct(0)).isZero();
      assertThat(none.quantiles(1)).isNull();
      assertThat(ColumnSketches.of(rows, List.of(ColumnSketches.Sketch.exactDistinct(col("b"))),
          StatisticsSpec.DISTINCT_RSD, StatisticsSpec.QUANTILE_ACCURACY, ranks()).exact(0))
          .isEqualTo(new ValueCounts.Distinct(0, 0));
    } finally {
      rows.unpersist();
    }
  }
}
