package io.fsql.planner.catalog;

import java.util.Objects;

/** A column of a feature group. Primary-key and event-time columns are never nullable. */
public record Column(String name, ColumnType type, boolean nullable, String comment) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
