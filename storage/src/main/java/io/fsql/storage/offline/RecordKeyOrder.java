package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.fsql.planner.catalog.FeatureGroup;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The order of Hudi's record keys, computed in Spark SQL: the key string Hudi's non-partitioned key
 * generator builds from the Avro record of a row ({@code <value>} for a one-column key,
 * {@code <column>:<value>,<column>:<value>} otherwise; a TIMESTAMP as its microseconds, a DATE as
 * {@code yyyy-MM-dd}, an empty string as {@code __empty__}, NULL as {@code __null__}) as a Spark
 * column, so that a first load can be sorted by record key with Spark's own sort (rows in Spark's
 * binary format, range-partitioned on a sample of the cached input) and handed to Hudi's bulk insert
 * in that order, instead of Hudi's record-level sort (every row converted to an Avro record twice,
 * once for the range sample and once for the shuffle, and shuffled as serialised Hudi records).
 *
 * <p>Only the order depends on this matching Hudi's keys: Hudi still builds every record key
 * itself, so a value this formats differently (none known) would only make files' key ranges
 * overlap, never change what is written.
 */
public final class RecordKeyOrder {
  private RecordKeyOrder() {}

  /**
   * The rows sorted by their record key in {@code partitions} partitions, each one contiguous range
   * of keys (a range partitioning of that many partitions, which adaptive execution keeps).
   */
  static Dataset<Row> sorted(Dataset<Row> rows, FeatureGroup group, int partitions) {
    Column key = recordKey(rows, group);
    return rows.repartitionByRange(partitions, key).sortWithinPartitions(key);
  }

  /** Hudi's record key of each row as a string column. */
  public static Column recordKey(Dataset<Row> rows, FeatureGroup group) {
    List<String> key = group.recordKey();
    if (key.size() == 1) {
      return part(rows, key.get(0));
    }
    List<Column> parts = new ArrayList<>();
    for (String k : key) {
      if (!parts.isEmpty()) {
        parts.add(lit(","));
      }
      parts.add(lit(k + ":"));
      parts.add(part(rows, k));
    }
    return concat(parts.toArray(new Column[0]));
  }

  private static Column part(Dataset<Row> rows, String name) {
    DataType type = rows.schema().apply(name).dataType();
    Column c = col(name);
    Column text;
    if (type == DataTypes.TimestampType) {
      text = unix_micros(c).cast(DataTypes.StringType);
    } else if (type == DataTypes.StringType) {
      text = when(c.equalTo(lit("")), lit("__empty__")).otherwise(c);
    } else {
      text = c.cast(DataTypes.StringType);
    }
    return coalesce(text, lit("__null__"));
  }
}
