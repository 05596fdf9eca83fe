package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/** {@code SHOW FEATURE VIEWS [LIKE 'pattern']}. */
public record ShowFeatureViews(NodeLocation location, Optional<String> likePattern)
    implements Statement {
  public ShowFeatureViews {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(likePattern, "likePattern");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowFeatureViews(this, context);
  }
}
