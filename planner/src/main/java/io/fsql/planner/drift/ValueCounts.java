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

  /** The number of non-null values counted. */
  public long total() {
    return other + top.values().stream().mapToLong(Long::longValue).sum();
  }
}
