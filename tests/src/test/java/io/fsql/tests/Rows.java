package io.fsql.tests;

import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Helpers that turn results into lists of rows that tests compare exactly. */
public final class Rows {
  private Rows() {}

  /** Runs a query through the engine API and returns all its rows. */
  public static List<List<Object>> query(Session session, String sql, Object... params) {
    StatementResult r = session.execute(sql, Arrays.asList(params));
    if (!r.hasRows()) {
      throw new AssertionError("expected rows from: " + sql);
    }
    try (QueryResult rows = r.rows()) {
      List<List<Object>> out = new ArrayList<>();
      while (rows.hasNext()) {
        out.add(Arrays.asList(rows.next()));
      }
      return out;
    }
  }

  /** All rows of a JDBC result set, as Java values. */
  public static List<List<Object>> of(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> out = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    return out;
  }

  public static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  public static LocalDateTime ts(String s) {
    return LocalDateTime.parse(s.replace(' ', 'T'));
  }

  public static LocalDate date(String s) {
    return LocalDate.parse(s);
  }

  public static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }
}
