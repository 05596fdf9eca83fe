package io.fsql.sql.tree;

import java.util.Objects;
import java.util.OptionalLong;

/** {@code SHOW COMMITS FOR name [VERSION n] [LIMIT k]}. */
public record ShowCommits(NodeLocation location, ObjectName name, OptionalLong limit)
    implements Statement {
  public ShowCommits {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(limit, "limit");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowCommits(this, context);
  }
}
