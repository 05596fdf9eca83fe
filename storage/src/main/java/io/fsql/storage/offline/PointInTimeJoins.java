package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.storage.spark.SparkTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * fsql's point-in-time join on Spark, in O(n log n) and one pass for all the feature sides that
 * share the spine's key: the spine (only its key, time and columns) and the feature rows of every
 * side (only their key, time and columns) are each shuffled by the join key with the same hash
 * partitioner; each pair of partitions is joined by {@link PitPartitionJoin}, which indexes the
 * partition's feature rows per key by time (primitive arrays) and probes that index with every
 * spine row (binary search, staleness check). No row comparison sort, no window, no range join.
 *
 * <p>A side whose rows Spark estimates at most {@link PitBroadcastPolicy#maxBytes()} (or at most
 * {@link PitBroadcastPolicy#largerMaxBytes()} and smaller than the spine, see
 * {@link PitBroadcastPolicy}) is not shuffled: one Spark job reads all such sides, each task
 * indexing its partition's rows ({@link PitSidePart}); the driver merges the parts into one index
 * ({@link PitBroadcastSides}) that every task probing the spine reads ({@link PitSidesRef}: a
 * broadcast, or in local mode the driver's own copy); when every side is broadcast the spine is
 * not shuffled either. Both paths give the same rows.
 *
 * <p>Feature rows with a NULL key or time are dropped first; spine rows with a NULL key or time
 * never match. Max staleness is checked on the matched row's time. A spine row is dropped when an
 * inner side has no match for it. A join without keys puts every row under one key.
 */
final class PointInTimeJoins {
  private static final String TIME = "__t";
  private static final String SIDE = "__side";
  private static final ClassTag<InternalRow> ROW = ClassTag$.MODULE$.apply(InternalRow.class);

  private PointInTimeJoins() {}

  static Dataset<Row> join(OfflinePlan.PointInTimeJoin j, Dataset<Row> leftRows, List<Dataset<Row>> rightRows) {
    SparkSession spark = leftRows.sparkSession();
    int partitions = spark.sessionState().conf().numShufflePartitions();
    int n = j.sides().size();
    List<DataType> keyTypes = new ArrayList<>();
    j.keyTypes().forEach(t -> keyTypes.add(SparkTypes.toSpark(t)));
    boolean noKeys = keyTypes.isEmpty();
    if (noKeys) {
      keyTypes.add(DataTypes.IntegerType);
    }
    int keys = keyTypes.size();
    Column[] partitionBy = new Column[keys];
    for (int i = 0; i < keys; i++) {
      partitionBy[i] = col("__k" + i);
    }

    // The spine: key, time, then its own columns.
    List<String> lnames = names("__l", j.leftColumns().size());
    Dataset<Row> l = leftRows.toDF(lnames.toArray(new String[0]));
    List<Column> scols = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      scols.add(noKeys ? lit(0).as("__k0") : key(col(lnames.get(j.leftKeys().get(i))), keyTypes.get(i)).as("__k" + i));
    }
    scols.add(time(col(lnames.get(j.leftTime())), j.timeType()).as(TIME));
    lnames.forEach(x -> scols.add(col(x)));
    Dataset<Row> spine = l.select(scols.toArray(new Column[0]));

    // Each side's feature rows: key, time, then its own columns; rows with a NULL key or time dropped.
    List<Dataset<Row>> rights = new ArrayList<>();
    List<Dataset<Row>> flat = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      OfflinePlan.PitSide side = j.sides().get(s);
      List<String> names = names("__r" + s + "_", side.rightColumns().size());
      Dataset<Row> r = rightRows.get(s).toDF(names.toArray(new String[0]));
      rights.add(r);
      List<Column> fcols = new ArrayList<>();
      Column valid = lit(true);
      for (int i = 0; i < keys; i++) {
        Column k = noKeys ? lit(0) : key(col(names.get(side.rightKeys().get(i))), keyTypes.get(i));
        fcols.add(k.as("__k" + i));
        valid = valid.and(k.isNotNull());
      }
      Column ft = time(col(names.get(side.rightTime())), j.timeType());
      valid = valid.and(ft.isNotNull());
      fcols.add(ft.as(TIME));
      names.forEach(x -> fcols.add(col(x)));
      flat.add(r.where(valid).select(fcols.toArray(new Column[0])));
    }

    // Which sides are small enough to broadcast (Spark's estimate of their rows' size).
    long maxBroadcast = PitBroadcastPolicy.maxBytes();
    long largerMaxBroadcast = PitBroadcastPolicy.largerMaxBytes();
    java.math.BigInteger spineEstimate = maxBroadcast > 0 ? PitBroadcastPolicy.estimate(spine) : null;
    boolean[] small = new boolean[n];
    List<Integer> shuffled = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      small[s] = PitBroadcastPolicy.broadcast(flat.get(s), spineEstimate, maxBroadcast, largerMaxBroadcast);
      if (!small[s]) {
        shuffled.add(s);
      }
    }

    // The output: the spine's columns, then each side's.
    StructType spineSchema = spine.schema();
    DataType[] spineTypes = new DataType[lnames.size()];
    List<StructField> out = new ArrayList<>();
    int o = 0;
    for (int i = 0; i < spineTypes.length; i++) {
      StructField f = spineSchema.fields()[keys + 1 + i];
      spineTypes[i] = f.dataType();
      out.add(DataTypes.createStructField(j.outputColumns().get(o++), f.dataType(), f.nullable()));
    }
    DataType[][] sideTypes = new DataType[n][];
    boolean[] keepUnmatched = new boolean[n];
    Long[] maxStaleness = new Long[n];
    for (int s = 0; s < n; s++) {
      StructField[] fields = rights.get(s).schema().fields();
      sideTypes[s] = new DataType[fields.length];
      for (int c = 0; c < fields.length; c++) {
        sideTypes[s][c] = fields[c].dataType();
        out.add(DataTypes.createStructField(j.outputColumns().get(o++), fields[c].dataType(), true));
      }
      keepUnmatched[s] = j.sides().get(s).keepUnmatched();
      maxStaleness[s] = j.sides().get(s).maxStalenessMicros();
    }
    DataType[] keyArray = keyTypes.toArray(new DataType[0]);
    DataType timeType = spineSchema.apply(TIME).dataType();

    // The small sides: collected, indexed once on the driver, broadcast.
    PitSidesRef broadcast = null;
    if (shuffled.size() < n) {
      List<RDD<InternalRow>> rows = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        rows.add(small[s] ? flat.get(s).queryExecution().toRdd() : null);
      }
      broadcast = PitSidesRef.of(spark.sparkContext(),
          PitBroadcastSides.collect(spark.sparkContext(), keyArray, timeType, sideTypes, rows));
    }

    int[] structAt = new int[n];
    java.util.Arrays.fill(structAt, -1);
    for (int p = 0; p < shuffled.size(); p++) {
      structAt[shuffled.get(p)] = keys + 2 + p;
    }
    PitPartitionJoin perPartition = new PitPartitionJoin(keyArray, timeType, spineTypes, sideTypes, keepUnmatched,
        maxStaleness, j.backward(), j.strict(), structAt, broadcast);
    RDD<InternalRow> joined;
    if (shuffled.isEmpty()) {
      // Every side is broadcast: the spine is probed where it is, not shuffled.
      joined = JavaRDD.fromRDD(spine.queryExecution().toRdd(), ROW).mapPartitions(new PitBroadcastProbe(perPartition)).rdd();
    } else {
      // The feature rows of the shuffled sides in one relation: key, time, side, and one struct per
      // shuffled side (its columns), NULL but on that side's rows; shuffled by key like the spine.
      List<DataType> structTypes = new ArrayList<>();
      for (int s : shuffled) {
        structTypes.add(flat.get(s).select(struct(sideColumns(flat.get(s), keys))).schema().fields()[0].dataType());
      }
      Dataset<Row> features = null;
      for (int s : shuffled) {
        List<Column> fcols = new ArrayList<>();
        for (int i = 0; i <= keys; i++) {
          fcols.add(col(flat.get(s).columns()[i]));
        }
        fcols.add(lit(s).as(SIDE));
        for (int p = 0; p < shuffled.size(); p++) {
          fcols.add(shuffled.get(p) == s ? struct(sideColumns(flat.get(s), keys)).as("__r" + p)
              : lit(null).cast(structTypes.get(p)).as("__r" + p));
        }
        Dataset<Row> f = flat.get(s).select(fcols.toArray(new Column[0]));
        features = features == null ? f : features.union(f);
      }
      features = features.repartition(partitions, partitionBy);
      Dataset<Row> shuffledSpine = spine.repartition(partitions, partitionBy);
      JavaRDD<InternalRow> spineRdd = JavaRDD.fromRDD(shuffledSpine.queryExecution().toRdd(), ROW);
      JavaRDD<InternalRow> featureRdd = JavaRDD.fromRDD(features.queryExecution().toRdd(), ROW);
      joined = spineRdd.zipPartitions(featureRdd, perPartition).rdd();
    }
    return spark.internalCreateDataFrame(joined, DataTypes.createStructType(out), false);
  }

  /** The columns of a side's flat rows after its keys and time. */
  private static Column[] sideColumns(Dataset<Row> flat, int keys) {
    String[] names = flat.columns();
    Column[] cols = new Column[names.length - keys - 1];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = col(names[keys + 1 + i]);
    }
    return cols;
  }

  private static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  /** A key in its compared type; floating-point zeros and NaNs made one value each (as SQL compares them). */
  private static Column key(Column c, DataType type) {
    Column k = c.cast(type);
    if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
      k = when(k.equalTo(0), lit(0).cast(type)).when(isnan(k), lit(Double.NaN).cast(type)).otherwise(k);
    }
    return k;
  }

  /**
   * A time as a column that {@link PitPartitionJoin} reads as a long that orders like it:
   * microseconds for TIMESTAMP and DATE, integers as BIGINT, REAL and DOUBLE as DOUBLE, decimals as
   * they are.
   */
  private static Column time(Column c, ColumnType type) {
    switch (type.kind()) {
      case TIMESTAMP:
      case DATE:
        return org.apache.spark.sql.functions.unix_micros(c.cast(DataTypes.TimestampType));
      case INTEGER:
      case BIGINT:
        return c.cast(DataTypes.LongType);
      case REAL:
      case DOUBLE:
        return c.cast(DataTypes.DoubleType);
      case DECIMAL:
        return c.cast(SparkTypes.toSpark(type));
      default:
        throw new FsqlException(ErrorCode.TYPE_MISMATCH,
            "an ASOF JOIN's times must be TIMESTAMP, DATE or numeric, not " + type.sql());
    }
  }
}
