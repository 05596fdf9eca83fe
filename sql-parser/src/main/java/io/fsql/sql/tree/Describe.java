package io.fsql.sql.tree;

import java.util.Objects;

/** {@code DESCRIBE|DESC [FEATURE GROUP|FEATURE VIEW|TRAINING DATASET] name [VERSION n]}. */
public record Describe(NodeLocation location, ObjectKind kind, ObjectName name)
    implements Statement {
  public Describe {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitDescribe(this, context);
  }
}
