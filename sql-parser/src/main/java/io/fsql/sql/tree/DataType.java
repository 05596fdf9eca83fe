package io.fsql.sql.tree;

import java.util.Objects;

/**
 * A column type of a feature group. {@code precision} and {@code scale} are -1 when they do not
 * apply (VARCHAR without a length has precision -1; DECIMAL always has both).
 */
public record DataType(Kind kind, int precision, int scale, NodeLocation location) {

  /** The types a feature group column can have. FLOAT is parsed as REAL (4 bytes). */
  public enum Kind { BOOLEAN, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP }

  public DataType {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
  }
}
