package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/** Binds {@code ?} parameters: each becomes the literal of its value before validation. */
public final class Parameters extends SqlShuttle {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private final List<?> values;

  private Parameters(List<?> values) {
    this.values = values;
  }

  /** {@code node} with every parameter replaced by its value; an error if a value is missing. */
  public static SqlNode bind(SqlNode node, List<?> values) {
    return node == null ? null : node.accept(new Parameters(values));
  }

  @Override
  public SqlNode visit(SqlDynamicParam param) {
    int i = param.getIndex();
    SqlParserPos pos = param.getParserPosition();
    if (i >= values.size()) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
          "no value given for parameter " + (i + 1), pos.getLineNum(), pos.getColumnNum());
    }
    return literal(values.get(i), pos);
  }

  /** The SQL literal of a Java value. */
  public static SqlNode literal(Object v, SqlParserPos pos) {
    if (v == null) {
      return SqlLiteral.createNull(pos);
    }
    if (v instanceof Boolean b) {
      return SqlLiteral.createBoolean(b, pos);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return SqlLiteral.createExactNumeric(v.toString(), pos);
    }
    if (v instanceof BigDecimal d) {
      return SqlLiteral.createExactNumeric(d.toPlainString(), pos);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "parameter value " + d + " is not supported",
            pos.getLineNum(), pos.getColumnNum());
      }
      return SqlLiteral.createApproxNumeric(Double.toString(d), pos);
    }
    if (v instanceof String s) {
      return SqlLiteral.createCharString(s, pos);
    }
    if (v instanceof java.sql.Date d) {
      v = d.toLocalDate();
    }
    if (v instanceof LocalDate d) {
      return SqlLiteral.createDate(new DateString(d.toString()), pos);
    }
    if (v instanceof java.sql.Timestamp t) {
      v = t.toLocalDateTime();
    }
    if (v instanceof Instant t) {
      v = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
    if (v instanceof LocalDateTime t) {
      return SqlLiteral.createTimestamp(
          org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP, new TimestampString(t.format(TS)), 6, pos);
    }
    throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
        "parameter values of type " + v.getClass().getSimpleName() + " are not supported",
        pos.getLineNum(), pos.getColumnNum());
  }
}
