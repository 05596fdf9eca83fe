package io.fsql.sql.tree;

import java.util.Objects;

/** {@code SHOW DEPENDENTS OF group [VERSION n]}: the views and datasets that read a feature group. */
public record ShowDependents(NodeLocation location, ObjectName name) implements Statement {
  public ShowDependents {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowDependents(this, context);
  }
}
