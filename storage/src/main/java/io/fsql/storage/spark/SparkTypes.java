package io.fsql.storage.spark;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.DataType.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Conversions between fsql's column types and values and Spark's. */
public final class SparkTypes {
  private SparkTypes() {}

  public static DataType toSpark(ColumnType type) {
    switch (type.kind()) {
      case BOOLEAN:
        return DataTypes.BooleanType;
      case INTEGER:
        return DataTypes.IntegerType;
      case BIGINT:
        return DataTypes.LongType;
      case REAL:
        return DataTypes.FloatType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case DECIMAL:
        return DataTypes.createDecimalType(type.precision(), type.scale());
      case VARCHAR:
        return DataTypes.StringType;
      case DATE:
        return DataTypes.DateType;
      case TIMESTAMP:
        return DataTypes.TimestampType;
      default:
        throw new IllegalArgumentException("unknown type " + type);
    }
  }

  public static StructType schema(List<Column> columns) {
    StructType s = new StructType();
    for (Column c : columns) {
      s = s.add(c.name(), toSpark(c.type()), c.nullable());
    }
    return s;
  }

  /** The fsql columns of a file's Spark schema; names are folded to lower case. */
  public static List<Column> columns(StructType schema, String source) {
    return java.util.Arrays.stream(schema.fields())
        .map(f -> new Column(f.name().toLowerCase(Locale.ROOT), fromSpark(f, source), true, null))
        .toList();
  }

  private static ColumnType fromSpark(StructField f, String source) {
    DataType t = f.dataType();
    if (t == DataTypes.BooleanType) {
      return ColumnType.of(Kind.BOOLEAN);
    }
    if (t == DataTypes.ByteType || t == DataTypes.ShortType || t == DataTypes.IntegerType) {
      return ColumnType.of(Kind.INTEGER);
    }
    if (t == DataTypes.LongType) {
      return ColumnType.of(Kind.BIGINT);
    }
    if (t == DataTypes.FloatType) {
      return ColumnType.of(Kind.REAL);
    }
    if (t == DataTypes.DoubleType) {
      return ColumnType.of(Kind.DOUBLE);
    }
    if (t instanceof DecimalType d) {
      return ColumnType.decimal(d.precision(), d.scale());
    }
    if (t == DataTypes.StringType) {
      return ColumnType.of(Kind.VARCHAR);
    }
    if (t == DataTypes.DateType) {
      return ColumnType.of(Kind.DATE);
    }
    if (t == DataTypes.TimestampType || t == DataTypes.TimestampNTZType) {
      return ColumnType.of(Kind.TIMESTAMP);
    }
    throw new FsqlException(ErrorCode.NOT_SUPPORTED,
        "column '" + f.name() + "' of " + source + " has type " + t.simpleString()
            + ", which fsql does not support");
  }

  /** Converts a value Spark returned into the Java value of an fsql column type. */
  public static Object toJava(Object v, ResultColumn column) {
    if (v == null) {
      return null;
    }
    ColumnType type = column.type();
    switch (type.kind()) {
      case BOOLEAN:
        return (Boolean) v;
      case INTEGER:
        return ((Number) v).intValue();
      case BIGINT:
        return ((Number) v).longValue();
      case REAL:
        return ((Number) v).floatValue();
      case DOUBLE:
        return ((Number) v).doubleValue();
      case DECIMAL: {
        BigDecimal d = v instanceof BigDecimal b ? b
            : v instanceof scala.math.BigDecimal sb ? sb.bigDecimal()
            : new BigDecimal(v.toString());
        return type.scale() >= 0 ? d.setScale(type.scale(), RoundingMode.HALF_UP) : d;
      }
      case VARCHAR:
        return v.toString();
      case DATE:
        if (v instanceof LocalDate d) {
          return d;
        }
        if (v instanceof java.sql.Date d) {
          return d.toLocalDate();
        }
        return LocalDate.parse(v.toString());
      case TIMESTAMP:
        if (v instanceof Instant i) {
          return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (v instanceof LocalDateTime t) {
          return t;
        }
        if (v instanceof java.sql.Timestamp t) {
          return LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
        }
        if (v instanceof LocalDate d) {
          return d.atStartOfDay();
        }
        throw new IllegalStateException("unexpected timestamp value " + v.getClass());
      default:
        throw new IllegalStateException("unknown type " + type);
    }
  }
}
