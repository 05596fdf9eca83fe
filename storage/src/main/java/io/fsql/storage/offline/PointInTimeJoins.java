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
 * fsql's point-in-time join on Spark, in O(n log n): the spine and the feature rows of every side
 * are put in one relation, partitioned by key and sorted by time, and each spine row takes, for
 * each side, the last feature row of that side seen before it in that order ("last value carried
 * forward"). One shuffle and one sort for all the sides; no range join, no ranking of every
 * candidate.
 *
 * <p>Order within a key: by time (ascending for a backward join, descending for a forward one);
 * at equal times feature rows come first when equal times match ({@code >=}, {@code <=}) and after
 * the spine row when they do not ({@code >}, {@code <}). Feature rows with a NULL key or time are
 * dropped first; spine rows with a NULL key or time never match. Max staleness is checked on the
 * matched row's time. A spine row is dropped when an inner side has no match for it.
 */
final class PointInTimeJoins {
  private static final String SIDE = "__side";
  private static final String TIME = "__t";
  private static final String LROW = "__lrow";
  private static final String FTIME = "__ft";

  private PointInTimeJoins() {}

  private static String rrow(int side) {
    return "__rrow" + side;
  }

  private static String match(int side) {
    return "__match" + side;
  }

  static Dataset<Row> join(OfflinePlan.PointInTimeJoin j, Dataset<Row> leftRows, List<Dataset<Row>> rightRows) {
    int keys = j.leftKeys().size();
    int n = j.sides().size();
    List<String> lnames = names("__l", j.leftColumns().size());
    Dataset<Row> l = leftRows.toDF(lnames.toArray(new String[0]));

    // Spine rows: key, time (as a number), side n, and the whole row.
    List<Column> scols = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      scols.add(col(lnames.get(j.leftKeys().get(i))).cast(SparkTypes.toSpark(j.keyTypes().get(i))).as("__k" + i));
    }
    scols.add(time(col(lnames.get(j.leftTime())), j.timeType()).as(TIME));
    scols.add(lit(n).as(SIDE));
    scols.add(struct(lnames.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)).as(LROW));
    Dataset<Row> spine = l.select(scols.toArray(new Column[0]));

    // Feature rows of each side: key, time, side index, and the whole row with its time.
    List<Dataset<Row>> features = new ArrayList<>();
    List<List<String>> rnames = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      OfflinePlan.PitSide side = j.sides().get(s);
      List<String> names = names("__r" + s + "_", side.rightColumns().size());
      rnames.add(names);
      Dataset<Row> r = rightRows.get(s).toDF(names.toArray(new String[0]));
      List<Column> fcols = new ArrayList<>();
      Column valid = lit(true);
      for (int i = 0; i < keys; i++) {
        Column k = col(names.get(side.rightKeys().get(i))).cast(SparkTypes.toSpark(j.keyTypes().get(i)));
        fcols.add(k.as("__k" + i));
        valid = valid.and(k.isNotNull());
      }
      Column ft = time(col(names.get(side.rightTime())), j.timeType());
      valid = valid.and(ft.isNotNull());
      fcols.add(ft.as(TIME));
      fcols.add(lit(s).as(SIDE));
      List<Column> fields = new ArrayList<>();
      names.forEach(x -> fields.add(col(x)));
      fields.add(ft.as(FTIME));
      fcols.add(struct(fields.toArray(new Column[0])).as(rrow(s)));
      features.add(r.where(valid).select(fcols.toArray(new Column[0])));
    }

    // One relation: every row has the spine struct and one struct per side, all but one NULL.
    DataType lrowType = spine.schema().apply(LROW).dataType();
    List<DataType> rrowTypes = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      rrowTypes.add(features.get(s).schema().apply(rrow(s)).dataType());
    }
    Dataset<Row> all = withNullRows(spine, -1, lrowType, rrowTypes);
    for (int s = 0; s < n; s++) {
      all = all.unionByName(withNullRows(features.get(s), s, lrowType, rrowTypes));
    }

    Column[] partition = new Column[keys];
    for (int i = 0; i < keys; i++) {
      partition[i] = col("__k" + i);
    }
    Column byTime = j.backward() ? col(TIME).asc_nulls_first() : col(TIME).desc_nulls_first();
    // Feature rows (sides 0..n-1) before the spine row (side n) at equal times when equal times
    // match, after it when they do not.
    Column bySide = j.strict() ? col(SIDE).desc() : col(SIDE).asc();
    WindowSpec w = (keys == 0 ? Window.partitionBy(lit(0)) : Window.partitionBy(partition))
        .orderBy(byTime, bySide)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> carried = all;
    for (int s = 0; s < n; s++) {
      carried = carried.withColumn(match(s), last(col(rrow(s)), true).over(w));
    }
    carried = carried.where(col(SIDE).equalTo(n));

    Column spineOk = col(TIME).isNotNull();
    for (int i = 0; i < keys; i++) {
      spineOk = spineOk.and(col("__k" + i).isNotNull());
    }
    List<Column> matched = new ArrayList<>();
    Column keep = lit(true);
    for (int s = 0; s < n; s++) {
      OfflinePlan.PitSide side = j.sides().get(s);
      Column m = spineOk.and(col(match(s)).isNotNull());
      if (side.maxStalenessMicros() != null) {
        m = m.and(abs(col(TIME).minus(col(match(s) + "." + FTIME))).leq(lit(side.maxStalenessMicros())));
      }
      matched.add(m);
      if (!side.keepUnmatched()) {
        keep = keep.and(m);
      }
    }
    carried = carried.where(keep);
    List<Column> out = new ArrayList<>();
    int o = 0;
    for (String name : lnames) {
      out.add(col(LROW + "." + name).as(j.outputColumns().get(o++)));
    }
    for (int s = 0; s < n; s++) {
      for (String name : rnames.get(s)) {
        out.add(when(matched.get(s), col(match(s) + "." + name)).as(j.outputColumns().get(o++)));
      }
    }
    return carried.select(out.toArray(new Column[0]));
  }

  /** {@code rows} (the spine when side is -1, else that side's features) with NULL for the other structs. */
  private static Dataset<Row> withNullRows(Dataset<Row> rows, int side, DataType lrowType, List<DataType> rrowTypes) {
    Dataset<Row> d = rows;
    if (side >= 0) {
      d = d.withColumn(LROW, lit(null).cast(lrowType));
    }
    for (int s = 0; s < rrowTypes.size(); s++) {
      if (s != side) {
        d = d.withColumn(rrow(s), lit(null).cast(rrowTypes.get(s)));
      }
    }
    return d;
  }

  private static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  /** A time as a number that orders like it: microseconds for TIMESTAMP and DATE. */
  private static Column time(Column c, ColumnType type) {
    if (type.kind() == Kind.TIMESTAMP || type.kind() == Kind.DATE) {
      return org.apache.spark.sql.functions.unix_micros(c.cast(DataTypes.TimestampType));
    }
    return c.cast(SparkTypes.toSpark(type));
  }
}
