package io.fsql.server.flight;

import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.sql.tree.Describe;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.sql.tree.Explain;
import io.fsql.sql.tree.Insert;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import io.fsql.sql.tree.QueryStatement;
import io.fsql.sql.tree.Statement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.parser.SqlParserPos;

/** The prepared statements clients hold, by handle. */
final class PreparedStatements {

  /** A prepared statement: its session, parsed statement, result and parameter schemas, bound values. */
  static final class Prepared {
    final EngineSession session;
    final String sql;
    final Statement statement;
    final Schema datasetSchema;
    final List<ColumnType> parameterTypes;
    /** For {@code INSERT INTO g [(cols)] VALUES (?, ..., ?)}: the target and its columns, else null. */
    String bulkTarget;
    List<String> bulkColumns;
    volatile List<List<Object>> parameterRows = List.of();

    Prepared(EngineSession session, String sql, Statement statement, Schema datasetSchema,
        List<ColumnType> parameterTypes) {
      this.session = session;
      this.parameterTypes = List.copyOf(parameterTypes);
      this.sql = sql;
      this.statement = statement;
      this.datasetSchema = datasetSchema;
    }

    /** One row of bound values, each made the value its parameter's type expects. */
    List<Object> values(List<Object> row) {
      List<Object> out = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        Object v = row.get(i);
        ColumnType t = i < parameterTypes.size() ? parameterTypes.get(i) : null;
        if (t != null && v instanceof Number n && !(v instanceof BigDecimal)) {
          switch (t.kind()) {
            case DECIMAL:
              v = v instanceof Double || v instanceof Float ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
              break;
            case INTEGER:
              if (v instanceof Long l && l == l.intValue()) {
                v = l.intValue();
              }
              break;
            default:
              break;
          }
        }
        out.add(v);
      }
      return out;
    }

    private volatile Statement parsed;

    /**
     * The statement, parsed once: the planner works on copies of its trees, and the engine keeps
     * per-statement plans (online lookups) for it, so every execution after the first only binds.
     */
    Statement freshStatement() {
      Statement s = parsed;
      if (s == null) {
        s = session.parse(sql);
        parsed = s;
      }
      return s;
    }

    boolean returnsRows() {
      return !datasetSchema.getFields().isEmpty();
    }
  }

  private final Map<String, Prepared> byHandle = new ConcurrentHashMap<>();

  /** Parses {@code sql} and works out what it returns and what parameters it takes. */
  Prepared prepare(EngineSession session, String sql) {
    Statement statement = session.parse(sql);
    ParameterTypes.Inferred inferred = ParameterTypes.inferAll(statement, session.featureGroups());
    List<ColumnType> paramTypes = inferred.types();
    List<Object> placeholders = new ArrayList<>();
    for (int i = 0; i < paramTypes.size(); i++) {
      String group = inferred.commitGroups().get(i);
      placeholders.add(group != null ? someCommit(session, group) : placeholder(paramTypes.get(i)));
    }
    Schema dataset = datasetSchema(session, session.parse(sql), placeholders);
    Prepared p = new Prepared(session, sql, statement, dataset, paramTypes);
    if (statement instanceof Insert insert) {
      bareValuesInsert(p, insert, session);
    }
    return p;
  }

  /**
   * Recognizes {@code INSERT INTO g [VERSION n] [(columns)] VALUES (?, ?, ...)} (one row of bare
   * parameters, in order): a batch of parameter rows for it is one INSERT of all the rows.
   */
  private static void bareValuesInsert(Prepared p, Insert insert, EngineSession session) {
    SqlNode q = insert.query();
    if (!(q instanceof SqlCall values) || values.getKind() != SqlKind.VALUES || values.operandCount() != 1
        || !(values.operand(0) instanceof SqlCall row)) {
      return;
    }
    List<SqlNode> items = row.getOperandList();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof SqlDynamicParam param) || param.getIndex() != i) {
        return;
      }
    }
    List<String> columns = new ArrayList<>(insert.columns());
    if (columns.isEmpty()) {
      FeatureGroup target = null;
      for (FeatureGroup g : session.featureGroups()) {
        if (g.name().equals(insert.target().name())
            && (insert.target().version().isPresent() ? g.version() == insert.target().version().getAsInt()
                : target == null || g.version() > target.version())) {
          target = g;
        }
      }
      if (target == null) {
        return;
      }
      target.columns().forEach(c -> columns.add(c.name()));
    }
    if (columns.size() != items.size()) {
      return;
    }
    p.bulkTarget = insert.target().name()
        + (insert.target().version().isPresent() ? " VERSION " + insert.target().version().getAsInt() : "");
    p.bulkColumns = List.copyOf(columns);
  }

  String register(Prepared p) {
    String handle = UUID.randomUUID().toString();
    byHandle.put(handle, p);
    return handle;
  }

  Prepared get(String handle) {
    Prepared p = byHandle.get(handle);
    if (p == null) {
      throw FlightErrors.notFound("no prepared statement has this handle (it was closed or the server restarted)");
    }
    return p;
  }

  void close(String handle) {
    byHandle.remove(handle);
  }

  int size() {
    return byHandle.size();
  }

  /**
   * The result schema of a statement, found without running it: a query is planned with LIMIT 0
   * (its parameters standing in as values of their types); SHOW / DESCRIBE / EXPLAIN read only
   * the catalog and run; other statements return no rows (an empty schema, which Flight SQL
   * clients read as "an update").
   */
  static Schema datasetSchema(EngineSession session, Statement statement, List<Object> values) {
    Statement probe;
    if (statement instanceof QueryStatement q) {
      probe = new QueryStatement(q.location(), limitZero(q.query()));
    } else if (statement instanceof Explain || statement instanceof Describe
        || statement.getClass().getSimpleName().startsWith("Show")) {
      probe = statement;
    } else {
      return new Schema(List.of());
    }
    StatementResult r = session.execute(probe, values);
    if (!r.hasRows()) {
      return new Schema(List.of());
    }
    try (QueryResult rows = r.rows()) {
      return ArrowTypes.schema(rows.columns());
    }
  }

  private static SqlNode limitZero(SqlNode query) {
    SqlParserPos pos = query.getParserPosition();
    SqlLiteral zero = SqlLiteral.createExactNumeric("0", pos);
    if (query instanceof SqlOrderBy o) {
      return new SqlOrderBy(pos, o.query, o.orderList, null, zero);
    }
    return new SqlOrderBy(pos, query, SqlNodeList.EMPTY, null, zero);
  }

  /** A commit id of {@code group} (to plan {@code AS OF COMMIT ?}), or "" when it has none. */
  private static Object someCommit(EngineSession session, String group) {
    try {
      StatementResult r = session.execute(session.parse("SHOW COMMITS FOR " + group), List.of());
      try (QueryResult rows = r.rows()) {
        return rows.hasNext() ? String.valueOf(rows.next()[0]) : "";
      }
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static Object placeholder(ColumnType t) {
    switch (t.kind()) {
      case BOOLEAN:
        return Boolean.FALSE;
      case INTEGER:
        return 0;
      case BIGINT:
        return 0L;
      case REAL:
      case DOUBLE:
        return 0.0d;
      case DECIMAL:
        return BigDecimal.ZERO;
      case DATE:
        return LocalDate.now(ZoneOffset.UTC);
      case TIMESTAMP:
        return LocalDateTime.now(ZoneOffset.UTC);
      default:
        return "";
    }
  }

  /**
   * Parameter fields as clients bind them: TIMESTAMP as Timestamp(MICROSECOND) for clients that
   * bind microseconds ({@link ClientPreferences}), else Timestamp(MILLISECOND) (what Arrow's JDBC
   * driver writes); integers as Int64, approximate numbers as Float64, the rest as in results.
   * Every parameter is nullable. Bound values are read in whatever unit the client sent.
   */
  static Schema parameterSchema(List<ColumnType> types, boolean microsecondTimestamps) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      ColumnType t = types.get(i);
      ArrowType arrow;
      switch (t.kind()) {
        case TIMESTAMP:
          arrow = new ArrowType.Timestamp(microsecondTimestamps ? TimeUnit.MICROSECOND : TimeUnit.MILLISECOND, null);
          break;
        case INTEGER:
        case BIGINT:
          arrow = new ArrowType.Int(64, true);
          break;
        case REAL:
        case DOUBLE:
          arrow = new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
          break;
        case DECIMAL:
          // JDBC clients bind any number to a double parameter but only a BigDecimal of the exact
          // scale to a decimal one; decimals a double holds exactly go as doubles.
          arrow = t.precision() <= 15
              ? new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)
              : ArrowTypes.arrowType(t);
          break;
        default:
          arrow = ArrowTypes.arrowType(t);
          break;
      }
      fields.add(new Field("p" + (i + 1), FieldType.nullable(arrow), null));
    }
    return new Schema(fields);
  }
}
