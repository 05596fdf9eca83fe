package io.fsql.planner.calcite;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlShuttle;

/** A copy of a SQL tree that shares no mutable node with the original (validation mutates trees). */
final class DeepCopy extends SqlShuttle {
  private DeepCopy() {}

  static SqlNode of(SqlNode node) {
    return node == null ? null : node.accept(new DeepCopy());
  }

  @Override
  public SqlNode visit(SqlCall call) {
    CallCopyingArgHandler handler = new CallCopyingArgHandler(call, true);
    call.getOperator().acceptCall(this, call, false, handler);
    return handler.result();
  }

  @Override
  public SqlNode visit(SqlIdentifier id) {
    return id.clone(id.getParserPosition());
  }

  @Override
  public SqlNode visit(SqlNodeList list) {
    SqlNodeList copy = new SqlNodeList(list.getParserPosition());
    for (SqlNode n : list) {
      copy.add(n == null ? null : n.accept(this));
    }
    return copy;
  }
}
