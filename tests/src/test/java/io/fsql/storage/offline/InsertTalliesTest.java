package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.stats.ColumnStatistics;
import io.fsql.planner.stats.StatisticsSpec;
import io.fsql.sql.tree.DataType;
import io.fsql.storage.EmbeddedEngines;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An INSERT's statistics count the histograms' bins and the categorical columns' values in the
 * sketches' loop ({@link ColumnSketches.Sketch#bins}, {@link ColumnSketches.Sketch#values}) rather
 * than in a value-count shuffle: they are exactly the statistics of the two-pass computation
 * ({@link DescriptiveStatistics#compute}, which counts them with {@link ValueCounts}) over the same
 * rows, also for a column with more distinct values than a partition tallies (counted by the
 * shuffle then) and for values that need Spark's byte order to rank ties.
 */
class InsertTalliesTest {
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

  private static final int ROWS = 2 * ColumnSketches.VALUES_PER_PARTITION + 20_000;

  private static final List<String> COLUMNS = List.of(
      "CASE WHEN id % 11 = 0 THEN NULL ELSE (id * 7919) % 40000 END AS b",
      // (no NaN: a NaN maximum fails the statistics of both passes alike, a known bug)
      "CASE WHEN id % 13 = 0 THEN NULL WHEN id % 17 = 0 THEN -0.0D"
          + " ELSE ((id * 2654435761) % 1000003) / 100.0D END AS d",
      "CAST(((id * 40503) % 999983) / 100.0 AS DECIMAL(12, 2)) AS m",
      "CAST(7 AS INT) AS same",
      // few values, equally frequent ones ranked by their bytes (U+FF5E before U+1F600 there, after in UTF-16)
      "CASE WHEN id % 7 = 0 THEN NULL ELSE ELEMENT_AT(ARRAY('b', 'a', '\uff5e', '\ud83d\ude00', 'Z', 'a'),"
          + " CAST(id % 6 AS INT) + 1) END AS cat",
      // more distinct values than a partition tallies: counted by the value-count job
      "CASE WHEN id % 5 = 0 THEN 'v0' ELSE CONCAT('v', CAST(id AS STRING)) END AS many",
      "id % 3 = 0 AS flag",
      "DATE_ADD(DATE '2025-01-01', CAST(id % 365 AS INT)) AS day");

  private static List<io.fsql.planner.catalog.Column> columns() {
    return List.of(
        new io.fsql.planner.catalog.Column("b", ColumnType.of(DataType.Kind.BIGINT), true, null),
        new io.fsql.planner.catalog.Column("d", ColumnType.of(DataType.Kind.DOUBLE), true, null),
        new io.fsql.planner.catalog.Column("m", ColumnType.decimal(12, 2), true, null),
        new io.fsql.planner.catalog.Column("same", ColumnType.of(DataType.Kind.INTEGER), true, null),
        new io.fsql.planner.catalog.Column("cat", ColumnType.of(DataType.Kind.VARCHAR), true, null),
        new io.fsql.planner.catalog.Column("many", ColumnType.of(DataType.Kind.VARCHAR), true, null),
        new io.fsql.planner.catalog.Column("flag", ColumnType.of(DataType.Kind.BOOLEAN), true, null),
        new io.fsql.planner.catalog.Column("day", ColumnType.of(DataType.Kind.DATE), true, null));
  }

  @Test
  void sameStatisticsAsTheValueCountPass() {
    SparkSession spark = SparkRuntime.newSession();
    Dataset<Row> rows = spark.range(0, ROWS, 1, 2).select(COLUMNS.stream().map(c -> expr(c))
        .toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<ColumnStatistics> want = new DescriptiveStatistics(columns()).compute(rows);
      List<ColumnStatistics> got = InsertMeasurement.measure(rows, new ExpectationEvaluator(null, List.of()),
          new DescriptiveStatistics(columns()), new InsertPhases("t")).statistics();
      assertThat(got).hasSize(columns().size());
      for (int i = 0; i < got.size(); i++) {
        ColumnStatistics g = got.get(i);
        ColumnStatistics w = want.get(i);
        String c = g.column();
        // the sketches (distinct count of non-categorical columns, quantiles) are the same
        // structures as the aggregates' (ColumnSketchesTest); bins and values must be exact
        assertThat(g.count()).as(c).isEqualTo(w.count());
        assertThat(g.nulls()).as(c).isEqualTo(w.nulls());
        assertThat(g.min()).as(c).isEqualTo(w.min());
        assertThat(g.max()).as(c).isEqualTo(w.max());
        assertThat(g.histogram()).as(c).isEqualTo(w.histogram());
        assertThat(g.topValues()).as(c).isEqualTo(w.topValues());
        assertThat(g.quantiles()).as(c).isEqualTo(w.quantiles());
        assertThat(g.driftProfile()).as(c).isEqualTo(w.driftProfile());
        assertThat(g.distinctApprox()).as(c).isEqualTo(w.distinctApprox());
      }
      ColumnStatistics cat = got.get(4);
      assertThat(cat.distinctApprox()).isEqualTo(5);
      assertThat(cat.topValues()).startsWith("[{\"value\": \"a\"");
      assertThat(got.get(5).distinctApprox())
          .isEqualTo(rows.select(col("many")).distinct().count());
      assertThat(got.get(0).histogram()).isNotNull();
      assertThat(got.get(3).histogram()).isNotNull();
    } finally {
      rows.unpersist();
    }
  }

  @Test
  void aPartitionWithTooManyValuesGivesThemUpAndABinOutOfRangeGivesUpTheBins() {
    SparkSession spark = SparkRuntime.newSession();
    int n = ColumnSketches.VALUES_PER_PARTITION + 1;
    Dataset<Row> rows = spark.range(0, 2L * n, 1, 2)
        .select(expr("CONCAT('k', CAST(id AS STRING))").as("s"), expr("CAST(id % 3 AS STRING)").as("few"),
            expr("CASE WHEN id = 0 THEN 20 ELSE id % 20 END").as("bin"), expr("id % 20").as("inRange"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ColumnSketches.Sketched s = ColumnSketches.of(rows, List.of(ColumnSketches.Sketch.values(col("s")),
          ColumnSketches.Sketch.values(col("few")), ColumnSketches.Sketch.bins(col("bin"), 20),
          ColumnSketches.Sketch.bins(col("inRange"), 20)), StatisticsSpec.DISTINCT_RSD,
          StatisticsSpec.QUANTILE_ACCURACY, DescriptiveStatistics.ranks());
      assertThat(s.values(0)).isNull();
      ColumnSketches.Tally few = s.values(1);
      assertThat(few.keys()).extracting(Object::toString).containsExactlyInAnyOrder("0", "1", "2");
      long total = 0;
      for (long c : few.counts()) {
        total += c;
      }
      assertThat(total).isEqualTo(2L * n);
      assertThat(s.bins(2)).isNull();
      long[] bins = s.bins(3);
      for (int b = 0; b < 20; b++) {
        assertThat(bins[b]).as("bin " + b).isEqualTo(rows.where(col("inRange").equalTo(b)).count());
      }
      List<Row> ranked = ValueCounts.rank(0, 4, few.keys(), few.counts(), 2);
      assertThat(ranked).hasSize(2);
      assertThat(ranked.get(0).getString(2)).isEqualTo("0");  // 2n = 100,002 rows, a third each: ties by value
      assertThat(ranked.get(0).getLong(5)).isEqualTo(3);
      assertThat(ranked.get(0).getString(6)).isEqualTo("0");
      assertThat(ranked.get(0).getString(7)).isEqualTo("2");
    } finally {
      rows.unpersist();
    }
  }
}
