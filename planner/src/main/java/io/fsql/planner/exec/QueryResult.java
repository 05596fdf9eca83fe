package io.fsql.planner.exec;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows flowing out of the engine: the columns, then the rows as Java values (Boolean, Integer,
 * Long, Float, Double, BigDecimal, String, LocalDate, and LocalDateTime for TIMESTAMP, in UTC).
 * Must be closed; rows may be produced lazily.
 */
public interface QueryResult extends Iterator<Object[]>, AutoCloseable {

  List<ResultColumn> columns();

  @Override
  void close();

  /**
   * How many rows are left when they are all in memory already (a lookup's, a SHOW's), so that a
   * caller can send them without further waiting; -1 when rows are produced as they are read.
   */
  default long rowsInMemory() {
    return -1;
  }

  /** A result over rows already in memory. */
  static QueryResult of(List<ResultColumn> columns, List<Object[]> rows) {
    Iterator<Object[]> it = rows.iterator();
    int size = rows.size();
    return new QueryResult() {
      private int read;

      @Override
      public List<ResultColumn> columns() {
        return columns;
      }

      @Override
      public long rowsInMemory() {
        return size - read;
      }

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Object[] next() {
        if (!it.hasNext()) {
          throw new NoSuchElementException();
        }
        read++;
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}
