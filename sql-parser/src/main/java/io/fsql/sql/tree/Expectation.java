package io.fsql.sql.tree;

import java.util.Objects;

/**
 * A data validation rule of a feature group: {@code EXPECTATION name rule [ON VIOLATION policy]}
 * or {@code [CONSTRAINT name] CHECK (condition) [ON VIOLATION policy]}. An unnamed CHECK is named
 * {@code check_<n>} by its position among the group's unnamed checks.
 */
public record Expectation(String name, ExpectationRule rule, ViolationPolicy policy,
    NodeLocation location) {
  public Expectation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(location, "location");
  }
}
