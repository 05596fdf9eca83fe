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
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A projection as the planner's own evaluation runs it: what Calcite's interpreter does for a
 * {@link Project}, with the expressions compiled once per process ({@link CompiledScalars}). Not a
 * {@code Project} subclass, so that the interpreter implements it through {@link InterpretableRel}.
 */
final class InterpretedProject extends SingleRel implements InterpretableRel {
  private final List<RexNode> projects;

  private InterpretedProject(RelOptCluster cluster, RelTraitSet traits, RelNode input, List<RexNode> projects,
      RelDataType rowType) {
    super(cluster, traits, input);
    this.projects = List.copyOf(projects);
    this.rowType = rowType;
  }

  /** {@code project} over {@code input}. */
  static InterpretedProject of(Project project, RelNode input) {
    return new InterpretedProject(project.getCluster(), project.getTraitSet(), input, project.getProjects(),
        project.getRowType());
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new InterpretedProject(getCluster(), traitSet, sole(inputs), projects, getRowType());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("projects", projects);
  }

  @Override
  public Node implement(InterpreterImplementor implementor) {
    Compiler compiler = implementor.compiler;
    Scalar project = CompiledScalars.producer(getCluster().getRexBuilder(), projects, getInput().getRowType())
        .apply(compiler.getDataContext());
    Source source = compiler.source(this, 0);
    Sink sink = compiler.sink(this);
    org.apache.calcite.interpreter.Context context = compiler.createContext();
    int width = projects.size();
    return new Node() {
      @Override
      public void run() throws InterruptedException {
        for (Row row = source.receive(); row != null; row = source.receive()) {
          context.values = row.copyValues();
          Object[] values = new Object[width];
          project.execute(context, values);
          sink.send(Row.asCopy(values));
        }
      }

      @Override
      public void close() {
        source.close();
      }
    };
  }
}
