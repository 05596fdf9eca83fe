package io.fsql.sql.tree;

import java.util.Objects;
import java.util.OptionalInt;

/** {@code name [VERSION n]}: a feature group, view or training dataset name (already case-folded). */
public record ObjectName(String name, OptionalInt version, NodeLocation location) {
  public ObjectName {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(location, "location");
  }
}
