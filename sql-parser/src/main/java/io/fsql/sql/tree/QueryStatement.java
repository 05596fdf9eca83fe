package io.fsql.sql.tree;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/** Any query: SELECT, VALUES, WITH, TABLE, set operations, with ORDER BY / LIMIT. */
public record QueryStatement(NodeLocation location, SqlNode query) implements Statement {
  public QueryStatement {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(query, "query");
  }
}
