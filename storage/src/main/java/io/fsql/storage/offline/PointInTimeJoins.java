package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.sql.tree.DataType.Kind;
import io.fsql.storage.spark.SparkTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * fsql's point-in-time join on Spark, in O(n log n): the spine and the feature rows are put in one
 * relation, partitioned by key and sorted by time, and each spine row takes the last feature row
 * seen before it in that order ("last value carried forward"). One shuffle and one sort; no range
 * join, no ranking of every candidate.
 *
 * <p>Order within a key: by time (ascending for a backward join, descending for a forward one);
 * at equal times feature rows come first when equal times match ({@code >=}, {@code <=}) and after
 * the spine row when they do not ({@code >}, {@code <}). Feature rows with a NULL key or time are
 * dropped first; spine rows with a NULL key or time never match. Max staleness is checked on the
 * matched row's time.
 */
final class PointInTimeJoins {
  private static final String SIDE = "__side";
  private static final String TIME = "__t";
  private static final String LROW = "__lrow";
  private static final String RROW = "__rrow";
  private static final String MATCH = "__match";
  private static final String FTIME = "__ft";

  private PointInTimeJoins() {}

  static Dataset<Row> join(OfflinePlan.PointInTimeJoin j, Dataset<Row> leftRows, Dataset<Row> rightRows) {
    List<String> lnames = new ArrayList<>();
    for (int i = 0; i < j.leftColumns().size(); i++) {
      lnames.add("__l" + i);
    }
    List<String> rnames = new ArrayList<>();
    for (int i = 0; i < j.rightColumns().size(); i++) {
      rnames.add("__r" + i);
    }
    Dataset<Row> l = leftRows.toDF(lnames.toArray(new String[0]));
    Dataset<Row> r = rightRows.toDF(rnames.toArray(new String[0]));
    int keys = j.leftKeys().size();

    // Feature rows: key, time (as a number), side 0, and the whole row with its time.
    List<Column> fcols = new ArrayList<>();
    Column valid = lit(true);
    for (int i = 0; i < keys; i++) {
      Column k = col(rnames.get(j.rightKeys().get(i))).cast(SparkTypes.toSpark(j.keyTypes().get(i)));
      fcols.add(k.as("__k" + i));
      valid = valid.and(k.isNotNull());
    }
    Column ft = time(col(rnames.get(j.rightTime())), j.timeType());
    valid = valid.and(ft.isNotNull());
    fcols.add(ft.as(TIME));
    fcols.add(lit(0).as(SIDE));
    List<Column> rfields = new ArrayList<>();
    for (String n : rnames) {
      rfields.add(col(n));
    }
    rfields.add(ft.as(FTIME));
    fcols.add(struct(rfields.toArray(new Column[0])).as(RROW));
    Dataset<Row> features = r.where(valid).select(fcols.toArray(new Column[0]));

    // Spine rows: key, time, side 1, and the whole row.
    List<Column> scols = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      scols.add(col(lnames.get(j.leftKeys().get(i))).cast(SparkTypes.toSpark(j.keyTypes().get(i))).as("__k" + i));
    }
    scols.add(time(col(lnames.get(j.leftTime())), j.timeType()).as(TIME));
    scols.add(lit(1).as(SIDE));
    List<Column> lfields = new ArrayList<>();
    for (String n : lnames) {
      lfields.add(col(n));
    }
    scols.add(struct(lfields.toArray(new Column[0])).as(LROW));
    Dataset<Row> spine = l.select(scols.toArray(new Column[0]));

    DataType lrowType = spine.schema().apply(LROW).dataType();
    DataType rrowType = features.schema().apply(RROW).dataType();
    Dataset<Row> both = spine.withColumn(RROW, lit(null).cast(rrowType))
        .unionByName(features.withColumn(LROW, lit(null).cast(lrowType)));

    Column[] partition = new Column[keys];
    for (int i = 0; i < keys; i++) {
      partition[i] = col("__k" + i);
    }
    Column byTime = j.backward() ? col(TIME).asc_nulls_first() : col(TIME).desc_nulls_first();
    // Feature rows (side 0) first at equal times when equal times match, else after the spine row.
    Column bySide = j.strict() ? col(SIDE).desc() : col(SIDE).asc();
    WindowSpec w = (keys == 0 ? Window.partitionBy(lit(0)) : Window.partitionBy(partition))
        .orderBy(byTime, bySide)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> carried = both.withColumn(MATCH, last(col(RROW), true).over(w)).where(col(SIDE).equalTo(1));

    Column matched = col(MATCH).isNotNull().and(col(TIME).isNotNull());
    for (int i = 0; i < keys; i++) {
      matched = matched.and(col("__k" + i).isNotNull());
    }
    if (j.maxStalenessMicros() != null) {
      matched = matched.and(abs(col(TIME).minus(col(MATCH + "." + FTIME))).leq(lit(j.maxStalenessMicros())));
    }
    if (!j.keepUnmatched()) {
      carried = carried.where(matched);
    }
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < lnames.size(); i++) {
      out.add(col(LROW + "." + lnames.get(i)).as(j.outputColumns().get(i)));
    }
    for (int i = 0; i < rnames.size(); i++) {
      Column v = col(MATCH + "." + rnames.get(i));
      out.add((j.keepUnmatched() ? when(matched, v) : v).as(j.outputColumns().get(lnames.size() + i)));
    }
    return carried.select(out.toArray(new Column[0]));
  }

  /** A time as a number that orders like it: microseconds for TIMESTAMP and DATE. */
  private static Column time(Column c, ColumnType type) {
    if (type.kind() == Kind.TIMESTAMP || type.kind() == Kind.DATE) {
      return org.apache.spark.sql.functions.unix_micros(c.cast(DataTypes.TimestampType));
    }
    return c.cast(SparkTypes.toSpark(type));
  }
}
