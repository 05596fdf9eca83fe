package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ALTER FEATURE GROUP|FEATURE VIEW|TRAINING DATASET name SET TAGS (...) | UNSET TAGS (...)},
 * and {@code ALTER FEATURE GROUP name ALTER COLUMN c SET|UNSET TAGS (...)} (then {@code column} is
 * present). UNSET lists tag names only (their values are empty).
 */
public record AlterTags(NodeLocation location, ObjectKind kind, ObjectName name,
    Optional<String> column, boolean unset, List<Tag> tags) implements Statement {
  public AlterTags {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(column, "column");
    tags = List.copyOf(tags);
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitAlterTags(this, context);
  }
}
