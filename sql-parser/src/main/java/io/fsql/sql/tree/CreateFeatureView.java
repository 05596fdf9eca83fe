package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code CREATE FEATURE VIEW [IF NOT EXISTS] name [VERSION n] [COMMENT 'x'] [WITH LOGGING [(option =
 * value, ...)]] AS query}; {@code queryText} is the exact source text of the query; {@code logging}
 * the options of WITH LOGGING when given (the view logs its served vectors from the start, as
 * {@code ALTER FEATURE VIEW ... SET LOGGING} would).
 */
public record CreateFeatureView(
    NodeLocation location,
    ObjectName name,
    boolean ifNotExists,
    Optional<String> comment,
    SqlNode query,
    String queryText,
    Optional<List<Property>> logging) implements Statement {
  public CreateFeatureView {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(queryText, "queryText");
    logging = logging.map(List::copyOf);
  }

  /** A view created without logging. */
  public CreateFeatureView(NodeLocation location, ObjectName name, boolean ifNotExists, Optional<String> comment,
      SqlNode query, String queryText) {
    this(location, name, ifNotExists, comment, query, queryText, Optional.empty());
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitCreateFeatureView(this, context);
  }
}
