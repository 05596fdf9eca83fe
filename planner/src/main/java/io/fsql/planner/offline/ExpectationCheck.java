package io.fsql.planner.offline;

import io.fsql.sql.tree.ExpectationRule;
import io.fsql.sql.tree.ViolationPolicy;
import java.util.Objects;

/**
 * An expectation compiled for the offline engine. A row rule is a boolean Spark SQL expression
 * over the group's columns, {@code conditionSql}, that is FALSE for a row that breaks it (TRUE or
 * NULL otherwise: a rule whose condition is NULL holds, as SQL's CHECK), or a regular expression
 * {@code pattern} that the non-NULL values of {@code column} must contain a match of (MATCHES). A
 * commit rule names its column (none for ROW COUNT) and bound (none for UNIQUE).
 */
public record ExpectationCheck(
    String name,
    String rule,
    ViolationPolicy policy,
    ExpectationRule.Kind kind,
    String column,
    String conditionSql,
    String pattern,
    ExpectationRule.Bound bound) {
  public ExpectationCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(kind, "kind");
  }

  public boolean rowRule() {
    return kind.rowRule();
  }

  /** {@code name (rule)}, as messages name it. */
  public String display() {
    return name + " (" + rule + ")";
  }
}
