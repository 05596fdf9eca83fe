package io.fsql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/** A JDBC result set whose errors (rows are produced lazily) are fsql's own. */
final class FsqlResultSet extends AvaticaResultSet {
  FsqlResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, state, signature, metaData, timeZone, firstFrame);
  }

  /** TIMESTAMP values print without trailing zeros: {@code 2026-01-01 09:30:00}, {@code ...:00.5}. */
  @Override
  public String getString(int columnIndex) throws SQLException {
    String s = super.getString(columnIndex);
    if (s != null && getMetaData().getColumnType(columnIndex) == java.sql.Types.TIMESTAMP && s.indexOf('.') > 0) {
      s = s.replaceAll("0+$", "");
      if (s.endsWith(".")) {
        s = s.substring(0, s.length() - 1);
      }
    }
    return s;
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
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
