package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code CREATE FEATURE GROUP [IF NOT EXISTS] name [VERSION n] (elements) clauses}; the clauses include {@code WITH TAGS (...)}. */
public record CreateFeatureGroup(
    NodeLocation location,
    ObjectName name,
    boolean ifNotExists,
    List<ColumnDefinition> columns,
    List<Expectation> expectations,
    List<String> primaryKey,
    Optional<String> eventTime,
    boolean online,
    Optional<String> comment,
    List<Property> properties,
    List<Tag> tags) implements Statement {
  public CreateFeatureGroup {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    expectations = List.copyOf(expectations);
    primaryKey = List.copyOf(primaryKey);
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(comment, "comment");
    properties = List.copyOf(properties);
    tags = List.copyOf(tags);
  }

  /** A group without tags. */
  public CreateFeatureGroup(NodeLocation location, ObjectName name, boolean ifNotExists,
      List<ColumnDefinition> columns, List<Expectation> expectations, List<String> primaryKey,
      Optional<String> eventTime, boolean online, Optional<String> comment,
      List<Property> properties) {
    this(location, name, ifNotExists, columns, expectations, primaryKey, eventTime, online, comment,
        properties, List.of());
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitCreateFeatureGroup(this, context);
  }
}
