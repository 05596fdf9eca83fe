package io.fsql.server.flight;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Reads Arrow values a client sent (parameters, ingested rows) as the engine's Java values. */
final class ArrowValues {
  private ArrowValues() {}

  /** The values of row {@code row} of {@code root}, one per column. */
  static List<Object> row(VectorSchemaRoot root, int row) {
    List<Object> values = new ArrayList<>();
    for (FieldVector v : root.getFieldVectors()) {
      values.add(get(v, row));
    }
    return values;
  }

  static Object get(FieldVector v, int i) {
    if (v.isNull(i)) {
      return null;
    }
    if (v instanceof BitVector b) {
      return b.get(i) != 0;
    }
    if (v instanceof BaseIntVector n) {
      ArrowType.Int t = (ArrowType.Int) v.getField().getType();
      long x = n.getValueAsLong(i);
      return t.getBitWidth() <= 32 && t.getIsSigned() ? (Object) (int) x : (Object) x;
    }
    if (v instanceof Float4Vector f) {
      return f.get(i);
    }
    if (v instanceof Float8Vector d) {
      return d.get(i);
    }
    if (v instanceof DecimalVector d) {
      return d.getObject(i);
    }
    if (v instanceof DateDayVector d) {
      return LocalDate.ofEpochDay(d.get(i));
    }
    if (v instanceof DateMilliVector d) {
      return LocalDate.ofEpochDay(Math.floorDiv(d.get(i), 86_400_000L));
    }
    if (v instanceof TimeStampVector t) {
      ArrowType.Timestamp type = (ArrowType.Timestamp) v.getField().getType();
      long raw = t.get(i);
      Instant instant;
      switch (type.getUnit()) {
        case SECOND:
          instant = Instant.ofEpochSecond(raw);
          break;
        case MILLISECOND:
          instant = Instant.ofEpochMilli(raw);
          break;
        case NANOSECOND:
          instant = Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000_000L), Math.floorMod(raw, 1_000_000_000L));
          break;
        default:
          instant = Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000L), Math.floorMod(raw, 1_000_000L) * 1_000L);
          break;
      }
      // Without a zone the value is a wall-clock time; with one, an instant read in UTC (fsql's zone).
      return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    Object o = v.getObject(i);
    if (o instanceof org.apache.arrow.vector.util.Text t) {
      return t.toString();
    }
    if (o instanceof BigDecimal || o instanceof String || o instanceof Boolean || o instanceof Number) {
      return o;
    }
    if (o instanceof LocalDateTime || o instanceof LocalDate) {
      return o;
    }
    throw new IllegalArgumentException("values of Arrow type " + v.getField().getType() + " are not supported");
  }
}
