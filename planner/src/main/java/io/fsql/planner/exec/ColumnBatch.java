package io.fsql.planner.exec;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * A run of consecutive rows of a result, stored column by column in Java arrays, so that a reader
 * (the JDBC driver, a Flight stream) takes values without a per-row Object[] or boxing.
 *
 * <p>Each column's array, by the column's type: BOOLEAN {@code boolean[]}, INTEGER {@code int[]},
 * BIGINT {@code long[]}, REAL {@code float[]}, DOUBLE {@code double[]}, DECIMAL {@code BigDecimal[]}
 * (at the column's scale), VARCHAR {@code String[]}, DATE {@code int[]} (days since 1970-01-01),
 * TIMESTAMP {@code long[]} (microseconds since 1970-01-01T00:00 of the UTC wall clock). A NULL is
 * marked in the column's null mask (a column without NULLs has no mask); the array holds 0, false
 * or null there.
 */
public final class ColumnBatch {
  private final List<ResultColumn> columns;
  private final int rowCount;
  private final Object[] data;
  private final boolean[][] nulls;

  /**
   * @param data one array per column, of the column type's array class, of at least rowCount values
   * @param nulls one mask per column (true: NULL), or null for a column without NULLs
   */
  public ColumnBatch(List<ResultColumn> columns, int rowCount, Object[] data, boolean[][] nulls) {
    this.columns = List.copyOf(columns);
    this.rowCount = rowCount;
    this.data = data.clone();
    this.nulls = nulls.clone();
    if (data.length != columns.size() || nulls.length != columns.size()) {
      throw new IllegalArgumentException(data.length + " column arrays and " + nulls.length
          + " null masks for " + columns.size() + " columns");
    }
    for (int c = 0; c < data.length; c++) {
      Class<?> expected = arrayClass(columns.get(c));
      Object a = Objects.requireNonNull(data[c], "column array");
      if (a.getClass() != expected || java.lang.reflect.Array.getLength(a) < rowCount
          || (nulls[c] != null && nulls[c].length < rowCount)) {
        throw new IllegalArgumentException("column " + columns.get(c).name() + " of type "
            + columns.get(c).type() + " needs a " + expected.getSimpleName() + " of " + rowCount
            + " values, got a " + a.getClass().getSimpleName());
      }
    }
  }

  /** The array class that holds a column of this type. */
  public static Class<?> arrayClass(ResultColumn column) {
    switch (column.type().kind()) {
      case BOOLEAN:
        return boolean[].class;
      case INTEGER:
      case DATE:
        return int[].class;
      case BIGINT:
      case TIMESTAMP:
        return long[].class;
      case REAL:
        return float[].class;
      case DOUBLE:
        return double[].class;
      case DECIMAL:
        return BigDecimal[].class;
      case VARCHAR:
        return String[].class;
      default:
        throw new IllegalArgumentException("no column array for type " + column.type());
    }
  }

  public List<ResultColumn> columns() {
    return columns;
  }

  public int rowCount() {
    return rowCount;
  }

  /** The column's array (see the class comment for its class); do not modify it. */
  public Object array(int column) {
    return data[column];
  }

  /** The column's null mask, or null when the column has no NULL in this batch. */
  public boolean[] nullMask(int column) {
    return nulls[column];
  }

  public boolean isNull(int column, int row) {
    boolean[] n = nulls[column];
    return n != null && n[row];
  }

  public boolean getBoolean(int column, int row) {
    return ((boolean[]) data[column])[row];
  }

  /** An INTEGER, or a DATE as days since 1970-01-01. */
  public int getInt(int column, int row) {
    return ((int[]) data[column])[row];
  }

  /** A BIGINT, or a TIMESTAMP as microseconds since 1970-01-01T00:00 (UTC wall clock). */
  public long getLong(int column, int row) {
    return ((long[]) data[column])[row];
  }

  public float getFloat(int column, int row) {
    return ((float[]) data[column])[row];
  }

  public double getDouble(int column, int row) {
    return ((double[]) data[column])[row];
  }

  /** A DECIMAL (BigDecimal) or VARCHAR (String) value, null for NULL. */
  public Object getReference(int column, int row) {
    return ((Object[]) data[column])[row];
  }

  /** The value as {@link QueryResult} rows carry it (null for NULL). */
  public Object value(int column, int row) {
    if (isNull(column, row)) {
      return null;
    }
    switch (columns.get(column).type().kind()) {
      case BOOLEAN:
        return getBoolean(column, row);
      case INTEGER:
        return getInt(column, row);
      case BIGINT:
        return getLong(column, row);
      case REAL:
        return getFloat(column, row);
      case DOUBLE:
        return getDouble(column, row);
      case DECIMAL:
      case VARCHAR:
        return getReference(column, row);
      case DATE:
        return LocalDate.ofEpochDay(getInt(column, row));
      case TIMESTAMP:
        return timestamp(getLong(column, row));
      default:
        throw new IllegalStateException("unknown type " + columns.get(column).type());
    }
  }

  /** A TIMESTAMP value from its microseconds since 1970-01-01T00:00. */
  public static LocalDateTime timestamp(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }

  /** The rows from {@code from} on, as a batch of their own (copies the arrays). */
  public ColumnBatch from(int from) {
    if (from == 0) {
      return this;
    }
    int n = Math.max(0, rowCount - from);
    Object[] d = new Object[data.length];
    boolean[][] m = new boolean[data.length][];
    for (int c = 0; c < data.length; c++) {
      d[c] = java.lang.reflect.Array.newInstance(data[c].getClass().getComponentType(), n);
      System.arraycopy(data[c], from, d[c], 0, n);
      if (nulls[c] != null) {
        m[c] = java.util.Arrays.copyOfRange(nulls[c], from, from + n);
      }
    }
    return new ColumnBatch(columns, n, d, m);
  }
}
