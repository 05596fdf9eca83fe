package io.fsql.planner.offline;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureGroup;
import java.time.Instant;
import java.util.Optional;

/**
 * Resolves what a time-travel or incremental reference means against a group's retained history:
 * AS OF is commit time (a commit's completion), never event time.
 *
 * <ul>
 *   <li>{@code AS OF COMMIT c}: the table right after commit c; c must be a retained commit.</li>
 *   <li>{@code AS OF TIMESTAMP t}: the table after the last commit that completed at or before t;
 *       before the first commit the table has no rows; before the retained history it is an
 *       error.</li>
 *   <li>{@code CHANGES SINCE a [UNTIL b]}: the rows written by commits completing in (a, b],
 *       where a commit bound stands for its completion time.</li>
 * </ul>
 */
public final class HistoryResolver {
  private HistoryResolver() {}

  /** The spec with every bound checked and turned into a retained commit or a completion time. */
  public static ReadSpec resolve(FeatureGroup group, ReadSpec spec, History history) {
    if (spec instanceof ReadSpec.Latest || spec instanceof ReadSpec.Empty) {
      return spec;
    }
    if (spec instanceof ReadSpec.AsOfCommit c) {
      return new ReadSpec.AsOfCommit(commit(group, c.commitId(), history).id());
    }
    if (spec instanceof ReadSpec.AsOfTime t) {
      CommitInfo last = lastCompletedBy(history, t.time());
      if (last == null) {
        if (history.dropped()) {
          throw tooOld(group, "TIMESTAMP '" + t.time() + "'", history);
        }
        return ReadSpec.EMPTY;
      }
      return new ReadSpec.AsOfCommit(last.id());
    }
    ReadSpec.Changes ch = (ReadSpec.Changes) spec;
    Instant since = bound(group, ch.since(), history, true);
    Optional<ReadSpec.Bound> until = ch.until().map(u -> ReadSpec.Bound.time(bound(group, u, history, false)));
    if (until.isPresent() && until.get().time().get().isBefore(since)) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
          "CHANGES SINCE " + ch.since() + " UNTIL " + ch.until().get() + ": UNTIL is before SINCE");
    }
    return new ReadSpec.Changes(ReadSpec.Bound.time(since), until);
  }

  private static Instant bound(FeatureGroup group, ReadSpec.Bound b, History history, boolean since) {
    if (b.commitId().isPresent()) {
      return commit(group, b.commitId().get(), history).completedAt();
    }
    Instant t = b.time().get();
    if (since && history.dropped()) {
      CommitInfo oldest = history.oldest().orElseThrow();
      if (t.isBefore(oldest.completedAt())) {
        throw tooOld(group, "TIMESTAMP '" + t + "'", history);
      }
    }
    return t;
  }

  private static CommitInfo lastCompletedBy(History history, Instant t) {
    CommitInfo last = null;
    for (CommitInfo c : history.commits()) {
      if (!c.completedAt().isAfter(t)) {
        last = c;
      }
    }
    return last;
  }

  private static CommitInfo commit(FeatureGroup group, String id, History history) {
    Optional<CommitInfo> found = history.find(id);
    if (found.isPresent()) {
      return found.get();
    }
    Optional<CommitInfo> oldest = history.oldest();
    if (history.dropped() && oldest.isPresent() && id.matches("\\d+") && id.compareTo(oldest.get().id()) < 0) {
      throw tooOld(group, "commit '" + id + "'", history);
    }
    throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
        "feature group " + group.displayName() + " has no commit '" + id
            + "' (SHOW COMMITS FOR " + group.name() + " lists them)");
  }

  private static FsqlException tooOld(FeatureGroup group, String what, History history) {
    CommitInfo oldest = history.oldest().orElseThrow();
    return new FsqlException(ErrorCode.HISTORY_NOT_RETAINED,
        what + " is older than the retained history of " + group.displayName()
            + ": the oldest readable commit is '" + oldest.id() + "' (completed " + oldest.completedAt()
            + "); the group keeps its last " + io.fsql.planner.catalog.GroupProperties.retainCommits(group.properties())
            + " commits (property retain_commits)");
  }
}
