package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code name type [NOT NULL] [COMMENT 'x'] [TAGS (...)]}. */
public record ColumnDefinition(String name, DataType type, boolean notNull,
    Optional<String> comment, List<Tag> tags, NodeLocation location) {
  public ColumnDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(comment, "comment");
    tags = List.copyOf(tags);
    Objects.requireNonNull(location, "location");
  }

  /** A column without tags. */
  public ColumnDefinition(
      String name, DataType type, boolean notNull, Optional<String> comment, NodeLocation location) {
    this(name, type, notNull, comment, List.of(), location);
  }
}
