package io.fsql.planner.online;

import io.fsql.planner.catalog.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Converts a value compared with a primary-key column (a literal or a bound parameter) into that
 * column's Java representation, exactly: a value that no row of the column can equal (1.5 for a
 * BIGINT key, NULL) converts to nothing, so the lookup finds no row, as SQL's {@code =} would.
 */
public final class KeyValues {
  private KeyValues() {}

  public static Optional<Object> coerce(Object v, ColumnType type) {
    if (v == null) {
      return Optional.empty();
    }
    try {
      switch (type.kind()) {
        case BOOLEAN:
          return v instanceof Boolean ? Optional.of(v) : Optional.empty();
        case INTEGER:
          return decimal(v).map(BigDecimal::intValueExact);
        case BIGINT:
          return decimal(v).map(BigDecimal::longValueExact);
        case DECIMAL:
          return decimal(v).map(d -> d.setScale(type.scale(), RoundingMode.UNNECESSARY))
              .filter(d -> d.precision() <= type.precision()).map(d -> (Object) d);
        case DOUBLE:
          return v instanceof Number n ? Optional.of((Object) n.doubleValue()) : Optional.empty();
        case REAL:
          return v instanceof Number n ? Optional.of((Object) n.floatValue()) : Optional.empty();
        case VARCHAR:
          return v instanceof String || v instanceof Character ? Optional.of(v.toString()) : Optional.empty();
        case DATE:
          if (v instanceof LocalDate) {
            return Optional.of(v);
          }
          if (v instanceof java.sql.Date d) {
            return Optional.of(d.toLocalDate());
          }
          return v instanceof String s ? Optional.of(LocalDate.parse(s.trim())) : Optional.empty();
        case TIMESTAMP:
          if (v instanceof LocalDateTime) {
            return Optional.of(v);
          }
          if (v instanceof java.sql.Timestamp t) {
            return Optional.of(t.toLocalDateTime());
          }
          if (v instanceof Instant i) {
            return Optional.of(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
          }
          return v instanceof String s
              ? Optional.of(LocalDateTime.parse(s.trim().replace(' ', 'T'))) : Optional.empty();
        default:
          return Optional.empty();
      }
    } catch (ArithmeticException | java.time.format.DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<BigDecimal> decimal(Object v) {
    if (v instanceof BigDecimal d) {
      return Optional.of(d);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return Optional.of(BigDecimal.valueOf(((Number) v).longValue()));
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? Optional.of(new BigDecimal(d)) : Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(new BigDecimal(s.trim()));
    }
    return Optional.empty();
  }
}
