package io.fsql.jdbc;

import io.fsql.planner.exec.BatchedQueryResult;
import io.fsql.planner.exec.ColumnBatch;
import io.fsql.planner.exec.ResultColumn;
import java.sql.Timestamp;
import org.apache.calcite.avatica.util.AbstractCursor;

/**
 * An Avatica cursor over a result's column batches: a row is a position in the current batch,
 * and each column's getter reads its value from the batch's array when asked (no Object[] per row,
 * no conversion of the columns a client does not read). The values handed to Avatica's accessors
 * are those of the row path ({@link FsqlMeta}): TIMESTAMP as {@link FsqlResultSet#toAvatica}'s
 * Timestamp, DATE as days since 1970-01-01.
 */
final class ColumnBatchCursor extends AbstractCursor {
  private final BatchedQueryResult result;
  private final long limit;
  private ColumnBatch batch;
  private int position = -1;
  private long returned;
  private final io.fsql.sql.tree.DataType.Kind[] kinds;

  /** @param limit the most rows to return; 0 or less for all */
  ColumnBatchCursor(BatchedQueryResult result, long limit) {
    this.result = result;
    this.limit = limit > 0 ? limit : Long.MAX_VALUE;
    this.kinds = result.columns().stream().map(c -> c.type().kind()).toArray(io.fsql.sql.tree.DataType.Kind[]::new);
  }

  /** The batch the cursor is on (null before the first row and after the last). */
  ColumnBatch batch() {
    return batch;
  }

  /** The cursor's row within {@link #batch()}. */
  int position() {
    return position;
  }

  @Override
  public boolean next() {
    if (returned >= limit) {
      batch = null;
      return false;
    }
    position++;
    while (batch == null || position >= batch.rowCount()) {
      batch = result.nextBatch();
      position = 0;
      if (batch == null) {
        return false;
      }
    }
    returned++;
    return true;
  }

  @Override
  protected Getter createGetter(int ordinal) {
    ResultColumn column = result.columns().get(ordinal);
    switch (column.type().kind()) {
      case BOOLEAN:
        return new ColumnGetter(ordinal) {
          @Override
          Object value() {
            return batch.getBoolean(ordinal, position);
          }
        };
      case INTEGER:
      case DATE:
        return new ColumnGetter(ordinal) {
          @Override
          Object value() {
            return batch.getInt(ordinal, position);
          }
        };
      case BIGINT:
        return new ColumnGetter(ordinal) {
          @Override
          Object value() {
            return batch.getLong(ordinal, position);
          }
        };
      case REAL:
        return new ColumnGetter(ordinal) {
          @Override
          Object value() {
            return batch.getFloat(ordinal, position);
          }
        };
      case DOUBLE:
        return new ColumnGetter(ordinal) {
          @Override
          Object value() {
            return batch.getDouble(ordinal, position);
          }
        };
      case TIMESTAMP:
        return new ColumnGetter(ordinal) {
          @Override
          Object value() {
            return timestamp(batch.getLong(ordinal, position));
          }
        };
      default:
        return new ColumnGetter(ordinal) {
          @Override
          Object value() {
            return batch.getReference(ordinal, position);
          }
        };
    }
  }

  // Typed reads for FsqlResultSet's fast getters: the value of the current row, wasNull set as
  // Avatica's accessors set it. The caller checks the column's type.

  /** The type of column {@code ordinal} (0-based). */
  io.fsql.sql.tree.DataType.Kind kind(int ordinal) {
    return kinds[ordinal];
  }

  long longValue(int ordinal) {
    if (batch.isNull(ordinal, position)) {
      wasNull[0] = true;
      return 0L;
    }
    wasNull[0] = false;
    return batch.getLong(ordinal, position);
  }

  int intValue(int ordinal) {
    if (batch.isNull(ordinal, position)) {
      wasNull[0] = true;
      return 0;
    }
    wasNull[0] = false;
    return batch.getInt(ordinal, position);
  }

  double doubleValue(int ordinal) {
    if (batch.isNull(ordinal, position)) {
      wasNull[0] = true;
      return 0d;
    }
    wasNull[0] = false;
    return kinds[ordinal] == io.fsql.sql.tree.DataType.Kind.REAL
        ? batch.getFloat(ordinal, position) : batch.getDouble(ordinal, position);
  }

  /** A VARCHAR or DECIMAL value (String, BigDecimal), null for NULL. */
  Object referenceValue(int ordinal) {
    Object v = batch.getReference(ordinal, position);
    wasNull[0] = v == null;
    return v;
  }

  /** A TIMESTAMP value, null for NULL. */
  java.time.LocalDateTime timestampValue(int ordinal) {
    if (batch.isNull(ordinal, position)) {
      wasNull[0] = true;
      return null;
    }
    wasNull[0] = false;
    return ColumnBatch.timestamp(batch.getLong(ordinal, position));
  }

  /** Whether the cursor is on a row (after next() returned true). */
  boolean onRow() {
    return batch != null;
  }

  /** Avatica's TIMESTAMP representation (see {@link FsqlResultSet#toAvatica}) of microseconds. */
  static Timestamp timestamp(long micros) {
    Timestamp t = new Timestamp(Math.floorDiv(micros, 1_000_000L) * 1000L);
    t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
    return t;
  }

  @Override
  public void close() {
    batch = null;
    result.close();
  }

  /** Reads one column of the current row; null and wasNull for a NULL. */
  private abstract class ColumnGetter implements Getter {
    private final int ordinal;

    ColumnGetter(int ordinal) {
      this.ordinal = ordinal;
    }

    abstract Object value();

    @Override
    public Object getObject() {
      boolean isNull = batch.isNull(ordinal, position);
      wasNull[0] = isNull;
      return isNull ? null : value();
    }

    @Override
    public boolean wasNull() {
      return wasNull[0];
    }
  }
}
