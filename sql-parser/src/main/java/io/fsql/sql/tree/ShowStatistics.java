package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code SHOW STATISTICS FOR [FEATURE GROUP|TRAINING DATASET] name [VERSION n] [SPLIT s]
 * [AS OF COMMIT 'c']}: the stored statistics of a group's commit or of a dataset's splits.
 */
public record ShowStatistics(NodeLocation location, ObjectKind kind, ObjectName name,
    Optional<String> split, Optional<String> commit) implements Statement {
  public ShowStatistics {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(commit, "commit");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowStatistics(this, context);
  }
}
