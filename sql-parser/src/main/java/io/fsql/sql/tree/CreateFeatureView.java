package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code CREATE FEATURE VIEW [IF NOT EXISTS] name [VERSION n] [COMMENT 'x'] AS query};
 * {@code queryText} is the exact source text of the query.
 */
public record CreateFeatureView(
    NodeLocation location,
    ObjectName name,
    boolean ifNotExists,
    Optional<String> comment,
    SqlNode query,
    String queryText) implements Statement {
  public CreateFeatureView {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(queryText, "queryText");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitCreateFeatureView(this, context);
  }
}
