package io.fsql.planner.engine;

import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.CommitInfo;
import io.fsql.planner.offline.History;
import io.fsql.planner.offline.HistoryResolver;
import io.fsql.planner.offline.OfflinePlan;
import io.fsql.planner.offline.ReadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the online store equal to the offline latest rows: after every commit of an online group,
 * and on open for every group whose online watermark is behind its last offline commit.
 *
 * <p>Catching up from watermark w to the last commit L applies the latest row per key among the
 * rows that commits (w, L] wrote (an incremental read); rows are never deleted offline, so with the
 * store's late-event rule this gives exactly the latest row per key as of L. Without a watermark,
 * or when w is older than the retained history, the latest snapshot is applied instead.
 * A group whose catch-up failed is "behind": lookups on it run offline until it has caught up.
 */
final class OnlineSync {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineSync.class);
  private final FsqlEngine engine;
  /** Groups (by id) whose online rows are known to be behind, with the reason. */
  private final Map<Long, String> behind = new ConcurrentHashMap<>();

  OnlineSync(FsqlEngine engine) {
    this.engine = engine;
  }

  /** Whether lookups on this group may be answered by the online store. */
  boolean serving(FeatureGroup group) {
    return group.online() && !behind.containsKey(group.id());
  }

  /** Why the group's online rows are behind, if they are. */
  Optional<String> behindReason(FeatureGroup group) {
    return Optional.ofNullable(behind.get(group.id()));
  }

  void catchUpAll() {
    for (FeatureGroup g : engine.catalog().listGroups()) {
      if (!g.online()) {
        continue;
      }
      try {
        long applied = catchUp(g);
        if (applied >= 0) {
          LOG.info("online store: caught up {} ({} rows applied)", g.displayName(), applied);
        }
      } catch (FsqlException e) {
        LOG.warn("online store: {} is behind: {}", g.displayName(), e.getMessage());
      }
    }
  }

  /**
   * Brings a group's online rows up to its last offline commit. Returns the number of rows applied,
   * or -1 when it was up to date already.
   *
   * @throws FsqlException when the online store cannot be written (the group stays "behind")
   */
  long catchUp(FeatureGroup group) {
    History history = engine.offline().history(group);
    Optional<String> stored = engine.online().watermark(group);
    if (stored.isPresent() && history.find(stored.get()).isEmpty()
        && (history.commits().isEmpty()
            || stored.get().compareTo(history.commits().get(history.commits().size() - 1).id()) > 0)) {
      // The online store is ahead of the offline history (a commit it applied is gone, e.g. the
      // offline table was restored from a backup): the offline history is the truth, rebuild.
      LOG.warn("online store: {} had applied commit {}, which the offline history does not have; rebuilding it",
          group.displayName(), stored.get());
      engine.online().drop(group);
    }
    if (history.commits().isEmpty()) {
      behind.remove(group.id());
      return -1;
    }
    CommitInfo last = history.commits().get(history.commits().size() - 1);
    try {
      Optional<String> watermark = engine.online().watermark(group);
      if (watermark.isPresent() && watermark.get().equals(last.id())) {
        behind.remove(group.id());
        return -1;
      }
      ReadSpec spec;
      if (watermark.isPresent() && history.find(watermark.get()).isPresent()) {
        spec = HistoryResolver.resolve(group, new ReadSpec.Changes(ReadSpec.Bound.commit(watermark.get()),
            Optional.of(ReadSpec.Bound.commit(last.id()))), history);
      } else {
        spec = new ReadSpec.AsOfCommit(last.id());
      }
      long applied;
      CrashPoints.failIfAsked("online-write", "cannot reach the online store " + engine.online().describe());
      try (QueryResult rows = latestRows(group, spec)) {
        java.util.Iterator<Object[]> it = new java.util.Iterator<>() {
          private boolean first = true;

          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public Object[] next() {
            Object[] row = rows.next();
            if (!first) {
              CrashPoints.reach(CrashPoints.DURING_ONLINE_WRITE);
            }
            first = false;
            return row;
          }
        };
        applied = engine.online().apply(group, last.id(), it);
      }
      behind.remove(group.id());
      return applied;
    } catch (FsqlException e) {
      behind.put(group.id(), e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      behind.put(group.id(), String.valueOf(e.getMessage()));
      throw new FsqlException(io.fsql.planner.ErrorCode.IO_ERROR,
          "the online store could not be written: " + e.getMessage(), e);
    }
  }

  /** Removes a group's online rows (SET OFFLINE, DROP, REFRESH). */
  void drop(FeatureGroup group) {
    engine.online().drop(group);
    behind.remove(group.id());
  }

  /** Rebuilds a group's online rows from its latest offline snapshot. */
  long refresh(FeatureGroup group) {
    behind.put(group.id(), "being refreshed");
    engine.online().drop(group);
    return Math.max(0, catchUp(group));
  }

  private QueryResult latestRows(FeatureGroup group, ReadSpec spec) {
    List<ResultColumn> columns = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < group.columns().size(); i++) {
      Column c = group.columns().get(i);
      columns.add(new ResultColumn(c.name(), c.type(), c.nullable()));
      select.append(i == 0 ? "" : ", ").append('`').append(c.name().replace("`", "``")).append('`');
    }
    select.append(" FROM `rows`");
    OfflinePlan plan = new OfflinePlan.SqlQuery(select.toString(),
        Map.of("rows", new OfflinePlan.GroupScan(group, spec, true)));
    return engine.offline().query(plan, columns);
  }
}
