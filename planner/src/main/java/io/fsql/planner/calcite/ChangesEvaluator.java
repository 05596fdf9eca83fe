package io.fsql.planner.calcite;

import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.ChangedRows;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.planner.offline.ReadSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs small queries over incremental reads ({@code g CHANGES SINCE ... [UNTIL ...]}) inside the
 * planner, without Spark: when a plan reads nothing but changed rows of feature groups and uses
 * only what {@link LocalEvaluator} evaluates as Spark does (projections, filters, COUNT, SUM, AVG,
 * MIN, MAX with or without GROUP BY, sorts, limits, set operations), the store reads the changed
 * rows itself ({@link OfflineStore#changedRows}: the files the commits wrote, read natively, at most
 * {@link #maxFileRows()} rows in them; only the columns the query uses: the others read as NULL,
 * which no operator above sees) and Calcite's interpreter runs the plan over them.
 *
 * <p>Values are Spark's: the interpreter keeps TIMESTAMP in milliseconds, so changed rows with a
 * finer TIMESTAMP in a column the query uses run on Spark; strings compare by UTF-16 code unit
 * in Java and by UTF-8 byte in Spark, which differ only past U+D7FF, so rows with such characters
 * run on Spark; an integer or decimal SUM that could overflow (or, for AVG, that a double sum would
 * round) runs on Spark, which fails or rounds as Spark does. Each aggregate is computed on its own,
 * so that an aggregate without GROUP BY over no rows gives its one row (COUNT 0, the others NULL).
 *
 * <p>Off with {@code -Dfsql.local-evaluation.changes=false} or the session's
 * {@code local_evaluation = off}.
 */
public final class ChangesEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(ChangesEvaluator.class);

  /** What EXPLAIN says runs such a plan. */
  public static final String ENGINE =
      "fsql planner (Calcite interpreter over the changed rows, read from the table's files by arrow-dataset; no Spark)";

  /** Integer sums stay below this (beyond it Spark's AVG, which sums doubles, rounds). */
  private static final long EXACT_DOUBLE = 1L << 53;

  private ChangesEvaluator() {}

  /** Whether the evaluation over changed rows is on ({@code -Dfsql.local-evaluation.changes=false} turns it off). */
  public static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty("fsql.local-evaluation.changes"));
  }

  /** The most rows the files of one incremental read may hold ({@code -Dfsql.local-evaluation.changes.max-rows}). */
  public static long maxFileRows() {
    return Long.getLong("fsql.local-evaluation.changes.max-rows", 100_000L);
  }

  /**
   * The incremental reads of {@code rel} when it reads nothing else and the interpreter can run the
   * rest of it; empty otherwise (or when turned off).
   */
  public static List<TableScan> scans(RelNode rel) {
    if (!enabled() || !LocalEvaluator.canEvaluate(rel, true)) {
      return List.of();
    }
    List<TableScan> scans = new ArrayList<>();
    collectScans(rel, scans);
    return scans;
  }

  private static void collectScans(RelNode rel, List<TableScan> out) {
    if (rel instanceof TableScan scan) {
      out.add(scan);
      return;
    }
    rel.getInputs().forEach(i -> collectScans(i, out));
  }

  /**
   * For EXPLAIN: what the store reads for each incremental read of {@code rel} when the planner
   * would run it (each read found and within the row limit), or empty when it runs on the offline
   * engine.
   */
  public static Optional<List<String>> explain(RelNode rel, OfflineStore store) {
    List<TableScan> scans = scans(rel);
    if (scans.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = new ArrayList<>();
    for (TableScan scan : scans) {
      FeatureGroupTable t = scan.getTable().unwrap(FeatureGroupTable.class);
      Optional<ChangedRows> rows = store.changedRows(t.group(), (ReadSpec.Changes) t.spec(), maxFileRows());
      if (rows.isEmpty()) {
        return Optional.empty();
      }
      lines.add(t.describe() + ": the files the commits wrote, " + String.format("%,d", rows.get().fileRows())
          + " rows (limit " + String.format("%,d", maxFileRows()) + "), filtered on their commit");
    }
    return Optional.of(lines);
  }

  /**
   * The rows of {@code rel} (typed {@code columns}) computed in the planner over the changed rows
   * the store reads, or empty when the plan or the data does not allow it (the caller runs it on
   * the offline engine then). An error while computing a value is an {@link io.fsql.planner.FsqlException}.
   */
  public static Optional<QueryResult> evaluate(RelNode rel, List<ResultColumn> columns, OfflineStore store) {
    List<TableScan> scans = scans(rel);
    if (scans.isEmpty()) {
      return Optional.empty();
    }
    Map<RelNode, ImmutableBitSet> used = new IdentityHashMap<>();
    usedFields(rel, ImmutableBitSet.range(rel.getRowType().getFieldCount()), used);
    Map<RelNode, List<Object[]>> replaced = new IdentityHashMap<>();
    for (TableScan scan : scans) {
      if (replaced.containsKey(scan)) {
        continue;
      }
      FeatureGroupTable t = scan.getTable().unwrap(FeatureGroupTable.class);
      ImmutableBitSet fields = used.getOrDefault(scan, ImmutableBitSet.of());
      Optional<List<Object[]>> rows = store.changedRows(t.group(), (ReadSpec.Changes) t.spec(), maxFileRows())
          .flatMap(changed -> changed.read(fields.toBitSet()));
      if (rows.isEmpty()) {
        return Optional.empty();
      }
      Optional<List<Object[]>> internal = internalRows(rows.get(), scan.getRowType(), fields);
      if (internal.isEmpty()) {
        return Optional.empty();
      }
      replaced.put(scan, internal.get());
    }
    Optional<RelNode> tree = LocalEvaluator.prepared(withScans(rel, replaced));
    if (tree.isEmpty()) {
      return Optional.empty();
    }
    try {
      RelNode plan = aggregatesComputed(tree.get());
      return Optional.of(QueryResult.of(columns, LocalEvaluator.javaRows(LocalEvaluator.run(plan), columns)));
    } catch (LocalEvaluator.CannotCompile | Refused e) {
      LOG.debug("the changed rows do not allow evaluating the plan in the planner; it runs on the offline engine", e);
      return Optional.empty();
    }
  }

  /** The query cannot be evaluated exactly as Spark does over these rows. */
  private static final class Refused extends Exception {
    Refused(String why) {
      super(why, null, false, false);
    }
  }

  /** {@code rel} with each scan in {@code replaced} replaced (a copy; every node a new instance). */
  private static RelNode withScans(RelNode rel, Map<RelNode, List<Object[]>> replaced) {
    List<Object[]> rows = replaced.get(rel);
    if (rows != null) {
      return rowsScan(rel, rel.getRowType(), rows);
    }
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode input : rel.getInputs()) {
      inputs.add(withScans(input, replaced));
    }
    return rel.copy(rel.getTraitSet(), inputs);
  }

  /**
   * The fields of each scan under {@code rel} that its result depends on ({@code needed}: the
   * fields of {@code rel} needed), into {@code out} by scan.
   */
  private static void usedFields(RelNode rel, ImmutableBitSet needed, Map<RelNode, ImmutableBitSet> out) {
    if (rel instanceof TableScan) {
      out.merge(rel, needed, ImmutableBitSet::union);
      return;
    }
    if (rel instanceof Project p) {
      ImmutableBitSet.Builder b = ImmutableBitSet.builder();
      for (int i : needed) {
        b.addAll(RelOptUtil.InputFinder.bits(p.getProjects().get(i)));
      }
      usedFields(p.getInput(), b.build(), out);
    } else if (rel instanceof Filter f) {
      usedFields(f.getInput(), needed.union(RelOptUtil.InputFinder.bits(f.getCondition())), out);
    } else if (rel instanceof Aggregate a) {
      ImmutableBitSet.Builder b = ImmutableBitSet.builder().addAll(a.getGroupSet());
      for (AggregateCall c : a.getAggCallList()) {
        b.addAll(c.getArgList());
        if (c.filterArg >= 0) {
          b.set(c.filterArg);
        }
      }
      usedFields(a.getInput(), b.build(), out);
    } else if (rel instanceof Sort s) {
      ImmutableBitSet.Builder b = ImmutableBitSet.builder().addAll(needed);
      s.getCollation().getFieldCollations().forEach(fc -> b.set(fc.getFieldIndex()));
      usedFields(s.getInput(), b.build(), out);
    } else {
      for (RelNode input : rel.getInputs()) {
        usedFields(input, ImmutableBitSet.range(input.getRowType().getFieldCount()), out);
      }
    }
  }

  /**
   * The store's rows (Java values) in the interpreter's representation of {@code type}'s fields,
   * or empty when a value would not be evaluated as Spark does: a TIMESTAMP finer than a
   * millisecond in a {@code used} field, a string with a character past U+D7FF.
   */
  private static Optional<List<Object[]>> internalRows(List<Object[]> rows, RelDataType type, ImmutableBitSet used) {
    List<RelDataTypeField> fields = type.getFieldList();
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      if (row.length != fields.size()) {
        LOG.debug("the store's changed rows have {} columns, the scan {}", row.length, fields.size());
        return Optional.empty();
      }
      Object[] r = new Object[row.length];
      for (int i = 0; i < row.length; i++) {
        Object v = row[i];
        if (v instanceof LocalDate d) {
          r[i] = (int) d.toEpochDay();
        } else if (v instanceof LocalDateTime ts) {
          if (ts.getNano() % 1_000_000 != 0 && used.get(i)) {
            return Optional.empty();
          }
          r[i] = ts.toEpochSecond(ZoneOffset.UTC) * 1000L + ts.getNano() / 1_000_000;
        } else if (v instanceof String s) {
          for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) >= '\uD800') {
              return Optional.empty();
            }
          }
          r[i] = s;
        } else {
          r[i] = v;
        }
      }
      out.add(r);
    }
    return Optional.of(out);
  }

  /** Rows as a table the interpreter scans. */
  private static final class RowsTable extends AbstractTable implements ScannableTable {
    private final RelDataType rowType;
    private final List<Object[]> rows;

    RowsTable(RelDataType rowType, List<Object[]> rows) {
      this.rowType = rowType;
      this.rows = rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return rowType;
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }

  /** A scan of {@code rows} of {@code type}, in {@code like}'s cluster. */
  private static RelNode rowsScan(RelNode like, RelDataType type, List<Object[]> rows) {
    RelOptTableImpl table = RelOptTableImpl.create(null, type, new RowsTable(type, rows),
        com.google.common.collect.ImmutableList.of("rows"));
    return LogicalTableScan.create(like.getCluster(), table, List.of());
  }

  /**
   * {@code tree} with every aggregate replaced by a scan of its rows, computed bottom-up: each
   * aggregate's input rows are checked (sums that cannot overflow or round), and an aggregate
   * without GROUP BY over no rows gives its one row.
   */
  private static RelNode aggregatesComputed(RelNode tree) throws Refused, LocalEvaluator.CannotCompile {
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode input : tree.getInputs()) {
      inputs.add(aggregatesComputed(input));
    }
    RelNode rel = inputs.isEmpty() ? tree : tree.copy(tree.getTraitSet(), inputs);
    if (!(rel instanceof Aggregate a)) {
      return rel;
    }
    RelNode input = a.getInput();
    List<Object[]> inputRows = LocalEvaluator.run(input);
    for (AggregateCall c : a.getAggCallList()) {
      SqlKind kind = c.getAggregation().getKind();
      if (kind == SqlKind.SUM || kind == SqlKind.SUM0 || kind == SqlKind.AVG) {
        sumsExactly(c, input.getRowType().getFieldList().get(c.getArgList().get(0)).getType(), inputRows);
      }
    }
    return rowsScan(a, a.getRowType(), aggregated(a, inputRows));
  }

  /**
   * The rows of aggregate {@code a} over {@code input} (the interpreter's representation), computed
   * here: COUNT, SUM, $SUM0, MIN and MAX (what AVG reduces to), a group per distinct key (a double
   * -0.0 grouped with 0.0, as Spark does), one row without GROUP BY even over no rows.
   */
  private static List<Object[]> aggregated(Aggregate a, List<Object[]> input) throws Refused {
    List<AggregateCall> calls = a.getAggCallList();
    int[] keys = a.getGroupSet().toArray();
    Map<List<Object>, Object[]> groups = new java.util.LinkedHashMap<>();
    for (Object[] row : input) {
      List<Object> key = new ArrayList<>(keys.length);
      for (int k : keys) {
        Object v = row[k];
        key.add(v instanceof Double dv && dv == 0d ? (Object) 0d : v instanceof Float fv && fv == 0f ? (Object) 0f
            : v instanceof BigDecimal bd ? bd.stripTrailingZeros() : v);
      }
      Object[] acc = groups.get(key);
      if (acc == null) {
        acc = new Object[calls.size()];
        for (int i = 0; i < acc.length; i++) {
          acc[i] = calls.get(i).getAggregation().getKind() == SqlKind.COUNT ? (Object) 0L : null;
        }
        groups.put(key, acc);
      }
      for (int i = 0; i < acc.length; i++) {
        acc[i] = accumulate(calls.get(i), acc[i], row);
      }
    }
    if (groups.isEmpty() && keys.length == 0) {
      Object[] acc = new Object[calls.size()];
      for (int i = 0; i < acc.length; i++) {
        acc[i] = calls.get(i).getAggregation().getKind() == SqlKind.COUNT ? (Object) 0L : null;
      }
      groups.put(List.of(), acc);
    }
    List<Object[]> out = new ArrayList<>(groups.size());
    for (Map.Entry<List<Object>, Object[]> e : groups.entrySet()) {
      Object[] row = new Object[keys.length + calls.size()];
      for (int k = 0; k < keys.length; k++) {
        row[k] = e.getKey().get(k);
      }
      for (int i = 0; i < calls.size(); i++) {
        AggregateCall c = calls.get(i);
        Object v = e.getValue()[i];
        if (c.getAggregation().getKind() == SqlKind.SUM0 && v == null) {
          v = zero(c.getType());
        }
        row[keys.length + i] = v == null ? null : ofType(v, c.getType());
      }
      out.add(row);
    }
    return out;
  }

  /** {@code acc} (the value so far, null before the first) with {@code row} added to aggregate {@code c}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object accumulate(AggregateCall c, Object acc, Object[] row) throws Refused {
    SqlKind kind = c.getAggregation().getKind();
    if (kind == SqlKind.COUNT) {
      for (int arg : c.getArgList()) {
        if (row[arg] == null) {
          return acc;
        }
      }
      return (Long) acc + 1;
    }
    Object v = row[c.getArgList().get(0)];
    if (v == null) {
      return acc;
    }
    switch (kind) {
      case SUM:
      case SUM0:
        if (v instanceof BigDecimal d) {
          return acc == null ? d : ((BigDecimal) acc).add(d);
        }
        if (v instanceof Double || v instanceof Float) {
          return (acc == null ? 0d : (Double) acc) + ((Number) v).doubleValue();
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
          return Math.addExact(acc == null ? 0L : (Long) acc, ((Number) v).longValue());
        }
        throw new Refused("a sum of " + v.getClass().getSimpleName());
      case MIN:
      case MAX:
        if (!(v instanceof Comparable)) {
          throw new Refused("a minimum of " + v.getClass().getSimpleName());
        }
        if (acc == null) {
          return v;
        }
        int cmp = ((Comparable) v).compareTo(acc);
        return (kind == SqlKind.MIN ? cmp < 0 : cmp > 0) ? v : acc;
      default:
        throw new Refused("aggregate " + kind);
    }
  }

  /** A computed value in the interpreter's representation of {@code type}. */
  private static Object ofType(Object v, RelDataType type) throws Refused {
    switch (type.getSqlTypeName()) {
      case INTEGER:
        if (v instanceof Long l) {
          if (l != (int) (long) l) {
            throw new Refused("an INTEGER sum past its range");
          }
          return (int) (long) l;
        }
        return v;
      case BIGINT:
        return v instanceof Number n && !(v instanceof BigDecimal) ? (Object) n.longValue() : v;
      case REAL:
        return v instanceof Number n ? (Object) n.floatValue() : v;
      case FLOAT:
      case DOUBLE:
        return v instanceof Number n ? (Object) n.doubleValue() : v;
      default:
        return v;
    }
  }

  /** The zero of a numeric type in the interpreter's representation. */
  private static Object zero(RelDataType type) throws Refused {
    switch (type.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return 0;
      case BIGINT:
        return 0L;
      case REAL:
        return 0f;
      case FLOAT:
      case DOUBLE:
        return 0d;
      case DECIMAL:
        return BigDecimal.ZERO;
      default:
        throw new Refused("no zero of " + type);
    }
  }

  /**
   * Refuses a sum over {@code rows} that could overflow or round: an integer sum whose absolute
   * values add up past 2^53 (a double sum, Spark's AVG, rounds there), a decimal sum with more
   * integer digits than its type has.
   */
  private static void sumsExactly(AggregateCall c, RelDataType argType, List<Object[]> rows) throws Refused {
    int arg = c.getArgList().get(0);
    SqlTypeName t = argType.getSqlTypeName();
    if (t == SqlTypeName.TINYINT || t == SqlTypeName.SMALLINT || t == SqlTypeName.INTEGER || t == SqlTypeName.BIGINT) {
      long total = 0;
      for (Object[] r : rows) {
        if (r[arg] != null) {
          long v = ((Number) r[arg]).longValue();
          total += v == Long.MIN_VALUE ? EXACT_DOUBLE : Math.abs(v);
          if (total >= EXACT_DOUBLE) {
            throw new Refused("an integer sum could overflow or round");
          }
        }
      }
    } else if (t == SqlTypeName.DECIMAL) {
      BigDecimal total = BigDecimal.ZERO;
      for (Object[] r : rows) {
        if (r[arg] != null) {
          total = total.add(((BigDecimal) r[arg]).abs());
        }
      }
      RelDataType result = c.getType();
      int integerDigits = total.precision() - total.scale();
      if (result.getSqlTypeName() != SqlTypeName.DECIMAL
          || integerDigits > result.getPrecision() - result.getScale()) {
        throw new Refused("a decimal sum could overflow");
      }
    } else if (t != SqlTypeName.DOUBLE && t != SqlTypeName.FLOAT && t != SqlTypeName.REAL) {
      throw new Refused("a sum of " + argType);
    }
  }
}
