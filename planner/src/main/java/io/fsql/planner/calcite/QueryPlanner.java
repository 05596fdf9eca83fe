package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.planner.offline.ReadSpec;
import io.fsql.sql.tree.NodeLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.tools.RelBuilder;

/**
 * Validates queries and inserts with Calcite and plans them onto the offline engine: SQL text for
 * Spark over named inputs (feature-group tables at a commit, files).
 */
public final class QueryPlanner {
  private final CatalogStore catalog;
  private final OfflineStore offline;

  private volatile ServedLogStatus servedLogs = ServedLogStatus.NONE;

  /** Where information_schema.feature_views reads each view's served-vector logging counts. */
  public void servedLogStatus(ServedLogStatus status) {
    this.servedLogs = status;
  }

  public QueryPlanner(CatalogStore catalog, OfflineStore offline) {
    this.catalog = catalog;
    this.offline = offline;
  }

  /**
   * A planned query: its Calcite plan, its result columns and the offline plan that computes it
   * (generated on first use: a plan the planner evaluates itself needs none).
   */
  public static final class PlannedQuery {
    private final RelNode logical;
    private final List<ResultColumn> columns;
    private OfflinePlan.SqlQuery offline;

    PlannedQuery(RelNode logical, List<ResultColumn> columns) {
      this.logical = logical;
      this.columns = columns;
    }

    public RelNode logical() {
      return logical;
    }

    public List<ResultColumn> columns() {
      return columns;
    }

    /** The Spark SQL over named inputs that computes the query on the offline engine. */
    public synchronized OfflinePlan.SqlQuery offline() {
      if (offline == null) {
        offline = generate(logical);
      }
      return offline;
    }

    /** The logical plan as text, for EXPLAIN. */
    public String logicalText() {
      return RelOptUtil.dumpPlan("", logical, SqlExplainFormat.TEXT, SqlExplainLevel.EXPPLAN_ATTRIBUTES);
    }

    /** Whether the plan reads no data, so the planner evaluates it ({@link LocalEvaluator}). */
    public boolean readsNoData() {
      return LocalEvaluator.canEvaluate(logical);
    }
  }

  /** A planned insert: the source's plan producing exactly the group's columns in order. */
  public record PlannedInsert(FeatureGroup target, PlannedQuery source) {}

  /** Validates and plans a query on the latest commits. */
  public PlannedQuery planQuery(SqlNode query, List<?> params) {
    return planQuery(query, params, Pins.latest());
  }

  /**
   * Validates and plans a query with its {@code ?} parameters left in place (their types inferred
   * from where they are used), for plans that bind them at each execution (online lookups).
   */
  public PlannedQuery planQueryWithParameters(SqlNode query) {
    return planQuery(query, null, Pins.latest());
  }

  private final java.util.concurrent.atomic.AtomicLong plans = new java.util.concurrent.atomic.AtomicLong();

  /** How many queries this planner validated and planned. */
  public long planCount() {
    return plans.get();
  }

  /** Validates and plans a query, reading each group's "latest" commit as {@code pins} says. */
  public PlannedQuery planQuery(SqlNode query, List<?> params, Pins pins) {
    plans.incrementAndGet();
    Planning p = new Planning(catalog, offline, pins, servedLogs);
    SqlNode prepared = params == null ? p.resolveReferences(DeepCopy.of(query)) : prepare(p, query, params);
    SqlNode validated;
    try {
      validated = p.validator.validate(prepared);
    } catch (RuntimeException e) {
      throw CalciteErrors.translate(e);
    }
    RelDataType rowType = p.validator.getValidatedNodeType(validated);
    List<ResultColumn> columns = TypeMapping.resultColumns(rowType);
    RelNode rel = toRel(p, validated);
    PlannedQuery planned = new PlannedQuery(rel, columns);
    if (!planned.readsNoData()) {
      planned.offline(); // what Spark cannot run fails here, at planning
    }
    return planned;
  }

  /**
   * Validates and plans {@code INSERT INTO target [(columns)] source}: the source must give every
   * column a value of a compatible type; omitted nullable columns become NULL.
   */
  public PlannedInsert planInsert(FeatureGroup target, List<String> columnNames, SqlNode source,
      List<?> params, NodeLocation location) {
    Planning p = new Planning(catalog, offline, Pins.latest(), servedLogs);
    String targetName = "$target";
    p.schema.register(targetName, new FeatureGroupTable(target, ReadSpec.LATEST, true));
    SqlParserPos pos = new SqlParserPos(location.line(), location.column());
    SqlNodeList columnList = null;
    if (!columnNames.isEmpty()) {
      List<SqlNode> ids = new ArrayList<>();
      for (String c : columnNames) {
        if (target.column(c).isEmpty()) {
          throw new FsqlException(ErrorCode.UNKNOWN_COLUMN,
              "column '" + c + "' does not exist in feature group " + target.displayName(),
              location.line(), location.column());
        }
        ids.add(new SqlIdentifier(c, pos));
      }
      columnList = new SqlNodeList(ids, pos);
      for (Column c : target.columns()) {
        if (!c.nullable() && !columnNames.contains(c.name())) {
          throw new FsqlException(ErrorCode.NULL_NOT_ALLOWED,
              "column '" + c.name() + "' of " + target.displayName()
                  + " does not allow NULL and is missing from the column list",
              location.line(), location.column());
        }
      }
    }
    SqlNode prepared = castStringsInValues(prepare(p, source, params), target, columnNames);
    checkAssignable(p, target, prepared, columnNames, location);
    SqlInsert insert = new SqlInsert(pos, SqlNodeList.EMPTY, new SqlIdentifier(targetName, pos),
        prepared, columnList);
    SqlNode validated;
    try {
      validated = p.validator.validate(insert);
    } catch (RuntimeException e) {
      throw CalciteErrors.translate(e);
    }
    RelNode modify = convert(p, validated).rel;
    if (!(modify instanceof TableModify)) {
      throw new FsqlException(ErrorCode.INTERNAL, "INSERT did not plan to a table modification");
    }
    RelNode input = optimize(p, ((TableModify) modify).getInput());
    List<ResultColumn> columns = new ArrayList<>();
    for (Column c : target.columns()) {
      columns.add(new ResultColumn(c.name(), c.type(), c.nullable()));
    }
    PlannedQuery rows = new PlannedQuery(input, columns);
    rows.offline();
    return new PlannedInsert(target, rows);
  }

  /**
   * Compiles a row rule's condition over {@code group}'s row for the offline engine: validates it
   * (its columns exist, it is boolean, it uses no aggregate, window or subquery; errors at the
   * condition's position) and returns it as a Spark SQL expression over the group's columns (a
   * row breaks the rule when it is FALSE; NULL holds, as SQL's CHECK).
   */
  public String compileRowRule(FeatureGroup group, SqlNode condition) {
    SqlParserPos pos = condition.getParserPosition();
    checkRowCondition(condition);
    Planning check = new Planning(catalog, offline, Pins.latest(), servedLogs);
    check.schema.register("$target", new FeatureGroupTable(group, ReadSpec.LATEST, true));
    org.apache.calcite.sql.SqlSelect select = rowSelect(DeepCopy.of(condition), pos);
    SqlNode validated;
    try {
      validated = check.validator.validate(select);
    } catch (RuntimeException e) {
      throw CalciteErrors.translate(e);
    }
    RelDataType type = check.validator.getValidatedNodeType(validated).getFieldList().get(0).getType();
    if (type.getSqlTypeName() != SqlTypeName.BOOLEAN) {
      throw new FsqlException(ErrorCode.TYPE_MISMATCH, "the rule's condition has type "
          + describe(type) + "; it must be BOOLEAN", pos.getLineNum(), pos.getColumnNum());
    }
    if (validated instanceof org.apache.calcite.sql.SqlSelect v && check.validator.isAggregate(v)) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "a row rule cannot use an aggregate "
          + "function (commit rules bound aggregates: ROW COUNT, NULL FRACTION, DISTINCT COUNT, "
          + "MEAN, MIN, MAX, STDDEV, UNIQUE)", pos.getLineNum(), pos.getColumnNum());
    }
    try {
      return SparkSqlGenerator.firstColumn(toRel(check, validated));
    } catch (FsqlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FsqlException(ErrorCode.NOT_SUPPORTED,
          "this rule cannot be run on the offline engine: " + e.getMessage(),
          pos.getLineNum(), pos.getColumnNum(), e);
    }
  }

  private static org.apache.calcite.sql.SqlSelect rowSelect(SqlNode item, SqlParserPos pos) {
    return new org.apache.calcite.sql.SqlSelect(pos, SqlNodeList.EMPTY,
        new SqlNodeList(List.of(item), pos), new SqlIdentifier("$target", pos), null, null, null,
        null, null, null, null, null);
  }

  /** A row rule reads one row: no subquery, no window, no parameter. */
  private static void checkRowCondition(SqlNode condition) {
    condition.accept(new org.apache.calcite.sql.util.SqlShuttle() {
      @Override
      public SqlNode visit(org.apache.calcite.sql.SqlCall call) {
        String what = call instanceof org.apache.calcite.sql.SqlSelect
            || call.getKind() == org.apache.calcite.sql.SqlKind.UNION ? "a subquery"
            : call.getKind() == org.apache.calcite.sql.SqlKind.OVER ? "a window function" : null;
        if (what != null) {
          SqlParserPos at = call.getParserPosition();
          throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "a row rule cannot use " + what
              + ": it reads one row at a time", at.getLineNum(), at.getColumnNum());
        }
        return super.visit(call);
      }

      @Override
      public SqlNode visit(org.apache.calcite.sql.SqlDynamicParam param) {
        SqlParserPos at = param.getParserPosition();
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "a rule cannot have parameters (?)", at.getLineNum(), at.getColumnNum());
      }
    });
  }

  /**
   * In {@code INSERT ... VALUES}, a string written for a DATE or TIMESTAMP column is that
   * column's literal ({@code '2026-01-01 10:00:00'}); cast it so that rows mixing strings and
   * typed literals agree on one type.
   */
  private static SqlNode castStringsInValues(SqlNode source, FeatureGroup target, List<String> columnNames) {
    if (!(source instanceof org.apache.calcite.sql.SqlCall values)
        || values.getKind() != org.apache.calcite.sql.SqlKind.VALUES) {
      return source;
    }
    List<String> targets = columnNames.isEmpty()
        ? target.columns().stream().map(Column::name).toList()
        : columnNames;
    for (SqlNode rowNode : values.getOperandList()) {
      if (!(rowNode instanceof org.apache.calcite.sql.SqlCall row)) {
        continue;
      }
      for (int i = 0; i < row.operandCount() && i < targets.size(); i++) {
        SqlNode v = row.operand(i);
        if (!(v instanceof org.apache.calcite.sql.SqlCharStringLiteral)) {
          continue;
        }
        Column c = target.column(targets.get(i)).orElse(null);
        if (c == null) {
          continue;
        }
        SqlTypeName typeName;
        switch (c.type().kind()) {
          case TIMESTAMP:
            typeName = SqlTypeName.TIMESTAMP;
            break;
          case DATE:
            typeName = SqlTypeName.DATE;
            break;
          default:
            continue;
        }
        SqlParserPos pos = v.getParserPosition();
        org.apache.calcite.sql.SqlDataTypeSpec spec = new org.apache.calcite.sql.SqlDataTypeSpec(
            new org.apache.calcite.sql.SqlBasicTypeNameSpec(typeName, pos), pos);
        row.setOperand(i, org.apache.calcite.sql.fun.SqlStdOperatorTable.CAST.createCall(pos, v, spec));
      }
    }
    return source;
  }

  /**
   * Rejects assignments SQL would only make by reinterpreting a value's kind (a string into a
   * number, a number into a timestamp, ...): those are mistakes, not conversions.
   */
  private static void checkAssignable(Planning p, FeatureGroup target, SqlNode source,
      List<String> columnNames, NodeLocation location) {
    RelDataType sourceType;
    try {
      org.apache.calcite.sql.validate.SqlValidator probe = p.newValidator();
      sourceType = probe.getValidatedNodeType(probe.validate(DeepCopy.of(source)));
    } catch (RuntimeException e) {
      throw CalciteErrors.translate(e);
    }
    List<RelDataTypeField> sourceFields = sourceType.getFieldList();
    List<String> targets = columnNames.isEmpty()
        ? target.columns().stream().map(Column::name).toList()
        : columnNames;
    if (sourceFields.size() != targets.size()) {
      throw new FsqlException(ErrorCode.TYPE_MISMATCH,
          "INSERT into " + target.displayName() + " has " + targets.size()
              + " target columns but the query gives " + sourceFields.size() + " values",
          location.line(), location.column());
    }
    for (int i = 0; i < targets.size(); i++) {
      Column column = target.column(targets.get(i)).orElseThrow();
      RelDataType from = sourceFields.get(i).getType();
      if (!compatible(column, from)) {
        SqlParserPos pos = positionOfValue(source, i);
        int line = pos == null ? location.line() : pos.getLineNum();
        int col = pos == null ? location.column() : pos.getColumnNum();
        throw new FsqlException(ErrorCode.TYPE_MISMATCH,
            "cannot insert a value of type " + describe(from) + " into column '" + column.name()
                + "' of type " + column.type().sql() + " (feature group " + target.displayName() + ")",
            line, col);
      }
    }
  }

  private static String describe(RelDataType t) {
    SqlTypeName n = t.getSqlTypeName();
    return n == SqlTypeName.CHAR || n == SqlTypeName.VARCHAR ? "VARCHAR" : n.getName();
  }

  private static boolean compatible(Column column, RelDataType from) {
    SqlTypeName n = from.getSqlTypeName();
    if (n == SqlTypeName.NULL) {
      return true;
    }
    switch (column.type().kind()) {
      case BOOLEAN:
        return n == SqlTypeName.BOOLEAN;
      case INTEGER:
      case BIGINT:
      case REAL:
      case DOUBLE:
      case DECIMAL:
        return SqlTypeUtil.isNumeric(from);
      case VARCHAR:
        return SqlTypeUtil.isCharacter(from);
      case DATE:
      case TIMESTAMP:
        // A string is accepted as a date or timestamp literal ('2026-01-01 10:00:00').
        return SqlTypeUtil.isDatetime(from) && n != SqlTypeName.TIME
            || SqlTypeUtil.isCharacter(from);
      default:
        return from.getSqlTypeName().getFamily() == SqlTypeFamily.ANY;
    }
  }

  /** The position of the i-th value of the first row of a VALUES or SELECT source, if known. */
  private static SqlParserPos positionOfValue(SqlNode source, int i) {
    SqlNode node = source;
    if (node instanceof org.apache.calcite.sql.SqlOrderBy o) {
      node = o.query;
    }
    if (node instanceof org.apache.calcite.sql.SqlSelect s) {
      SqlNodeList list = s.getSelectList();
      if (list != null && i < list.size()) {
        return list.get(i).getParserPosition();
      }
      if (s.getFrom() != null) {
        node = s.getFrom();
      }
    }
    if (node instanceof org.apache.calcite.sql.SqlCall c
        && c.getKind() == org.apache.calcite.sql.SqlKind.VALUES
        && c.operandCount() > 0
        && c.operand(0) instanceof org.apache.calcite.sql.SqlCall row
        && i < row.operandCount()) {
      return row.operand(i).getParserPosition();
    }
    return null;
  }

  /**
   * A copy of {@code node} with its parameters bound and its table references resolved. Planning
   * rewrites Calcite trees in place; working on a copy leaves a parsed statement reusable, so a
   * prepared statement is parsed once and run many times.
   */
  private SqlNode prepare(Planning p, SqlNode node, List<?> params) {
    SqlNode bound = Parameters.bind(DeepCopy.of(node), params);
    return p.resolveReferences(bound);
  }

  private static RelNode toRel(Planning p, SqlNode validated) {
    return optimize(p, convert(p, validated).project());
  }

  private static RelRoot convert(Planning p, SqlNode validated) {
    try {
      p.converter.collectOptions(validated);
      return p.converter.convertQuery(validated, false, true);
    } catch (RuntimeException e) {
      throw CalciteErrors.translate(e);
    }
  }

  private static RelNode optimize(Planning p, RelNode rel) {
    HepProgram subQueries = HepProgram.builder()
        .addRuleInstance(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE)
        .addRuleInstance(CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE)
        .addRuleInstance(CoreRules.JOIN_SUB_QUERY_TO_CORRELATE)
        .build();
    HepPlanner hep = new HepPlanner(subQueries);
    hep.setRoot(rel);
    RelNode noSubQueries = hep.findBestExp();
    RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(p.cluster, p.catalogReader);
    RelNode decorrelated = RelDecorrelator.decorrelateQuery(noSubQueries, builder);
    HepProgram tidy = HepProgram.builder()
        .addRuleInstance(CoreRules.PROJECT_MERGE)
        .addRuleInstance(CoreRules.PROJECT_REMOVE)
        .build();
    HepPlanner tidyPlanner = new HepPlanner(tidy);
    tidyPlanner.setRoot(decorrelated);
    return tidyPlanner.findBestExp();
  }

  private static OfflinePlan.SqlQuery generate(RelNode rel) {
    try {
      return SparkSqlGenerator.generate(rel);
    } catch (FsqlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FsqlException(ErrorCode.NOT_SUPPORTED,
          "this query cannot be run on the offline engine yet: " + e.getMessage(), e);
    }
  }

  /** For EXPLAIN: a description of every input of a plan, nested plans indented. */
  public static List<String> describeInputs(Map<String, OfflinePlan> inputs) {
    List<String> lines = new ArrayList<>();
    inputs.forEach((name, plan) -> describe(name, plan, "", lines));
    return lines;
  }

  private static void describe(String name, OfflinePlan plan, String indent, List<String> lines) {
    String head = indent + (name == null ? "" : name + ": ");
    if (plan instanceof OfflinePlan.GroupScan g) {
      lines.add(head + (g.latestPerKey() ? FeatureGroupTable.latest(g.group(), g.spec())
          : new FeatureGroupTable(g.group(), g.spec())).describe() + " at " + g.group().location());
    } else if (plan instanceof OfflinePlan.FileScan f) {
      lines.add(head + f.format() + " file " + f.path());
    } else if (plan instanceof OfflinePlan.Rows r) {
      lines.add(head + r.name() + " (" + r.rows().size() + (r.rows().size() == 1 ? " row" : " rows")
          + " from the catalog)");
    } else if (plan instanceof OfflinePlan.PointInTimeJoin j) {
      String op = j.backward() ? (j.strict() ? "<" : "<=") : (j.strict() ? ">" : ">=");
      lines.add(head + "point-in-time join (fsql on Spark: each side's feature rows indexed per key by time and probed by"
          + " every spine row; a side whose rows Spark estimates small (fsql.pit.broadcast.max.bytes, 10 MiB by default)"
          + " is indexed once and broadcast, the spine staying where it is; the others are hash-partitioned by key"
          + " with the spine; one pass for "
          + j.sides().size() + (j.sides().size() == 1 ? " feature side" : " feature sides") + ")");
      describe("spine", j.left(), indent + "    ", lines);
      int n = 0;
      for (OfflinePlan.PitSide side : j.sides()) {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < j.leftKeys().size(); i++) {
          keys.append(i == 0 ? "" : " AND ").append("spine.").append(j.leftColumns().get(j.leftKeys().get(i)))
              .append(" = right.").append(side.rightColumns().get(side.rightKeys().get(i)));
        }
        lines.add(indent + "    side " + (++n) + ": " + (side.keepUnmatched() ? "left" : "inner") + ", right."
            + side.rightColumns().get(side.rightTime()) + " " + op + " spine." + j.leftColumns().get(j.leftTime())
            + (keys.length() == 0 ? "" : ", " + keys)
            + (side.maxStalenessMicros() == null ? ""
                : ", max staleness " + java.time.Duration.ofNanos(side.maxStalenessMicros() * 1000)));
        describe("right", side.right(), indent + "        ", lines);
      }
    } else if (plan instanceof OfflinePlan.SqlQuery q) {
      lines.add(head + "Spark SQL: " + q.sql().replaceAll("\\s+", " "));
      q.inputs().forEach((n, p) -> describe(n, p, indent + "    ", lines));
    } else {
      lines.add(head + plan);
    }
  }
}
