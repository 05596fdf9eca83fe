package io.fsql.sql.tree;

import java.util.Objects;

/** {@code ALTER FEATURE GROUP name ADD COLUMN c type [COMMENT 'x'] [TAGS (...)]}: a nullable column. */
public record AddColumn(NodeLocation location, ObjectName name, ColumnDefinition column)
    implements Statement {
  public AddColumn {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(column, "column");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitAddColumn(this, context);
  }
}
