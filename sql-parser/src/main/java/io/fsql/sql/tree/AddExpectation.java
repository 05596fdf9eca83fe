package io.fsql.sql.tree;

import java.util.Objects;

/** {@code ALTER FEATURE GROUP name ADD EXPECTATION e rule [ON VIOLATION policy]}. */
public record AddExpectation(NodeLocation location, ObjectName name, Expectation expectation)
    implements Statement {
  public AddExpectation {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expectation, "expectation");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitAddExpectation(this, context);
  }
}
