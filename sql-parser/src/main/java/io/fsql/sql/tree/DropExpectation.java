package io.fsql.sql.tree;

import java.util.Objects;

/** {@code ALTER FEATURE GROUP name DROP EXPECTATION e}. */
public record DropExpectation(NodeLocation location, ObjectName name, String expectation,
    NodeLocation expectationLocation) implements Statement {
  public DropExpectation {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expectation, "expectation");
    Objects.requireNonNull(expectationLocation, "expectationLocation");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitDropExpectation(this, context);
  }
}
