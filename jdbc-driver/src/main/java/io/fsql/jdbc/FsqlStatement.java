package io.fsql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/** A JDBC statement whose errors are fsql's own. */
final class FsqlStatement extends AvaticaStatement {
  FsqlStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    try {
      return super.execute(sql);
    } catch (SQLException | RuntimeException e) {
      throw JdbcErrors.toSql(e);
    }
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    try {
      return super.executeQuery(sql);
    } catch (SQLException | RuntimeException e) {
      throw JdbcErrors.toSql(e);
    }
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    try {
      return super.executeLargeUpdate(sql);
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
