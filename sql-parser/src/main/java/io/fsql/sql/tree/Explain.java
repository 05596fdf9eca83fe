package io.fsql.sql.tree;

import java.util.Objects;

/** {@code EXPLAIN [PLAN FOR] statement}, where the statement is a query or an INSERT. */
public record Explain(NodeLocation location, Statement statement) implements Statement {
  public Explain {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(statement, "statement");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitExplain(this, context);
  }
}
