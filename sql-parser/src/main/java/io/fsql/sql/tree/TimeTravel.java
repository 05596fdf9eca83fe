package io.fsql.sql.tree;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/**
 * A point in a table's commit history: {@code TIMESTAMP value} (a timestamp literal, a string
 * literal or a {@code ?} parameter) or {@code COMMIT value} (a string literal or {@code ?}).
 */
public record TimeTravel(Kind kind, SqlNode value) {

  /** Whether the point is given as a commit time or as a commit id. */
  public enum Kind { TIMESTAMP, COMMIT }

  public TimeTravel {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }
}
