package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.pit.PointInTimeJoin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import io.fsql.sql.tree.SqlPitJoin;

/**
 * Calcite's SQL-to-relational conversion, with {@code ASOF JOIN} converted into fsql's
 * {@link PointInTimeJoin} (carrying the MAX STALENESS option that Calcite's node has no room for).
 */
final class FsqlSqlToRelConverter extends SqlToRelConverter {
  private final Map<SqlParserPos, SqlIntervalLiteral> staleness = new HashMap<>();

  FsqlSqlToRelConverter(RelOptTable.ViewExpander viewExpander, SqlValidator validator,
      Prepare.CatalogReader catalogReader, RelOptCluster cluster, SqlRexConvertletTable convertletTable,
      Config config) {
    super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
  }

  /** Remembers the MAX STALENESS of every point-in-time join in {@code node}, by position. */
  void collectOptions(SqlNode node) {
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlPitJoin pit) {
          staleness.put(pit.getParserPosition(), pit.maxStaleness());
        }
        return super.visit(call);
      }
    });
  }

  @Override
  protected RelNode createAsofJoin(SqlParserPos pos, Blackboard bb, RelNode leftRel,
      RelNode rightRel, RexNode joinCond, RexNode matchCondition, JoinRelType joinType) {
    int leftCount = leftRel.getRowType().getFieldCount();
    List<Integer> leftKeys = new ArrayList<>();
    List<Integer> rightKeys = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(joinCond)) {
      if (conjunct.isAlwaysTrue()) {
        continue;
      }
      if (conjunct.getKind() != SqlKind.EQUALS) {
        throw unsupported(pos, "the ON condition of an ASOF JOIN must be equalities between a"
            + " column of each side (found " + conjunct + ")");
      }
      RexCall eq = (RexCall) conjunct;
      int a = field(eq.getOperands().get(0), pos);
      int b = field(eq.getOperands().get(1), pos);
      if (a < leftCount && b >= leftCount) {
        leftKeys.add(a);
        rightKeys.add(b - leftCount);
      } else if (b < leftCount && a >= leftCount) {
        leftKeys.add(b);
        rightKeys.add(a - leftCount);
      } else {
        throw unsupported(pos, "each ON equality of an ASOF JOIN must compare a column of the"
            + " left side with a column of the right side");
      }
    }
    if (!(matchCondition instanceof RexCall match) || match.getOperands().size() != 2) {
      throw unsupported(pos, "MATCH_CONDITION must compare a time of each side");
    }
    int a = field(match.getOperands().get(0), pos);
    int b = field(match.getOperands().get(1), pos);
    boolean leftFirst = a < leftCount && b >= leftCount;
    if (!leftFirst && !(b < leftCount && a >= leftCount)) {
      throw unsupported(pos, "MATCH_CONDITION must compare a column of the left side with a column"
          + " of the right side");
    }
    int leftTime = leftFirst ? a : b;
    int rightTime = (leftFirst ? b : a) - leftCount;
    // Normalize to "right <op> left".
    SqlKind kind = leftFirst ? match.getKind().reverse() : match.getKind();
    boolean backward;
    boolean strict;
    switch (kind) {
      case LESS_THAN_OR_EQUAL:
        backward = true;
        strict = false;
        break;
      case LESS_THAN:
        backward = true;
        strict = true;
        break;
      case GREATER_THAN_OR_EQUAL:
        backward = false;
        strict = false;
        break;
      case GREATER_THAN:
        backward = false;
        strict = true;
        break;
      default:
        throw unsupported(pos, "MATCH_CONDITION must use >=, >, <= or <");
    }
    Long micros = null;
    SqlIntervalLiteral s = staleness.get(pos);
    if (s != null) {
      SqlIntervalLiteral.IntervalValue v = s.getValueAs(SqlIntervalLiteral.IntervalValue.class);
      if (v.getIntervalQualifier().isYearMonth()) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "MAX STALENESS must be a day-time interval (DAY, HOUR, MINUTE, SECOND), not YEAR or MONTH",
            s.getParserPosition().getLineNum(), s.getParserPosition().getColumnNum());
      }
      micros = SqlParserUtil.intervalToMillis(v) * 1000L;
    }
    return new PointInTimeJoin(getCluster(), leftRel.getTraitSet(), leftRel, rightRel, leftKeys,
        rightKeys, leftTime, rightTime, backward, strict, micros, joinType == JoinRelType.LEFT_ASOF);
  }

  /** The field a join operand reads: an input reference, possibly under CASTs. */
  private static int field(RexNode node, SqlParserPos pos) {
    RexNode n = node;
    while (n.getKind() == SqlKind.CAST) {
      n = ((RexCall) n).getOperands().get(0);
    }
    if (n instanceof RexInputRef ref) {
      return ref.getIndex();
    }
    throw unsupported(pos, "ASOF JOIN conditions must compare columns, not expressions (" + node
        + "); compute the expression in a subquery first");
  }

  private static FsqlException unsupported(SqlParserPos pos, String message) {
    return new FsqlException(ErrorCode.INVALID_QUERY, message, pos.getLineNum(), pos.getColumnNum());
  }
}
