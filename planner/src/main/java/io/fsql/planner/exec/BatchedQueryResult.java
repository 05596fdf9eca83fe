package io.fsql.planner.exec;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A result produced in column batches. It is read either row by row (as every {@link QueryResult})
 * or batch by batch with {@link #nextBatch()} (the JDBC driver's and the Flight server's fast path);
 * both may be mixed, each row being returned once.
 */
public abstract class BatchedQueryResult implements QueryResult {
  private final List<ResultColumn> columns;
  private ColumnBatch current;
  private int position;
  private boolean done;

  protected BatchedQueryResult(List<ResultColumn> columns) {
    this.columns = List.copyOf(columns);
  }

  /** The next batch of the result (possibly empty), or null after the last. */
  protected abstract ColumnBatch readBatch();

  @Override
  public final List<ResultColumn> columns() {
    return columns;
  }

  /** The rows not read yet of the current batch, or the next non-empty batch; null at the end. */
  public final ColumnBatch nextBatch() {
    if (!hasNext()) {
      return null;
    }
    ColumnBatch b = current.from(position);
    current = null;
    position = 0;
    return b;
  }

  @Override
  public final boolean hasNext() {
    while (current == null || position >= current.rowCount()) {
      if (done) {
        return false;
      }
      current = readBatch();
      position = 0;
      if (current == null) {
        done = true;
        return false;
      }
    }
    return true;
  }

  @Override
  public final Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Object[] row = new Object[columns.size()];
    for (int c = 0; c < row.length; c++) {
      row[c] = current.value(c, position);
    }
    position++;
    return row;
  }
}
