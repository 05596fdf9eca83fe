package io.fsql.jdbc;

import io.fsql.planner.FsqlException;
import java.sql.SQLException;

/** Turns engine errors into SQLExceptions that carry fsql's one-line message and SQLSTATE. */
final class JdbcErrors {
  private JdbcErrors() {}

  static SQLException toSql(Throwable e) {
    FsqlException f = FsqlException.find(e);
    if (f != null) {
      return new SQLException(f.getMessage(), f.code().sqlState(), f);
    }
    if (e instanceof SQLException s) {
      return s;
    }
    return new SQLException(e.getMessage(), "XX000", e);
  }
}
