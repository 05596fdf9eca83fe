package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.sql.tree.SqlFeatureTableRef;
import java.util.List;
import org.apache.calcite.sql.SqlAsofJoin;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The two ways to read a feature view for training data, as rewrites of its query. The view's
 * spine is the first (leftmost) relation of its outermost FROM, the left side of its
 * point-in-time joins.
 *
 * <ul>
 *   <li>{@code fv FOR SPINE (q)}: the spine is replaced by the rows of {@code q}, keeping its
 *       alias, so the view's columns and joins apply to the given spine;</li>
 *   <li>{@code fv FOR EVENT TIME FROM a TO b}: the spine is restricted to the rows whose time (the
 *       spine side of the first ASOF JOIN's MATCH_CONDITION) is in [a, b).</li>
 * </ul>
 */
final class FeatureViews {
  private FeatureViews() {}

  static SqlNode withSpine(SqlNode viewQuery, SqlNode spine, FeatureView view) {
    Leaf leaf = spineOf(viewQuery, view);
    leaf.replace(SqlStdOperatorTable.AS.createCall(spine.getParserPosition(), spine,
        new SqlIdentifier(leaf.alias, SqlParserPos.ZERO)));
    return viewQuery;
  }

  static SqlNode withEventTimeRange(SqlNode viewQuery, SqlNode from, SqlNode to, FeatureView view) {
    Leaf leaf = spineOf(viewQuery, view);
    if (leaf.asof == null) {
      throw new FsqlException(ErrorCode.INVALID_QUERY, "FOR EVENT TIME needs a feature view whose spine is"
          + " point-in-time joined (ASOF JOIN); " + view.displayName() + " has no ASOF JOIN on its spine");
    }
    String column = spineTimeColumn(leaf);
    SqlParserPos pos = SqlParserPos.ZERO;
    SqlIdentifier c = new SqlIdentifier(column, pos);
    SqlNode where = SqlStdOperatorTable.AND.createCall(pos,
        SqlStdOperatorTable.GREATER_THAN_OR_EQUAL.createCall(pos, c, from),
        SqlStdOperatorTable.LESS_THAN.createCall(pos, c.clone(pos), to));
    SqlSelect restricted = new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)), leaf.table,
        where, null, null, null, null, null, null, null);
    leaf.replace(SqlStdOperatorTable.AS.createCall(pos, restricted, new SqlIdentifier(leaf.alias, pos)));
    return viewQuery;
  }

  /**
   * {@code fv FOR KEYS (k, ...)}: the view's point-in-time joins for a spine of one row per key
   * given, at the current time: the spine's key columns (those its ASOF JOINs join on, in order of
   * appearance) take the key values, its time column CURRENT_TIMESTAMP (CURRENT_DATE for a DATE),
   * every other spine column (labels) NULL. This is the view's online feature vector by definition.
   *
   * @param spineType gives the row type of a relation (the spine's), validated in this statement
   */
  static SqlNode withKeys(SqlNode viewQuery, SqlNodeList keys, FeatureView view,
      java.util.function.Function<SqlNode, org.apache.calcite.rel.type.RelDataType> spineType) {
    Leaf leaf = spineOf(viewQuery, view);
    if (leaf.asof == null) {
      throw new FsqlException(ErrorCode.INVALID_QUERY, "FOR KEYS needs a feature view whose spine is"
          + " point-in-time joined (ASOF JOIN); " + view.displayName() + " has no ASOF JOIN on its spine");
    }
    String time = spineTimeColumn(leaf);
    List<String> keyColumns = new java.util.ArrayList<>();
    for (SqlAsofJoin j : asofJoins(leaf)) {
      collectSpineColumns(j.getCondition(), leaf.alias, keyColumns);
    }
    keyColumns.remove(time);
    if (keyColumns.isEmpty()) {
      throw new FsqlException(ErrorCode.INVALID_QUERY, "cannot tell the key columns of the spine of "
          + view.displayName() + " from its ASOF JOIN conditions");
    }
    org.apache.calcite.rel.type.RelDataType rowType = spineType.apply(new SqlSelect(SqlParserPos.ZERO, null,
        SqlNodeList.of(SqlIdentifier.star(SqlParserPos.ZERO)), DeepCopy.of(leaf.table), null, null, null, null,
        null, null, null, null));
    SqlParserPos pos = keys.getParserPosition();
    List<SqlNode> rows = new java.util.ArrayList<>();
    for (SqlNode key : keys) {
      List<SqlNode> values = key.getKind() == SqlKind.ROW ? ((SqlCall) key).getOperandList() : List.of(key);
      if (values.size() != keyColumns.size()) {
        SqlParserPos p = key.getParserPosition();
        throw new FsqlException(ErrorCode.INVALID_QUERY, "FOR KEYS of feature view " + view.displayName()
            + " takes " + (keyColumns.size() == 1 ? "one value" : "ROW(" + String.join(", ", keyColumns) + ")")
            + " per key (" + String.join(", ", keyColumns) + "), not " + values.size(), p.getLineNum(), p.getColumnNum());
      }
      List<SqlNode> cast = new java.util.ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        org.apache.calcite.rel.type.RelDataTypeField f = rowType.getField(keyColumns.get(i), true, false);
        cast.add(SqlStdOperatorTable.CAST.createCall(pos, values.get(i),
            org.apache.calcite.sql.type.SqlTypeUtil.convertTypeToSpec(f.getType())));
      }
      rows.add(SqlStdOperatorTable.ROW.createCall(pos, cast));
    }
    List<SqlNode> asOperands = new java.util.ArrayList<>();
    asOperands.add(SqlStdOperatorTable.VALUES.createCall(pos, rows));
    asOperands.add(new SqlIdentifier("$keys", pos));
    for (int i = 0; i < keyColumns.size(); i++) {
      asOperands.add(new SqlIdentifier("k" + i, pos));
    }
    SqlNode keyTable = SqlStdOperatorTable.AS.createCall(pos, asOperands);
    List<SqlNode> select = new java.util.ArrayList<>();
    for (org.apache.calcite.rel.type.RelDataTypeField f : rowType.getFieldList()) {
      int k = keyColumns.indexOf(f.getName());
      SqlNode value;
      if (k >= 0) {
        value = new SqlIdentifier(List.of("$keys", "k" + k), pos);
      } else if (f.getName().equals(time)) {
        value = SqlStdOperatorTable.CAST.createCall(pos,
            f.getType().getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.DATE
                ? SqlStdOperatorTable.CURRENT_DATE.createCall(pos)
                : SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(pos),
            org.apache.calcite.sql.type.SqlTypeUtil.convertTypeToSpec(f.getType()));
      } else {
        value = SqlStdOperatorTable.CAST.createCall(pos, org.apache.calcite.sql.SqlLiteral.createNull(pos),
            org.apache.calcite.sql.type.SqlTypeUtil.convertTypeToSpec(f.getType()));
      }
      select.add(SqlStdOperatorTable.AS.createCall(pos, value, new SqlIdentifier(f.getName(), pos)));
    }
    SqlSelect spine = new SqlSelect(pos, null, new SqlNodeList(select, pos), keyTable, null, null, null, null,
        null, null, null, null);
    leaf.replace(SqlStdOperatorTable.AS.createCall(pos, spine, new SqlIdentifier(leaf.alias, pos)));
    return viewQuery;
  }

  private static List<SqlAsofJoin> asofJoins(Leaf leaf) {
    List<SqlAsofJoin> joins = new java.util.ArrayList<>();
    SqlNode from = leaf.select.getFrom();
    while (from instanceof SqlJoin join) {
      if (join instanceof SqlAsofJoin a) {
        joins.add(0, a);
      }
      from = join.getLeft();
    }
    return joins;
  }

  private static void collectSpineColumns(SqlNode node, String alias, List<String> out) {
    if (node instanceof SqlIdentifier id) {
      if (id.names.size() == 2 && id.names.get(0).equals(alias) && !out.contains(id.names.get(1))) {
        out.add(id.names.get(1));
      }
    } else if (node instanceof SqlCall call) {
      for (SqlNode o : call.getOperandList()) {
        if (o != null) {
          collectSpineColumns(o, alias, out);
        }
      }
    }
  }

  /** The spine relation of a view's query and how to replace it. */
  private static final class Leaf {
    SqlNode table;
    String alias;
    SqlCall parent;
    int index;
    SqlSelect select;
    SqlAsofJoin asof;

    void replace(SqlNode node) {
      if (parent != null) {
        parent.setOperand(index, node);
      } else {
        select.setFrom(node);
      }
    }
  }

  private static Leaf spineOf(SqlNode query, FeatureView view) {
    SqlNode q = query;
    while (true) {
      if (q instanceof SqlOrderBy o) {
        q = o.query;
      } else if (q instanceof SqlWith w) {
        q = w.body;
      } else {
        break;
      }
    }
    if (!(q instanceof SqlSelect select) || select.getFrom() == null) {
      throw new FsqlException(ErrorCode.INVALID_QUERY,
          "feature view " + view.displayName() + " has no FROM clause whose spine could be replaced");
    }
    Leaf leaf = new Leaf();
    leaf.select = select;
    SqlNode from = select.getFrom();
    SqlCall parent = null;
    while (from instanceof SqlJoin join) {
      if (join instanceof SqlAsofJoin a) {
        leaf.asof = a;
      }
      parent = join;
      from = join.getLeft();
    }
    leaf.parent = parent;
    leaf.index = 0;
    if (from.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) from;
      leaf.table = as.operand(0);
      leaf.alias = ((SqlIdentifier) as.operand(1)).getSimple();
    } else {
      leaf.table = from;
      leaf.alias = defaultAlias(from, view);
    }
    return leaf;
  }

  private static String defaultAlias(SqlNode table, FeatureView view) {
    if (table instanceof SqlIdentifier id) {
      return id.names.get(id.names.size() - 1);
    }
    if (table instanceof SqlFeatureTableRef ref) {
      List<String> names = ref.name().names;
      return names.get(names.size() - 1);
    }
    throw new FsqlException(ErrorCode.INVALID_QUERY,
        "the spine of feature view " + view.displayName() + " needs an alias to be replaced");
  }

  private static String spineTimeColumn(Leaf leaf) {
    SqlNode match = leaf.asof.getMatchCondition();
    if (match instanceof SqlBasicCall call) {
      for (SqlNode operand : call.getOperandList()) {
        if (operand instanceof SqlIdentifier id && id.names.size() == 2 && id.names.get(0).equals(leaf.alias)) {
          return id.names.get(1);
        }
      }
    }
    throw new FsqlException(ErrorCode.INVALID_QUERY,
        "cannot tell the spine's time column from MATCH_CONDITION " + match
            + "; write it as " + leaf.alias + ".<time column> >= <feature alias>.<event time>");
  }
}
