package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/** {@code SHOW FEATURE GROUPS [LIKE 'pattern']}. */
public record ShowFeatureGroups(NodeLocation location, Optional<String> likePattern)
    implements Statement {
  public ShowFeatureGroups {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(likePattern, "likePattern");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowFeatureGroups(this, context);
  }
}
