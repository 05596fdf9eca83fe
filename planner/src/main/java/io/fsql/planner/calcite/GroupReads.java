package io.fsql.planner.calcite;

import io.fsql.planner.offline.OfflinePlan;
import io.fsql.planner.offline.ReadSpec;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;

/**
 * Recognises a query that is nothing but a read of a feature group's snapshot (latest or
 * {@code AS OF} a commit): {@code SELECT *} or a list of its columns, each at most once,
 * {@code FROM g [AS OF ...]}, with what {@link DatasetReads#plainRead} allows. Such a query's rows
 * are exactly the rows of the group's table at that commit, so a store may read them from the
 * table's files itself. {@code LATEST g} (one row per key) and {@code CHANGES} are not plain reads.
 */
public final class GroupReads {
  private GroupReads() {}

  /** A plain snapshot read: the group's scan and the columns kept (indexes into its columns), in order. */
  public record Match(OfflinePlan.GroupScan scan, List<Integer> columns) {}

  /** The plain snapshot read {@code rel} is, if it is one. */
  public static Optional<Match> match(RelNode rel) {
    Optional<TableScan> scan = DatasetReads.scanUnder(rel);
    if (scan.isEmpty()) {
      return Optional.empty();
    }
    FeatureGroupTable table = scan.get().getTable().unwrap(FeatureGroupTable.class);
    if (table == null || table.latest()
        || !(table.spec() instanceof ReadSpec.Latest || table.spec() instanceof ReadSpec.AsOfCommit)) {
      return Optional.empty();
    }
    return DatasetReads.columnsRead(rel, table.group().columns().size())
        .map(columns -> new Match(new OfflinePlan.GroupScan(table.group(), table.spec(), false), columns));
  }
}
