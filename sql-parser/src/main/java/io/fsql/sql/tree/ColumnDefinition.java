package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/** {@code name type [NOT NULL] [COMMENT 'x']}. */
public record ColumnDefinition(
    String name, DataType type, boolean notNull, Optional<String> comment, NodeLocation location) {
  public ColumnDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(location, "location");
  }
}
