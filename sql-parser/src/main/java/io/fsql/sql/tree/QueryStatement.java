package io.fsql.sql.tree;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/** Any query: SELECT, VALUES, WITH, TABLE, set operations, with ORDER BY / LIMIT. */
public record QueryStatement(NodeLocation location, SqlNode query) implements Statement {
  public QueryStatement {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(query, "query");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitQueryStatement(this, context);
  }
}
