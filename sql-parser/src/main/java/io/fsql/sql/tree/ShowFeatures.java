package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code SHOW FEATURES [LIKE 'pattern'] [WHERE TAG name [= 'value']]}: the columns of every feature
 * group whose name or comment matches the pattern and that carry the tag (when given).
 */
public record ShowFeatures(NodeLocation location, Optional<String> likePattern, Optional<Tag> tag)
    implements Statement {
  public ShowFeatures {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(likePattern, "likePattern");
    Objects.requireNonNull(tag, "tag");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowFeatures(this, context);
  }
}
