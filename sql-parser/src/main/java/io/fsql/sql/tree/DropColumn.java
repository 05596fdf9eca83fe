package io.fsql.sql.tree;

import java.util.Objects;

/**
 * {@code ALTER FEATURE GROUP name DROP COLUMN c}: parsed so that the engine can refuse it with a
 * message pointing to a new VERSION of the group.
 */
public record DropColumn(NodeLocation location, ObjectName name, String column, NodeLocation columnLocation)
    implements Statement {
  public DropColumn {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(columnLocation, "columnLocation");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitDropColumn(this, context);
  }
}
