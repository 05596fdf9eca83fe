package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code ALTER FEATURE GROUP name ALTER COLUMN c SET DATA TYPE t} (then {@code type} is present)
 * or {@code ... SET COMMENT 'x'} (then {@code comment} is present).
 */
public record AlterColumn(NodeLocation location, ObjectName name, String column,
    NodeLocation columnLocation, Optional<DataType> type, Optional<String> comment)
    implements Statement {
  public AlterColumn {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(columnLocation, "columnLocation");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(comment, "comment");
    if (type.isPresent() == comment.isPresent()) {
      throw new IllegalArgumentException("exactly one of type and comment");
    }
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitAlterColumn(this, context);
  }
}
