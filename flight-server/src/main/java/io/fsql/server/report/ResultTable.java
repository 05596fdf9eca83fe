package io.fsql.server.report;

import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The columns and rows of a statement's result, read to the end (what the report renders). */
public record ResultTable(List<String> columns, List<List<Object>> rows) {
  public ResultTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** Reads all of a statement's rows. */
  public static ResultTable of(StatementResult result) {
    if (!result.hasRows()) {
      return new ResultTable(List.of(), List.of());
    }
    try (QueryResult q = result.rows()) {
      List<List<Object>> rows = new ArrayList<>();
      while (q.hasNext()) {
        rows.add(Arrays.asList(q.next()));
      }
      return new ResultTable(q.columns().stream().map(ResultColumn::name).toList(), rows);
    }
  }

  /** The index of a column, or -1. */
  public int index(String column) {
    return columns.indexOf(column);
  }
}
