package io.fsql.sql.tree;

import java.util.Objects;

/** {@code SHOW EXPECTATIONS FOR name [VERSION n]}. */
public record ShowExpectations(NodeLocation location, ObjectName name) implements Statement {
  public ShowExpectations {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowExpectations(this, context);
  }
}
