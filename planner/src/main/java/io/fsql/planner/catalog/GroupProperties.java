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

  /**
   * How the group's offline table lays out its files, chosen once at creation: {@value #SORTED}
   * (the default for new groups) or {@value #COW} (every group created before layouts existed).
   */
  public static final String LAYOUT = "layout";
  /** Files of bounded size, each holding a contiguous range of record keys; a first load is a bulk insert. */
  public static final String SORTED = "sorted";
  /** Files as the upsert's hash spreads the keys (each file spans the whole key range); every write an upsert. */
  public static final String COW = "cow";
  private static final List<String> LAYOUTS = List.of(SORTED, COW);

  /**
   * Defaults of a group whose catalog entry does not set a property. A group created before
   * layouts existed has no layout recorded: it is a {@value #COW} table. A new group records its
   * layout at creation ({@link #forNewGroup}).
   */
  private static final Map<String, String> DEFAULTS = Map.of(RETAIN_COMMITS, "50", LAYOUT, COW);

  /** The properties a new group records: the given ones, plus the default layout of new groups. */
  public static Map<String, String> forNewGroup(Map<String, String> given) {
    Map<String, String> all = new LinkedHashMap<>(given);
    all.putIfAbsent(LAYOUT, SORTED);
    return all;
  }

  /** The group's table layout ({@value #SORTED} or {@value #COW}). */
  public static String layout(Map<String, String> set) {
    return effective(set).get(LAYOUT);
  }

  /** Refuses changing what is fixed at creation (the layout) in {@code ALTER ... SET}. */
  public static void checkAlterable(List<Property> properties) {
    for (Property p : properties) {
      if (LAYOUT.equals(p.key())) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "property " + LAYOUT + " is chosen when the group is created and cannot be changed",
            p.location().line(), p.location().column());
      }
    }
  }

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
            "unknown feature group property '" + key + "' (known: "
                + String.join(", ", DEFAULTS.keySet().stream().sorted().toList()) + ")",
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
      if (LAYOUT.equals(key)) {
        value = value.toLowerCase(java.util.Locale.ROOT);
        if (!LAYOUTS.contains(value)) {
          throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
              "property " + key + " must be one of " + String.join(", ", LAYOUTS) + ", not " + literal(p.value()),
              at.line(), at.column());
        }
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
