package io.fsql.sql.tree;

import java.util.Objects;

/** {@code ANALYZE FEATURE GROUP name [VERSION n]}: statistics of the group's current snapshot. */
public record AnalyzeFeatureGroup(NodeLocation location, ObjectName name) implements Statement {
  public AnalyzeFeatureGroup {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitAnalyzeFeatureGroup(this, context);
  }
}
