package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.sql.tree.DataType;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/** Conversions between fsql column types and Calcite's types. */
public final class TypeMapping {
  private TypeMapping() {}

  public static RelDataType toRelType(RelDataTypeFactory factory, ColumnType type, boolean nullable) {
    RelDataType t;
    switch (type.kind()) {
      case BOOLEAN:
        t = factory.createSqlType(SqlTypeName.BOOLEAN);
        break;
      case INTEGER:
        t = factory.createSqlType(SqlTypeName.INTEGER);
        break;
      case BIGINT:
        t = factory.createSqlType(SqlTypeName.BIGINT);
        break;
      case REAL:
        t = factory.createSqlType(SqlTypeName.REAL);
        break;
      case DOUBLE:
        t = factory.createSqlType(SqlTypeName.DOUBLE);
        break;
      case DECIMAL:
        t = factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
        break;
      case VARCHAR:
        t = type.precision() > 0
            ? factory.createSqlType(SqlTypeName.VARCHAR, type.precision())
            : factory.createSqlType(SqlTypeName.VARCHAR);
        break;
      case DATE:
        t = factory.createSqlType(SqlTypeName.DATE);
        break;
      case TIMESTAMP:
        t = factory.createSqlType(SqlTypeName.TIMESTAMP, 6);
        break;
      default:
        throw new IllegalArgumentException("unknown type " + type);
    }
    return factory.createTypeWithNullability(t, nullable);
  }

  public static RelDataType rowType(RelDataTypeFactory factory, List<Column> columns) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (Column c : columns) {
      b.add(c.name(), toRelType(factory, c.type(), c.nullable()));
    }
    return b.build();
  }

  /** The fsql type of a result column, or an error naming the type fsql cannot return. */
  public static ColumnType toColumnType(RelDataType type, String columnName) {
    switch (type.getSqlTypeName()) {
      case BOOLEAN:
        return ColumnType.of(DataType.Kind.BOOLEAN);
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return ColumnType.of(DataType.Kind.INTEGER);
      case BIGINT:
        return ColumnType.of(DataType.Kind.BIGINT);
      case REAL:
        return ColumnType.of(DataType.Kind.REAL);
      case FLOAT:
      case DOUBLE:
        return ColumnType.of(DataType.Kind.DOUBLE);
      case DECIMAL:
        return ColumnType.decimal(type.getPrecision(), Math.max(0, type.getScale()));
      case CHAR:
      case VARCHAR:
      case NULL:
        return ColumnType.of(DataType.Kind.VARCHAR);
      case DATE:
        return ColumnType.of(DataType.Kind.DATE);
      case TIMESTAMP:
        return ColumnType.of(DataType.Kind.TIMESTAMP);
      default:
        throw new FsqlException(ErrorCode.NOT_SUPPORTED,
            "column '" + columnName + "' has type " + type.getFullTypeString()
                + ", which fsql cannot return; CAST it to a supported type"
                + " (BOOLEAN, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP)");
    }
  }

  /** The result columns of a row type. */
  public static List<io.fsql.planner.exec.ResultColumn> resultColumns(RelDataType rowType) {
    return rowType.getFieldList().stream()
        .map(TypeMapping::resultColumn)
        .toList();
  }

  private static io.fsql.planner.exec.ResultColumn resultColumn(RelDataTypeField f) {
    return new io.fsql.planner.exec.ResultColumn(
        f.getName(), toColumnType(f.getType(), f.getName()), f.getType().isNullable());
  }
}
