package io.fsql.sql.tree;

import java.util.Objects;

/** One part of a random split: {@code name fraction}, e.g. {@code train 0.8}. */
public record Fraction(String name, double fraction) {
  public Fraction {
    Objects.requireNonNull(name, "name");
  }
}
