package io.fsql.sql.tree;

import java.util.Objects;

/**
 * {@code RECREATE TRAINING DATASET name [VERSION n]}: writes the dataset's files again from the
 * commits it recorded, so they hold exactly the rows they held when it was created.
 */
public record RecreateTrainingDataset(NodeLocation location, ObjectName name) implements Statement {
  public RecreateTrainingDataset {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitRecreateTrainingDataset(this, context);
  }
}
