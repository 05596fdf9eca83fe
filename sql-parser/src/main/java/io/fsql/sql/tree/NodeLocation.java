package io.fsql.sql.tree;

/** A 1-based line and column in the parsed text (the whole script for {@code parseScript}). */
public record NodeLocation(int line, int column) {
  @Override
  public String toString() {
    return line + ":" + column;
  }
}
