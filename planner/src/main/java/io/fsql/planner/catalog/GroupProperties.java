package io.fsql.planner.catalog;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.Property;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

/**
 * The properties a feature group accepts in {@code WITH (...)} and {@code ALTER ... SET (...)},
 * with their defaults. Unknown keys and bad values are errors.
 */
public final class GroupProperties {
  /** How many of the latest commits stay readable with AS OF and incremental reads. */
  public static final String RETAIN_COMMITS = "retain_commits";

  private static final Map<String, String> DEFAULTS = Map.of(RETAIN_COMMITS, "50");

  private GroupProperties() {}

  /** The given properties with defaults for the ones not set, in a stable order. */
  public static Map<String, String> effective(Map<String, String> set) {
    Map<String, String> all = new LinkedHashMap<>();
    DEFAULTS.keySet().stream().sorted().forEach(k -> all.put(k, set.getOrDefault(k, DEFAULTS.get(k))));
    return all;
  }

  public static int retainCommits(Map<String, String> set) {
    return Integer.parseInt(effective(set).get(RETAIN_COMMITS));
  }

  public static Map<String, String> validate(List<Property> properties) {
    Map<String, String> result = new LinkedHashMap<>();
    for (Property p : properties) {
      NodeLocation at = p.location();
      String key = p.key();
      if (!DEFAULTS.containsKey(key)) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "unknown feature group property '" + key + "' (known: " + String.join(", ", DEFAULTS.keySet()) + ")",
            at.line(), at.column());
      }
      String value = literal(p.value());
      if (RETAIN_COMMITS.equals(key)) {
        int n;
        try {
          n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          n = -1;
        }
        if (n < 1) {
          throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
              "property " + key + " must be a positive integer, not " + value, at.line(), at.column());
        }
        value = Integer.toString(n);
      }
      result.put(key, value);
    }
    return result;
  }

  private static String literal(SqlNode node) {
    if (node instanceof SqlLiteral lit) {
      Object v = lit.getValue();
      if (v instanceof org.apache.calcite.util.NlsString s) {
        return s.getValue();
      }
      return lit.toValue();
    }
    return node.toString();
  }
}
