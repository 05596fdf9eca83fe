package io.fsql.planner.calcite;

import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.online.KeyValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * Row expressions of online plans, evaluated in Java over fsql's row values (Integer, Long,
 * Double, BigDecimal, String, LocalDate, LocalDateTime, ...), with SQL's three-valued logic. Only
 * what gives exactly the offline engine's answer is supported: column references, literals,
 * parameters, comparisons, AND/OR/NOT, IS [NOT] NULL, CASE, COALESCE, widening casts, +, - and *
 * on integers and floating point, UPPER, LOWER and ||. Anything else throws {@link Unsupported}
 * and the query runs offline.
 */
final class RowExpressions {
  private RowExpressions() {}

  /** A compiled expression. */
  interface Expr {
    Object eval(Object[] row, List<?> params);
  }

  /** An expression the online route does not evaluate. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  static Expr compile(RexNode node) {
    if (node instanceof RexInputRef ref) {
      int i = ref.getIndex();
      return (row, params) -> row[i];
    }
    if (node instanceof RexLiteral lit) {
      Object v = literal(lit);
      return (row, params) -> v;
    }
    if (node instanceof RexDynamicParam p) {
      int i = p.getIndex();
      ColumnType type = columnType(p.getType());
      return (row, params) -> {
        Object v = params.get(i);
        return v == null ? null : KeyValues.coerce(v, type).orElseThrow(
            () -> new io.fsql.planner.FsqlException(io.fsql.planner.ErrorCode.TYPE_MISMATCH,
                "parameter " + (i + 1) + " (" + v + ") is not a " + type.sql()));
      };
    }
    if (!(node instanceof RexCall call)) {
      throw new Unsupported(node.toString());
    }
    List<Expr> ops = new ArrayList<>();
    for (RexNode o : call.getOperands()) {
      ops.add(compile(o));
    }
    SqlKind kind = call.getKind();
    switch (kind) {
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL: {
        Expr a = ops.get(0);
        Expr b = ops.get(1);
        return (row, params) -> {
          Object x = a.eval(row, params);
          Object y = b.eval(row, params);
          if (x == null || y == null) {
            return null;
          }
          int c = compare(x, y);
          switch (kind) {
            case EQUALS:
              return c == 0;
            case NOT_EQUALS:
              return c != 0;
            case LESS_THAN:
              return c < 0;
            case LESS_THAN_OR_EQUAL:
              return c <= 0;
            case GREATER_THAN:
              return c > 0;
            default:
              return c >= 0;
          }
        };
      }
      case AND:
        return (row, params) -> {
          boolean unknown = false;
          for (Expr e : ops) {
            Object v = e.eval(row, params);
            if (v == null) {
              unknown = true;
            } else if (!(Boolean) v) {
              return false;
            }
          }
          return unknown ? null : true;
        };
      case OR:
        return (row, params) -> {
          boolean unknown = false;
          for (Expr e : ops) {
            Object v = e.eval(row, params);
            if (v == null) {
              unknown = true;
            } else if ((Boolean) v) {
              return true;
            }
          }
          return unknown ? null : false;
        };
      case NOT: {
        Expr a = ops.get(0);
        return (row, params) -> {
          Object v = a.eval(row, params);
          return v == null ? null : !(Boolean) v;
        };
      }
      case IS_NULL: {
        Expr a = ops.get(0);
        return (row, params) -> a.eval(row, params) == null;
      }
      case IS_NOT_NULL: {
        Expr a = ops.get(0);
        return (row, params) -> a.eval(row, params) != null;
      }
      case IS_TRUE: {
        Expr a = ops.get(0);
        return (row, params) -> Boolean.TRUE.equals(a.eval(row, params));
      }
      case IS_FALSE: {
        Expr a = ops.get(0);
        return (row, params) -> Boolean.FALSE.equals(a.eval(row, params));
      }
      case IS_NOT_TRUE: {
        Expr a = ops.get(0);
        return (row, params) -> !Boolean.TRUE.equals(a.eval(row, params));
      }
      case IS_NOT_FALSE: {
        Expr a = ops.get(0);
        return (row, params) -> !Boolean.FALSE.equals(a.eval(row, params));
      }
      case CASE:
        return (row, params) -> {
          int n = ops.size();
          for (int i = 0; i + 1 < n; i += 2) {
            if (Boolean.TRUE.equals(ops.get(i).eval(row, params))) {
              return ops.get(i + 1).eval(row, params);
            }
          }
          return n % 2 == 1 ? ops.get(n - 1).eval(row, params) : null;
        };
      case COALESCE:
        return (row, params) -> {
          for (Expr e : ops) {
            Object v = e.eval(row, params);
            if (v != null) {
              return v;
            }
          }
          return null;
        };
      case CAST:
        return cast(ops.get(0), call.getOperands().get(0).getType(), call.getType());
      case PLUS:
      case MINUS:
      case TIMES:
        return arithmetic(kind, ops.get(0), ops.get(1), call.getType());
      case MINUS_PREFIX:
        return arithmetic(SqlKind.MINUS, (row, params) -> 0, ops.get(0), call.getType());
      case PLUS_PREFIX:
        return ops.get(0);
      case OTHER_FUNCTION:
      case OTHER: {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (name.equals("CURRENT_TIMESTAMP") || name.equals("LOCALTIMESTAMP")) {
          return (row, params) -> LocalDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
        if (name.equals("CURRENT_DATE")) {
          return (row, params) -> LocalDate.now(java.time.ZoneOffset.UTC);
        }
        if (name.equals("UPPER") || name.equals("LOWER")) {
          Expr a = ops.get(0);
          boolean upper = name.equals("UPPER");
          return (row, params) -> {
            Object v = a.eval(row, params);
            return v == null ? null : upper ? v.toString().toUpperCase(Locale.ROOT) : v.toString().toLowerCase(Locale.ROOT);
          };
        }
        if (name.equals("||")) {
          Expr a = ops.get(0);
          Expr b = ops.get(1);
          return (row, params) -> {
            Object x = a.eval(row, params);
            Object y = b.eval(row, params);
            return x == null || y == null ? null : x.toString() + y;
          };
        }
        throw new Unsupported(call.getOperator().getName());
      }
      default:
        throw new Unsupported(call.getOperator().getName());
    }
  }

  private static Expr cast(Expr input, RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    if (f == t && t != SqlTypeName.DECIMAL && t != SqlTypeName.CHAR) {
      return input; // nullability or VARCHAR length only
    }
    if (f == SqlTypeName.DECIMAL && t == SqlTypeName.DECIMAL && from.getScale() == to.getScale()
        && from.getPrecision() <= to.getPrecision()) {
      return input;
    }
    if ((f == SqlTypeName.INTEGER || f == SqlTypeName.SMALLINT || f == SqlTypeName.TINYINT) && t == SqlTypeName.BIGINT) {
      return (row, params) -> {
        Object v = input.eval(row, params);
        return v == null ? null : ((Number) v).longValue();
      };
    }
    if (SqlTypeName.INT_TYPES.contains(f) && t == SqlTypeName.DOUBLE || f == SqlTypeName.REAL && t == SqlTypeName.DOUBLE) {
      return (row, params) -> {
        Object v = input.eval(row, params);
        return v == null ? null : ((Number) v).doubleValue();
      };
    }
    if (f == SqlTypeName.CHAR && t == SqlTypeName.VARCHAR) {
      return input;
    }
    if (f == SqlTypeName.NULL) {
      return (row, params) -> null;
    }
    throw new Unsupported("CAST " + f + " AS " + t);
  }

  private static Expr arithmetic(SqlKind kind, Expr a, Expr b, RelDataType type) {
    SqlTypeName t = type.getSqlTypeName();
    if (t != SqlTypeName.INTEGER && t != SqlTypeName.BIGINT && t != SqlTypeName.DOUBLE) {
      throw new Unsupported(kind + " on " + t);
    }
    return (row, params) -> {
      Object x = a.eval(row, params);
      Object y = b.eval(row, params);
      if (x == null || y == null) {
        return null;
      }
      Number p = (Number) x;
      Number q = (Number) y;
      switch (t) {
        case INTEGER: {
          int l = p.intValue();
          int r = q.intValue();
          return kind == SqlKind.PLUS ? l + r : kind == SqlKind.MINUS ? l - r : l * r;
        }
        case BIGINT: {
          long l = p.longValue();
          long r = q.longValue();
          return kind == SqlKind.PLUS ? l + r : kind == SqlKind.MINUS ? l - r : l * r;
        }
        default: {
          double l = p.doubleValue();
          double r = q.doubleValue();
          return kind == SqlKind.PLUS ? l + r : kind == SqlKind.MINUS ? l - r : l * r;
        }
      }
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object x, Object y) {
    if (x instanceof Number a && y instanceof Number b) {
      if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
        return Double.compare(a.doubleValue(), b.doubleValue());
      }
      if (a instanceof BigDecimal || b instanceof BigDecimal) {
        return decimal(a).compareTo(decimal(b));
      }
      return Long.compare(a.longValue(), b.longValue());
    }
    if (x.getClass() != y.getClass()) {
      throw new Unsupported("comparing " + x.getClass().getSimpleName() + " with " + y.getClass().getSimpleName());
    }
    return ((Comparable) x).compareTo(y);
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
  }

  /** A literal's value in fsql's row representation, typed as the literal is. */
  static Object literal(RexLiteral lit) {
    if (lit.isNull()) {
      return null;
    }
    RelDataType type = lit.getType();
    switch (type.getSqlTypeName()) {
      case BOOLEAN:
        return lit.getValueAs(Boolean.class);
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return lit.getValueAs(Integer.class);
      case BIGINT:
        return lit.getValueAs(Long.class);
      case DECIMAL:
        return lit.getValueAs(BigDecimal.class).setScale(Math.max(0, type.getScale()), java.math.RoundingMode.UNNECESSARY);
      case DOUBLE:
      case FLOAT:
        return lit.getValueAs(Double.class);
      case REAL:
        return lit.getValueAs(Double.class).floatValue();
      case CHAR:
      case VARCHAR:
        return lit.getValueAs(NlsString.class).getValue();
      case DATE:
        return LocalDate.parse(lit.getValueAs(DateString.class).toString());
      case TIMESTAMP:
        return LocalDateTime.parse(lit.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
      default:
        throw new Unsupported("a " + type.getSqlTypeName() + " literal");
    }
  }

  private static ColumnType columnType(RelDataType t) {
    try {
      return TypeMapping.toColumnType(t, "?");
    } catch (io.fsql.planner.FsqlException e) {
      throw new Unsupported("a parameter of type " + t.getSqlTypeName());
    }
  }
}
