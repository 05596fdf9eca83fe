package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.offline.OfflinePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
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
 * commit, or to a file.
 */
public final class SparkSqlGenerator extends RelToSqlConverter {
  private final Map<OfflinePlan, String> names = new LinkedHashMap<>();

  private SparkSqlGenerator() {
    super(FsqlSparkDialect.INSTANCE);
  }

  /** The Spark SQL for {@code rel}, with its inputs. */
  public static OfflinePlan.SqlQuery generate(RelNode rel) {
    RelNode prepared = rel.accept(new IntegerDivision(rel.getCluster().getRexBuilder()));
    SparkSqlGenerator generator = new SparkSqlGenerator();
    SqlNode node = generator.visitRoot(prepared).asStatement();
    String sql = node.toSqlString(FsqlSparkDialect.INSTANCE).getSql();
    Map<String, OfflinePlan> inputs = new LinkedHashMap<>();
    generator.names.forEach((plan, name) -> inputs.put(name, plan));
    return new OfflinePlan.SqlQuery(sql, inputs);
  }

  /** Visits a TableScan: a reference to a named input. */
  @Override
  public Result visit(TableScan e) {
    Table table = e.getTable().unwrap(Table.class);
    if (!(table instanceof OfflineSource)) {
      throw new FsqlException(ErrorCode.INTERNAL,
          "table " + e.getTable().getQualifiedName() + " has no offline source");
    }
    OfflinePlan input = ((OfflineSource) table).offlinePlan();
    String name = names.computeIfAbsent(input, p -> "__in" + names.size());
    return result(new SqlIdentifier(name, SqlParserPos.ZERO), List.of(Clause.FROM), e, null);
  }

  /** Rewrites {@code int / int} into {@code int DIV int} so Spark truncates as SQL does. */
  private static final class IntegerDivision extends RelHomogeneousShuttle {
    private final RexShuttle rex;

    IntegerDivision(RexBuilder builder) {
      this.rex = new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
          RexCall visited = (RexCall) super.visitCall(call);
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

    @Override
    public RelNode visit(RelNode other) {
      RelNode visited = super.visit(other);
      return visited.accept(rex);
    }
  }
}
