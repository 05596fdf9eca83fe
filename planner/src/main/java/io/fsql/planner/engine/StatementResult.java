package io.fsql.planner.engine;

import io.fsql.planner.exec.QueryResult;

/**
 * The outcome of one statement: rows (queries, SHOW, DESCRIBE, EXPLAIN), or a count of rows
 * written (INSERT) and a one-line message (every statement that is not a query).
 */
public record StatementResult(QueryResult rows, long updateCount, String message) {

  public static StatementResult rows(QueryResult rows) {
    return new StatementResult(rows, -1, null);
  }

  public static StatementResult update(long count, String message) {
    return new StatementResult(null, count, message);
  }

  public boolean hasRows() {
    return rows != null;
  }
}
