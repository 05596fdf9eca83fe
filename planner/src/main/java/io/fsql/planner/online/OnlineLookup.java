package io.fsql.planner.online;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A query answered by key lookups in the online store: {@code SELECT cols FROM LATEST g WHERE}
 * every primary-key column is pinned ({@code =}, {@code IN}, ORs of those) to literals or {@code ?}
 * parameters. Built once per plan; {@link #execute} binds the parameters and reads the store.
 *
 * @param keys the key tuples, each value a {@link Pin}: a constant or a parameter
 * @param projection for each result column, the index of the group column it shows
 */
public record OnlineLookup(FeatureGroup group, List<List<Pin>> keys, int[] projection,
    List<ResultColumn> columns) implements OnlinePlan {

  @Override
  public List<FeatureGroup> groups() {
    return List.of(group);
  }

  /** The rows found for the keys (group columns, projected), as a list. */
  public List<Object[]> rows(OnlineStore store, List<?> params) {
    List<Object[]> keyValues = bind(params);
    List<Object[]> rows = keyValues.isEmpty() ? List.of() : store.read(group, keyValues);
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      if (row == null) {
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

  /** The distinct keys to read once the parameters are bound. */
  public List<Object[]> bind(List<?> params) {
    List<Column> pk = group.primaryKey().stream().map(c -> group.column(c).orElseThrow()).toList();
    Set<List<Object>> distinct = new LinkedHashSet<>();
    next:
    for (List<Pin> tuple : keys) {
      List<Object> key = new ArrayList<>(tuple.size());
      for (int i = 0; i < tuple.size(); i++) {
        Pin pin = tuple.get(i);
        if (!pin.isParameter()) {
          key.add(pin.value());
          continue;
        }
        if (pin.parameter() >= params.size()) {
          throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
              "no value given for parameter " + (pin.parameter() + 1));
        }
        Optional<Object> v = KeyValues.coerce(params.get(pin.parameter()), pk.get(i).type());
        if (v.isEmpty()) {
          continue next; // no row can have this key
        }
        key.add(v.get());
      }
      distinct.add(key);
    }
    List<Object[]> out = new ArrayList<>(distinct.size());
    for (List<Object> k : distinct) {
      out.add(k.toArray());
    }
    return out;
  }

  /** Reads the keys from the store and projects the rows found. */
  @Override
  public QueryResult execute(OnlineStore store, List<?> params) {
    return QueryResult.of(columns, rows(store, params));
  }

  @Override
  public List<String> describe() {
    return List.of(describeLookup());
  }

  /** For EXPLAIN: what the lookup reads. */
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
