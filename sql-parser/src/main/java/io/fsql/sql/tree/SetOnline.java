package io.fsql.sql.tree;

import java.util.Objects;

/**
 * {@code ALTER FEATURE GROUP name SET ONLINE | SET OFFLINE}: starts or stops serving a group from
 * the online store (SET ONLINE backfills it from the offline latest rows; SET OFFLINE removes them).
 */
public record SetOnline(NodeLocation location, ObjectName name, boolean online) implements Statement {
  public SetOnline {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitSetOnline(this, context);
  }
}
