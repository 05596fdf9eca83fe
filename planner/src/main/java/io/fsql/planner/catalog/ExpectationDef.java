package io.fsql.planner.catalog;

import io.fsql.sql.tree.ViolationPolicy;
import java.util.Objects;

/**
 * A data-validation rule declared on a feature group: its name, its rule as written (e.g.
 * {@code CHECK (amount >= 0)}, {@code ROW COUNT BETWEEN 1 AND 100}; the parser reads it back) and
 * what an INSERT does when rows break it.
 */
public record ExpectationDef(String name, String rule, ViolationPolicy policy) {
  public ExpectationDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(policy, "policy");
  }
}
