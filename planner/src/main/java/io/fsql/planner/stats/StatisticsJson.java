package io.fsql.planner.stats;

import java.util.List;

/** Writes the JSON text of quantiles, histograms and top values (see {@link ColumnStatistics}). */
public final class StatisticsJson {
  private StatisticsJson() {}

  /** {@code {"p1": v, ...}} for the values of {@link StatisticsSpec#QUANTILES}, in order. */
  public static String quantiles(List<Double> values) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append('"').append(StatisticsSpec.quantileName(StatisticsSpec.QUANTILES.get(i))).append("\": ")
          .append(number(values.get(i)));
    }
    return b.append('}').toString();
  }

  /** {@code {"lower": a, "upper": b, "counts": [..]}}. */
  public static String histogram(double lower, double upper, long[] counts) {
    StringBuilder b = new StringBuilder("{\"lower\": ").append(number(lower)).append(", \"upper\": ")
        .append(number(upper)).append(", \"counts\": [");
    for (int i = 0; i < counts.length; i++) {
      b.append(i > 0 ? ", " : "").append(counts[i]);
    }
    return b.append("]}").toString();
  }

  /** One most frequent value and how often it occurs. */
  public record ValueCount(String value, long count) {}

  /** {@code [{"value": "x", "count": n}, ...]}. */
  public static String topValues(List<ValueCount> values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      b.append(i > 0 ? ", " : "").append("{\"value\": ").append(string(values.get(i).value()))
          .append(", \"count\": ").append(values.get(i).count()).append('}');
    }
    return b.append(']').toString();
  }

  static String number(Double d) {
    if (d == null || d.isNaN() || d.isInfinite()) {
      return "null";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
  }

  /** A JSON string literal. */
  public static String string(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
