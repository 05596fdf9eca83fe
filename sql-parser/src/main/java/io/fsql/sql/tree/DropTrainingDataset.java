package io.fsql.sql.tree;

import java.util.Objects;

/** {@code DROP TRAINING DATASET [IF EXISTS] name [VERSION n]}. */
public record DropTrainingDataset(NodeLocation location, ObjectName name, boolean ifExists)
    implements Statement {
  public DropTrainingDataset {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitDropTrainingDataset(this, context);
  }
}
