package io.fsql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Set;

/**
 * fsql's JDBC objects over a server: Arrow Flight SQL JDBC objects behind dynamic proxies that
 * change only what fsql defines differently, the same way the embedded driver does it.
 *
 * <ul>
 *   <li>DATE and TIMESTAMP values are read exactly ({@link JdbcTemporals}): Arrow's driver reads
 *       a zone-less TIMESTAMP through the JVM's zone when it makes a {@code Timestamp}; fsql reads
 *       the wall-clock value, with its microseconds.</li>
 *   <li>DATE and TIMESTAMP parameters (java.time or java.sql) are bound by the server's declared
 *       parameter type: a TIMESTAMP as its microseconds since the epoch (fsql servers declare
 *       Timestamp(MICROSECOND) without a zone), a DATE as its day number, any other as text.</li>
 *   <li>Errors the server sends are fsql's own: message, SQLSTATE, line and column.</li>
 * </ul>
 *
 * Every object these give out (statements, result sets, metadata) is wrapped the same way, and
 * {@code getConnection()}/{@code getStatement()} return the wrappers.
 */
final class RemoteJdbc implements InvocationHandler {
  private static final Set<Class<?>> WRAPPED = Set.of(Statement.class, PreparedStatement.class,
      CallableStatement.class, ResultSet.class, DatabaseMetaData.class, ResultSetMetaData.class);

  /** fsql's numeric types, all signed (Arrow's driver reports its integers unsigned). */
  private static final Set<Integer> SIGNED = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER,
      Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC);

  private final Object delegate;
  private final Class<?> type;
  private final String url;
  private final String address;
  private Connection connection;
  private Object owner;
  private int[] columnTypes;
  private int[] parameterTypes;

  private RemoteJdbc(Object delegate, Class<?> type, String url, String address) {
    this.delegate = delegate;
    this.type = type;
    this.url = url;
    this.address = address;
  }

  static Connection connection(Connection arrow, String url, String address) {
    RemoteJdbc h = new RemoteJdbc(arrow, Connection.class, url, address);
    Connection proxy = (Connection) proxy(Connection.class, h);
    h.connection = proxy;
    return proxy;
  }

  private static Object proxy(Class<?> type, RemoteJdbc handler) {
    return Proxy.newProxyInstance(RemoteJdbc.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  /** A wrapper for {@code value}, an object this one gave out. */
  private Object wrap(Object value, Class<?> declared, Object self) {
    if (value == null || !WRAPPED.contains(declared)) {
      return value;
    }
    RemoteJdbc h = new RemoteJdbc(value, declared, url, address);
    h.connection = connection;
    // A result set belongs to the statement that made it (or to no statement, for metadata).
    h.owner = Statement.class.isAssignableFrom(type) ? self : null;
    return proxy(declared, h);
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int n = args == null ? 0 : args.length;
    switch (name) {
      case "equals":
        if (n == 1 && method.getParameterTypes()[0] == Object.class) {
          return self == args[0];
        }
        break;
      case "hashCode":
        if (n == 0) {
          return System.identityHashCode(self);
        }
        break;
      case "toString":
        if (n == 0) {
          return type == Connection.class ? "fsql connection " + url : delegate.toString();
        }
        break;
      case "unwrap":
        if (n == 1 && ((Class<?>) args[0]).isInstance(self)) {
          return self;
        }
        break;
      case "isWrapperFor":
        if (n == 1 && ((Class<?>) args[0]).isInstance(self)) {
          return true;
        }
        break;
      case "getConnection":
        if (n == 0 && type != Connection.class) {
          return connection;
        }
        break;
      case "getStatement":
        if (n == 0 && type == ResultSet.class) {
          return owner;
        }
        break;
      default:
        break;
    }
    if (type == ResultSetMetaData.class && name.equals("isSigned") && n == 1) {
      return SIGNED.contains(((ResultSetMetaData) delegate).getColumnType((Integer) args[0]))
          || (Boolean) call(method, args);
    }
    if (type == ResultSet.class) {
      Object[] out = new Object[1];
      if (readTemporal(name, args, out)) {
        return out[0];
      }
    } else if (PreparedStatement.class.isAssignableFrom(type) && name.startsWith("set") && n >= 2
        && args[0] instanceof Integer index) {
      if (bindTemporal(name, index, args)) {
        return null;
      }
    }
    if (type == DatabaseMetaData.class) {
      return wrap(metadata(method, args), method.getReturnType(), self);
    }
    return wrap(call(method, args), method.getReturnType(), self);
  }

  /**
   * A DatabaseMetaData answer. Arrow's driver answers many of them from the server's SqlInfo and
   * fails with a NullPointerException when the server does not report that property; JDBC's
   * "not supported" answer fits then: false, 0 ({@code TRANSACTION_NONE} for the isolation), "".
   */
  private Object metadata(Method method, Object[] args) throws SQLException {
    Class<?> r = method.getReturnType();
    try {
      return call(method, args);
    } catch (SQLException e) {
      if (e.getCause() instanceof NullPointerException && (r == boolean.class || r == int.class || r == String.class)) {
        return r == boolean.class ? Boolean.FALSE : r == int.class ? (Object) 0 : "";
      }
      throw e;
    }
  }

  private Object call(Method method, Object[] args) throws SQLException {
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException || cause instanceof RuntimeException) {
        throw JdbcErrors.remote(cause, address);
      }
      throw new SQLException(JdbcErrors.oneLine(cause.getMessage()), "XX000", cause);
    } catch (IllegalAccessException e) {
      throw new SQLException("cannot call " + method.getName() + ": " + e.getMessage(), "XX000", e);
    }
  }

  // ------------------------------------------------------------ result sets

  /** Answers the DATE/TIMESTAMP getters of a result set; false for anything else. */
  private boolean readTemporal(String name, Object[] args, Object[] out) throws SQLException {
    if (args == null || args.length == 0 || args.length > 2) {
      return false;
    }
    boolean getter = name.equals("getTimestamp") || name.equals("getDate") || name.equals("getObject")
        || name.equals("getString");
    if (!getter) {
      return false;
    }
    ResultSet rs = (ResultSet) delegate;
    int column;
    if (args[0] instanceof Integer i) {
      column = i;
    } else if (args[0] instanceof String label) {
      column = rs.findColumn(label);
    } else {
      return false;
    }
    int sqlType = columnType(rs, column);
    if (sqlType != Types.TIMESTAMP && sqlType != Types.DATE) {
      return false;
    }
    Object second = args.length == 2 ? args[1] : null;
    if (args.length == 2 && !(second instanceof Calendar) && !(second instanceof Class<?>)) {
      return false; // getObject(i, Map)
    }
    Calendar cal = second instanceof Calendar c ? c : null;
    String label = rs.getMetaData().getColumnLabel(column);
    if (sqlType == Types.TIMESTAMP) {
      LocalDateTime v = (LocalDateTime) call(rs, column, LocalDateTime.class);
      switch (name) {
        case "getTimestamp":
          out[0] = JdbcTemporals.timestamp(v, cal);
          return true;
        case "getDate":
          out[0] = v == null ? null : JdbcTemporals.date(v.toLocalDate(), cal);
          return true;
        case "getString":
          out[0] = args.length == 1 ? (v == null ? null : JdbcTemporals.format(v)) : null;
          return args.length == 1;
        default:
          out[0] = second instanceof Class<?> t ? JdbcTemporals.timestamp(v, t, label)
              : JdbcTemporals.timestamp(v, (Calendar) null);
          return true;
      }
    }
    LocalDate v = localDate(rs, column);
    switch (name) {
      case "getTimestamp":
        out[0] = v == null ? null : JdbcTemporals.timestamp(v.atStartOfDay(), cal);
        return true;
      case "getDate":
        out[0] = JdbcTemporals.date(v, cal);
        return true;
      case "getString":
        out[0] = args.length == 1 ? (v == null ? null : v.toString()) : null;
        return args.length == 1;
      default:
        out[0] = second instanceof Class<?> t ? JdbcTemporals.date(v, t, label)
            : JdbcTemporals.date(v, (Calendar) null);
        return true;
    }
  }

  /**
   * A DATE value. Arrow's {@code getObject(i, LocalDate.class)} fails on NULL; its {@code getDate}
   * gives midnight in the JVM's zone, whose local date is the value.
   */
  private static LocalDate localDate(ResultSet rs, int column) throws SQLException {
    try {
      Date d = rs.getDate(column);
      return d == null ? null : d.toLocalDate();
    } catch (RuntimeException e) {
      throw JdbcErrors.remote(e, null);
    }
  }

  private static Object call(ResultSet rs, int column, Class<?> type) throws SQLException {
    try {
      return rs.getObject(column, type);
    } catch (RuntimeException e) {
      throw JdbcErrors.remote(e, null);
    }
  }

  private int columnType(ResultSet rs, int column) throws SQLException {
    if (columnTypes == null) {
      var md = rs.getMetaData();
      int[] t = new int[md.getColumnCount()];
      for (int i = 0; i < t.length; i++) {
        t[i] = md.getColumnType(i + 1);
      }
      columnTypes = t;
    }
    if (column < 1 || column > columnTypes.length) {
      throw new SQLException("column index " + column + " out of range 1.." + columnTypes.length, "07009");
    }
    return columnTypes[column - 1];
  }

  // ------------------------------------------------------------ parameters

  /** Binds a DATE/TIMESTAMP value given to a setter; false for anything else. */
  private boolean bindTemporal(String name, int index, Object[] args) throws SQLException {
    Object value = args[1];
    Calendar cal = args.length == 3 && args[2] instanceof Calendar c ? c : null;
    switch (name) {
      case "setTimestamp":
        if (args.length == 3 && cal == null && args[2] != null) {
          return false;
        }
        value = JdbcTemporals.localDateTime((Timestamp) value, cal);
        if (value == null) {
          return bindNull(index);
        }
        break;
      case "setDate":
        if (args.length == 3 && cal == null && args[2] != null) {
          return false;
        }
        if (value == null) {
          return bindNull(index);
        }
        value = cal == null ? ((Date) value).toLocalDate()
            : java.time.Instant.ofEpochMilli(((Date) value).getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalDate();
        break;
      case "setObject":
        if (value instanceof Timestamp t) {
          value = t.toLocalDateTime();
        } else if (value instanceof Date d) {
          value = d.toLocalDate();
        } else if (value instanceof java.time.Instant || value instanceof java.time.OffsetDateTime
            || value instanceof java.time.ZonedDateTime) {
          throw new SQLException("cannot bind a " + value.getClass().getName() + " to parameter " + index
              + " (an fsql TIMESTAMP has no time zone): use java.time.LocalDateTime or java.sql.Timestamp", "22018");
        } else if (!(value instanceof LocalDateTime) && !(value instanceof LocalDate)) {
          return false;
        }
        break;
      default:
        return false;
    }
    PreparedStatement ps = (PreparedStatement) delegate;
    int declared = parameterType(ps, index);
    try {
      if (value instanceof LocalDateTime t) {
        if (declared == Types.TIMESTAMP) {
          ps.setLong(index, since1970(t, index, timestampUnit(ps, index)));
        } else if (declared == Types.DATE && t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
          ps.setInt(index, (int) t.toLocalDate().toEpochDay());
        } else if (declared == Types.DATE) {
          throw new SQLException("parameter " + index + " is a DATE: bind a java.time.LocalDate, not " + t, "22007");
        } else {
          ps.setString(index, JdbcTemporals.format(t));
        }
      } else {
        LocalDate d = (LocalDate) value;
        if (declared == Types.DATE) {
          ps.setInt(index, (int) d.toEpochDay());
        } else if (declared == Types.TIMESTAMP) {
          ps.setLong(index, since1970(d.atStartOfDay(), index, timestampUnit(ps, index)));
        } else {
          ps.setString(index, d.toString());
        }
      }
    } catch (RuntimeException e) {
      throw JdbcErrors.remote(e, null);
    }
    return true;
  }

  private boolean bindNull(int index) throws SQLException {
    PreparedStatement ps = (PreparedStatement) delegate;
    ps.setNull(index, parameterType(ps, index));
    return true;
  }

  private int parameterType(PreparedStatement ps, int index) throws SQLException {
    if (parameterTypes == null) {
      var md = ps.getParameterMetaData();
      int[] t = new int[md.getParameterCount()];
      for (int i = 0; i < t.length; i++) {
        t[i] = md.getParameterType(i + 1);
      }
      parameterTypes = t;
    }
    if (index < 1 || index > parameterTypes.length) {
      throw new SQLException("parameter index " + index + " out of range 1.." + parameterTypes.length, "07009");
    }
    return parameterTypes[index - 1];
  }

  /**
   * The unit of a TIMESTAMP parameter as the server declared it: Arrow's driver names a
   * parameter's type after its Arrow type, e.g. {@code Timestamp(MICROSECOND, null)}.
   */
  private static java.util.concurrent.TimeUnit timestampUnit(PreparedStatement ps, int index) throws SQLException {
    String name = String.valueOf(ps.getParameterMetaData().getParameterTypeName(index));
    if (name.contains("NANOSECOND")) {
      return java.util.concurrent.TimeUnit.NANOSECONDS;
    }
    if (name.contains("MICROSECOND")) {
      return java.util.concurrent.TimeUnit.MICROSECONDS;
    }
    if (name.contains("MILLISECOND")) {
      return java.util.concurrent.TimeUnit.MILLISECONDS;
    }
    if (name.contains("SECOND")) {
      return java.util.concurrent.TimeUnit.SECONDS;
    }
    return java.util.concurrent.TimeUnit.MICROSECONDS;
  }

  /**
   * A wall-clock value as the count of {@code unit}s since 1970-01-01 00:00 that the server's
   * parameter takes; an error when the value has digits the unit cannot carry.
   */
  private static long since1970(LocalDateTime t, int index, java.util.concurrent.TimeUnit unit) throws SQLException {
    long seconds = t.toEpochSecond(ZoneOffset.UTC);
    int nanos = t.getNano();
    long perUnit = unit.toNanos(1);
    if (nanos % perUnit != 0) {
      throw new SQLException("parameter " + index + ": the server takes TIMESTAMP parameters in "
          + unit.name().toLowerCase(java.util.Locale.ROOT) + ", which cannot hold " + JdbcTemporals.format(t), "22008");
    }
    try {
      return Math.addExact(Math.multiplyExact(seconds, unit.convert(1, java.util.concurrent.TimeUnit.SECONDS)),
          nanos / perUnit);
    } catch (ArithmeticException e) {
      throw new SQLException("parameter " + index + ": " + JdbcTemporals.format(t) + " is out of range", "22008");
    }
  }
}
