package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/** {@code SHOW TRAINING DATASETS [LIKE 'pattern']}. */
public record ShowTrainingDatasets(NodeLocation location, Optional<String> likePattern)
    implements Statement {
  public ShowTrainingDatasets {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(likePattern, "likePattern");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowTrainingDatasets(this, context);
  }
}
