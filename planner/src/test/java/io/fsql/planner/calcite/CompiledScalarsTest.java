package io.fsql.planner.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** The keys of compiled expressions: equal only when Calcite would generate the same code. */
class CompiledScalarsTest {
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);

  private RelDataType row(SqlTypeName type, boolean nullable) {
    return types.builder().add("x", types.createTypeWithNullability(types.createSqlType(type), nullable)).build();
  }

  private RexNode plusOne(RelDataType row, RexNode one) {
    return rex.makeCall(SqlStdOperatorTable.PLUS, rex.makeInputRef(row.getFieldList().get(0).getType(), 0), one);
  }

  @Test
  void theSameExpressionsOverTheSameRowShareOneKeyAndOneCompiledProducer() {
    RelDataType row = row(SqlTypeName.INTEGER, true);
    List<RexNode> a = List.of(plusOne(row, rex.makeExactLiteral(BigDecimal.ONE)));
    List<RexNode> b = List.of(plusOne(row, rex.makeExactLiteral(BigDecimal.ONE)));
    assertThat(CompiledScalars.key(a, row)).isEqualTo(CompiledScalars.key(b, row));
    assertThat(CompiledScalars.producer(rex, a, row)).isSameAs(CompiledScalars.producer(rex, b, row));
  }

  @Test
  void aDifferentInputTypeNullabilityLiteralTypeOrParameterTypeGivesAnotherKey() {
    RelDataType ints = row(SqlTypeName.INTEGER, true);
    RelDataType longs = row(SqlTypeName.BIGINT, true);
    RelDataType intsNotNull = row(SqlTypeName.INTEGER, false);
    RexNode one = rex.makeExactLiteral(BigDecimal.ONE);
    String base = CompiledScalars.key(List.of(plusOne(ints, one)), ints);
    assertThat(CompiledScalars.key(List.of(plusOne(longs, one)), longs)).isNotEqualTo(base);
    assertThat(CompiledScalars.key(List.of(plusOne(intsNotNull, one)), intsNotNull)).isNotEqualTo(base);
    RexNode longOne = rex.makeExactLiteral(BigDecimal.ONE, types.createSqlType(SqlTypeName.BIGINT));
    assertThat(CompiledScalars.key(List.of(plusOne(ints, longOne)), ints)).isNotEqualTo(base);
    RexNode intParam = rex.makeDynamicParam(types.createSqlType(SqlTypeName.INTEGER), 0);
    RexNode longParam = rex.makeDynamicParam(types.createSqlType(SqlTypeName.BIGINT), 0);
    assertThat(CompiledScalars.key(List.of(plusOne(longs, intParam)), longs))
        .isNotEqualTo(CompiledScalars.key(List.of(plusOne(longs, longParam)), longs));
    // more expressions, or the same ones in another order, are other code
    RexNode ref = rex.makeInputRef(ints.getFieldList().get(0).getType(), 0);
    assertThat(CompiledScalars.key(List.of(ref, one), ints)).isNotEqualTo(CompiledScalars.key(List.of(one, ref), ints));
    assertThat(CompiledScalars.key(List.of(ref), ints)).isNotEqualTo(CompiledScalars.key(List.of(ref, ref), ints));
  }
}
