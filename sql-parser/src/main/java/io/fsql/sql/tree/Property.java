package io.fsql.sql.tree;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/** {@code key = literal} in a WITH (...) or SET (...) list; the value is a Calcite literal. */
public record Property(String key, SqlNode value, NodeLocation location) {
  public Property {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(location, "location");
  }
}
