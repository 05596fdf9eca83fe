package io.fsql.sql.tree;

import java.util.Objects;

/** {@code DROP FEATURE GROUP [IF EXISTS] name [VERSION n]}. */
public record DropFeatureGroup(NodeLocation location, ObjectName name, boolean ifExists)
    implements Statement {
  public DropFeatureGroup {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitDropFeatureGroup(this, context);
  }
}
