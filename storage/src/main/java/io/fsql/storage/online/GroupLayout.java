package io.fsql.storage.online;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.sql.tree.DataType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What an online store needs to know of a feature group, computed once per group: the column
 * kinds, where the primary-key and event-time columns are, and how a Java value of each column is
 * brought to its canonical type (Integer for INTEGER, Long for BIGINT, ...).
 */
final class GroupLayout {
  final long groupId;
  final String displayName;
  final Kind[] kinds;
  final int[] scales;
  final String[] names;
  final int[] keyColumns;
  /** Index of the event-time column, or -1 when the group has none. */
  final int eventTimeColumn;
  private final List<Column> columns;
  private final List<String> primaryKey;

  private GroupLayout(FeatureGroup group) {
    this.groupId = group.id();
    this.displayName = group.displayName();
    this.columns = group.columns();
    this.primaryKey = group.primaryKey();
    int n = columns.size();
    kinds = new Kind[n];
    scales = new int[n];
    names = new String[n];
    for (int i = 0; i < n; i++) {
      Column c = columns.get(i);
      kinds[i] = c.type().kind();
      scales[i] = c.type().scale();
      names[i] = c.name();
    }
    keyColumns = new int[primaryKey.size()];
    for (int k = 0; k < keyColumns.length; k++) {
      keyColumns[k] = indexOf(primaryKey.get(k));
    }
    if (group.eventTime().isPresent()) {
      eventTimeColumn = indexOf(group.eventTime().get());
      Kind kind = kinds[eventTimeColumn];
      if (kind != Kind.TIMESTAMP && kind != Kind.DATE) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "the event time column '"
            + names[eventTimeColumn] + "' of feature group '" + displayName
            + "' must be TIMESTAMP or DATE, not " + kind);
      }
    } else {
      eventTimeColumn = -1;
    }
    if (keyColumns.length == 0) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
          "feature group '" + displayName + "' has no primary key; the online store needs one");
    }
  }

  static GroupLayout of(FeatureGroup group) {
    return new GroupLayout(group);
  }

  /** True when this layout was computed from a group with the same id, columns and key. */
  boolean matches(FeatureGroup group) {
    return group.id() == groupId
        && (group.columns() == columns || group.columns().equals(columns))
        && (group.primaryKey() == primaryKey || group.primaryKey().equals(primaryKey));
  }

  private int indexOf(String column) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(column)) {
        return i;
      }
    }
    throw new FsqlException(ErrorCode.UNKNOWN_COLUMN,
        "feature group '" + displayName + "' has no column '" + column + "'");
  }

  int columnCount() {
    return kinds.length;
  }

  boolean hasEventTime() {
    return eventTimeColumn >= 0;
  }

  /** The row's columns, each in its canonical type; rejects rows of the wrong width. */
  Object[] normalizeRow(Object[] row) {
    if (row == null || row.length != kinds.length) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "a row of feature group '" + displayName
          + "' must have " + kinds.length + " values, got " + (row == null ? "null" : row.length));
    }
    Object[] out = null;
    for (int i = 0; i < row.length; i++) {
      Object v = normalize(i, row[i]);
      if (v != row[i]) {
        if (out == null) {
          out = row.clone();
        }
        out[i] = v;
      }
    }
    Object[] result = out == null ? row : out;
    for (int k : keyColumns) {
      if (result[k] == null) {
        throw new FsqlException(ErrorCode.NULL_NOT_ALLOWED, "primary key column '" + names[k]
            + "' of feature group '" + displayName + "' is NULL");
      }
    }
    if (eventTimeColumn >= 0 && result[eventTimeColumn] == null) {
      throw new FsqlException(ErrorCode.NULL_NOT_ALLOWED, "event time column '"
          + names[eventTimeColumn] + "' of feature group '" + displayName + "' is NULL");
    }
    return result;
  }

  /** The event time of a normalized row: microseconds (TIMESTAMP) or days (DATE) since 1970. */
  long eventTime(Object[] row) {
    Object v = row[eventTimeColumn];
    return v instanceof LocalDate d ? d.toEpochDay() : micros((LocalDateTime) v);
  }

  /** The value in the canonical Java type of column {@code i}, or an error naming the column. */
  Object normalize(int i, Object v) {
    if (v == null) {
      return null;
    }
    switch (kinds[i]) {
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        }
        break;
      case INTEGER:
        if (v instanceof Integer) {
          return v;
        }
        if (v instanceof Long || v instanceof Short || v instanceof Byte) {
          long l = ((Number) v).longValue();
          if (l == (int) l) {
            return (int) l;
          }
          throw outOfRange(i, v);
        }
        break;
      case BIGINT:
        if (v instanceof Long) {
          return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
          return ((Number) v).longValue();
        }
        break;
      case REAL:
        if (v instanceof Float) {
          return v;
        }
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
          return n.floatValue();
        }
        break;
      case DOUBLE:
        if (v instanceof Double) {
          return v;
        }
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
          return n.doubleValue();
        }
        break;
      case DECIMAL:
        if (v instanceof BigDecimal) {
          return v;
        }
        if (v instanceof Integer || v instanceof Long) {
          return BigDecimal.valueOf(((Number) v).longValue()).setScale(Math.max(scales[i], 0));
        }
        if (v instanceof BigInteger b) {
          return new BigDecimal(b).setScale(Math.max(scales[i], 0));
        }
        break;
      case VARCHAR:
        if (v instanceof String) {
          return v;
        }
        break;
      case DATE:
        if (v instanceof LocalDate) {
          return v;
        }
        break;
      case TIMESTAMP:
        if (v instanceof LocalDateTime) {
          return v;
        }
        if (v instanceof Instant t) {
          return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        }
        break;
      default:
        break;
    }
    throw new FsqlException(ErrorCode.TYPE_MISMATCH, "column '" + names[i] + "' of feature group '"
        + displayName + "' is " + kinds[i] + ", got a " + v.getClass().getSimpleName() + " ("
        + v + ")");
  }

  private FsqlException outOfRange(int i, Object v) {
    return new FsqlException(ErrorCode.DATA_ERROR, "value " + v + " is out of range for column '"
        + names[i] + "' (" + kinds[i] + ") of feature group '" + displayName + "'");
  }

  /** Microseconds since 1970-01-01T00:00 UTC (sub-microsecond digits are dropped). */
  static long micros(LocalDateTime t) {
    long seconds = t.toEpochSecond(ZoneOffset.UTC);
    try {
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), t.getNano() / 1000);
    } catch (ArithmeticException e) {
      throw new FsqlException(ErrorCode.DATA_ERROR,
          "timestamp " + t + " is out of the range the online store keeps (about 290,000 years around 1970)");
    }
  }

  static LocalDateTime fromMicros(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
    return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
  }
}
