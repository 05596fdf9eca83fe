package io.fsql.planner.online;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.DataType.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A query answered by key lookups in the online store: {@code SELECT cols FROM LATEST g WHERE}
 * every primary-key column is pinned ({@code =}, {@code IN}, ORs of those) to literals or {@code ?}
 * parameters. Built once per plan; {@link #execute} binds the parameters and reads the store. What
 * every execution needs (the key columns' types, whether the projection is the identity) is
 * computed here once, so an execution only converts the parameters, reads and projects.
 */
public final class OnlineLookup implements OnlinePlan {
  private final FeatureGroup group;
  private final List<List<Pin>> keys;
  private final int[] projection;
  private final List<ResultColumn> columns;
  /** The type of each primary-key column, in key order. */
  private final ColumnType[] keyTypes;
  /** True when the result columns are the group's columns in order: rows are returned as read. */
  private final boolean identity;

  /**
   * @param keys the key tuples, each value a {@link Pin}: a constant or a parameter
   * @param projection for each result column, the index of the group column it shows
   */
  public OnlineLookup(FeatureGroup group, List<List<Pin>> keys, int[] projection, List<ResultColumn> columns) {
    this.group = group;
    this.keys = keys;
    this.projection = projection;
    this.columns = columns;
    List<String> pk = group.primaryKey();
    keyTypes = new ColumnType[pk.size()];
    for (int i = 0; i < keyTypes.length; i++) {
      String name = pk.get(i);
      keyTypes[i] = group.column(name).orElseThrow(() -> new FsqlException(ErrorCode.INTERNAL,
          "feature group " + group.displayName() + " has no key column '" + name + "'")).type();
    }
    boolean same = projection.length == group.columns().size();
    for (int i = 0; same && i < projection.length; i++) {
      same = projection[i] == i;
    }
    identity = same;
  }

  public FeatureGroup group() {
    return group;
  }

  @Override
  public List<FeatureGroup> groups() {
    return List.of(group);
  }

  public List<List<Pin>> keys() {
    return keys;
  }

  public int[] projection() {
    return projection;
  }

  @Override
  public List<ResultColumn> columns() {
    return columns;
  }

  /** A primary-key value: a constant (already in the column's type) or parameter {@code index}. */
  public record Pin(Object value, int parameter) {
    public static Pin constant(Object value) {
      return new Pin(value, -1);
    }

    public static Pin parameter(int index) {
      return new Pin(null, index);
    }

    boolean isParameter() {
      return parameter >= 0;
    }
  }

  /** The distinct keys to read once the parameters are bound, in the order of their first appearance. */
  public List<Object[]> bind(List<?> params) {
    if (keys.size() == 1) {
      Object[] key = key(keys.get(0), params);
      return key == null ? List.of() : List.<Object[]>of(key);
    }
    List<Object[]> out = new ArrayList<>(keys.size());
    Set<List<Object>> seen = new HashSet<>(keys.size() * 2);
    for (List<Pin> tuple : keys) {
      Object[] key = key(tuple, params);
      if (key != null && seen.add(Arrays.asList(key))) {
        out.add(key);
      }
    }
    return out;
  }

  /** One key tuple with its parameters bound, or null when no row can have it. */
  private Object[] key(List<Pin> tuple, List<?> params) {
    Object[] key = new Object[tuple.size()];
    for (int i = 0; i < key.length; i++) {
      Pin pin = tuple.get(i);
      if (!pin.isParameter()) {
        key[i] = pin.value();
        continue;
      }
      if (pin.parameter() >= params.size()) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "no value given for parameter " + (pin.parameter() + 1));
      }
      Object v = coerce(params.get(pin.parameter()), keyTypes[i]);
      if (v == null) {
        return null; // no row can have this key
      }
      key[i] = v;
    }
    return key;
  }

  /**
   * A parameter in the key column's type, or null when no row can have it: integers of a BIGINT
   * or INTEGER column directly (the common case of {@code setLong}/{@code setInt}), anything else
   * through {@link KeyValues#coerce}.
   */
  private static Object coerce(Object v, ColumnType type) {
    Kind kind = type.kind();
    if (kind == Kind.BIGINT) {
      if (v instanceof Long) {
        return v;
      }
      if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return ((Number) v).longValue();
      }
    } else if (kind == Kind.INTEGER && v instanceof Integer) {
      return v;
    }
    return KeyValues.coerce(v, type).orElse(null);
  }

  /** Reads the keys from the store and projects the rows found. */
  @Override
  public QueryResult execute(OnlineStore store, List<?> params) {
    return QueryResult.of(columns, rows(store, params));
  }

  /** The rows found for the keys (projected), as a list. */
  public List<Object[]> rows(OnlineStore store, List<?> params) {
    List<Object[]> keyValues = bind(params);
    List<Object[]> rows = keyValues.isEmpty() ? List.of() : store.read(group, keyValues);
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      if (row == null) {
        continue;
      }
      if (identity) {
        out.add(row);
        continue;
      }
      Object[] r = new Object[projection.length];
      for (int i = 0; i < projection.length; i++) {
        r[i] = row[projection[i]];
      }
      out.add(r);
    }
    return out;
  }

  /** For EXPLAIN: what the lookup reads. */
  @Override
  public List<String> describe() {
    return List.of(describeLookup());
  }

  /** For EXPLAIN: what the lookup reads, on one line. */
  public String describeLookup() {
    StringBuilder b = new StringBuilder();
    b.append("key lookup in feature group ").append(group.displayName()).append(": ")
        .append(keys.size()).append(keys.size() == 1 ? " key" : " keys").append(" on (")
        .append(String.join(", ", group.primaryKey())).append(")");
    if (keys.size() <= 10) {
      b.append(" = ");
      for (int i = 0; i < keys.size(); i++) {
        b.append(i == 0 ? "" : ", ").append('(');
        List<Pin> t = keys.get(i);
        for (int j = 0; j < t.size(); j++) {
          Pin p = t.get(j);
          b.append(j == 0 ? "" : ", ").append(p.isParameter() ? "?" + (p.parameter() + 1) : String.valueOf(p.value()));
        }
        b.append(')');
      }
    }
    List<String> cols = new ArrayList<>();
    for (int i : projection) {
      cols.add(group.columns().get(i).name());
    }
    b.append("; columns ").append(String.join(", ", cols));
    return b.toString();
  }
}
