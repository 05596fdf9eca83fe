package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code CREATE TRAINING DATASET [IF NOT EXISTS] name [VERSION n] [COMMENT 'x']
 * (AS query | FROM table_reference) [SPLIT ...] [FORMAT PARQUET|CSV]}.
 *
 * <p>{@code FROM t} is sugar for {@code AS SELECT * FROM t}: {@code query} is then that SELECT
 * and {@code queryText} the source text of the table reference. {@code format} is upper case.
 */
public record CreateTrainingDataset(
    NodeLocation location,
    ObjectName name,
    boolean ifNotExists,
    SqlNode query,
    String queryText,
    Optional<SplitSpec> split,
    Optional<String> format,
    Optional<String> comment) implements Statement {
  public CreateTrainingDataset {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(queryText, "queryText");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(comment, "comment");
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitCreateTrainingDataset(this, context);
  }
}
