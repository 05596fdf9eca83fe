package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** {@code SPLIT RANDOM (train 0.8, test 0.2) [SEED 42]}. */
public record RandomSplit(List<Fraction> parts, OptionalLong seed, NodeLocation location)
    implements SplitSpec {
  public RandomSplit {
    parts = List.copyOf(parts);
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(location, "location");
  }
}
