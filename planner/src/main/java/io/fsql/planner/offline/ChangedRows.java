package io.fsql.planner.offline;

import java.util.List;

/**
 * The rows of an incremental read ({@code CHANGES SINCE ... [UNTIL ...]}) of a feature group that
 * the store reads itself from the files the commits in the range wrote, without its query engine:
 * found first (commit metadata only, no data read), read on {@link #read()}.
 */
public interface ChangedRows {
  /** The rows the files to read hold (at least the changed rows: a file also holds rows other commits wrote). */
  long fileRows();

  /**
   * The changed rows, exactly those the store's engine reads for the same spec: the group's
   * columns in order, then the commit time ({@link OfflinePlan#COMMIT_COLUMN}), as the Java values
   * of their types (see {@link io.fsql.planner.exec.QueryResult}); empty when the files turn out
   * not readable that way (a type the store's reader does not carry): the engine reads them then.
   * Only the group's columns in {@code columns} (indexes) are read; the others are NULL in every row.
   */
  java.util.Optional<List<Object[]>> read(java.util.BitSet columns);
}
