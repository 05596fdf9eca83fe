package io.fsql.sql.tree;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/** One part of a time split: {@code name FROM from TO to}, the half-open range [from, to). */
public record TimeRange(String name, SqlNode from, SqlNode to) {
  public TimeRange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
