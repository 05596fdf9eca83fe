package io.fsql.sql.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlAsofJoin;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A point-in-time join with options: {@code [LEFT] ASOF JOIN right MATCH_CONDITION (cmp)
 * MAX STALENESS interval ON cond}. Without options the parser builds Calcite's plain
 * {@link SqlAsofJoin}. The operand list is Calcite's seven ASOF operands plus the staleness.
 */
public final class SqlPitJoin extends SqlAsofJoin {

  /** The operator of every {@link SqlPitJoin}. */
  public static final SqlOperator OPERATOR = new Operator();

  private SqlIntervalLiteral maxStaleness;

  public SqlPitJoin(
      SqlParserPos pos,
      SqlNode left,
      SqlLiteral natural,
      SqlLiteral joinType,
      SqlNode right,
      SqlLiteral conditionType,
      @Nullable SqlNode condition,
      SqlNode matchCondition,
      SqlIntervalLiteral maxStaleness) {
    super(pos, left, natural, joinType, right, conditionType, condition, matchCondition);
    this.maxStaleness = Objects.requireNonNull(maxStaleness, "maxStaleness");
  }

  /** {@code MAX STALENESS interval}: feature rows older than the spine time minus this are ignored. */
  public SqlIntervalLiteral maxStaleness() {
    return maxStaleness;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @SuppressWarnings("nullness")
  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> list = new ArrayList<>(super.getOperandList());
    list.add(maxStaleness);
    return Collections.unmodifiableList(list);
  }

  @Override
  public void setOperand(int i, @Nullable SqlNode operand) {
    if (i == 7) {
      maxStaleness = (SqlIntervalLiteral) Objects.requireNonNull(operand, "maxStaleness");
    } else {
      super.setOperand(i, operand);
    }
  }

  /** Builds {@link SqlPitJoin}s and prints them back in fsql syntax. */
  private static final class Operator extends SqlOperator {
    Operator() {
      super("PIT-JOIN", SqlKind.JOIN, 16, true, null, null, null);
    }

    @Override
    public SqlSyntax getSyntax() {
      return SqlSyntax.SPECIAL;
    }

    @Override
    public SqlCall createCall(
        @Nullable SqlLiteral functionQualifier, SqlParserPos pos,
        @Nullable SqlNode... operands) {
      return new SqlPitJoin(pos,
          Objects.requireNonNull(operands[0]),
          (SqlLiteral) Objects.requireNonNull(operands[1]),
          (SqlLiteral) Objects.requireNonNull(operands[2]),
          Objects.requireNonNull(operands[3]),
          (SqlLiteral) Objects.requireNonNull(operands[4]),
          operands[5],
          Objects.requireNonNull(operands[6]),
          (SqlIntervalLiteral) Objects.requireNonNull(operands[7]));
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlPitJoin join = (SqlPitJoin) call;
      join.getLeft().unparse(writer, leftPrec, getLeftPrec());
      writer.sep(join.getJoinType() == JoinType.LEFT_ASOF ? "LEFT ASOF JOIN" : "ASOF JOIN");
      join.getRight().unparse(writer, getRightPrec(), rightPrec);
      writer.keyword("MATCH_CONDITION");
      SqlWriter.Frame frame = writer.startList("(", ")");
      join.getMatchCondition().unparse(writer, 0, 0);
      writer.endList(frame);
      writer.keyword("MAX STALENESS");
      join.maxStaleness.unparse(writer, 0, 0);
      SqlNode condition = join.getCondition();
      if (condition != null) {
        writer.keyword("ON");
        condition.unparse(writer, leftPrec, rightPrec);
      }
    }
  }
}
