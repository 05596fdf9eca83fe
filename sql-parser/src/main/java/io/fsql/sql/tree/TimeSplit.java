package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;

/** {@code SPLIT BY TIME ON col (train FROM a TO b, test FROM b TO c)}. */
public record TimeSplit(String column, List<TimeRange> parts, NodeLocation location)
    implements SplitSpec {
  public TimeSplit {
    Objects.requireNonNull(column, "column");
    parts = List.copyOf(parts);
    Objects.requireNonNull(location, "location");
  }
}
