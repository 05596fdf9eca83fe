package io.fsql.planner.engine;

import io.fsql.sql.tree.SqlFeatureTableRef;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * Finds the feature-vector read {@code fv FOR KEYS (...)} in the FROM clause of a query (through
 * joins, aliases and ORDER BY), for served-vector logging.
 */
final class ViewLookups {
  private ViewLookups() {}

  /** The first {@code FOR KEYS} table reference of the query's outermost FROM, if any. */
  static Optional<SqlFeatureTableRef> find(SqlNode query) {
    if (query instanceof SqlOrderBy o) {
      return find(o.query);
    }
    if (query instanceof SqlSelect s) {
      return inFrom(s.getFrom());
    }
    return Optional.empty();
  }

  private static Optional<SqlFeatureTableRef> inFrom(SqlNode from) {
    if (from instanceof SqlFeatureTableRef ref) {
      return ref.keys().isPresent() ? Optional.of(ref) : Optional.empty();
    }
    if (from instanceof SqlJoin j) {
      Optional<SqlFeatureTableRef> left = inFrom(j.getLeft());
      return left.isPresent() ? left : inFrom(j.getRight());
    }
    if (from instanceof SqlBasicCall c && c.getKind() == SqlKind.AS) {
      return inFrom(c.operand(0));
    }
    return Optional.empty();
  }

  /** The keys asked for, as text ({@code 1, 2}; a row key as {@code (1, 'x')}), parameters bound. */
  static String keysText(SqlFeatureTableRef ref, List<?> params) {
    StringJoiner keys = new StringJoiner(", ");
    for (SqlNode k : ref.keys().orElseThrow()) {
      keys.add(text(k, params));
    }
    return keys.toString();
  }

  private static String text(SqlNode n, List<?> params) {
    if (n instanceof SqlDynamicParam p) {
      Object v = p.getIndex() < params.size() ? params.get(p.getIndex()) : null;
      return String.valueOf(v);
    }
    if (n instanceof SqlLiteral l) {
      Object v = l.getValue();
      return v instanceof org.apache.calcite.util.NlsString s ? s.getValue() : String.valueOf(l.toValue());
    }
    if (n instanceof SqlCall c && c.getKind() == SqlKind.ROW) {
      StringJoiner row = new StringJoiner(", ", "(", ")");
      for (SqlNode o : c.getOperandList()) {
        row.add(text(o, params));
      }
      return row.toString();
    }
    return n.toString();
  }
}
