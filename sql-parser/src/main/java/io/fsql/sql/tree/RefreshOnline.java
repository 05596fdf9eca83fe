package io.fsql.sql.tree;

import java.util.Objects;

/** {@code REFRESH ONLINE name}: rebuilds a group's online rows from its offline latest rows. */
public record RefreshOnline(NodeLocation location, ObjectName name) implements Statement {
  public RefreshOnline {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitRefreshOnline(this, context);
  }
}
