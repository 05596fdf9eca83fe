package io.fsql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * A JDBC prepared statement whose errors are fsql's own, and whose DATE and TIMESTAMP parameters
 * keep their exact value (microseconds; JDBC 4.2 java.time types): they go to the engine as
 * LocalDate/LocalDateTime rather than through Avatica's millisecond encoding.
 */
final class FsqlPreparedStatement extends AvaticaPreparedStatement {
  FsqlPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public void setTimestamp(int parameterIndex, java.sql.Timestamp x) throws SQLException {
    setTemporal(parameterIndex, JdbcTemporals.localDateTime(x, null));
  }

  @Override
  public void setTimestamp(int parameterIndex, java.sql.Timestamp x, java.util.Calendar cal) throws SQLException {
    setTemporal(parameterIndex, JdbcTemporals.localDateTime(x, cal));
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    if (!setTemporalObject(parameterIndex, x)) {
      super.setObject(parameterIndex, x);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    if (!setTemporalObject(parameterIndex, x)) {
      super.setObject(parameterIndex, x, targetSqlType);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    if (!setTemporalObject(parameterIndex, x)) {
      super.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    }
  }

  private boolean setTemporalObject(int parameterIndex, Object x) throws SQLException {
    if (x instanceof java.time.LocalDateTime || x instanceof java.time.LocalDate) {
      setTemporal(parameterIndex, x);
      return true;
    }
    if (x instanceof java.sql.Timestamp t) {
      setTemporal(parameterIndex, JdbcTemporals.localDateTime(t, null));
      return true;
    }
    if (x instanceof java.time.Instant || x instanceof java.time.OffsetDateTime
        || x instanceof java.time.ZonedDateTime) {
      throw new SQLException("cannot bind a " + x.getClass().getName() + " to parameter " + parameterIndex
          + " (an fsql TIMESTAMP has no time zone): use java.time.LocalDateTime or java.sql.Timestamp", "22018");
    }
    return false;
  }

  /** Binds a LocalDateTime or LocalDate (or null) as the engine takes it. */
  private void setTemporal(int parameterIndex, Object value) throws SQLException {
    checkParameterIndex(parameterIndex);
    slots[parameterIndex - 1] = value == null ? TypedValue.EXPLICIT_NULL
        : TypedValue.ofLocal(ColumnMetaData.Rep.OBJECT, value);
  }

  private void checkParameterIndex(int parameterIndex) throws SQLException {
    if (parameterIndex < 1 || parameterIndex > slots.length) {
      throw new SQLException("parameter index " + parameterIndex + " out of range 1.." + slots.length, "07009");
    }
  }

  @Override
  public boolean execute() throws SQLException {
    try {
      return super.execute();
    } catch (SQLException | RuntimeException e) {
      throw JdbcErrors.toSql(e);
    }
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    try {
      return super.executeQuery();
    } catch (SQLException | RuntimeException e) {
      throw JdbcErrors.toSql(e);
    }
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    try {
      return super.executeLargeUpdate();
    } catch (SQLException | RuntimeException e) {
      throw JdbcErrors.toSql(e);
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    try {
      return super.executeLargeBatch();
    } catch (SQLException | RuntimeException e) {
      throw JdbcErrors.toSql(e);
    }
  }

  /**
   * The outcome message of the last statement that was not a query (for example
   * {@code created feature group tx v1} or {@code committed ... : 2 inserted, 0 updated}).
   */
  @Override
  public java.sql.SQLWarning getWarnings() throws SQLException {
    return ((FsqlConnection) connection).warning(handle.id);
  }

  @Override
  public void clearWarnings() throws SQLException {
    ((FsqlConnection) connection).clearWarning(handle.id);
  }
}
