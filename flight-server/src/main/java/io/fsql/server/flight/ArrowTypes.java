package io.fsql.server.flight;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * fsql column types as Arrow types, and fsql's Java values in and out of Arrow vectors. TIMESTAMP
 * is Arrow Timestamp(MICROSECOND) without a time zone; DECIMAL(p,s) is Decimal128(p,s).
 */
final class ArrowTypes {
  private ArrowTypes() {}

  static ArrowType arrowType(ColumnType t) {
    switch (t.kind()) {
      case BOOLEAN:
        return ArrowType.Bool.INSTANCE;
      case INTEGER:
        return new ArrowType.Int(32, true);
      case BIGINT:
        return new ArrowType.Int(64, true);
      case REAL:
        return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE:
        return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL:
        return new ArrowType.Decimal(t.precision(), t.scale(), 128);
      case DATE:
        return new ArrowType.Date(DateUnit.DAY);
      case TIMESTAMP:
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case VARCHAR:
      default:
        return ArrowType.Utf8.INSTANCE;
    }
  }

  /** The JDBC type fsql reports for a column type (metadata tables). */
  static int jdbcType(ColumnType t) {
    switch (t.kind()) {
      case BOOLEAN:
        return Types.BOOLEAN;
      case INTEGER:
        return Types.INTEGER;
      case BIGINT:
        return Types.BIGINT;
      case REAL:
        return Types.REAL;
      case DOUBLE:
        return Types.DOUBLE;
      case DECIMAL:
        return Types.DECIMAL;
      case DATE:
        return Types.DATE;
      case TIMESTAMP:
        return Types.TIMESTAMP;
      default:
        return Types.VARCHAR;
    }
  }

  /** The type name fsql reports (DECIMAL without its precision). */
  static String typeName(ColumnType t) {
    return t.kind().name();
  }

  /** Column size as JDBC's getColumns reports it. */
  static Integer columnSize(ColumnType t) {
    switch (t.kind()) {
      case INTEGER:
        return 10;
      case BIGINT:
        return 19;
      case REAL:
        return 7;
      case DOUBLE:
        return 15;
      case DECIMAL:
        return t.precision();
      case DATE:
        return 10;
      case TIMESTAMP:
        return 26;
      case BOOLEAN:
        return 1;
      default:
        return t.precision() > 0 ? t.precision() : Integer.MAX_VALUE;
    }
  }

  static Field field(String name, ColumnType type, boolean nullable, String table) {
    FlightSqlColumnMetadata.Builder md = new FlightSqlColumnMetadata.Builder()
        .typeName(typeName(type))
        .isCaseSensitive(type.kind() == DataType.Kind.VARCHAR)
        .isReadOnly(true)
        .isSearchable(true);
    if (table != null) {
      // Table schemas (GetTables) leave auto-increment unsaid: ADBC's Java driver (0.20) writes it
      // into getObjects under a field name its own result schema lacks, and then fails.
      md.tableName(table);
    } else {
      md.isAutoIncrement(false);
    }
    if (type.kind() == DataType.Kind.DECIMAL) {
      md.precision(type.precision()).scale(type.scale());
    } else if (type.kind() == DataType.Kind.TIMESTAMP) {
      md.precision(26).scale(6);
    } else {
      Integer size = columnSize(type);
      if (size != null && size != Integer.MAX_VALUE) {
        md.precision(size);
      }
    }
    return new Field(name, new FieldType(nullable, arrowType(type), null, md.build().getMetadataMap()), null);
  }

  static Schema schema(List<ResultColumn> columns) {
    List<Field> fields = new ArrayList<>();
    for (ResultColumn c : columns) {
      fields.add(field(c.name(), c.type(), c.nullable(), null));
    }
    return new Schema(fields);
  }

  static Schema tableSchema(String table, List<Column> columns) {
    List<Field> fields = new ArrayList<>();
    for (Column c : columns) {
      fields.add(field(c.name(), c.type(), c.nullable(), table));
    }
    return new Schema(fields);
  }

  /** Writes one value (the engine's Java representation) at {@code index}. */
  static void set(FieldVector vector, int index, Object v) {
    if (v == null) {
      vector.setNull(index);
      return;
    }
    if (vector instanceof BitVector b) {
      b.setSafe(index, ((Boolean) v) ? 1 : 0);
    } else if (vector instanceof IntVector i) {
      i.setSafe(index, ((Number) v).intValue());
    } else if (vector instanceof BigIntVector l) {
      l.setSafe(index, ((Number) v).longValue());
    } else if (vector instanceof Float4Vector f) {
      f.setSafe(index, ((Number) v).floatValue());
    } else if (vector instanceof Float8Vector d) {
      d.setSafe(index, ((Number) v).doubleValue());
    } else if (vector instanceof DecimalVector d) {
      BigDecimal bd = v instanceof BigDecimal x ? x : new BigDecimal(v.toString());
      d.setSafe(index, bd.setScale(d.getScale(), RoundingMode.HALF_UP));
    } else if (vector instanceof DateDayVector d) {
      d.setSafe(index, (int) ((LocalDate) v).toEpochDay());
    } else if (vector instanceof TimeStampMicroVector t) {
      t.setSafe(index, micros((LocalDateTime) v));
    } else if (vector instanceof VarCharVector s) {
      s.setSafe(index, v.toString().getBytes(StandardCharsets.UTF_8));
    } else {
      throw new IllegalStateException("no Arrow writer for " + vector.getClass().getSimpleName());
    }
  }

  static long micros(LocalDateTime t) {
    long seconds = t.toEpochSecond(ZoneOffset.UTC);
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), t.getNano() / 1_000);
  }
}
