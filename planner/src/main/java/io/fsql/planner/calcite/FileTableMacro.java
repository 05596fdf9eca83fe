package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.sql.tree.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The table functions that bring files in: {@code read_csv(path [, header => true]
 * [, delimiter => ','] [, quote => '"'] [, null_value => ''] [, schema => 'a INT, b VARCHAR'])} and
 * {@code read_parquet(path)}. The schema comes from the Parquet footer, from {@code schema =>}, or
 * is inferred from the CSV data; column names are folded to lower case.
 */
public final class FileTableMacro implements TableMacro {
  private final String format;
  private final OfflineStore offline;
  private final List<Param> params;

  private record Param(String name, SqlTypeName type) {}

  private FileTableMacro(String format, OfflineStore offline, List<Param> params) {
    this.format = format;
    this.offline = offline;
    this.params = params;
  }

  public static FileTableMacro csv(OfflineStore offline) {
    List<String> names = parameterNames("read_csv");
    return new FileTableMacro("csv", offline, List.of(
        new Param(names.get(0), SqlTypeName.VARCHAR),
        new Param(names.get(1), SqlTypeName.BOOLEAN),
        new Param(names.get(2), SqlTypeName.VARCHAR),
        new Param(names.get(3), SqlTypeName.VARCHAR),
        new Param(names.get(4), SqlTypeName.VARCHAR),
        new Param(names.get(5), SqlTypeName.VARCHAR)));
  }

  public static FileTableMacro parquet(OfflineStore offline) {
    return new FileTableMacro("parquet", offline, List.of(new Param("path", SqlTypeName.VARCHAR)));
  }

  /** The parameter names of read_csv / read_parquet, in order; empty for other names. */
  public static List<String> parameterNames(String function) {
    switch (function) {
      case "read_csv":
        return List.of("path", "header", "delimiter", "quote", "null_value", "schema");
      case "read_parquet":
        return List.of("path");
      default:
        return List.of();
    }
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> result = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      final int ordinal = i;
      final Param p = params.get(i);
      result.add(new FunctionParameter() {
        @Override
        public int getOrdinal() {
          return ordinal;
        }

        @Override
        public String getName() {
          return p.name();
        }

        @Override
        public RelDataType getType(RelDataTypeFactory typeFactory) {
          // Calcite hands a macro its literal arguments only for Java-typed parameters.
          Class<?> javaType = p.type() == SqlTypeName.BOOLEAN ? Boolean.class : String.class;
          return typeFactory.createTypeWithNullability(
              ((org.apache.calcite.adapter.java.JavaTypeFactory) typeFactory).createJavaType(javaType), true);
        }

        @Override
        public boolean isOptional() {
          return ordinal > 0;
        }
      });
    }
    return result;
  }

  /** Tables already made, by arguments: schema inference reads the file, so do it once. */
  private final Map<List<Object>, TranslatableTable> made = new java.util.HashMap<>();

  @Override
  public TranslatableTable apply(List<?> arguments) {
    List<Object> key = new java.util.ArrayList<>();
    for (Object a : arguments) {
      key.add(text(a));
    }
    TranslatableTable table = made.get(key);
    if (table == null) {
      table = make(arguments);
      made.put(key, table);
    }
    return table;
  }

  private TranslatableTable make(List<?> arguments) {
    Object pathArg = arguments.isEmpty() ? null : text(arguments.get(0));
    if (!(pathArg instanceof String) || ((String) pathArg).isBlank()) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
          "read_" + format + " needs a file path as its first argument");
    }
    String path = (String) pathArg;
    checkAllowed(path);
    Map<String, String> options = new LinkedHashMap<>();
    List<Column> explicitSchema = null;
    for (int i = 1; i < params.size() && i < arguments.size(); i++) {
      Object value = text(arguments.get(i));
      if (value == null) {
        continue;
      }
      String name = params.get(i).name();
      if (name.equals("schema")) {
        explicitSchema = parseSchema(value.toString());
      } else {
        options.put(name, value.toString());
      }
    }
    if ("csv".equals(format)) {
      options.putIfAbsent("header", "true");
    }
    List<Column> schema = explicitSchema != null
        ? explicitSchema
        : offline.inferSchema(format, path, options);
    return new FileTable(format, path, options, schema);
  }

  /** The directories the statement running on this thread may read files under; null: any. */
  private static final ThreadLocal<List<java.nio.file.Path>> ALLOWED = new ThreadLocal<>();

  /** Runs {@code action} with file reads limited to {@code allowed} (null: unrestricted). */
  public static <T> T withAllowedDirectories(List<java.nio.file.Path> allowed, java.util.function.Supplier<T> action) {
    List<java.nio.file.Path> previous = ALLOWED.get();
    ALLOWED.set(allowed);
    try {
      return action.get();
    } finally {
      ALLOWED.set(previous);
    }
  }

  private static void checkAllowed(String path) {
    List<java.nio.file.Path> allowed = ALLOWED.get();
    if (allowed == null) {
      return;
    }
    java.nio.file.Path file = realPath(java.nio.file.Paths.get(path.startsWith("file:") ? path.substring(5) : path));
    for (java.nio.file.Path dir : allowed) {
      if (file.startsWith(realPath(dir))) {
        return;
      }
    }
    throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "reading files is not allowed for this session: "
        + path + " is outside the allowed directories");
  }

  private static java.nio.file.Path realPath(java.nio.file.Path p) {
    java.nio.file.Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (java.io.IOException | SecurityException e) {
      return abs;
    }
  }

  /** A literal argument as Java text/value (Calcite hands strings over as NlsString). */
  private static Object text(Object v) {
    return v instanceof org.apache.calcite.util.NlsString n ? n.getValue() : v;
  }

  /** Parses {@code 'a INT, b DECIMAL(10,2), c VARCHAR'}. */
  static List<Column> parseSchema(String text) {
    List<Column> columns = new ArrayList<>();
    int depth = 0;
    int start = 0;
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    for (String part : parts) {
      String p = part.trim();
      int space = p.indexOf(' ');
      if (space <= 0) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "schema entry '" + p + "' must be a column name and a type, e.g. 'amount DOUBLE'");
      }
      String name = p.substring(0, space).trim().toLowerCase(Locale.ROOT);
      String type = p.substring(space + 1).trim().toUpperCase(Locale.ROOT)
          .replace("INT ", "INTEGER ").replaceAll("\\s+", " ");
      columns.add(new Column(name, parseType(type, name), true, null));
    }
    return columns;
  }

  private static ColumnType parseType(String type, String column) {
    String base = type.contains("(") ? type.substring(0, type.indexOf('(')).trim() : type;
    switch (base) {
      case "INT":
        base = "INTEGER";
        break;
      case "FLOAT":
        base = "REAL";
        break;
      case "STRING":
        base = "VARCHAR";
        break;
      case "NUMERIC":
        base = "DECIMAL";
        break;
      case "DOUBLE PRECISION":
        base = "DOUBLE";
        break;
      default:
        break;
    }
    try {
      DataType.Kind.valueOf(base);
    } catch (IllegalArgumentException e) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
          "unknown type '" + type + "' for column '" + column + "' in schema");
    }
    String args = type.contains("(") ? type.substring(type.indexOf('(')) : "";
    if (base.equals("DECIMAL") && args.isEmpty()) {
      args = "(10,0)";
    }
    return ColumnType.parse(base + args);
  }
}
