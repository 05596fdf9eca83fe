package io.fsql.sql.tree;

import java.util.Objects;
import java.util.Optional;

/** {@code CHANGES SINCE point [UNTIL point]}: the rows changed by the commits in (since, until]. */
public record Changes(TimeTravel since, Optional<TimeTravel> until) {
  public Changes {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
  }
}
