package io.fsql.jdbc;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.EmbeddedEngineProvider;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.BatchedQueryResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.Explain;
import io.fsql.sql.tree.Insert;
import io.fsql.sql.tree.QueryStatement;
import io.fsql.sql.tree.Statement;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Avatica's view of an fsql engine session: runs statements, streams their rows, and answers
 * DatabaseMetaData questions from the catalog. One per connection.
 */
final class FsqlMeta extends MetaImpl {
  private final EmbeddedEngineProvider engines;
  private final Path home;
  private final FsqlEngine engine;
  private final Session session;
  private final Map<Integer, StatementState> statements = new ConcurrentHashMap<>();
  private boolean released;

  /** What a JDBC statement has prepared and what it is reading. */
  private static final class StatementState {
    /** The last statement's outcome message, one SQLWarning object until the next execution. */
    java.sql.SQLWarning message;
    Statement parsed;
    String sql;
    QueryResult rows;
    Iterator<Object> iterator;
    /** The open result when it comes in column batches, until a result set takes it. */
    ColumnBatchCursor batches;
    /** The last result's signature and the columns it was made for (reused while they are the same). */
    Signature signature;
    List<ResultColumn> signatureColumns;
  }

  FsqlMeta(FsqlConnection connection) {
    super(connection);
    this.engines = EmbeddedEngineLookup.found();
    this.home = engines.resolveHome(connection.properties().getProperty(FsqlDriver.HOME_PROPERTY));
    this.engine = engines.acquire(home);
    this.session = engine.openSession();
    this.connProps.setAutoCommit(true);
  }

  // ------------------------------------------------------------ statements

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    StatementHandle h = super.createStatement(ch);
    statements.put(h.id, new StatementState());
    return h;
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    Statement parsed = session.parse(sql);
    StatementHandle h = createStatement(ch);
    StatementState state = statements.get(h.id);
    state.parsed = parsed;
    state.sql = sql;
    List<AvaticaParameter> params = new ArrayList<>();
    for (int i = 0; i < parameterCount(parsed); i++) {
      params.add(new AvaticaParameter(false, 0, 0, Types.OTHER, "ANY", Object.class.getName(), "?" + (i + 1)));
    }
    h.signature = Signature.create(List.of(), sql, params, CursorFactory.ARRAY, statementType(parsed));
    return h;
  }

  @Override
  @SuppressWarnings("deprecation")
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      PrepareCallback callback) throws NoSuchStatementException {
    return prepareAndExecute(h, sql, maxRowCount, -1, callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    StatementState state = state(h);
    Statement parsed = session.parse(sql);
    state.parsed = parsed;
    state.sql = sql;
    state.message = null;
    StatementResult result = session.execute(parsed, List.of());
    state.message = warning(result.message());
    try {
      MetaResultSet rs;
      synchronized (callback.getMonitor()) {
        callback.clear();
        if (result.hasRows()) {
          Signature signature = signature(sql, result.rows(), statementType(parsed));
          open(state, result.rows(), maxRowCount);
          callback.assign(signature, null, -1);
          rs = MetaResultSet.create(h.connectionId, h.id, false, signature, null);
        } else {
          callback.assign(null, null, result.updateCount());
          rs = MetaResultSet.count(h.connectionId, h.id, Math.max(0, result.updateCount()));
        }
      }
      callback.execute();
      return new ExecuteResult(List.of(rs));
    } catch (java.sql.SQLException e) {
      throw new RuntimeException(e);
    }
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    long[] counts = new long[sqlCommands.size()];
    for (int i = 0; i < counts.length; i++) {
      StatementResult r = session.execute(sqlCommands.get(i));
      if (r.hasRows()) {
        r.rows().close();
        throw new IllegalArgumentException("a batch may not contain queries: " + sqlCommands.get(i));
      }
      counts[i] = r.updateCount();
    }
    return new ExecuteBatchResult(counts);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    StatementState state = state(h);
    long[] counts = new long[parameterValues.size()];
    for (int i = 0; i < counts.length; i++) {
      StatementResult r = session.execute(state.parsed, values(parameterValues.get(i)));
      if (r.hasRows()) {
        r.rows().close();
        throw new IllegalArgumentException("a batch may not contain queries: " + state.sql);
      }
      counts[i] = r.updateCount();
    }
    return new ExecuteBatchResult(counts);
  }

  @Override
  @SuppressWarnings("deprecation")
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
      throws NoSuchStatementException {
    return execute(h, parameterValues, (int) Math.min(Integer.MAX_VALUE, maxRowCount));
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    StatementState state = state(h);
    if (state.parsed == null) {
      throw new IllegalStateException("statement was not prepared");
    }
    state.message = null;
    StatementResult result = session.execute(state.parsed, values(parameterValues));
    state.message = warning(result.message());
    if (result.hasRows()) {
      List<ResultColumn> columns = result.rows().columns();
      if (state.signature == null || !columns.equals(state.signatureColumns)) {
        state.signature = signature(state.sql, result.rows(), statementType(state.parsed));
        state.signatureColumns = columns;
      }
      Signature signature = state.signature;
      open(state, result.rows(), -1);
      return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, false, signature, null)));
    }
    return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id, Math.max(0, result.updateCount()))));
  }

  @Override
  public Iterable<Object> createIterable(StatementHandle h, QueryState state, Signature signature,
      List<TypedValue> parameterValues, Frame firstFrame) {
    if (firstFrame != null && firstFrame.done) {
      return firstFrame.rows;
    }
    StatementState s = statements.get(h.id);
    if (s == null || s.iterator == null) {
      return super.createIterable(h, state, signature, parameterValues, firstFrame);
    }
    Iterator<Object> it = s.iterator;
    s.iterator = null;
    return () -> it;
  }

  /**
   * The column-batch cursor of statement {@code id}'s open result, for a result set to read it
   * instead of rows; null when the result comes in rows (or was taken already).
   */
  ColumnBatchCursor takeBatches(int id) {
    StatementState s = statements.get(id);
    if (s == null || s.batches == null) {
      return null;
    }
    ColumnBatchCursor c = s.batches;
    s.batches = null;
    s.iterator = null;
    return c;
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException {
    StatementState s = state(h);
    List<Object> rows = new ArrayList<>();
    Iterator<Object> it = s.iterator;
    if (it == null) {
      return new Frame(offset, true, rows);
    }
    while (it.hasNext() && (fetchMaxRowCount <= 0 || rows.size() < fetchMaxRowCount)) {
      rows.add(it.next());
    }
    return new Frame(offset, !it.hasNext(), rows);
  }

  @Override
  public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
    return false;
  }

  @Override
  public void closeStatement(StatementHandle h) {
    StatementState s = statements.remove(h.id);
    if (s != null && s.rows != null) {
      s.rows.close();
    }
  }

  @Override
  public void commit(ConnectionHandle ch) {
    // Every statement commits on its own (auto-commit); there is nothing pending.
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    // Nothing is pending: every statement committed on its own.
  }

  @Override
  public synchronized void closeConnection(ConnectionHandle ch) {
    for (Integer id : new ArrayList<>(statements.keySet())) {
      closeStatement(new StatementHandle(ch.id, id, null));
    }
    if (!released) {
      released = true;
      session.close();
      engines.release(home);
    }
  }

  /**
   * The message of the last statement a JDBC statement ran ("created feature group ..."), if any,
   * as a warning: the same object on every call, so that clients that show each warning they have
   * not seen yet (SQLLine) show it once.
   */
  java.sql.SQLWarning message(int statementId) {
    StatementState s = statements.get(statementId);
    return s == null ? null : s.message;
  }

  void clearMessage(int statementId) {
    StatementState s = statements.get(statementId);
    if (s != null) {
      s.message = null;
    }
  }

  private static java.sql.SQLWarning warning(String message) {
    return message == null ? null : new java.sql.SQLWarning(message, "01000");
  }

  private StatementState state(StatementHandle h) throws NoSuchStatementException {
    StatementState s = statements.get(h.id);
    if (s == null) {
      throw new NoSuchStatementException(h);
    }
    return s;
  }

  private static void open(StatementState state, QueryResult rows, long maxRowCount) {
    if (state.rows != null) {
      state.rows.close();
    }
    state.rows = rows;
    state.batches = rows instanceof BatchedQueryResult b ? new ColumnBatchCursor(b, maxRowCount) : null;
    final long limit = maxRowCount > 0 ? maxRowCount : Long.MAX_VALUE;
    state.iterator = new Iterator<Object>() {
      long returned;

      @Override
      public boolean hasNext() {
        return returned < limit && rows.hasNext();
      }

      @Override
      public Object next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        returned++;
        return toJdbc(rows.next(), rows.columns());
      }
    };
  }

  // ------------------------------------------------------------ types

  private static Object[] toJdbc(Object[] row, List<ResultColumn> columns) {
    Object[] out = new Object[row.length];
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      // Avatica's representation: TIMESTAMP as a Timestamp holding the wall-clock value read as
      // UTC plus its microseconds (FsqlResultSet reads it back exactly), DATE as days since
      // 1970-01-01 (Calcite's convention).
      if (v instanceof LocalDateTime t) {
        v = FsqlResultSet.toAvatica(t);
      } else if (v instanceof LocalDate d) {
        v = (int) d.toEpochDay();
      }
      out[i] = v;
    }
    return out;
  }

  private static Signature signature(String sql, QueryResult rows, StatementType type) {
    List<ColumnMetaData> columns = new ArrayList<>();
    int i = 0;
    for (ResultColumn c : rows.columns()) {
      columns.add(columnMetaData(i++, c));
    }
    return Signature.create(columns, sql, List.of(), CursorFactory.ARRAY, type);
  }

  static ColumnMetaData columnMetaData(int ordinal, ResultColumn c) {
    ColumnType t = c.type();
    int sqlType;
    ColumnMetaData.Rep rep;
    int precision = 0;
    int scale = 0;
    int displaySize;
    switch (t.kind()) {
      case BOOLEAN:
        sqlType = Types.BOOLEAN;
        rep = ColumnMetaData.Rep.BOOLEAN;
        displaySize = 5;
        break;
      case INTEGER:
        sqlType = Types.INTEGER;
        rep = ColumnMetaData.Rep.INTEGER;
        precision = 10;
        displaySize = 11;
        break;
      case BIGINT:
        sqlType = Types.BIGINT;
        rep = ColumnMetaData.Rep.LONG;
        precision = 19;
        displaySize = 20;
        break;
      case REAL:
        sqlType = Types.REAL;
        rep = ColumnMetaData.Rep.FLOAT;
        precision = 7;
        displaySize = 15;
        break;
      case DOUBLE:
        sqlType = Types.DOUBLE;
        rep = ColumnMetaData.Rep.DOUBLE;
        precision = 15;
        displaySize = 24;
        break;
      case DECIMAL:
        sqlType = Types.DECIMAL;
        rep = ColumnMetaData.Rep.NUMBER;
        precision = t.precision();
        scale = t.scale();
        displaySize = t.precision() + 2;
        break;
      case DATE:
        sqlType = Types.DATE;
        rep = ColumnMetaData.Rep.INTEGER;
        displaySize = 10;
        break;
      case TIMESTAMP:
        // Microseconds: 'yyyy-MM-dd HH:mm:ss.SSSSSS' is 26 characters, 6 of them fractional digits.
        sqlType = Types.TIMESTAMP;
        rep = ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP;
        precision = 26;
        scale = 6;
        displaySize = 26;
        break;
      default:
        sqlType = Types.VARCHAR;
        rep = ColumnMetaData.Rep.STRING;
        precision = t.precision() > 0 ? t.precision() : Integer.MAX_VALUE;
        displaySize = t.precision() > 0 ? t.precision() : 64;
        break;
    }
    String typeName = t.kind() == io.fsql.sql.tree.DataType.Kind.DECIMAL ? "DECIMAL" : t.kind().name();
    ColumnMetaData.AvaticaType type = ColumnMetaData.scalar(sqlType, typeName, rep);
    return new ColumnMetaData(ordinal, false, true, true, false,
        c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        true, displaySize, c.name(), c.name(), null, precision, scale, null, null, type,
        true, false, false, type.columnClassName());
  }

  /** Parameter values as the engine takes them (TIMESTAMP as LocalDateTime in UTC, DATE as LocalDate). */
  private static List<Object> values(List<TypedValue> typed) {
    List<Object> values = new ArrayList<>();
    if (typed == null) {
      return values;
    }
    for (TypedValue v : typed) {
      if (v == null || v.value == null) {
        values.add(null);
        continue;
      }
      switch (v.type) {
        case JAVA_SQL_TIMESTAMP:
        case JAVA_UTIL_DATE:
          values.add(LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) v.value).longValue()), ZoneOffset.UTC));
          break;
        case JAVA_SQL_DATE:
          values.add(LocalDate.ofEpochDay(((Number) v.value).longValue()));
          break;
        case NUMBER:
          values.add(v.value instanceof BigDecimal ? v.value : new BigDecimal(v.value.toString()));
          break;
        default:
          values.add(v.toLocal());
          break;
      }
    }
    return values;
  }

  private static StatementType statementType(Statement s) {
    if (s instanceof Insert) {
      return StatementType.IS_DML;
    }
    if (s instanceof QueryStatement || s instanceof Explain) {
      return StatementType.SELECT;
    }
    String name = s.getClass().getSimpleName();
    return name.startsWith("Show") || name.startsWith("Describe") ? StatementType.SELECT
        : StatementType.OTHER_DDL;
  }

  static int parameterCount(Statement s) {
    SqlNode node = null;
    if (s instanceof QueryStatement q) {
      node = q.query();
    } else if (s instanceof Insert i) {
      node = i.query();
    } else if (s instanceof Explain e) {
      return parameterCount(e.statement());
    }
    if (node == null) {
      return 0;
    }
    int[] max = {0};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlDynamicParam param) {
        max[0] = Math.max(max[0], param.getIndex() + 1);
        return null;
      }
    });
    return max[0];
  }

  // ------------------------------------------------------------ database metadata

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, List<String> typeList) {
    Pattern name = like(tableNamePattern);
    List<MetaTable> tables = new ArrayList<>();
    if (typeList == null || typeList.contains("TABLE")) {
      for (FeatureGroup g : latestGroups()) {
        if (name.matcher(g.name()).matches()) {
          tables.add(new MetaTable(null, null, g.name(), "TABLE"));
        }
      }
      for (String d : new java.util.TreeSet<>(session.trainingDatasets().stream()
          .map(io.fsql.planner.catalog.TrainingDataset::name).toList())) {
        if (name.matcher(d).matches()) {
          tables.add(new MetaTable(null, null, d, "TABLE"));
        }
      }
    }
    if (typeList == null || typeList.contains("VIEW")) {
      for (String v : new java.util.TreeSet<>(session.featureViews().stream()
          .map(io.fsql.planner.catalog.FeatureView::name).toList())) {
        if (name.matcher(v).matches()) {
          tables.add(new MetaTable(null, null, v, "VIEW"));
        }
      }
    }
    return rows(MetaTable.class, tables, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE",
        "REMARKS", "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, Pat columnNamePattern) {
    Pattern table = like(tableNamePattern);
    Pattern column = like(columnNamePattern);
    List<MetaColumn> columns = new ArrayList<>();
    for (FeatureGroup g : latestGroups()) {
      if (!table.matcher(g.name()).matches()) {
        continue;
      }
      int ordinal = 1;
      for (Column c : g.columns()) {
        int pos = ordinal++;
        if (!column.matcher(c.name()).matches()) {
          continue;
        }
        ColumnMetaData md = columnMetaData(pos - 1, new ResultColumn(c.name(), c.type(), c.nullable()));
        columns.add(new MetaColumn(null, null, g.name(), c.name(), md.type.id, md.type.name,
            md.precision, md.scale, 10,
            c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            null, pos, c.nullable() ? "YES" : "NO", "NO", "NO"));
      }
    }
    return rows(MetaColumn.class, columns, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
        "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX",
        "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH",
        "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
        "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return rows(MetaTableType.class, List.of(new MetaTableType("TABLE"), new MetaTableType("VIEW")), "TABLE_TYPE");
  }

  private List<FeatureGroup> latestGroups() {
    Map<String, FeatureGroup> latest = new java.util.TreeMap<>();
    for (FeatureGroup g : session.featureGroups()) {
      latest.merge(g.name(), g, (a, b) -> a.version() >= b.version() ? a : b);
    }
    return new ArrayList<>(latest.values());
  }

  private static Pattern like(Pat pat) {
    return io.fsql.planner.LikePatterns.toRegex(pat == null ? null : pat.s, false);
  }

  private <E> MetaResultSet rows(Class<E> clazz, List<E> rows, String... names) {
    List<ColumnMetaData> columns = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    List<String> fieldNames = new ArrayList<>();
    for (String name : names) {
      String fieldName = AvaticaUtils.toCamelCase(name);
      Field field;
      try {
        field = clazz.getField(fieldName);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
      columns.add(columnMetaData(name, columns.size(), field.getType(), getColumnNullability(field)));
      fields.add(field);
      fieldNames.add(fieldName);
    }
    @SuppressWarnings("unchecked")
    List<Object> objects = (List<Object>) (List<?>) rows;
    return createResultSet(Map.of(), columns, CursorFactory.record(clazz, fields, fieldNames),
        new Frame(0, true, objects));
  }
}
