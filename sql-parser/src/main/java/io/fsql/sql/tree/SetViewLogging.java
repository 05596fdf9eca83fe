package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER FEATURE VIEW v SET LOGGING [(rows = n, seconds = s)]} or {@code ... UNSET
 * LOGGING}: whether the rows that online lookups over the view return are logged into the
 * view's served-vector group, and how they are batched.
 *
 * @param enabled SET (true) or UNSET (false)
 * @param options the batching options of SET, in order (empty for UNSET or the defaults)
 */
public record SetViewLogging(NodeLocation location, ObjectName view, boolean enabled,
    List<Property> options) implements Statement {
  public SetViewLogging {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(view, "view");
    options = List.copyOf(options);
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitSetViewLogging(this, context);
  }
}
