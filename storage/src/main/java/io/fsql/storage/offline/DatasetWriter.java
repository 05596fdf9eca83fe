package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.engine.CrashPoints;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.planner.offline.SplitPlan;
import io.fsql.storage.spark.SparkTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/** Writes and reads training datasets' files: one directory per split, Parquet or CSV. */
final class DatasetWriter {
  private static final String SPLIT = "__split";
  private static final long BUCKETS = 1_000_000L;
  /**
   * Parquet pages of a training dataset are left uncompressed (dictionary encoding stays on, with
   * parquet-mr's fallback to plain where a dictionary does not pay): a dataset is written once and
   * read in bulk many times, and decompressing is a good part of what Arrow's native reader spends on the
   * Flight bulk path (issue 10; the bench's 1M-row, 10-column dataset: 0.48 s of CPU to scan its
   * snappy files, 0.34 s uncompressed; the files grow from 47.5 to 68.8 MiB as its doubles are
   * nearly all distinct). Files of older datasets keep their codec and read as before.
   */
  static final String PARQUET_CODEC = "none";

  private DatasetWriter() {}

  static io.fsql.planner.offline.OfflineStore.Materialized write(Dataset<Row> rows, List<ResultColumn> columns,
      String location, String format, SplitPlan split, boolean statistics) {
    String[] names = columns.stream().map(ResultColumn::name).toArray(String[]::new);
    Column[] typed = columns.stream()
        .map(c -> col(c.name()).cast(SparkTypes.toSpark(c.type())).as(c.name()))
        .toArray(Column[]::new);
    Dataset<Row> data = rows.toDF(names).select(typed);
    List<String> parts = new ArrayList<>();
    Column assign;
    if (split instanceof SplitPlan.Random r) {
      // A row's split depends only on its values and the seed: a hash into [0, 1).
      List<Column> hashed = new ArrayList<>();
      hashed.add(lit(r.seed()));
      for (String n : names) {
        hashed.add(col(n));
      }
      Column u = pmod(xxhash64(hashed.toArray(new Column[0])), lit(BUCKETS)).cast(DataTypes.DoubleType)
          .divide(lit((double) BUCKETS));
      double cumulative = 0;
      assign = lit(r.names().size() - 1);
      for (int i = r.names().size() - 2; i >= 0; i--) {
        cumulative = 0;
        for (int j = 0; j <= i; j++) {
          cumulative += r.fractions().get(j);
        }
        assign = org.apache.spark.sql.functions.when(u.lt(lit(cumulative)), lit(i)).otherwise(assign);
      }
      parts.addAll(r.names());
    } else if (split instanceof SplitPlan.Time t) {
      Column micros = org.apache.spark.sql.functions.unix_micros(col(names[t.column()]).cast(DataTypes.TimestampType));
      assign = lit(null).cast(DataTypes.IntegerType);
      for (int i = t.names().size() - 1; i >= 0; i--) {
        assign = org.apache.spark.sql.functions.when(
            micros.geq(lit(t.fromMicros().get(i))).and(micros.lt(lit(t.toMicros().get(i)))), lit(i)).otherwise(assign);
      }
      parts.addAll(t.names());
    } else {
      assign = lit(0);
      parts.add("all");
    }
    Dataset<Row> tagged = data.withColumn(SPLIT, assign).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<Integer, Long> counts = new HashMap<>();
      // the split sizes, and the first pass of the splits' statistics in the same job
      DescriptiveStatistics stats = statistics ? new DescriptiveStatistics(columns.stream()
          .map(c -> new io.fsql.planner.catalog.Column(c.name(), c.type(), true, null)).toList()) : null;
      List<Column> aggregates = stats == null ? List.of() : stats.aggregates();
      Map<Integer, List<DescriptiveStatistics.Partial>> partials = new java.util.TreeMap<>();
      for (Row r : tagged.groupBy(SPLIT).agg(org.apache.spark.sql.functions.count(lit(1)),
          aggregates.toArray(new Column[0])).collectAsList()) {
        if (!r.isNullAt(0)) {
          counts.put(r.getInt(0), r.getLong(1));
          if (stats != null) {
            partials.put(r.getInt(0), stats.read(r, 2));
          }
        }
      }
      Map<String, List<io.fsql.planner.stats.ColumnStatistics>> bySplit = new java.util.LinkedHashMap<>();
      if (stats != null) {
        stats.complete(tagged, SPLIT, partials).forEach((i, s) -> bySplit.put(parts.get(i), s));
      }
      List<TrainingDataset.SplitPart> out = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        String dir = parts.get(i);
        Dataset<Row> part = tagged.where(col(SPLIT).equalTo(i)).drop(SPLIT);
        org.apache.spark.sql.DataFrameWriter<Row> w = part.write().mode(SaveMode.ErrorIfExists);
        if ("CSV".equals(format)) {
          w.option("header", "true").csv(location + "/" + dir);
        } else {
          w.option("compression", PARQUET_CODEC).parquet(location + "/" + dir);
          if (io.fsql.storage.arrow.DatasetArrowCopies.enabled()) {
            io.fsql.storage.arrow.DatasetArrowCopies.writeAll(location + "/" + dir);
          }
        }
        CrashPoints.reach(CrashPoints.DURING_DATASET_WRITE);
        Double fraction = split instanceof SplitPlan.Random r ? r.fractions().get(i) : null;
        out.add(new TrainingDataset.SplitPart(parts.get(i), fraction, null, null, dir, counts.getOrDefault(i, 0L)));
      }
      return new io.fsql.planner.offline.OfflineStore.Materialized(out, bySplit);
    } finally {
      tagged.unpersist();
    }
  }

  static Dataset<Row> read(SparkSession spark, OfflinePlan.DatasetScan scan) {
    DataFrameReader r = spark.read().schema(SparkTypes.schema(scan.schema()));
    String[] paths = scan.paths().toArray(new String[0]);
    if ("CSV".equals(scan.format().toUpperCase(Locale.ROOT))) {
      return r.option("header", "true").option("mode", "FAILFAST").csv(paths);
    }
    return r.parquet(paths);
  }
}
