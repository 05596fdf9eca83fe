package io.fsql.planner.offline;

import java.util.List;

/**
 * What one expectation gave on the rows of an INSERT.
 *
 * @param rowsChecked the rows the INSERT gave
 * @param rowsViolating rows breaking a row rule, rows repeating a value for UNIQUE, else null
 * @param observed a commit rule's measure (null for row rules, or when there is none: a mean of
 *     no values)
 * @param passed whether the rule held (a commit rule whose measure is NULL holds, as SQL's CHECK)
 * @param examples up to 5 rows (or repeated values) that broke it, as text; filled only when the
 *     INSERT is rejected
 */
public record RuleResult(
    ExpectationCheck check,
    long rowsChecked,
    Long rowsViolating,
    Double observed,
    boolean passed,
    List<String> examples) {
  public RuleResult {
    examples = List.copyOf(examples);
  }

  public RuleResult withExamples(List<String> newExamples) {
    return new RuleResult(check, rowsChecked, rowsViolating, observed, passed, newExamples);
  }

  /** What broke the rule, e.g. {@code 3 of 10 rows} or {@code observed 0.25}. */
  public String finding() {
    if (rowsViolating != null) {
      String s = rowsViolating + " of " + rowsChecked + (rowsChecked == 1 ? " row" : " rows");
      return check.kind() == io.fsql.sql.tree.ExpectationRule.Kind.UNIQUE
          ? s + " repeat a value" : s;
    }
    return "observed " + (observed == null ? "NULL" : format(observed));
  }

  /** A measure as shown: integers without a fraction, others with up to 6 significant digits. */
  public static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
        .toPlainString();
  }
}
