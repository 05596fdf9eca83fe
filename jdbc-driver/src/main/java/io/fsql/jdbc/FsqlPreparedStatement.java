package io.fsql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/** A JDBC prepared statement whose errors are fsql's own. */
final class FsqlPreparedStatement extends AvaticaPreparedStatement {
  FsqlPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
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
