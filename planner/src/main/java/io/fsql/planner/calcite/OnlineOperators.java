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
