package io.fsql.planner.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text of a column's stored drift profile ({@link ColumnStatistics#driftProfile()}), written
 * with the statistics and read by SHOW DRIFT instead of the rows:
 *
 * <ul>
 *   <li>numeric columns: {@code {"count": n, "quantiles": [q0, q1, ..., q100]}}: n non-NULL values and
 *       their {@link #QUANTILE_STEPS} + 1 quantiles at ranks 0, 1/100, ..., 1 (q0 the minimum, q100 the
 *       maximum), from the statistics' {@code percentile_approx} (rank error 1/{@value
 *       StatisticsSpec#QUANTILE_ACCURACY});
 *   <li>VARCHAR and BOOLEAN columns: {@code {"top": [{"value": "x", "count": n}, ...], "other": m}}: the
 *       {@link #TOP_VALUES} most frequent values with exact counts and how many non-NULL values are
 *       others.
 * </ul>
 */
public final class DriftProfileJson {
  /** Steps between a numeric profile's quantiles. */
  public static final int QUANTILE_STEPS = 100;
  /** How many most frequent values a categorical profile keeps. */
  public static final int TOP_VALUES = 100;

  private DriftProfileJson() {}

  /** A numeric column's profile. */
  public record Numeric(long count, double[] quantiles) {}

  /** A categorical column's profile. */
  public record Categorical(Map<String, Long> top, long other) {}

  /** The profile of {@code count} non-NULL numeric values with these quantiles. */
  public static String numeric(long count, List<Double> quantiles) {
    StringBuilder b = new StringBuilder("{\"count\": ").append(count).append(", \"quantiles\": [");
    for (int i = 0; i < quantiles.size(); i++) {
      b.append(i > 0 ? ", " : "").append(StatisticsJson.number(quantiles.get(i)));
    }
    return b.append("]}").toString();
  }

  /** The profile of a categorical column: its most frequent values and the count of the others. */
  public static String categorical(List<StatisticsJson.ValueCount> top, long other) {
    return "{\"top\": " + StatisticsJson.topValues(top) + ", \"other\": " + other + "}";
  }

  /** Reads a numeric profile; empty quantiles for a column without values. */
  public static Numeric readNumeric(String json) {
    Map<?, ?> o = (Map<?, ?>) new Reader(json).value();
    List<?> q = (List<?>) o.get("quantiles");
    double[] quantiles = new double[q.size()];
    for (int i = 0; i < quantiles.length; i++) {
      Object v = q.get(i);
      if (v == null) {
        throw new IllegalArgumentException("a drift profile quantile is null: " + json);
      }
      quantiles[i] = ((Number) v).doubleValue();
    }
    return new Numeric(((Number) o.get("count")).longValue(), quantiles);
  }

  /** Reads a categorical profile. */
  public static Categorical readCategorical(String json) {
    Map<?, ?> o = (Map<?, ?>) new Reader(json).value();
    Map<String, Long> top = new LinkedHashMap<>();
    for (Object e : (List<?>) o.get("top")) {
      Map<?, ?> entry = (Map<?, ?>) e;
      top.put((String) entry.get("value"), ((Number) entry.get("count")).longValue());
    }
    return new Categorical(top, ((Number) o.get("other")).longValue());
  }

  /** Just enough JSON: objects, arrays, strings, numbers, true, false and null. */
  private static final class Reader {
    private final String s;
    private int i;

    Reader(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char c = s.charAt(i);
      switch (c) {
        case '{' -> {
          i++;
          Map<String, Object> m = new LinkedHashMap<>();
          skip();
          if (s.charAt(i) == '}') {
            i++;
            return m;
          }
          while (true) {
            skip();
            String k = string();
            skip();
            expect(':');
            m.put(k, value());
            skip();
            if (s.charAt(i++) == '}') {
              return m;
            }
          }
        }
        case '[' -> {
          i++;
          List<Object> l = new ArrayList<>();
          skip();
          if (s.charAt(i) == ']') {
            i++;
            return l;
          }
          while (true) {
            l.add(value());
            skip();
            if (s.charAt(i++) == ']') {
              return l;
            }
          }
        }
        case '"' -> {
          return string();
        }
        default -> {
          int start = i;
          while (i < s.length() && ",]} \n\t\r".indexOf(s.charAt(i)) < 0) {
            i++;
          }
          String word = s.substring(start, i);
          return switch (word) {
            case "null" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> word.matches("-?\\d+") ? (Object) Long.parseLong(word) : (Object) Double.parseDouble(word);
          };
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append(e);
        }
      }
    }

    private void expect(char c) {
      if (s.charAt(i) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i + " of " + s);
      }
      i++;
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
