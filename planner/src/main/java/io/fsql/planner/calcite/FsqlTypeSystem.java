package io.fsql.planner.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type rules, aligned with what Spark computes so that the types the planner derives are
 * the types of the rows that come back: DECIMAL up to 38 digits, TIMESTAMP with microseconds,
 * SUM of integers as BIGINT, AVG of integers as DOUBLE, ragged CASE/UNION strings as VARCHAR.
 */
public final class FsqlTypeSystem extends RelDataTypeSystemImpl {
  public static final FsqlTypeSystem INSTANCE = new FsqlTypeSystem();

  private FsqlTypeSystem() {}

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    switch (typeName) {
      case DECIMAL:
        return 38;
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return 6;
      default:
        return super.getMaxPrecision(typeName);
    }
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    if (typeName == SqlTypeName.TIMESTAMP) {
      return 6;
    }
    return super.getDefaultPrecision(typeName);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    switch (argumentType.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
      case REAL:
      case FLOAT:
        return typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
      default:
        return super.deriveSumType(typeFactory, argumentType);
    }
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    switch (argumentType.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
      case REAL:
      case FLOAT:
        return typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
      case DECIMAL:
        // As Spark: four more digits of scale, so the mean is not rounded to the input's scale.
        return typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.DECIMAL,
                Math.min(38, argumentType.getPrecision() + 4), Math.min(38, argumentType.getScale() + 4)),
            argumentType.isNullable());
      default:
        return super.deriveAvgAggType(typeFactory, argumentType);
    }
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
