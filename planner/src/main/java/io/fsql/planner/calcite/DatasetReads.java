package io.fsql.planner.calcite;

import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.sql.tree.SqlFeatureTableRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;

/**
 * Recognises a query that is nothing but a read of a training dataset's files: {@code SELECT *}
 * or a list of its columns (each at most once, aliases allowed) {@code FROM td [VERSION n] [SPLIT s]},
 * without WHERE, expressions, DISTINCT, GROUP BY, ORDER BY, LIMIT or joins. Such a query's rows
 * are exactly the files' rows, so a server can send the files instead of running it.
 */
public final class DatasetReads {
  private DatasetReads() {}

  /** A plain read: the dataset, the split read (null: all), its files' scan and the columns kept, in order. */
  public record Match(TrainingDataset dataset, String split, OfflinePlan.DatasetScan scan, List<Integer> columns) {}

  /** A cheap syntactic test, before planning: could {@code query} be a plain read of one table? */
  public static boolean plainRead(SqlNode query) {
    if (!(query instanceof SqlSelect select)) {
      return false;
    }
    if (select.getWhere() != null || select.getGroup() != null || select.getHaving() != null
        || select.getQualify() != null || select.isDistinct()
        || (select.getOrderList() != null && select.getOrderList().size() > 0)
        || select.getFetch() != null || select.getOffset() != null
        || (select.getWindowList() != null && select.getWindowList().size() > 0)) {
      return false;
    }
    SqlNode from = select.getFrom();
    if (from != null && from.getKind() == SqlKind.AS) {
      from = ((SqlCall) from).operand(0);
    }
    if (!(from instanceof SqlIdentifier) && !(from instanceof SqlFeatureTableRef)) {
      return false;
    }
    for (SqlNode item : select.getSelectList()) {
      SqlNode column = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
      if (!(column instanceof SqlIdentifier)) {
        return false;
      }
    }
    return true;
  }

  /** The plain read {@code rel} is, if it is one. */
  public static Optional<Match> match(RelNode rel) {
    Optional<TableScan> scan = scanUnder(rel);
    if (scan.isEmpty()) {
      return Optional.empty();
    }
    DatasetTable table = scan.get().getTable().unwrap(DatasetTable.class);
    if (table == null) {
      return Optional.empty();
    }
    return columnsRead(rel, table.dataset().columns().size())
        .map(columns -> new Match(table.dataset(), table.split(), table.scan(), columns));
  }

  /** The table scan {@code rel} is, or reads under a projection of plain columns. */
  static Optional<TableScan> scanUnder(RelNode rel) {
    RelNode input = rel instanceof Project project ? project.getInput() : rel;
    if (!(input instanceof TableScan scan) || scan.getTable() == null) {
      return Optional.empty();
    }
    return Optional.of(scan);
  }

  /**
   * The columns of its scan (of {@code width} columns) that {@code rel} keeps, in order: all of
   * them for the scan itself; a projection's when it is plain columns, each at most once; empty otherwise.
   */
  static Optional<List<Integer>> columnsRead(RelNode rel, int width) {
    List<Integer> columns = new ArrayList<>();
    if (rel instanceof Project project) {
      for (RexNode e : project.getProjects()) {
        if (!(e instanceof RexInputRef ref)) {
          return Optional.empty();
        }
        columns.add(ref.getIndex());
      }
    } else {
      for (int i = 0; i < width; i++) {
        columns.add(i);
      }
    }
    Set<Integer> distinct = new HashSet<>(columns);
    if (distinct.size() != columns.size() || columns.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(columns));
  }
}
