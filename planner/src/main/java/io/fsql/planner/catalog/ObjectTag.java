package io.fsql.planner.catalog;

import java.util.Objects;

/**
 * A tag on a catalog object ({@code column} empty) or on one column of a feature group.
 * {@code value} is null for a tag without a value ({@code TAGS (pii)}).
 */
public record ObjectTag(CatalogKind kind, long objectId, String column, String name, String value) {
  public ObjectTag {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(name, "name");
  }

  /** {@code name} or {@code name=value}, as DESCRIBE and SHOW FEATURES list it. */
  public String text() {
    return value == null ? name : name + "=" + value;
  }
}
