package io.fsql.sql.tree;

import java.util.Objects;

/** {@code SHOW LINEAGE FOR [FEATURE VIEW|TRAINING DATASET|FEATURE GROUP] name [VERSION n]}. */
public record ShowLineage(NodeLocation location, ObjectKind kind, ObjectName name)
    implements Statement {
  public ShowLineage {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowLineage(this, context);
  }
}
