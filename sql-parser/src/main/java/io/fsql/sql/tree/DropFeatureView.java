package io.fsql.sql.tree;

import java.util.Objects;

/** {@code DROP FEATURE VIEW [IF EXISTS] name [VERSION n]}. */
public record DropFeatureView(NodeLocation location, ObjectName name, boolean ifExists)
    implements Statement {
  public DropFeatureView {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitDropFeatureView(this, context);
  }
}
