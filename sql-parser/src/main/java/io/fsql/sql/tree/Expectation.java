package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;

/**
 * A data validation rule of a feature group: {@code [CONSTRAINT name] CHECK (condition)}.
 * {@code conditionText} is the exact source text between the parentheses.
 */
public record Expectation(
    Optional<String> name, SqlNode condition, String conditionText, NodeLocation location) {
  public Expectation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(conditionText, "conditionText");
    Objects.requireNonNull(location, "location");
  }
}
