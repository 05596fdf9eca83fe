package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.Interpreter;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.TimeFrames;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plans that read no data (no feature group, file or dataset: only VALUES, projections,
 * filters, aggregations, sorts and set operations over them) inside the planner with Calcite's
 * interpreter, so constant queries never start Spark. The values are those Spark computes for
 * the same plan (see {@link FsqlSparkDialect}): integer arithmetic fails on overflow as Spark's
 * ANSI mode does, times are in UTC.
 */
public final class LocalEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEvaluator.class);

  /** What EXPLAIN says runs such a plan. */
  public static final String ENGINE = "fsql planner (Calcite interpreter, no Spark)";

  /** The aggregate functions evaluated over changed rows (and what AVG reduces to: SUM, COUNT). */
  private static final java.util.Set<org.apache.calcite.sql.SqlKind> AGGREGATES_OVER_CHANGES = java.util.EnumSet.of(
      org.apache.calcite.sql.SqlKind.COUNT, org.apache.calcite.sql.SqlKind.SUM, org.apache.calcite.sql.SqlKind.SUM0,
      org.apache.calcite.sql.SqlKind.AVG, org.apache.calcite.sql.SqlKind.MIN, org.apache.calcite.sql.SqlKind.MAX);

  private LocalEvaluator() {}

  /** Whether {@code rel} reads no data and uses only what the interpreter evaluates as Spark does. */
  public static boolean canEvaluate(RelNode rel) {
    return canEvaluate(rel, false);
  }

  /**
   * Like {@link #canEvaluate(RelNode)}; with {@code changes}, the plan may also read feature groups'
   * changed rows ({@code CHANGES SINCE}, see {@link ChangesEvaluator}), and aggregates are limited
   * to COUNT, SUM, AVG, MIN and MAX (an aggregate without GROUP BY over no rows is then evaluated:
   * ChangesEvaluator computes each aggregate on its own).
   */
  static boolean canEvaluate(RelNode rel, boolean changes) {
    if (changes && rel instanceof org.apache.calcite.rel.core.TableScan scan) {
      FeatureGroupTable t = scan.getTable() == null ? null : scan.getTable().unwrap(FeatureGroupTable.class);
      return t != null && !t.latest() && t.spec() instanceof io.fsql.planner.offline.ReadSpec.Changes;
    }
    if (!(rel instanceof Values || rel instanceof Project || rel instanceof Filter
        || rel instanceof Aggregate || rel instanceof Sort || rel instanceof SetOp
        || rel instanceof Calc)) {
      return false;
    }
    if (rel instanceof Aggregate a && (a.getGroupSets().size() > 1
        || a.getAggCallList().stream().anyMatch(c -> c.isDistinct() || c.filterArg >= 0
            || c.hasCollation() || c.isApproximate()))) {
      return false;
    }
    if (changes && rel instanceof Aggregate a && a.getAggCallList().stream().anyMatch(c ->
        !AGGREGATES_OVER_CHANGES.contains(c.getAggregation().getKind())
            // Spark rounds a DECIMAL average HALF_UP at its scale, the interpreter's division does not
            || c.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.AVG
                && c.getType().getSqlTypeName() == SqlTypeName.DECIMAL)) {
      return false;
    }
    if (changes && decimalDivision(rel)) {
      return false;
    }
    if (!changes && rel instanceof Aggregate a && a.getGroupSet().isEmpty()) {
      // The interpreter gives no row for an aggregate without GROUP BY over no rows (SQL gives
      // one): only inputs sure to have rows are evaluated here.
      Double min = rel.getCluster().getMetadataQuery().getMinRowCount(a.getInput());
      if (min == null || min < 1) {
        return false;
      }
    }
    Supported check = new Supported();
    try {
      rel.accept(new org.apache.calcite.rex.RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
          call.accept(check);
          return call;
        }

        @Override
        public RexNode visitLiteral(RexLiteral literal) {
          literal.accept(check);
          return literal;
        }
      });
      if (rel instanceof Values v) {
        // a Values node's literals are not expressions a RexShuttle visits: check them too (a
        // TIMESTAMP with microseconds is a millisecond value in the interpreter)
        v.getTuples().forEach(tuple -> tuple.forEach(l -> l.accept(check)));
      }
    } catch (Unsupported e) {
      return false;
    }
    for (RelNode input : rel.getInputs()) {
      if (!canEvaluate(input, changes)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code rel}'s expressions divide DECIMAL values (rounded differently by Spark). */
  private static boolean decimalDivision(RelNode rel) {
    boolean[] found = {false};
    rel.accept(new org.apache.calcite.rex.RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if ((call.getKind() == org.apache.calcite.sql.SqlKind.DIVIDE
            || call.getKind() == org.apache.calcite.sql.SqlKind.MOD)
            && (call.getType().getSqlTypeName() == SqlTypeName.DECIMAL
                || call.getOperands().stream().anyMatch(o -> o.getType().getSqlTypeName() == SqlTypeName.DECIMAL))) {
          found[0] = true;
        }
        return super.visitCall(call);
      }
    });
    return found[0];
  }

  /**
   * The rows of {@code rel} as fsql Java values of {@code columns}; empty if the interpreter
   * cannot compile the plan (the caller runs it on Spark then). An error while computing a value
   * (overflow, division by zero, a bad cast) is an {@link FsqlException}.
   */
  public static Optional<QueryResult> evaluate(RelNode rel, List<ResultColumn> columns) {
    List<List<RexLiteral>> literals = literalRows(rel);
    if (literals != null) {
      // VALUES, or constants over one row: read the literals, no code to compile
      List<Object[]> rows = new ArrayList<>();
      for (List<RexLiteral> tuple : literals) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = literal(tuple.get(i), columns.get(i).type());
        }
        rows.add(row);
      }
      return Optional.of(QueryResult.of(columns, rows));
    }
    Optional<RelNode> tree = prepared(rel);
    if (tree.isEmpty()) {
      return Optional.empty();
    }
    List<Object[]> raw;
    try {
      raw = run(tree.get());
    } catch (CannotCompile e) {
      return Optional.empty();
    }
    return Optional.of(QueryResult.of(columns, javaRows(raw, columns)));
  }

  /** The interpreter's rows as Java values of {@code columns}. */
  static List<Object[]> javaRows(List<Object[]> raw, List<ResultColumn> columns) {
    List<Object[]> rows = new ArrayList<>(raw.size());
    for (Object[] r : raw) {
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = toJava(r[i], columns.get(i).type());
      }
      rows.add(row);
    }
    return rows;
  }

  /**
   * {@code rel} as the interpreter runs it: integer arithmetic checked for overflow, AVG and the
   * like reduced to SUM and COUNT, every node a distinct instance; empty when that fails.
   */
  static Optional<RelNode> prepared(RelNode rel) {
    try {
      RelNode checked = rel.accept(new ConvertToChecked(rel.getCluster().getRexBuilder(), true));
      // noDag: a DAG planner merges equal subtrees into one node instance (the one-row VALUES
      // under each branch of a multi-row VALUES, for one), and the interpreter, which wires one
      // sink per node instance, then feeds that node's rows to only one of its parents: rows lost.
      HepPlanner hep = new HepPlanner(HepProgram.builder()
          .addRuleInstance(CoreRules.AGGREGATE_REDUCE_FUNCTIONS)
          .build(), null, true, null, org.apache.calcite.plan.RelOptCostImpl.FACTORY);
      hep.setRoot(checked);
      RelNode tree = unshared(hep.findBestExp());
      if (!everyNodeOnce(tree, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()))) {
        LOG.debug("a node appears twice in the plan; it runs on the offline engine");
        return Optional.empty();
      }
      return Optional.of(tree);
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("the planner cannot evaluate this plan; it runs on the offline engine", e);
      return Optional.empty();
    }
  }

  /** The interpreter could not compile a plan (the caller runs it on the offline engine). */
  static final class CannotCompile extends Exception {
    CannotCompile(Throwable cause) {
      super(cause);
    }
  }

  /**
   * The rows of a {@link #prepared} plan in the interpreter's representation. An error while
   * computing a value (overflow, division by zero, a bad cast) is an {@link FsqlException}.
   */
  static List<Object[]> run(RelNode tree) throws CannotCompile {
    Interpreter interpreter;
    try {
      interpreter = new Interpreter(new Context((JavaTypeFactory) tree.getCluster().getTypeFactory()), tree);
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("the planner cannot evaluate this plan; it runs on the offline engine", e);
      throw new CannotCompile(e);
    }
    List<Object[]> rows = new ArrayList<>();
    try (Enumerator<Object[]> e = interpreter.enumerator()) {
      while (e.moveNext()) {
        rows.add(e.current().clone());
      }
    } catch (ArithmeticException e) {
      throw new FsqlException(ErrorCode.INVALID_QUERY, "arithmetic error: " + message(e), e);
    } catch (NumberFormatException e) {
      throw new FsqlException(ErrorCode.INVALID_QUERY, "invalid number in a CAST: " + message(e), e);
    } catch (FsqlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FsqlException(ErrorCode.INVALID_QUERY, "the query failed: " + message(e), e);
    } finally {
      interpreter.close();
    }
    return rows;
  }

  /**
   * A copy of {@code rel} in which every node is a new instance (a tree, not a DAG), its filters
   * and projections as {@link InterpretedFilter} and {@link InterpretedProject} (compiled once).
   */
  private static RelNode unshared(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode input : rel.getInputs()) {
      inputs.add(unshared(input));
    }
    if (rel instanceof SetOp u && inputs.size() > 2) {
      // Calcite's interpreter reads only the first two inputs of a set operation: fold it into
      // operations of two, left to right (a UNION/INTERSECT/EXCEPT b ... c = (a op b) op c)
      RelNode folded = u.copy(u.getTraitSet(), List.of(inputs.get(0), inputs.get(1)));
      for (int i = 2; i < inputs.size(); i++) {
        folded = u.copy(u.getTraitSet(), List.of(folded, inputs.get(i)));
      }
      return folded;
    }
    if (rel instanceof org.apache.calcite.rel.core.Filter f) {
      return InterpretedFilter.of(f, inputs.get(0));
    }
    if (rel instanceof org.apache.calcite.rel.core.Project p) {
      return InterpretedProject.of(p, inputs.get(0));
    }
    return rel.copy(rel.getTraitSet(), inputs);
  }

  /** Whether no node instance occurs twice under {@code rel} (what the interpreter needs). */
  private static boolean everyNodeOnce(RelNode rel, java.util.Set<RelNode> seen) {
    if (!seen.add(rel)) {
      return false;
    }
    for (RelNode input : rel.getInputs()) {
      if (!everyNodeOnce(input, seen)) {
        return false;
      }
    }
    return true;
  }

  /** The rows of a plan that is only literals (VALUES, projections of literals over them), else null. */
  private static List<List<RexLiteral>> literalRows(RelNode rel) {
    if (rel instanceof Values v) {
      return new ArrayList<>(v.getTuples().stream().map(t -> (List<RexLiteral>) t).toList());
    }
    if (rel instanceof Project p && p.getProjects().stream().allMatch(e -> e instanceof RexLiteral)) {
      List<List<RexLiteral>> input = literalRows(p.getInput());
      if (input == null) {
        return null;
      }
      List<RexLiteral> tuple = p.getProjects().stream().map(e -> (RexLiteral) e).toList();
      List<List<RexLiteral>> out = new ArrayList<>();
      for (int i = 0; i < input.size(); i++) {
        out.add(tuple);
      }
      return out;
    }
    return null;
  }

  /** A literal as the Java value of an fsql type (what the interpreter would give for it). */
  private static Object literal(RexLiteral l, ColumnType type) {
    if (l.isNull()) {
      return null;
    }
    switch (type.kind()) {
      case BOOLEAN:
        return l.getValueAs(Boolean.class);
      case INTEGER:
      case BIGINT:
      case REAL:
      case DOUBLE:
      case DECIMAL:
        return toJava(l.getValueAs(BigDecimal.class), type);
      case VARCHAR:
        return l.getValueAs(String.class);
      case DATE:
        return toJava(l.getValueAs(Integer.class), type);
      case TIMESTAMP:
        return toJava(l.getValueAs(Long.class), type);
      default:
        throw new IllegalStateException("unknown type " + type);
    }
  }

  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  /** Converts an interpreter value (Calcite's internal form) to the Java value of an fsql type. */
  static Object toJava(Object v, ColumnType type) {
    if (v == null) {
      return null;
    }
    switch (type.kind()) {
      case BOOLEAN:
        return (Boolean) v;
      case INTEGER:
        return ((Number) v).intValue();
      case BIGINT:
        return ((Number) v).longValue();
      case REAL:
        return ((Number) v).floatValue();
      case DOUBLE:
        return ((Number) v).doubleValue();
      case DECIMAL: {
        BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
        return type.scale() >= 0 ? d.setScale(type.scale(), RoundingMode.HALF_UP) : d;
      }
      case VARCHAR:
        return v instanceof NlsString s ? s.getValue() : v.toString();
      case DATE:
        return LocalDate.ofEpochDay(((Number) v).longValue());
      case TIMESTAMP: {
        long millis = ((Number) v).longValue();
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
            (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
      }
      default:
        throw new IllegalStateException("unknown type " + type);
    }
  }

  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  /**
   * Rejects what the interpreter would compute differently from Spark or cannot compute:
   * sub-queries, correlation, parameters, window functions, and TIMESTAMP literals finer than a
   * millisecond (the interpreter keeps milliseconds).
   */
  private static final class Supported extends RexVisitorImpl<Void> {
    Supported() {
      super(true);
    }

    @Override
    public Void visitLiteral(RexLiteral literal) {
      if (literal.getTypeName() == SqlTypeName.TIMESTAMP) {
        TimestampString ts = literal.getValueAs(TimestampString.class);
        if (ts != null && ts.toString().matches(".*\\.\\d{4,}$")) {
          throw new Unsupported();
        }
      }
      return null;
    }

    @Override
    public Void visitOver(RexOver over) {
      throw new Unsupported();
    }

    @Override
    public Void visitSubQuery(RexSubQuery subQuery) {
      throw new Unsupported();
    }

    @Override
    public Void visitCorrelVariable(RexCorrelVariable correlVariable) {
      throw new Unsupported();
    }

    @Override
    public Void visitDynamicParam(RexDynamicParam dynamicParam) {
      throw new Unsupported();
    }
  }

  /** The interpreter's context: the type factory and the statement's clock, in UTC. */
  private static final class Context implements DataContext {
    private final JavaTypeFactory typeFactory;
    private final long now = System.currentTimeMillis();

    Context(JavaTypeFactory typeFactory) {
      this.typeFactory = typeFactory;
    }

    @Override
    public SchemaPlus getRootSchema() {
      return null;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
      return null;
    }

    @Override
    public Object get(String name) {
      if (name.equals(Variable.CURRENT_TIMESTAMP.camelName) || name.equals(Variable.LOCAL_TIMESTAMP.camelName)
          || name.equals(Variable.UTC_TIMESTAMP.camelName) || name.equals(Variable.SYS_TIMESTAMP.camelName)) {
        return now;
      }
      if (name.equals(Variable.TIME_ZONE.camelName)) {
        return TimeZone.getTimeZone("UTC");
      }
      if (name.equals(Variable.LOCALE.camelName)) {
        return Locale.ROOT;
      }
      if (name.equals(Variable.TIME_FRAME_SET.camelName)) {
        return TimeFrames.CORE;
      }
      return null;
    }
  }
}
