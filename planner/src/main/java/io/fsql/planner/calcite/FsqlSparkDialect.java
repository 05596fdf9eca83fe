package io.fsql.planner.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.SparkSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's Spark dialect with the corrections fsql needs so that Spark computes what Calcite
 * typed: FLOAT is an 8-byte DOUBLE in Calcite (Spark's FLOAT has 4 bytes), CHAR has no padding in
 * Spark (STRING), and integer division truncates ({@link #INTEGER_DIVIDE} prints Spark's
 * {@code DIV}).
 */
public final class FsqlSparkDialect extends SparkSqlDialect {
  public static final FsqlSparkDialect INSTANCE = new FsqlSparkDialect();

  /** Integer division that truncates toward zero, as SQL and Calcite define {@code int / int}. */
  public static final SqlBinaryOperator INTEGER_DIVIDE = new SqlBinaryOperator(
      "DIV", SqlKind.OTHER, 60, true, ReturnTypes.LEAST_RESTRICTIVE, InferTypes.FIRST_KNOWN,
      OperandTypes.EXACT_NUMERIC_EXACT_NUMERIC);

  private FsqlSparkDialect() {
    super(SparkSqlDialect.DEFAULT_CONTEXT);
  }

  @Override
  public SqlNode getCastSpec(RelDataType type) {
    switch (type.getSqlTypeName()) {
      case FLOAT:
      case DOUBLE:
        return spec("DOUBLE", type.getSqlTypeName());
      case REAL:
        return spec("FLOAT", type.getSqlTypeName());
      case CHAR:
      case VARCHAR:
        return spec("STRING", type.getSqlTypeName());
      case TIMESTAMP:
        return spec("TIMESTAMP", type.getSqlTypeName());
      default:
        return super.getCastSpec(type);
    }
  }

  /**
   * Spark's interval literals take their units without precision ({@code INTERVAL '90' DAY},
   * never {@code DAY(3)}, which its parser rejects).
   */
  @Override
  public void unparseSqlIntervalQualifier(SqlWriter writer, SqlIntervalQualifier qualifier,
      RelDataTypeSystem typeSystem) {
    writer.keyword(qualifier.timeUnitRange.startUnit.name());
    if (qualifier.timeUnitRange.endUnit != null) {
      writer.keyword("TO");
      writer.keyword(qualifier.timeUnitRange.endUnit.name());
    }
  }

  /**
   * Spark's string literals escape with a backslash: {@code 'it''s'} would be two literals
   * ({@code its}) and a backslash would start an escape sequence.
   */
  @Override
  public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
    buf.append('\'');
    for (int i = 0; i < val.length(); i++) {
      char c = val.charAt(i);
      if (c == '\\' || c == '\'') {
        buf.append('\\');
      }
      buf.append(c);
    }
    buf.append('\'');
  }

  /**
   * A LIKE without ESCAPE has no escape character in SQL, but Spark's LIKE (and ILIKE) escapes
   * with a backslash by default: {@code s LIKE 'a\%'} means "starts with a, backslash" in SQL and
   * "is a%" in Spark. So the pattern's backslashes are doubled for Spark: folded into a literal
   * pattern, {@code REPLACE(p, '\', '\\')} around any other. With an ESCAPE clause Spark has
   * no default escape, as in SQL.
   */
  @Override
  public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (call.getKind() == SqlKind.LIKE && call.operandCount() == 2) {
      SqlNode pattern = call.operand(1);
      SqlNode escaped;
      if (pattern instanceof SqlCharStringLiteral literal) {
        escaped = SqlLiteral.createCharString(
            literal.getValueAs(String.class).replace("\\", "\\\\"), literal.getParserPosition());
      } else if (SqlUtil.isNullLiteral(pattern, false)) {
        escaped = pattern;
      } else {
        escaped = SqlStdOperatorTable.REPLACE.createCall(SqlParserPos.ZERO, pattern,
            SqlLiteral.createCharString("\\", SqlParserPos.ZERO),
            SqlLiteral.createCharString("\\\\", SqlParserPos.ZERO));
      }
      super.unparseCall(writer,
          call.getOperator().createCall(call.getParserPosition(), call.operand(0), escaped),
          leftPrec, rightPrec);
      return;
    }
    super.unparseCall(writer, call, leftPrec, rightPrec);
  }

  private static SqlNode spec(String name, SqlTypeName typeName) {
    return new SqlDataTypeSpec(
        new SqlAlienSystemTypeNameSpec(name, typeName, SqlParserPos.ZERO), SqlParserPos.ZERO);
  }
}
