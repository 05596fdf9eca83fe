package io.fsql.server;

import io.fsql.planner.FsqlException;
import io.fsql.sql.parser.ParsingException;
import io.fsql.sql.parser.StatementSplitter;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a script (from {@code -e} or {@code -f}) statement by statement over JDBC, prints each
 * result as a table and each other outcome as its one-line message, and stops at the first error
 * with its position in the script.
 */
final class ScriptRunner {
  private final Connection connection;
  private final PrintStream out;
  private final PrintStream err;
  private final String source;

  /**
   * @param source where the script came from, for error messages: a file name, or null for -e
   */
  ScriptRunner(Connection connection, PrintStream out, PrintStream err, String source) {
    this.connection = connection;
    this.out = out;
    this.err = err;
    this.source = source;
  }

  /** Runs the script; returns the exit code (0, or 1 at the first error). */
  int run(String script) {
    List<StatementSplitter.Piece> pieces;
    try {
      pieces = StatementSplitter.split(script);
    } catch (ParsingException e) {
      return error(e.getLine(), e.getColumn(), e.getErrorMessage());
    }
    for (StatementSplitter.Piece piece : pieces) {
      try (Statement st = connection.createStatement()) {
        if (st.execute(piece.text())) {
          try (ResultSet rs = st.getResultSet()) {
            printTable(rs);
          }
        } else {
          out.println(outcome(st));
        }
      } catch (SQLException e) {
        FsqlException f = FsqlException.find(e);
        if (f != null && f.line() > 0) {
          int line = piece.startLine() + f.line() - 1;
          int column = f.line() == 1 ? piece.startColumn() + f.column() - 1 : f.column();
          return error(line, column, f.detail());
        }
        return error(piece.startLine(), piece.startColumn(), f != null ? f.detail() : e.getMessage());
      }
    }
    return 0;
  }

  /**
   * What a statement that returned no rows did: the engine's message (embedded), else, over a
   * server (Flight SQL carries no message), the count of rows it changed or OK.
   */
  private static String outcome(Statement st) throws SQLException {
    SQLWarning w = st.getWarnings();
    if (w != null) {
      return w.getMessage();
    }
    long count = st.getLargeUpdateCount();
    return count > 0 ? count + (count == 1 ? " row" : " rows") + " affected" : "OK";
  }

  private int error(int line, int column, String message) {
    err.println("ERROR: " + (source == null ? "" : source + ": ") + "line " + line + ":" + column + ": " + message);
    return 1;
  }

  private void printTable(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] header = new String[n];
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      header[i] = md.getColumnLabel(i + 1);
      width[i] = header[i].length();
    }
    List<String[]> rows = new ArrayList<>();
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        String v = rs.getString(i + 1);
        row[i] = v == null ? "NULL" : v;
        width[i] = Math.max(width[i], row[i].length());
      }
      rows.add(row);
    }
    String rule = rule(width);
    out.println(rule);
    out.println(line(header, width));
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, width));
    }
    out.println(rule);
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String rule(int[] width) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : width) {
      sb.append("-".repeat(w + 2)).append('+');
    }
    return sb.toString();
  }

  private static String line(String[] values, int[] width) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < values.length; i++) {
      sb.append(' ').append(values[i]).append(" ".repeat(width[i] - values[i].length())).append(" |");
    }
    return sb.toString();
  }
}
