package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.fsql.planner.drift.DriftProfiles;
import io.fsql.planner.drift.QuantileSketch;
import io.fsql.planner.drift.SideProfile;
import io.fsql.planner.drift.ValueCounts;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.storage.spark.SparkErrors;
import io.fsql.storage.spark.SparkRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Drift profiles computed by Spark from the rows themselves: one aggregation over the side for
 * the row count and every numeric column's quantiles ({@code percentile_approx} at
 * {@value DriftProfiles#RESOLUTION} steps with accuracy {@value #ACCURACY}, i.e. a rank error
 * of at most 1/{@value #ACCURACY}), and, when there are categorical columns, one grouping of all
 * of them at once (the columns stacked into (feature, value) rows) for their top values.
 */
final class SparkDriftProfiles implements DriftProfiles {
  /** percentile_approx's accuracy: its relative rank error is 1 / ACCURACY. */
  static final int ACCURACY = 10_000;
  private final HudiOfflineStore store;

  SparkDriftProfiles(HudiOfflineStore store) {
    this.store = store;
  }

  @Override
  public SideProfile profile(OfflinePlan plan, List<String> columnNames, List<String> numeric,
      List<String> categorical) {
    SparkSession spark = SparkRuntime.newSession();
    try {
      Dataset<Row> rows = new SparkPlans(spark, store).dataset(plan)
          .toDF(columnNames.toArray(String[]::new));
      double[] ranks = new double[RESOLUTION + 1];
      for (int j = 0; j <= RESOLUTION; j++) {
        ranks[j] = (double) j / RESOLUTION;
      }
      List<Column> aggregates = new ArrayList<>();
      aggregates.add(count(lit(1)));
      for (String name : numeric) {
        Column value = col(quote(name)).cast("double");
        Column clean = when(isnan(value), lit(null).cast("double")).otherwise(value);
        aggregates.add(count(clean));
        aggregates.add(percentile_approx(clean, lit(ranks), lit(ACCURACY)));
      }
      Row totals = rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size())
          .toArray(Column[]::new)).collectAsList().get(0);
      long rowCount = totals.getLong(0);
      Map<String, QuantileSketch> sketches = new HashMap<>();
      for (int i = 0; i < numeric.size(); i++) {
        long n = totals.getLong(1 + 2 * i);
        List<Double> q = n == 0 ? null : totals.getList(2 + 2 * i);
        sketches.put(numeric.get(i), q == null ? QuantileSketch.empty()
            : new QuantileSketch(n, q.stream().mapToDouble(Double::doubleValue).toArray()));
      }
      return new SideProfile(rowCount, sketches, valueCounts(rows, categorical));
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, "SHOW DRIFT");
    }
  }

  /** The top values of every categorical column, in one grouping over the stacked columns. */
  private static Map<String, ValueCounts> valueCounts(Dataset<Row> rows, List<String> categorical) {
    Map<String, ValueCounts> result = new HashMap<>();
    if (categorical.isEmpty()) {
      return result;
    }
    StringBuilder stack = new StringBuilder("stack(").append(categorical.size());
    for (int i = 0; i < categorical.size(); i++) {
      stack.append(", ").append(i).append(", CAST(").append(quote(categorical.get(i)))
          .append(" AS STRING)");
    }
    stack.append(") AS (f, v)");
    Dataset<Row> counts = rows.selectExpr(stack.toString()).where(col("v").isNotNull())
        .groupBy("f", "v").count();
    Column rank = row_number().over(Window.partitionBy("f").orderBy(col("count").desc(), col("v")));
    Column top = when(col("rank").leq(TOP_VALUES), col("v"));
    List<Row> collected = counts.withColumn("rank", rank)
        .groupBy(col("f"), top.as("value")).agg(sum("count")).collectAsList();
    Map<Integer, Map<String, Long>> tops = new HashMap<>();
    Map<Integer, Long> others = new HashMap<>();
    for (Row r : collected) {
      int f = r.getInt(0);
      long n = r.getLong(2);
      if (r.isNullAt(1)) {
        others.put(f, n);
      } else {
        tops.computeIfAbsent(f, k -> new LinkedHashMap<>()).put(r.getString(1), n);
      }
    }
    for (int i = 0; i < categorical.size(); i++) {
      result.put(categorical.get(i), new ValueCounts(tops.getOrDefault(i, Map.of()),
          others.getOrDefault(i, 0L)));
    }
    return result;
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
