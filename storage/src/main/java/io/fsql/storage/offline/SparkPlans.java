package io.fsql.storage.offline;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.storage.spark.SparkTypes;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Builds the Spark Dataset of an offline plan in one Spark session (its temp views are its own). */
final class SparkPlans {
  private final SparkSession spark;
  private final HudiOfflineStore store;

  SparkPlans(SparkSession spark, HudiOfflineStore store) {
    this.spark = spark;
    this.store = store;
  }

  /**
   * The row with the greatest event time of each primary key. A group without an event time has
   * one row per key already; (key, event time) is unique, so no ties exist.
   */
  private static Dataset<Row> latestPerKey(Dataset<Row> rows, io.fsql.planner.catalog.FeatureGroup group) {
    if (group.eventTime().isEmpty()) {
      return rows;
    }
    org.apache.spark.sql.Column[] key = group.primaryKey().stream()
        .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
    org.apache.spark.sql.expressions.WindowSpec w = org.apache.spark.sql.expressions.Window
        .partitionBy(key).orderBy(org.apache.spark.sql.functions.col(group.eventTime().get()).desc());
    String rank = "__fsql_latest_rank";
    return rows.withColumn(rank, org.apache.spark.sql.functions.row_number().over(w))
        .where(org.apache.spark.sql.functions.col(rank).equalTo(1)).drop(rank);
  }

  Dataset<Row> dataset(OfflinePlan plan) {
    if (plan instanceof OfflinePlan.SqlQuery q) {
      for (Map.Entry<String, OfflinePlan> input : q.inputs().entrySet()) {
        dataset(input.getValue()).createOrReplaceTempView(input.getKey());
      }
      return spark.sql(q.sql());
    }
    if (plan instanceof OfflinePlan.PointInTimeJoin j) {
      List<Dataset<Row>> sides = new java.util.ArrayList<>();
      for (OfflinePlan.PitSide side : j.sides()) {
        sides.add(dataset(side.right()));
      }
      return PointInTimeJoins.join(j, dataset(j.left()), sides);
    }
    if (plan instanceof OfflinePlan.GroupScan g) {
      Dataset<Row> rows = store.read(spark, g.group(), g.spec());
      return g.latestPerKey() ? latestPerKey(rows, g.group()) : rows;
    }
    if (plan instanceof OfflinePlan.DatasetScan d) {
      return DatasetWriter.read(spark, d);
    }
    if (plan instanceof OfflinePlan.Rows r) {
      List<Row> rows = new java.util.ArrayList<>(r.rows().size());
      for (Object[] values : r.rows()) {
        Object[] converted = values.clone();
        for (int i = 0; i < converted.length; i++) {
          if (converted[i] instanceof java.time.LocalDateTime t) {
            converted[i] = t.toInstant(java.time.ZoneOffset.UTC);  // TimestampType with the Java 8 API
          }
        }
        rows.add(org.apache.spark.sql.RowFactory.create(converted));
      }
      return spark.createDataFrame(rows, SparkTypes.schema(r.schema()));
    }
    OfflinePlan.FileScan f = (OfflinePlan.FileScan) plan;
    Files.check(spark.sparkContext().hadoopConfiguration(), f.path());
    String[] names = f.schema().stream().map(Column::name).toArray(String[]::new);
    if ("csv".equals(f.format())) {
      return Files.reader(spark, "csv", f.options())
          .schema(SparkTypes.schema(f.schema()))
          .load(f.path());
    }
    // The schema inferred when the query was planned (if the files are unchanged): no second inference.
    org.apache.spark.sql.types.StructType known =
        FileSchemas.known(spark.sparkContext().hadoopConfiguration(), f.format(), f.path(), f.options());
    org.apache.spark.sql.DataFrameReader reader = spark.read().format(f.format());
    if (known != null) {
      reader = reader.schema(known);
    }
    Dataset<Row> df = reader.load(f.path()).toDF(names);
    org.apache.spark.sql.Column[] cast = f.schema().stream()
        .map(c -> org.apache.spark.sql.functions.col(c.name()).cast(SparkTypes.toSpark(c.type())).as(c.name()))
        .toArray(org.apache.spark.sql.Column[]::new);
    return df.select(cast);
  }
}
