package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/** {@code INSERT INTO name [VERSION n] [(col, ...)] query}; columns is empty when absent. */
public record Insert(NodeLocation location, ObjectName target, List<String> columns, SqlNode query)
    implements Statement {
  public Insert {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(target, "target");
    columns = List.copyOf(columns);
    Objects.requireNonNull(query, "query");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitInsert(this, context);
  }
}
