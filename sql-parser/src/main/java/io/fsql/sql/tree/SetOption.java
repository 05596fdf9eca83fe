package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code SET name [=] value} (a session setting) or, with an empty value, {@code RESET name} (back
 * to its default). Names are lower case; values are kept as written (identifiers lower-cased).
 */
public record SetOption(NodeLocation location, String name, Optional<String> value) implements Statement {
  public SetOption {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitSetOption(this, context);
  }
}
