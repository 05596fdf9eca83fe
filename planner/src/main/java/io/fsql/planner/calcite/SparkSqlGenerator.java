package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.planner.pit.PointInTimeJoin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Turns a Calcite plan into Spark SQL over named inputs: every table scan becomes a reference to
 * an input ({@code __in0}, {@code __in1}, ...) that the offline store binds to a Hudi table at a
 * commit or to a file, and every point-in-time join becomes an input computed by fsql's own
 * point-in-time join over the plans of its two sides.
 */
public final class SparkSqlGenerator extends RelToSqlConverter {
  /** Input names, shared by a plan and the plans nested in it, so every name is unique. */
  private final Map<OfflinePlan, String> names;
  /** The inputs this query reads. */
  private final Map<String, OfflinePlan> used = new LinkedHashMap<>();

  private SparkSqlGenerator(Map<OfflinePlan, String> names) {
    super(FsqlSparkDialect.INSTANCE);
    this.names = names;
  }

  /** The Spark SQL for {@code rel}, with its inputs. */
  public static OfflinePlan.SqlQuery generate(RelNode rel) {
    return generate(rel, new LinkedHashMap<>());
  }

  private static OfflinePlan.SqlQuery generate(RelNode rel, Map<OfflinePlan, String> names) {
    RelNode prepared = rel.accept(new IntegerDivision(rel.getCluster().getRexBuilder()));
    SparkSqlGenerator generator = new SparkSqlGenerator(names);
    SqlNode node = generator.visitRoot(prepared).asStatement();
    String sql = node.toSqlString(FsqlSparkDialect.INSTANCE).getSql();
    return new OfflinePlan.SqlQuery(sql, generator.used);
  }

  /**
   * The Spark SQL of the first column that a projection over one input computes: an expression
   * over the input's columns (names may be qualified by the input's name, {@code __in0}).
   */
  public static String firstColumn(RelNode rel) {
    RelNode prepared = rel.accept(new IntegerDivision(rel.getCluster().getRexBuilder()));
    SparkSqlGenerator generator = new SparkSqlGenerator(new LinkedHashMap<>());
    org.apache.calcite.sql.SqlSelect select = generator.visitRoot(prepared).asSelect();
    SqlNode item = select.getSelectList().get(0);
    if (item.getKind() == SqlKind.AS) {
      item = ((org.apache.calcite.sql.SqlCall) item).operand(0);
    }
    return item.toSqlString(FsqlSparkDialect.INSTANCE).getSql();
  }

  private Result input(OfflinePlan input, RelNode e) {
    String name = names.computeIfAbsent(input, p -> "__in" + names.size());
    used.put(name, input);
    return result(new SqlIdentifier(name, SqlParserPos.ZERO), List.of(Clause.FROM), e, null);
  }

  /** Visits a TableScan: a reference to a named input. */
  @Override
  public Result visit(TableScan e) {
    return input(scanPlan(e), e);
  }

  private static OfflinePlan scanPlan(TableScan e) {
    Table table = e.getTable().unwrap(Table.class);
    if (!(table instanceof OfflineSource)) {
      throw new FsqlException(ErrorCode.INTERNAL,
          "table " + e.getTable().getQualifiedName() + " has no offline source");
    }
    return ((OfflineSource) table).offlinePlan();
  }

  /**
   * Visits a point-in-time join: an input computed from the plans of the spine and the feature
   * side. Consecutive joins onto the same spine key and time, in the same direction, become one
   * multi-side join computed in one pass (one shuffle and sort instead of one per join).
   */
  public Result visit(PointInTimeJoin e) {
    List<PointInTimeJoin> chain = new ArrayList<>();
    chain.add(e);
    RelNode spine = e.getLeft();
    while (spine instanceof PointInTimeJoin inner && sameSpine(inner, chain.get(chain.size() - 1))) {
      chain.add(inner);
      spine = inner.getLeft();
    }
    java.util.Collections.reverse(chain);
    PointInTimeJoin first = chain.get(0);
    RelNode left = first.getLeft();
    List<ColumnType> keyTypes = new ArrayList<>();
    for (int i = 0; i < first.leftKeys().size(); i++) {
      keyTypes.add(common(left.getRowType().getFieldList().get(first.leftKeys().get(i)).getType(),
          first.getRight().getRowType().getFieldList().get(first.rightKeys().get(i)).getType(), e));
    }
    ColumnType timeType = common(left.getRowType().getFieldList().get(first.leftTime()).getType(),
        first.getRight().getRowType().getFieldList().get(first.rightTime()).getType(), e);
    List<OfflinePlan.PitSide> sides = new ArrayList<>();
    for (PointInTimeJoin j : chain) {
      RelNode right = j.getRight();
      for (int i = 0; i < j.leftKeys().size(); i++) {
        ColumnType t = common(left.getRowType().getFieldList().get(j.leftKeys().get(i)).getType(),
            right.getRowType().getFieldList().get(j.rightKeys().get(i)).getType(), e);
        if (!t.equals(keyTypes.get(i))) {
          keyTypes.set(i, common(TypeMapping.toRelType(e.getCluster().getTypeFactory(), t, true),
              TypeMapping.toRelType(e.getCluster().getTypeFactory(), keyTypes.get(i), true), e));
        }
      }
      ColumnType t = common(left.getRowType().getFieldList().get(j.leftTime()).getType(),
          right.getRowType().getFieldList().get(j.rightTime()).getType(), e);
      if (!t.equals(timeType)) {
        timeType = common(TypeMapping.toRelType(e.getCluster().getTypeFactory(), t, true),
            TypeMapping.toRelType(e.getCluster().getTypeFactory(), timeType, true), e);
      }
      if (j.maxStalenessMicros() != null
          && t.kind() != io.fsql.sql.tree.DataType.Kind.TIMESTAMP
          && t.kind() != io.fsql.sql.tree.DataType.Kind.DATE) {
        throw new FsqlException(ErrorCode.INVALID_QUERY,
            "MAX STALENESS needs TIMESTAMP or DATE times, not " + t.sql());
      }
      sides.add(new OfflinePlan.PitSide(childPlan(right), right.getRowType().getFieldNames(),
          j.rightKeys(), j.rightTime(), j.maxStalenessMicros(), j.keepUnmatched()));
    }
    OfflinePlan pit = new OfflinePlan.PointInTimeJoin(childPlan(left), left.getRowType().getFieldNames(),
        first.leftKeys(), first.leftTime(), keyTypes, timeType, first.backward(), first.strict(), sides,
        e.getRowType().getFieldNames());
    return input(pit, e);
  }

  /**
   * Whether {@code inner} (the left input of {@code outer}) joins the same spine columns: then the
   * outer join's key and time indices, which point into the inner join's output, point at the
   * spine's own columns (the spine's columns come first).
   */
  private static boolean sameSpine(PointInTimeJoin inner, PointInTimeJoin outer) {
    return inner.leftKeys().equals(outer.leftKeys()) && inner.leftTime() == outer.leftTime()
        && inner.backward() == outer.backward() && inner.strict() == outer.strict();
  }

  private OfflinePlan childPlan(RelNode rel) {
    if (rel instanceof TableScan scan) {
      return scanPlan(scan);
    }
    return generate(rel, names);
  }

  private static ColumnType common(RelDataType a, RelDataType b, RelNode e) {
    RelDataType t = e.getCluster().getTypeFactory().leastRestrictive(List.of(a, b));
    if (t == null) {
      throw new FsqlException(ErrorCode.TYPE_MISMATCH,
          "cannot compare " + a.getFullTypeString() + " with " + b.getFullTypeString() + " in an ASOF JOIN");
    }
    return TypeMapping.toColumnType(t, "asof join key");
  }

  /**
   * Rewrites {@code int / int} into {@code int DIV int} so Spark truncates as SQL does, and keeps
   * the types of integer literals in arithmetic.
   */
  private static final class IntegerDivision extends RelHomogeneousShuttle {
    private final RexShuttle rex;
    private final RexBuilder builder;

    IntegerDivision(RexBuilder builder) {
      this.builder = builder;
      this.rex = new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
          RexCall visited = typedIntegerLiterals((RexCall) super.visitCall(call));
          if (visited.getKind() == SqlKind.DIVIDE
              && visited.getOperands().stream()
                  .allMatch(o -> SqlTypeUtil.isExactNumeric(o.getType())
                      && o.getType().getScale() <= 0
                      && !SqlTypeUtil.isDecimal(o.getType()))) {
            return builder.makeCall(visited.getType(), FsqlSparkDialect.INTEGER_DIVIDE,
                visited.getOperands());
          }
          return visited;
        }
      };
    }

    /**
     * Spark types an integer literal in arithmetic by its digits ({@code 3} is DECIMAL(1,0)
     * next to a DECIMAL, {@code 1} an INT even where Calcite made it a BIGINT): a CAST keeps
     * Calcite's type, so Spark computes the scale and overflow Calcite derived.
     */
    private RexCall typedIntegerLiterals(RexCall call) {
      switch (call.getKind()) {
        case PLUS:
        case MINUS:
        case TIMES:
        case DIVIDE:
        case MOD:
          break;
        default:
          return call;
      }
      boolean decimal = SqlTypeUtil.isDecimal(call.getType());
      List<RexNode> operands = new ArrayList<>();
      boolean changed = false;
      for (RexNode o : call.getOperands()) {
        if (o instanceof org.apache.calcite.rex.RexLiteral
            && SqlTypeUtil.isIntType(o.getType())
            && (decimal || o.getType().getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.BIGINT)) {
          operands.add(builder.makeAbstractCast(o.getType(), o, false));
          changed = true;
        } else {
          operands.add(o);
        }
      }
      return changed ? (RexCall) call.clone(call.getType(), operands) : call;
    }

    @Override
    public RelNode visit(RelNode other) {
      RelNode visited = super.visit(other);
      return visited.accept(rex);
    }
  }
}
