package io.fsql.sql.tree;

import java.util.Objects;

/**
 * {@code DROP FEATURE GROUP [IF EXISTS] name [VERSION n] [CASCADE]}: CASCADE also drops the feature
 * views and training datasets that read the group.
 */
public record DropFeatureGroup(NodeLocation location, ObjectName name, boolean ifExists, boolean cascade)
    implements Statement {
  public DropFeatureGroup {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  /** Without CASCADE. */
  public DropFeatureGroup(NodeLocation location, ObjectName name, boolean ifExists) {
    this(location, name, ifExists, false);
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitDropFeatureGroup(this, context);
  }
}
