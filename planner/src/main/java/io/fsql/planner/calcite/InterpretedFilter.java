package io.fsql.planner.calcite;

import java.util.List;
import org.apache.calcite.interpreter.Compiler;
import org.apache.calcite.interpreter.InterpretableRel;
import org.apache.calcite.interpreter.Node;
import org.apache.calcite.interpreter.Row;
import org.apache.calcite.interpreter.Scalar;
import org.apache.calcite.interpreter.Sink;
import org.apache.calcite.interpreter.Source;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;

/**
 * A filter as the planner's own evaluation runs it: what Calcite's interpreter does for a
 * {@link Filter}, with the condition compiled once per process ({@link CompiledScalars}). Not a
 * {@code Filter} subclass, so that the interpreter implements it through {@link InterpretableRel}.
 */
final class InterpretedFilter extends SingleRel implements InterpretableRel {
  private final RexNode condition;

  private InterpretedFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
    super(cluster, traits, input);
    this.condition = condition;
  }

  /** {@code filter} over {@code input}. */
  static InterpretedFilter of(Filter filter, RelNode input) {
    return new InterpretedFilter(filter.getCluster(), filter.getTraitSet(), input, filter.getCondition());
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new InterpretedFilter(getCluster(), traitSet, sole(inputs), condition);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("condition", condition);
  }

  @Override
  public Node implement(InterpreterImplementor implementor) {
    Compiler compiler = implementor.compiler;
    Scalar test = CompiledScalars.producer(getCluster().getRexBuilder(), List.of(condition), getRowType())
        .apply(compiler.getDataContext());
    Source source = compiler.source(this, 0);
    Sink sink = compiler.sink(this);
    org.apache.calcite.interpreter.Context context = compiler.createContext();
    return new Node() {
      @Override
      public void run() throws InterruptedException {
        for (Row row = source.receive(); row != null; row = source.receive()) {
          context.values = row.copyValues();
          if (Boolean.TRUE.equals(test.execute(context))) {
            sink.send(row);
          }
        }
      }

      @Override
      public void close() {
        source.close();
      }
    };
  }
}
