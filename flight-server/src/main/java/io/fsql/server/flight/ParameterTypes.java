package io.fsql.server.flight;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.Explain;
import io.fsql.sql.tree.Insert;
import io.fsql.sql.tree.QueryStatement;
import io.fsql.sql.tree.SqlFeatureTableRef;
import io.fsql.sql.tree.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The types of a statement's {@code ?} parameters, for the parameter schema of a prepared
 * statement (clients bind values by it). Inferred from where each parameter stands: compared
 * with or assigned to a feature group column, a literal, a CAST, LIMIT/OFFSET, AS OF. A parameter
 * with no such context is VARCHAR. Any value a client sends is accepted whatever the declared type.
 */
final class ParameterTypes {
  private static final ColumnType DEFAULT = ColumnType.of(DataType.Kind.VARCHAR);
  private final Map<String, Optional<ColumnType>> columnTypes = new HashMap<>();
  private final Map<Integer, ColumnType> found = new HashMap<>();
  private final Map<Integer, String> commitGroups = new HashMap<>();

  /** The parameters' types, and for each {@code AS OF COMMIT ?} parameter the group it names. */
  record Inferred(List<ColumnType> types, Map<Integer, String> commitGroups) {}

  private ParameterTypes(List<FeatureGroup> groups) {
    for (FeatureGroup g : groups) {
      for (Column c : g.columns()) {
        columnTypes.merge(c.name().toLowerCase(Locale.ROOT), Optional.of(c.type()),
            (a, b) -> a.isPresent() && b.isPresent() && a.get().kind() == b.get().kind() ? a : Optional.empty());
      }
    }
  }

  /** One type per parameter, in order; empty when the statement has none. */
  static List<ColumnType> infer(Statement statement, List<FeatureGroup> groups) {
    return inferAll(statement, groups).types();
  }

  static Inferred inferAll(Statement statement, List<FeatureGroup> groups) {
    ParameterTypes t = new ParameterTypes(groups);
    int count = t.visit(statement, groups);
    List<ColumnType> types = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      types.add(t.found.getOrDefault(i, DEFAULT));
    }
    return new Inferred(types, t.commitGroups);
  }

  private int visit(Statement statement, List<FeatureGroup> groups) {
    if (statement instanceof Explain e) {
      return visit(e.statement(), groups);
    }
    SqlNode node;
    if (statement instanceof QueryStatement q) {
      node = q.query();
    } else if (statement instanceof Insert insert) {
      node = insert.query();
      insertTargets(insert, groups);
    } else {
      return 0;
    }
    int[] max = {0};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlDynamicParam param) {
        max[0] = Math.max(max[0], param.getIndex() + 1);
        return null;
      }

      @Override
      public Void visit(SqlCall call) {
        context(call);
        return super.visit(call);
      }

      @Override
      public Void visit(SqlNodeList list) {
        for (SqlNode n : list) {
          if (n != null) {
            n.accept(this);
          }
        }
        return null;
      }
    });
    return max[0];
  }

  private void insertTargets(Insert insert, List<FeatureGroup> groups) {
    FeatureGroup target = null;
    for (FeatureGroup g : groups) {
      if (g.name().equalsIgnoreCase(insert.target().name())
          && (insert.target().version().isEmpty() || insert.target().version().getAsInt() == g.version())) {
        target = g;
      }
    }
    if (target == null) {
      return;
    }
    List<ColumnType> types = new ArrayList<>();
    if (insert.columns().isEmpty()) {
      target.columns().forEach(c -> types.add(c.type()));
    } else {
      for (String name : insert.columns()) {
        types.add(target.column(name).map(Column::type).orElse(null));
      }
    }
    SqlNode q = insert.query();
    if (q instanceof SqlOrderBy o) {
      q = o.query;
    }
    if (q instanceof SqlCall values && values.getKind() == SqlKind.VALUES) {
      for (SqlNode row : values.getOperandList()) {
        if (row instanceof SqlCall r) {
          assignPositional(r.getOperandList(), types);
        }
      }
    } else if (q instanceof SqlSelect s) {
      assignPositional(s.getSelectList().getList(), types);
    }
  }

  private void assignPositional(List<SqlNode> items, List<ColumnType> types) {
    for (int i = 0; i < items.size() && i < types.size(); i++) {
      if (items.get(i) instanceof SqlDynamicParam p && types.get(i) != null) {
        found.putIfAbsent(p.getIndex(), types.get(i));
      }
    }
  }

  private void context(SqlCall call) {
    if (call instanceof SqlFeatureTableRef ref) {
      List<SqlNode> ops = ref.getOperandList();
      for (int[] kv : new int[][] {{2, 3}, {4, 5}, {6, 7}}) {
        if (ops.get(kv[1]) instanceof SqlDynamicParam p) {
          boolean commit = ops.get(kv[0]) instanceof SqlLiteral l && "COMMIT".equalsIgnoreCase(String.valueOf(l.getValue()));
          found.putIfAbsent(p.getIndex(), commit ? DEFAULT : ColumnType.of(DataType.Kind.TIMESTAMP));
          if (commit && ops.get(0) instanceof SqlIdentifier name) {
            commitGroups.put(p.getIndex(), name.names.get(name.names.size() - 1));
          }
        }
      }
      for (int i : new int[] {9, 10}) {
        if (ops.get(i) instanceof SqlDynamicParam p) {
          found.putIfAbsent(p.getIndex(), ColumnType.of(DataType.Kind.TIMESTAMP));
        }
      }
      return;
    }
    if (call instanceof SqlSelect s) {
      limit(s.getFetch());
      limit(s.getOffset());
      return;
    }
    if (call instanceof SqlOrderBy o) {
      limit(o.fetch);
      limit(o.offset);
      return;
    }
    if (call.getKind() == SqlKind.CAST && call.operandCount() == 2
        && call.operand(0) instanceof SqlDynamicParam p && call.operand(1) instanceof SqlDataTypeSpec spec) {
      ColumnType t = castType(spec);
      if (t != null) {
        found.putIfAbsent(p.getIndex(), t);
      }
      return;
    }
    List<SqlNode> operands = new ArrayList<>();
    for (SqlNode n : call.getOperandList()) {
      if (n instanceof SqlNodeList list) {
        list.forEach(operands::add);
      } else {
        operands.add(n);
      }
    }
    ColumnType sibling = null;
    for (SqlNode n : operands) {
      ColumnType t = typeOf(n);
      if (t != null) {
        sibling = t;
        break;
      }
    }
    if (sibling == null || !SqlKind.BINARY_COMPARISON.contains(call.getKind())
        && !SqlKind.BINARY_ARITHMETIC.contains(call.getKind())
        && call.getKind() != SqlKind.BETWEEN && call.getKind() != SqlKind.IN
        && call.getKind() != SqlKind.NOT_IN && call.getKind() != SqlKind.COALESCE
        && call.getKind() != SqlKind.LIKE) {
      return;
    }
    for (SqlNode n : operands) {
      if (n instanceof SqlDynamicParam p) {
        found.putIfAbsent(p.getIndex(), sibling);
      }
    }
  }

  private void limit(SqlNode n) {
    if (n instanceof SqlDynamicParam p) {
      found.putIfAbsent(p.getIndex(), ColumnType.of(DataType.Kind.BIGINT));
    }
  }

  private ColumnType typeOf(SqlNode n) {
    if (n instanceof SqlIdentifier id) {
      String last = id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
      Optional<ColumnType> t = columnTypes.get(last);
      return t == null ? null : t.orElse(null);
    }
    if (n instanceof SqlLiteral l) {
      switch (l.getTypeName()) {
        case CHAR:
        case VARCHAR:
          return DEFAULT;
        case BOOLEAN:
          return ColumnType.of(DataType.Kind.BOOLEAN);
        case DECIMAL:
        case INTEGER:
        case BIGINT:
          return l.getValue() instanceof java.math.BigDecimal d && d.scale() > 0
              ? ColumnType.of(DataType.Kind.DOUBLE) : ColumnType.of(DataType.Kind.BIGINT);
        case DOUBLE:
        case REAL:
        case FLOAT:
          return ColumnType.of(DataType.Kind.DOUBLE);
        case DATE:
          return ColumnType.of(DataType.Kind.DATE);
        case TIMESTAMP:
          return ColumnType.of(DataType.Kind.TIMESTAMP);
        default:
          return null;
      }
    }
    if (n instanceof SqlCall c && c.getKind() == SqlKind.CAST && c.operandCount() == 2
        && c.operand(1) instanceof SqlDataTypeSpec spec) {
      return castType(spec);
    }
    return null;
  }

  private static ColumnType castType(SqlDataTypeSpec spec) {
    if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) {
      return null;
    }
    SqlTypeName name = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
    if (name == null) {
      return null;
    }
    switch (name) {
      case BOOLEAN:
        return ColumnType.of(DataType.Kind.BOOLEAN);
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return ColumnType.of(DataType.Kind.INTEGER);
      case BIGINT:
        return ColumnType.of(DataType.Kind.BIGINT);
      case REAL:
      case FLOAT:
        return ColumnType.of(DataType.Kind.REAL);
      case DOUBLE:
        return ColumnType.of(DataType.Kind.DOUBLE);
      case DECIMAL:
        int p = basic.getPrecision() > 0 ? basic.getPrecision() : 19;
        int s = Math.max(0, basic.getScale());
        return ColumnType.decimal(p, s);
      case DATE:
        return ColumnType.of(DataType.Kind.DATE);
      case TIMESTAMP:
        return ColumnType.of(DataType.Kind.TIMESTAMP);
      default:
        return DEFAULT;
    }
  }
}
