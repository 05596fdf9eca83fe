package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.offline.CommitInfo;
import io.fsql.planner.offline.History;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.planner.offline.ReadSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which commit each feature group of a statement is read at. Normally the latest; when a training
 * dataset is created, the latest commit of every group it reads is fixed and recorded, and when it
 * is recreated the recorded commits are read again, so the same rows come back.
 */
public final class Pins {
  private enum Mode { LATEST, RECORD, REPLAY }

  private final Mode mode;
  private final OfflineStore offline;
  /** The commit each group's latest-snapshot reads are pinned to. */
  private final Map<Long, TrainingDataset.GroupCommit> commits = new LinkedHashMap<>();
  /** Groups read only at an explicit commit (AS OF), for the record. */
  private final Map<Long, TrainingDataset.GroupCommit> explicit = new LinkedHashMap<>();

  /** Every group and view the statement read, in the order first read (for lineage). */
  private final Map<Long, FeatureGroup> groupsRead = new LinkedHashMap<>();
  private final Map<Long, io.fsql.planner.catalog.FeatureView> viewsRead = new LinkedHashMap<>();

  private Pins(Mode mode, OfflineStore offline) {
    this.mode = mode;
    this.offline = offline;
  }

  /** Read the latest commits, record nothing. */
  public static Pins latest() {
    return new Pins(Mode.LATEST, null);
  }

  /** Read the latest commits and record which they were. */
  public static Pins record(OfflineStore offline) {
    return new Pins(Mode.RECORD, offline);
  }

  /** Read the given commits instead of the latest ones (they must still be retained). */
  public static Pins replay(List<TrainingDataset.GroupCommit> recorded, OfflineStore offline) {
    Pins p = new Pins(Mode.REPLAY, offline);
    recorded.forEach(c -> p.commits.put(c.groupId(), c));
    return p;
  }

  /** What "the latest snapshot" of {@code group} means for this statement. */
  ReadSpec latest(FeatureGroup group) {
    groupsRead.putIfAbsent(group.id(), group);
    switch (mode) {
      case LATEST:
        return ReadSpec.LATEST;
      case REPLAY: {
        TrainingDataset.GroupCommit c = commits.get(group.id());
        if (c == null) {
          throw new FsqlException(ErrorCode.INVALID_QUERY, "feature group " + group.displayName()
              + " was not read when the training dataset was created, so it has no recorded commit");
        }
        if (c.commitId() == null) {
          return ReadSpec.EMPTY;
        }
        return io.fsql.planner.offline.HistoryResolver.resolve(group, new ReadSpec.AsOfCommit(c.commitId()),
            offline.history(group));
      }
      default: {
        TrainingDataset.GroupCommit known = commits.get(group.id());
        if (known != null) {
          return known.commitId() == null ? ReadSpec.EMPTY : new ReadSpec.AsOfCommit(known.commitId());
        }
        History h = offline.history(group);
        List<CommitInfo> cs = h.commits();
        String id = cs.isEmpty() ? null : cs.get(cs.size() - 1).id();
        commits.put(group.id(), new TrainingDataset.GroupCommit(group.id(), group.name(), group.version(), id));
        return id == null ? ReadSpec.EMPTY : new ReadSpec.AsOfCommit(id);
      }
    }
  }

  /** Notes a group read at an explicit commit (AS OF), so the record lists every group read. */
  void noteExplicit(FeatureGroup group, ReadSpec resolved) {
    if (mode != Mode.RECORD || explicit.containsKey(group.id())) {
      return;
    }
    String id = resolved instanceof ReadSpec.AsOfCommit c ? c.commitId() : null;
    if (resolved instanceof ReadSpec.AsOfCommit || resolved instanceof ReadSpec.Empty) {
      explicit.put(group.id(), new TrainingDataset.GroupCommit(group.id(), group.name(), group.version(), id));
    }
  }

  /** Notes a feature view the statement reads (directly or through another view). */
  void noteView(io.fsql.planner.catalog.FeatureView view) {
    viewsRead.putIfAbsent(view.id(), view);
  }

  /** The feature groups the statement read, directly or through views. */
  public List<FeatureGroup> groupsRead() {
    return List.copyOf(groupsRead.values());
  }

  /** The feature views the statement read, directly or through other views. */
  public List<io.fsql.planner.catalog.FeatureView> viewsRead() {
    return List.copyOf(viewsRead.values());
  }

  /** The commits recorded so far, one per group. */
  public List<TrainingDataset.GroupCommit> recorded() {
    Map<Long, TrainingDataset.GroupCommit> all = new LinkedHashMap<>(commits);
    explicit.forEach(all::putIfAbsent);
    return List.copyOf(all.values());
  }
}
