package io.fsql.sql.tree;

import java.util.Objects;
import java.util.OptionalLong;

/** {@code SHOW VALIDATIONS FOR name [VERSION n] [LIMIT k]}: k most recent INSERT attempts. */
public record ShowValidations(NodeLocation location, ObjectName name, OptionalLong limit)
    implements Statement {
  public ShowValidations {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(limit, "limit");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowValidations(this, context);
  }
}
