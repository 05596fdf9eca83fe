package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/** {@code name [= 'value']} in a TAGS (...) list; names are case-folded like other names. */
public record Tag(String name, Optional<String> value, NodeLocation location) {
  public Tag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(location, "location");
  }
}
