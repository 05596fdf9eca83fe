package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ALTER FEATURE GROUP name [VERSION n] SET (key = literal, ...)} (then {@code set} is
 * non-empty) or {@code ... SET COMMENT 'x'} (then {@code comment} is present).
 */
public record AlterFeatureGroup(
    NodeLocation location, ObjectName name, List<Property> set, Optional<String> comment)
    implements Statement {
  public AlterFeatureGroup {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    set = List.copyOf(set);
    Objects.requireNonNull(comment, "comment");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitAlterFeatureGroup(this, context);
  }
}
