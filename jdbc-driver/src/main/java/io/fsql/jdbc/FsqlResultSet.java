package io.fsql.jdbc;

import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * A JDBC result set whose errors (rows are produced lazily) are fsql's own, and whose DATE and
 * TIMESTAMP columns are read exactly (microseconds, JDBC 4.2 java.time types) by
 * {@link JdbcTemporals} rather than by Avatica's millisecond accessors.
 */
final class FsqlResultSet extends AvaticaResultSet {
  FsqlResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, state, signature, metaData, timeZone, firstFrame);
  }

  /**
   * How {@link FsqlMeta} hands a TIMESTAMP to Avatica: a Timestamp whose milliseconds are the
   * wall-clock value read as UTC (Avatica's convention) and whose nanos keep the microseconds.
   */
  static Timestamp toAvatica(LocalDateTime v) {
    Timestamp t = new Timestamp(v.toEpochSecond(ZoneOffset.UTC) * 1000L);
    t.setNanos(v.getNano());
    return t;
  }

  /** Reads the statement's result from its column batches when it has them, else rows (Avatica's way). */
  @Override
  protected AvaticaResultSet execute() throws SQLException {
    if ((firstFrame == null || !firstFrame.done) && statement.connection instanceof FsqlConnection c) {
      ColumnBatchCursor batches = c.takeBatches(statement.handle.id);
      if (batches != null) {
        return execute2(batches, columnMetaDataList);
      }
    }
    return super.execute();
  }

  private int sqlType(int columnIndex) throws SQLException {
    if (columnIndex < 1 || columnIndex > columnMetaDataList.size()) {
      throw new SQLException("column index " + columnIndex + " out of range 1.." + columnMetaDataList.size(), "07009");
    }
    return columnMetaDataList.get(columnIndex - 1).type.id;
  }

  private String label(int columnIndex) {
    return columnMetaDataList.get(columnIndex - 1).label;
  }

  /**
   * The column-batch cursor when the result set reads one and is on a row, for the getters that
   * read a typed value straight from its batch (the same value and wasNull as through Avatica's
   * accessors); null otherwise. Checks that the result set is open and the column index valid.
   */
  private ColumnBatchCursor onBatch(int columnIndex) throws SQLException {
    checkOpen();
    if (cursor instanceof ColumnBatchCursor c && c.onRow()) {
      sqlType(columnIndex);
      return c;
    }
    return null;
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    ColumnBatchCursor c = onBatch(columnIndex);
    if (c != null) {
      switch (c.kind(columnIndex - 1)) {
        case BIGINT:
          return c.longValue(columnIndex - 1);
        case INTEGER:
          return c.intValue(columnIndex - 1);
        default:
          break;
      }
    }
    return super.getLong(columnIndex);
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    ColumnBatchCursor c = onBatch(columnIndex);
    if (c != null && c.kind(columnIndex - 1) == io.fsql.sql.tree.DataType.Kind.INTEGER) {
      return c.intValue(columnIndex - 1);
    }
    return super.getInt(columnIndex);
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    ColumnBatchCursor c = onBatch(columnIndex);
    if (c != null) {
      switch (c.kind(columnIndex - 1)) {
        case DOUBLE:
        case REAL:
          return c.doubleValue(columnIndex - 1);
        default:
          break;
      }
    }
    return super.getDouble(columnIndex);
  }

  private LocalDateTime timestampValue(int columnIndex) throws SQLException {
    checkOpen();
    if (cursor instanceof ColumnBatchCursor c && c.onRow()) {
      return c.timestampValue(columnIndex - 1);
    }
    Object raw = accessorList.get(columnIndex - 1).getObject();
    if (raw == null) {
      return null;
    }
    Timestamp t = (Timestamp) raw;
    return LocalDateTime.ofEpochSecond(Math.floorDiv(t.getTime(), 1000L), t.getNanos(), ZoneOffset.UTC);
  }

  private LocalDate dateValue(int columnIndex) throws SQLException {
    checkOpen();
    Date d = accessorList.get(columnIndex - 1).getDate(null);
    return d == null ? null : LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), 86_400_000L));
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    ColumnBatchCursor c = onBatch(columnIndex);
    if (c != null && c.kind(columnIndex - 1) == io.fsql.sql.tree.DataType.Kind.VARCHAR) {
      return (String) c.referenceValue(columnIndex - 1);
    }
    if (sqlType(columnIndex) == Types.TIMESTAMP) {
      LocalDateTime v = timestampValue(columnIndex);
      return v == null ? null : JdbcTemporals.format(v);
    }
    return super.getString(columnIndex);
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    return getTimestamp(columnIndex, (Calendar) null);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    int type = sqlType(columnIndex);
    if (type == Types.TIMESTAMP) {
      return JdbcTemporals.timestamp(timestampValue(columnIndex), cal);
    }
    if (type == Types.DATE) {
      LocalDate d = dateValue(columnIndex);
      return d == null ? null : JdbcTemporals.timestamp(d.atStartOfDay(), cal);
    }
    return cal == null ? super.getTimestamp(columnIndex) : super.getTimestamp(columnIndex, cal);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return getTimestamp(findColumn(columnLabel));
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    return getTimestamp(findColumn(columnLabel), cal);
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    return getDate(columnIndex, (Calendar) null);
  }

  @Override
  public Date getDate(int columnIndex, Calendar cal) throws SQLException {
    int type = sqlType(columnIndex);
    if (type == Types.DATE) {
      return JdbcTemporals.date(dateValue(columnIndex), cal);
    }
    if (type == Types.TIMESTAMP) {
      LocalDateTime v = timestampValue(columnIndex);
      return v == null ? null : JdbcTemporals.date(v.toLocalDate(), cal);
    }
    return cal == null ? super.getDate(columnIndex) : super.getDate(columnIndex, cal);
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return getDate(findColumn(columnLabel));
  }

  @Override
  public Date getDate(String columnLabel, Calendar cal) throws SQLException {
    return getDate(findColumn(columnLabel), cal);
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    int type = sqlType(columnIndex);
    if (type == Types.TIMESTAMP) {
      return JdbcTemporals.timestamp(timestampValue(columnIndex), (Calendar) null);
    }
    if (type == Types.DATE) {
      return JdbcTemporals.date(dateValue(columnIndex), (Calendar) null);
    }
    return super.getObject(columnIndex);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject: the type must not be null", "HY009");
    }
    int sqlType = sqlType(columnIndex);
    if (sqlType == Types.TIMESTAMP) {
      return JdbcTemporals.timestamp(timestampValue(columnIndex), type, label(columnIndex));
    }
    if (sqlType == Types.DATE) {
      return JdbcTemporals.date(dateValue(columnIndex), type, label(columnIndex));
    }
    return super.getObject(columnIndex, type);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (SQLException | RuntimeException e) {
      throw JdbcErrors.toSql(e);
    }
  }
}
