package io.fsql.planner.calcite;

import io.fsql.planner.BoundedCache;
import java.util.List;
import org.apache.calcite.interpreter.JaninoRexCompiler;
import org.apache.calcite.interpreter.Scalar;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;

/**
 * The expressions of the planner's own evaluation ({@link LocalEvaluator}), compiled once per
 * process: Calcite's interpreter compiles every filter and projection with Janino each time a plan
 * is run (a class per expression list, milliseconds each), the same code for a query that is run
 * again. Keyed by the expressions' digests with the type of every node in them and the input
 * row's full type, which together fix the code Calcite generates; the compiled producer holds no state and is bound to
 * each run's data context.
 */
final class CompiledScalars {
  private static final BoundedCache<String, Scalar.Producer> COMPILED = new BoundedCache<>(512);

  private CompiledScalars() {}

  /** {@code expressions} over rows of {@code inputRowType}, compiled (or compiled before). */
  static Scalar.Producer producer(RexBuilder rexBuilder, List<RexNode> expressions, RelDataType inputRowType) {
    return COMPILED.get(key(expressions, inputRowType),
        () -> new JaninoRexCompiler(rexBuilder).compile(expressions, inputRowType));
  }

  /**
   * The key of {@code expressions} over {@code inputRowType}: the input row's full type, then each
   * expression with the full type of every node in it (a dynamic parameter's or a literal's
   * digest alone does not show its type).
   */
  static String key(List<RexNode> expressions, RelDataType inputRowType) {
    StringBuilder key = new StringBuilder(inputRowType.getFullTypeString());
    for (RexNode e : expressions) {
      key.append('\u0000');
      describe(e, key);
    }
    return key.toString();
  }

  private static void describe(RexNode e, StringBuilder out) {
    out.append(e.getKind()).append('[').append(e).append(':').append(e.getType().getFullTypeString());
    if (e instanceof RexCall call) {
      for (RexNode operand : call.getOperands()) {
        describe(operand, out);
      }
    }
    out.append(']');
  }

  /** How many compiled expression lists the process keeps (for tests). */
  static int size() {
    return COMPILED.size();
  }
}
