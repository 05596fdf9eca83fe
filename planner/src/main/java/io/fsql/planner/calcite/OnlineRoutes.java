package io.fsql.planner.calcite;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.ReadSpec;
import io.fsql.planner.online.KeyValues;
import io.fsql.planner.online.OnlineLookup;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import io.fsql.planner.online.OnlinePlan;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * Decides whether a planned query can run as key lookups in the online store: a projection of
 * columns of {@code LATEST g} (an online group, read at its latest commit) under a filter that pins
 * every primary-key column to constants or parameters and says nothing else. Anything else runs
 * offline, with the same result.
 */
public final class OnlineRoutes {
  private OnlineRoutes() {}

  /**
   * An online plan for {@code rel}, or empty when it has to run offline: a plain key lookup when
   * the query is one, else lookups and the steps over their rows that the online route runs.
   */
  public static Optional<OnlinePlan> match(RelNode rel, List<ResultColumn> columns) {
    Shape s = shape(rel);
    if (s != null && s.keys != null && s.mapping.length == columns.size()) {
      return Optional.of(new OnlineLookup(s.group, s.keys, s.mapping, columns));
    }
    if (!readsLatest(rel)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new OnlineOperators.Plan(compile(pushFilters(rel)), columns));
    } catch (RowExpressions.Unsupported e) {
      return Optional.empty();
    }
  }

  private static boolean readsLatest(RelNode rel) {
    if (rel instanceof TableScan scan) {
      FeatureGroupTable t = scan.getTable() == null ? null : scan.getTable().unwrap(FeatureGroupTable.class);
      return t != null && t.latest();
    }
    if (rel instanceof io.fsql.planner.pit.PointInTimeJoin) {
      return true;
    }
    for (RelNode in : rel.getInputs()) {
      if (readsLatest(in)) {
        return true;
      }
    }
    return false;
  }

  /** Filters pushed into joins and down to the scans, keys inferred across join conditions. */
  private static RelNode pushFilters(RelNode rel) {
    HepProgram program = HepProgram.builder()
        .addMatchLimit(500)
        .addRuleCollection(List.of(
            CoreRules.FILTER_INTO_JOIN,
            CoreRules.JOIN_CONDITION_PUSH,
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_MERGE,
            CoreRules.JOIN_PUSH_TRANSITIVE_PREDICATES))
        .build();
    HepPlanner hep = new HepPlanner(program);
    hep.setRoot(rel);
    return hep.findBestExp();
  }

  private static OnlineOperators.Op compile(RelNode rel) {
    if (rel instanceof LogicalFilter f) {
      Shape leaf = shape(f.getInput());
      if (leaf != null && leaf.keys == null) {
        return leaf(f, leaf);
      }
      return new OnlineOperators.Filter(compile(f.getInput()), RowExpressions.compile(f.getCondition()),
          f.getCondition().toString());
    }
    if (rel instanceof LogicalProject p) {
      List<RowExpressions.Expr> exprs = new ArrayList<>();
      for (RexNode e : p.getProjects()) {
        exprs.add(RowExpressions.compile(e));
      }
      return new OnlineOperators.Project(compile(p.getInput()), exprs, p.getProjects().toString());
    }
    if (rel instanceof LogicalJoin j && (j.getJoinType() == JoinRelType.INNER || j.getJoinType() == JoinRelType.LEFT)) {
      return new OnlineOperators.Join(compile(j.getLeft()), compile(j.getRight()),
          j.getRight().getRowType().getFieldCount(), j.getJoinType(), RowExpressions.compile(j.getCondition()),
          j.getCondition().toString());
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalValues v) {
      List<Object[]> rows = new ArrayList<>();
      for (List<RexLiteral> tuple : v.getTuples()) {
        Object[] row = new Object[tuple.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = RowExpressions.literal(tuple.get(i));
        }
        rows.add(row);
      }
      return new OnlineOperators.Values(rows);
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalUnion u && u.all) {
      List<OnlineOperators.Op> inputs = new ArrayList<>();
      for (RelNode in : u.getInputs()) {
        inputs.add(compile(in));
      }
      return new OnlineOperators.Union(inputs);
    }
    if (rel instanceof io.fsql.planner.pit.PointInTimeJoin j) {
      return pointInTime(j);
    }
    if (rel instanceof LogicalSort s) {
      long offset = s.offset == null ? 0 : literalLong(s.offset);
      long fetch = s.fetch == null ? -1 : literalLong(s.fetch);
      return new OnlineOperators.Sort(compile(s.getInput()), s.getCollation().getFieldCollations(), offset, fetch);
    }
    throw new RowExpressions.Unsupported(rel.getRelTypeName());
  }

  private static OnlineOperators.Op pointInTime(io.fsql.planner.pit.PointInTimeJoin j) {
    if (!j.backward()) {
      throw new RowExpressions.Unsupported("a forward point-in-time join");
    }
    Shape side = shape(j.getRight(), false);
    if (side == null || side.group.eventTime().isEmpty()) {
      throw new RowExpressions.Unsupported("a point-in-time join whose feature side is not an online group");
    }
    FeatureGroup g = side.group;
    int eventTime = g.columns().indexOf(g.column(g.eventTime().get()).orElseThrow());
    if (side.mapping[j.rightTime()] != eventTime) {
      throw new RowExpressions.Unsupported("a point-in-time join on another time than the event time");
    }
    List<String> pk = g.primaryKey();
    if (j.rightKeys().size() != pk.size()) {
      throw new RowExpressions.Unsupported("a point-in-time join on part of the primary key");
    }
    int[] spineKeys = new int[pk.size()];
    int[] keyColumns = new int[pk.size()];
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < pk.size(); i++) {
      String column = g.columns().get(side.mapping[j.rightKeys().get(i)]).name();
      int at = pk.indexOf(column);
      if (at < 0 || !seen.add(at)) {
        throw new RowExpressions.Unsupported("a point-in-time join on other columns than the primary key");
      }
      spineKeys[i] = j.leftKeys().get(i);
      keyColumns[i] = at;
    }
    org.apache.calcite.sql.type.SqlTypeName spineTimeType =
        j.getLeft().getRowType().getFieldList().get(j.leftTime()).getType().getSqlTypeName();
    org.apache.calcite.sql.type.SqlTypeName eventTimeType =
        j.getRight().getRowType().getFieldList().get(j.rightTime()).getType().getSqlTypeName();
    if (spineTimeType != eventTimeType) {
      throw new RowExpressions.Unsupported("a point-in-time join of a " + spineTimeType + " with a " + eventTimeType);
    }
    return new OnlineOperators.PitLookup(compile(j.getLeft()), g, side.mapping, spineKeys, keyColumns,
        j.leftTime(), eventTime, j.strict(), j.maxStalenessMicros(), j.keepUnmatched(), j.matchDescription());
  }

  private static long literalLong(RexNode n) {
    if (n instanceof RexLiteral l && l.getValueAs(Long.class) != null) {
      return l.getValueAs(Long.class);
    }
    throw new RowExpressions.Unsupported("a LIMIT or OFFSET that is not a constant");
  }

  /** A key filter over a LATEST scan: the lookup of its keys, then what else the filter says. */
  private static OnlineOperators.Op leaf(LogicalFilter f, Shape s) {
    RexBuilder rex = f.getCluster().getRexBuilder();
    java.util.Set<Integer> pkColumns = new java.util.HashSet<>();
    for (String k : s.group.primaryKey()) {
      pkColumns.add(s.group.columns().indexOf(s.group.column(k).orElseThrow()));
    }
    List<RexNode> keyConjuncts = new ArrayList<>();
    List<RexNode> rest = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(f.getCondition())) {
      boolean onlyKeys = true;
      for (int field : org.apache.calcite.plan.RelOptUtil.InputFinder.bits(c)) {
        onlyKeys &= pkColumns.contains(s.mapping[field]);
      }
      (onlyKeys ? keyConjuncts : rest).add(c);
    }
    List<List<OnlineLookup.Pin>> keys = keyConjuncts.isEmpty() ? null
        : keys(rex, org.apache.calcite.rex.RexUtil.composeConjunction(rex, keyConjuncts), s);
    if (keys == null) {
      throw new RowExpressions.Unsupported("a LATEST scan whose keys are not all pinned");
    }
    OnlineOperators.Op lookup = new OnlineOperators.Lookup(new OnlineLookup(s.group, keys, s.mapping, List.of()));
    if (rest.isEmpty()) {
      return lookup;
    }
    RexNode residual = org.apache.calcite.rex.RexUtil.composeConjunction(rex, rest);
    return new OnlineOperators.Filter(lookup, RowExpressions.compile(residual), residual.toString());
  }

  /** The LATEST scan under a chain of projections and one key filter. */
  private static final class Shape {
    FeatureGroup group;
    int[] mapping; // output field -> group column index
    List<List<OnlineLookup.Pin>> keys; // null until a filter pins the keys
  }

  private static Shape shape(RelNode rel) {
    return shape(rel, true);
  }

  /** A scan chain of an online group at its latest commit: its LATEST relation, or its history. */
  private static Shape shape(RelNode rel, boolean latest) {
    if (rel instanceof TableScan scan) {
      FeatureGroupTable t = scan.getTable() == null ? null : scan.getTable().unwrap(FeatureGroupTable.class);
      if (t == null || t.latest() != latest || !t.group().online() || !(t.spec() instanceof ReadSpec.Latest)) {
        return null;
      }
      Shape s = new Shape();
      s.group = t.group();
      s.mapping = new int[t.group().columns().size()];
      for (int i = 0; i < s.mapping.length; i++) {
        s.mapping[i] = i;
      }
      return s;
    }
    if (rel instanceof LogicalProject p) {
      Shape s = shape(p.getInput(), latest);
      if (s == null) {
        return null;
      }
      int[] mapping = new int[p.getProjects().size()];
      for (int i = 0; i < mapping.length; i++) {
        if (!(p.getProjects().get(i) instanceof RexInputRef ref)) {
          return null;
        }
        mapping[i] = s.mapping[ref.getIndex()];
      }
      s.mapping = mapping;
      return s;
    }
    if (rel instanceof LogicalFilter f && latest) {
      Shape s = shape(f.getInput(), true);
      if (s == null || s.keys != null) {
        return null;
      }
      s.keys = keys(f.getCluster().getRexBuilder(), f.getCondition(), s);
      return s.keys == null ? null : s;
    }
    return null;
  }

  /** The key tuples a condition pins, or null when it is not exactly a set of keys. */
  private static List<List<OnlineLookup.Pin>> keys(RexBuilder rex, RexNode condition, Shape s) {
    List<String> pk = s.group.primaryKey();
    Map<Integer, Integer> pkPosition = new HashMap<>(); // group column index -> position in the key
    for (int i = 0; i < pk.size(); i++) {
      pkPosition.put(s.group.columns().indexOf(s.group.column(pk.get(i)).orElseThrow()), i);
    }
    RexNode dnf = RexUtil.toDnf(rex, RexUtil.expandSearch(rex, null, condition));
    List<List<OnlineLookup.Pin>> tuples = new ArrayList<>();
    for (RexNode disjunct : RelOptUtil.disjunctions(dnf)) {
      OnlineLookup.Pin[] tuple = new OnlineLookup.Pin[pk.size()];
      boolean contradiction = false;
      for (RexNode conjunct : RelOptUtil.conjunctions(disjunct)) {
        if (conjunct.isAlwaysTrue()) {
          continue;
        }
        if (conjunct.getKind() != SqlKind.EQUALS) {
          return null;
        }
        List<RexNode> ops = ((RexCall) conjunct).getOperands();
        Integer column = columnOf(ops.get(0), s);
        RexNode other = ops.get(1);
        if (column == null) {
          column = columnOf(ops.get(1), s);
          other = ops.get(0);
        }
        if (column == null || !pkPosition.containsKey(column)) {
          return null;
        }
        Column c = s.group.columns().get(column);
        OnlineLookup.Pin pin = pin(other, c);
        if (pin == null) {
          return null;
        }
        int at = pkPosition.get(column);
        if (pin.parameter() < 0 && pin.value() == null) {
          contradiction = true; // a value no key can equal
        } else if (tuple[at] != null && !tuple[at].equals(pin)) {
          if (tuple[at].parameter() >= 0 || pin.parameter() >= 0) {
            return null; // k = ? AND k = 5: leave it to the offline engine
          }
          contradiction = true;
        } else {
          tuple[at] = pin;
        }
      }
      for (OnlineLookup.Pin p : tuple) {
        if (p == null && !contradiction) {
          return null; // a key column is not pinned
        }
      }
      if (!contradiction) {
        tuples.add(List.of(tuple));
      }
    }
    return tuples;
  }

  /** The group column an operand reads (an input reference, possibly cast to its own family). */
  private static Integer columnOf(RexNode node, Shape s) {
    RexNode n = node;
    if (n.getKind() == SqlKind.CAST) {
      RexNode inner = ((RexCall) n).getOperands().get(0);
      if (!sameFamily(inner.getType().getSqlTypeName(), n.getType().getSqlTypeName())) {
        return null;
      }
      n = inner;
    }
    return n instanceof RexInputRef ref ? s.mapping[ref.getIndex()] : null;
  }

  private static boolean sameFamily(SqlTypeName a, SqlTypeName b) {
    return a == b
        || SqlTypeName.CHAR_TYPES.contains(a) && SqlTypeName.CHAR_TYPES.contains(b)
        || SqlTypeName.EXACT_TYPES.contains(a) && SqlTypeName.EXACT_TYPES.contains(b);
  }

  /** The key value of a literal or parameter compared with column {@code c}; null if neither. */
  private static OnlineLookup.Pin pin(RexNode node, Column c) {
    RexNode n = node;
    while (n.getKind() == SqlKind.CAST) {
      n = ((RexCall) n).getOperands().get(0);
    }
    if (n instanceof RexDynamicParam p) {
      return OnlineLookup.Pin.parameter(p.getIndex());
    }
    if (!(n instanceof RexLiteral lit)) {
      return null;
    }
    Object v = javaValue(lit);
    if (v == NOT_A_VALUE) {
      return null;
    }
    return OnlineLookup.Pin.constant(KeyValues.coerce(v, c.type()).orElse(null));
  }

  private static final Object NOT_A_VALUE = new Object();

  private static Object javaValue(RexLiteral lit) {
    if (lit.isNull()) {
      return null;
    }
    SqlTypeName t = lit.getTypeName();
    if (SqlTypeName.CHAR_TYPES.contains(t)) {
      NlsString s = lit.getValueAs(NlsString.class);
      return s == null ? null : s.getValue();
    }
    if (t == SqlTypeName.BOOLEAN) {
      return lit.getValueAs(Boolean.class);
    }
    if (SqlTypeName.EXACT_TYPES.contains(t) || t == SqlTypeName.DECIMAL) {
      return lit.getValueAs(BigDecimal.class);
    }
    if (t == SqlTypeName.DATE) {
      DateString d = lit.getValueAs(DateString.class);
      return LocalDate.parse(d.toString());
    }
    if (t == SqlTypeName.TIMESTAMP) {
      TimestampString ts = lit.getValueAs(TimestampString.class);
      return LocalDateTime.parse(ts.toString().replace(' ', 'T'));
    }
    return NOT_A_VALUE;
  }
}
