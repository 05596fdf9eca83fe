package io.fsql.planner.catalog;

import io.fsql.sql.tree.DataType;
import java.util.Objects;

/** The type of a feature column: one of the kinds fsql stores, with precision and scale where they apply. */
public record ColumnType(DataType.Kind kind, int precision, int scale) {
  public ColumnType {
    Objects.requireNonNull(kind, "kind");
    if (kind != DataType.Kind.DECIMAL) {
      scale = -1;
      if (kind != DataType.Kind.VARCHAR) {
        precision = -1;
      }
    }
  }

  public static ColumnType of(DataType.Kind kind) {
    return new ColumnType(kind, -1, -1);
  }

  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(DataType.Kind.DECIMAL, precision, scale);
  }

  public static ColumnType from(DataType type) {
    return new ColumnType(type.kind(), type.precision(), type.scale());
  }

  /** The SQL spelling, e.g. {@code DECIMAL(10,2)} or {@code VARCHAR}. */
  public String sql() {
    switch (kind) {
      case DECIMAL:
        return "DECIMAL(" + precision + "," + scale + ")";
      case VARCHAR:
        return precision > 0 ? "VARCHAR(" + precision + ")" : "VARCHAR";
      default:
        return kind.name();
    }
  }

  /** Parses {@link #sql()} back (the catalog stores types in this form). */
  public static ColumnType parse(String sql) {
    String s = sql.trim().toUpperCase(java.util.Locale.ROOT);
    int paren = s.indexOf('(');
    String name = paren < 0 ? s : s.substring(0, paren);
    DataType.Kind kind = DataType.Kind.valueOf(name);
    if (paren < 0) {
      return of(kind);
    }
    String[] args = s.substring(paren + 1, s.length() - 1).split(",");
    int p = Integer.parseInt(args[0].trim());
    int sc = args.length > 1 ? Integer.parseInt(args[1].trim()) : 0;
    return new ColumnType(kind, p, sc);
  }

  @Override
  public String toString() {
    return sql();
  }
}
