package io.fsql.planner.offline;

import java.time.Instant;
import java.util.Optional;

/** Which state of a feature group's offline table a scan reads. */
public sealed interface ReadSpec {

  /** The latest committed snapshot. */
  record Latest() implements ReadSpec {}

  /** The table before its first commit: no rows. */
  record Empty() implements ReadSpec {}

  /** The table exactly as it was after the named commit. */
  record AsOfCommit(String commitId) implements ReadSpec {}

  /** The table exactly as committed at wall-clock time {@code time} (commit completion time). */
  record AsOfTime(Instant time) implements ReadSpec {}

  /** The rows changed by the commits after {@code since} up to and including {@code until}. */
  record Changes(Bound since, Optional<Bound> until) implements ReadSpec {}

  /** A commit id or a wall-clock time, bounding an incremental read. */
  record Bound(Optional<String> commitId, Optional<Instant> time) {
    public static Bound commit(String id) {
      return new Bound(Optional.of(id), Optional.empty());
    }

    public static Bound time(Instant t) {
      return new Bound(Optional.empty(), Optional.of(t));
    }

    @Override
    public String toString() {
      return commitId.map(c -> "COMMIT '" + c + "'").orElseGet(() -> "TIMESTAMP '" + time.get() + "'");
    }
  }

  ReadSpec LATEST = new Latest();
  ReadSpec EMPTY = new Empty();
}
