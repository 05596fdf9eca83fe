package io.fsql.planner.calcite;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.online.OnlineLookup;
import io.fsql.planner.online.OnlinePlan;
import io.fsql.planner.online.OnlineStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * The steps of an online plan over the rows that key lookups found, run in Java: projections,
 * filters, inner and left joins (nested loops: lookups return a handful of rows), ORDER BY and
 * LIMIT/OFFSET.
 */
final class OnlineOperators {
  private OnlineOperators() {}

  /** One step: its rows, the groups under it, and a description for EXPLAIN. */
  interface Op {
    List<Object[]> run(OnlineStore store, List<?> params);

    void groups(List<FeatureGroup> out);

    void describe(String indent, List<String> out);
  }

  record Lookup(OnlineLookup lookup) implements Op {
    @Override
    public List<Object[]> run(OnlineStore store, List<?> params) {
      return lookup.rows(store, params);
    }

    @Override
    public void groups(List<FeatureGroup> out) {
      out.add(lookup.group());
    }

    @Override
    public void describe(String indent, List<String> out) {
      out.add(indent + lookup.describeLookup());
    }
  }

  record Project(Op input, List<RowExpressions.Expr> exprs, String text) implements Op {
    @Override
    public List<Object[]> run(OnlineStore store, List<?> params) {
      List<Object[]> in = input.run(store, params);
      List<Object[]> out = new ArrayList<>(in.size());
      for (Object[] row : in) {
        Object[] r = new Object[exprs.size()];
        for (int i = 0; i < r.length; i++) {
          r[i] = exprs.get(i).eval(row, params);
        }
        out.add(r);
      }
      return out;
    }

    @Override
    public void groups(List<FeatureGroup> out) {
      input.groups(out);
    }

    @Override
    public void describe(String indent, List<String> out) {
      out.add(indent + "project " + text);
      input.describe(indent + "  ", out);
    }
  }

  record Filter(Op input, RowExpressions.Expr condition, String text) implements Op {
    @Override
    public List<Object[]> run(OnlineStore store, List<?> params) {
      List<Object[]> out = new ArrayList<>();
      for (Object[] row : input.run(store, params)) {
        if (Boolean.TRUE.equals(condition.eval(row, params))) {
          out.add(row);
        }
      }
      return out;
    }

    @Override
    public void groups(List<FeatureGroup> out) {
      input.groups(out);
    }

    @Override
    public void describe(String indent, List<String> out) {
      out.add(indent + "filter " + text);
      input.describe(indent + "  ", out);
    }
  }

  record Join(Op left, Op right, int rightWidth, JoinRelType type, RowExpressions.Expr condition, String text)
      implements Op {
    @Override
    public List<Object[]> run(OnlineStore store, List<?> params) {
      List<Object[]> l = left.run(store, params);
      List<Object[]> r = l.isEmpty() ? List.of() : right.run(store, params);
      List<Object[]> out = new ArrayList<>();
      for (Object[] a : l) {
        boolean matched = false;
        for (Object[] b : r) {
          Object[] row = concat(a, b, b.length);
          if (Boolean.TRUE.equals(condition.eval(row, params))) {
            out.add(row);
            matched = true;
          }
        }
        if (!matched && type == JoinRelType.LEFT) {
          out.add(concat(a, new Object[rightWidth], rightWidth));
        }
      }
      return out;
    }

    private static Object[] concat(Object[] a, Object[] b, int width) {
      Object[] row = new Object[a.length + width];
      System.arraycopy(a, 0, row, 0, a.length);
      System.arraycopy(b, 0, row, a.length, width);
      return row;
    }

    @Override
    public void groups(List<FeatureGroup> out) {
      left.groups(out);
      right.groups(out);
    }

    @Override
    public void describe(String indent, List<String> out) {
      out.add(indent + type.name().toLowerCase(java.util.Locale.ROOT) + " join on " + text);
      left.describe(indent + "  ", out);
      right.describe(indent + "  ", out);
    }
  }

  record Sort(Op input, List<RelFieldCollation> collations, long offset, long fetch) implements Op {
    @Override
    public List<Object[]> run(OnlineStore store, List<?> params) {
      List<Object[]> rows = new ArrayList<>(input.run(store, params));
      if (!collations.isEmpty()) {
        rows.sort(comparator());
      }
      int from = (int) Math.min(rows.size(), offset);
      int to = fetch < 0 ? rows.size() : (int) Math.min(rows.size(), from + fetch);
      return new ArrayList<>(rows.subList(from, to));
    }

    private Comparator<Object[]> comparator() {
      return (a, b) -> {
        for (RelFieldCollation c : collations) {
          Object x = a[c.getFieldIndex()];
          Object y = b[c.getFieldIndex()];
          boolean desc = c.getDirection().isDescending();
          int cmp;
          if (x == null || y == null) {
            if (x == y) {
              continue;
            }
            // NULLS FIRST/LAST as planned (Calcite fills in the default)
            RelFieldCollation.NullDirection nulls = c.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                ? c.getDirection().defaultNullDirection() : c.nullDirection;
            boolean nullsFirst = nulls == RelFieldCollation.NullDirection.FIRST;
            cmp = x == null ? (nullsFirst ? -1 : 1) : (nullsFirst ? 1 : -1);
            return cmp;
          }
          cmp = RowExpressions.compare(x, y);
          if (cmp != 0) {
            return desc ? -cmp : cmp;
          }
        }
        return 0;
      };
    }

    @Override
    public void groups(List<FeatureGroup> out) {
      input.groups(out);
    }

    @Override
    public void describe(String indent, List<String> out) {
      out.add(indent + "sort " + collations + (offset > 0 ? " offset " + offset : "") + (fetch >= 0 ? " fetch " + fetch : ""));
      input.describe(indent + "  ", out);
    }
  }

  record Values(List<Object[]> rows) implements Op {
    @Override
    public List<Object[]> run(OnlineStore store, List<?> params) {
      return rows;
    }

    @Override
    public void groups(List<FeatureGroup> out) {}

    @Override
    public void describe(String indent, List<String> out) {
      out.add(indent + "values (" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }
  }

  record Union(List<Op> inputs) implements Op {
    @Override
    public List<Object[]> run(OnlineStore store, List<?> params) {
      List<Object[]> out = new ArrayList<>();
      for (Op in : inputs) {
        out.addAll(in.run(store, params));
      }
      return out;
    }

    @Override
    public void groups(List<FeatureGroup> out) {
      inputs.forEach(i -> i.groups(out));
    }

    @Override
    public void describe(String indent, List<String> out) {
      out.add(indent + "union all");
      inputs.forEach(i -> i.describe(indent + "  ", out));
    }
  }

  /**
   * A backward point-in-time join of a spine with an online group: the stored latest row of the
   * spine key matches when its event time e is at or before the spine time t (before, when strict)
   * and within the max staleness. When e is after t the stored row cannot tell which older row
   * the join would take: the query runs offline instead ({@link io.fsql.planner.online.OnlineFallback}).
   */
  record PitLookup(Op spine, FeatureGroup group, int[] mapping, int[] spineKeys, int[] keyColumns,
      int spineTime, int eventTimeColumn, boolean strict, Long maxStalenessMicros, boolean keepUnmatched,
      String text) implements Op {
    @Override
    public List<Object[]> run(OnlineStore store, List<?> params) {
      List<Object[]> left = spine.run(store, params);
      List<io.fsql.planner.catalog.Column> pk = group.primaryKey().stream()
          .map(c -> group.column(c).orElseThrow()).toList();
      java.util.Map<List<Object>, Integer> index = new java.util.LinkedHashMap<>();
      List<List<Object>> rowKeys = new ArrayList<>(left.size());
      for (Object[] row : left) {
        Object[] key = new Object[pk.size()];
        boolean ok = true;
        for (int i = 0; i < spineKeys.length && ok; i++) {
          java.util.Optional<Object> v = io.fsql.planner.online.KeyValues.coerce(row[spineKeys[i]], pk.get(keyColumns[i]).type());
          ok = v.isPresent();
          key[keyColumns[i]] = v.orElse(null);
        }
        List<Object> k = ok ? java.util.Arrays.asList(key) : null;
        rowKeys.add(k);
        if (k != null) {
          index.putIfAbsent(k, index.size());
        }
      }
      List<Object[]> keys = new ArrayList<>();
      index.keySet().forEach(k -> keys.add(k.toArray()));
      List<Object[]> stored = keys.isEmpty() ? List.of() : store.read(group, keys);
      List<Object[]> out = new ArrayList<>(left.size());
      for (int i = 0; i < left.size(); i++) {
        Object[] l = left.get(i);
        List<Object> k = rowKeys.get(i);
        Object[] r = k == null ? null : stored.get(index.get(k));
        Object t = l[spineTime];
        boolean match = false;
        if (r != null && t != null) {
          Object e = r[eventTimeColumn];
          int cmp = RowExpressions.compare(e, t);
          if (cmp > 0 || cmp == 0 && strict) {
            throw new io.fsql.planner.online.OnlineFallback("the latest row of " + group.displayName()
                + " for a key is newer than the spine time");
          }
          match = maxStalenessMicros == null || micros(e, t) <= maxStalenessMicros;
        }
        if (match) {
          Object[] row = new Object[l.length + mapping.length];
          System.arraycopy(l, 0, row, 0, l.length);
          for (int j = 0; j < mapping.length; j++) {
            row[l.length + j] = r[mapping[j]];
          }
          out.add(row);
        } else if (keepUnmatched) {
          Object[] row = new Object[l.length + mapping.length];
          System.arraycopy(l, 0, row, 0, l.length);
          out.add(row);
        }
      }
      return out;
    }

    private static long micros(Object e, Object t) {
      if (e instanceof java.time.LocalDate a && t instanceof java.time.LocalDate b) {
        return java.time.temporal.ChronoUnit.DAYS.between(a, b) * 86_400_000_000L;
      }
      return java.time.temporal.ChronoUnit.MICROS.between((java.time.LocalDateTime) e, (java.time.LocalDateTime) t);
    }

    @Override
    public void groups(List<FeatureGroup> out) {
      spine.groups(out);
      out.add(group);
    }

    @Override
    public void describe(String indent, List<String> out) {
      out.add(indent + (keepUnmatched ? "left " : "") + "point-in-time join with the latest rows of feature group "
          + group.displayName() + " (" + text + "; runs offline if a stored row is newer than its spine time)");
      spine.describe(indent + "  ", out);
    }
  }

  /** A plan of steps. */
  record Plan(Op root, List<ResultColumn> columns) implements OnlinePlan {
    @Override
    public List<FeatureGroup> groups() {
      List<FeatureGroup> out = new ArrayList<>();
      root.groups(out);
      return out;
    }

    @Override
    public QueryResult execute(OnlineStore store, List<?> params) {
      return QueryResult.of(columns, root.run(store, params));
    }

    @Override
    public List<String> describe() {
      List<String> out = new ArrayList<>();
      root.describe("", out);
      return out;
    }
  }
}
