package io.fsql.planner.drift;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A categorical column's value frequencies: the most frequent values with their counts, and how
 * many (non-null) values fall outside them.
 *
 * @param top the most frequent values (as text; booleans as {@code true}/{@code false})
 * @param other the count of all other non-null values
 */
public record ValueCounts(Map<String, Long> top, long other) {
  public ValueCounts {
    top = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(top));
  }

  /**
   * The frequencies of the union of several sides' values: counts of the same value added, others
   * added (a value in one side's top but in another's "other" is undercounted by what that "other"
   * holds of it; exact when every side keeps all its distinct values).
   */
  public static ValueCounts sum(java.util.List<ValueCounts> parts) {
    Map<String, Long> top = new LinkedHashMap<>();
    long other = 0;
    for (ValueCounts p : parts) {
      p.top().forEach((v, n) -> top.merge(v, n, Long::sum));
      other += p.other();
    }
    return new ValueCounts(top, other);
  }

  /** The number of non-null values counted. */
  public long total() {
    return other + top.values().stream().mapToLong(Long::longValue).sum();
  }
}
