package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;

/**
 * The rule of an expectation. A row rule holds for each row ({@code CHECK (condition)} and its
 * short forms, whose {@code condition} is the equivalent SQL condition; {@code MATCHES} has a
 * regular expression instead); a commit rule bounds a measure of all the inserted rows.
 * {@code text} is the rule exactly as written (what the catalog stores and shows).
 */
public record ExpectationRule(
    Kind kind,
    Optional<String> column,
    NodeLocation columnLocation,
    SqlNode condition,
    String pattern,
    Bound bound,
    String text,
    NodeLocation location) {

  public ExpectationRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(location, "location");
  }

  /** The rule kinds, by their syntax. */
  public enum Kind {
    CHECK(true, "CHECK"),
    NOT_NULL(true, "NOT NULL"),
    ALLOWED_VALUES(true, "IN"),
    RANGE(true, "BETWEEN"),
    LIKE(true, "LIKE"),
    MATCHES(true, "MATCHES"),
    ROW_COUNT(false, "ROW COUNT"),
    NULL_FRACTION(false, "NULL FRACTION"),
    DISTINCT_COUNT(false, "DISTINCT COUNT"),
    MEAN(false, "MEAN"),
    MIN(false, "MIN"),
    MAX(false, "MAX"),
    STDDEV(false, "STDDEV"),
    UNIQUE(false, "UNIQUE");

    private final boolean rowRule;
    private final String keyword;

    Kind(boolean rowRule, String keyword) {
      this.rowRule = rowRule;
      this.keyword = keyword;
    }

    /** Whether the rule holds per row (else over the inserted rows as a whole). */
    public boolean rowRule() {
      return rowRule;
    }

    /** The rule's keywords, for messages. */
    public String keyword() {
      return keyword;
    }
  }

  /**
   * Bounds of a commit rule's measure: {@code BETWEEN low AND high} (inclusive) or one comparison;
   * a null end is unbounded.
   */
  public record Bound(Double low, boolean lowInclusive, Double high, boolean highInclusive) {
    /** Whether {@code value} lies within the bounds. */
    public boolean contains(double value) {
      if (low != null && (lowInclusive ? value < low : value <= low)) {
        return false;
      }
      return high == null || (highInclusive ? value <= high : value < high);
    }
  }

  public boolean rowRule() {
    return kind.rowRule();
  }
}
