package io.fsql.storage.offline;

import io.fsql.planner.offline.CommitInfo;
import io.fsql.planner.offline.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hudi.common.model.HoodieCommitMetadata;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieActiveTimeline;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.common.table.timeline.HoodieTimeline;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;

/** Reads the completed commits of a Hudi table from its timeline. */
final class HudiTimeline {
  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

  private HudiTimeline() {}

  static boolean exists(Configuration conf, String location) {
    try {
      org.apache.hadoop.fs.Path props = new org.apache.hadoop.fs.Path(location, ".hoodie/hoodie.properties");
      return props.getFileSystem(conf).exists(props);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commit details never change once a commit completed: read each one once per process. */
  private static final Map<String, CommitInfo> DETAILS = new ConcurrentHashMap<>();

  /**
   * The completed commits that can still be read, oldest first: those at or after the earliest
   * commit the cleaner retained (all of them if nothing was ever cleaned).
   */
  static History history(Configuration conf, String location) {
    if (!exists(conf, location)) {
      return History.EMPTY;
    }
    HoodieActiveTimeline active = activeTimeline(conf, location);
    if (active == null) {
      return History.EMPTY;
    }
    HoodieTimeline timeline = active.getCommitsTimeline().filterCompletedInstants();
    String earliestRetained = null;
    HoodieTimeline cleans = active.getCleanerTimeline().filterCompletedInstants();
    if (cleans.lastInstant().isPresent()) {
      try {
        earliestRetained = cleans.readCleanMetadata(cleans.lastInstant().get()).getEarliestCommitToRetain();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the cleaner metadata of " + location, e);
      }
      if (earliestRetained != null && earliestRetained.isEmpty()) {
        earliestRetained = null;
      }
    }
    List<CommitInfo> result = new ArrayList<>();
    for (HoodieInstant instant : timeline.getInstants()) {
      if (earliestRetained != null && instant.requestedTime().compareTo(earliestRetained) < 0) {
        continue;
      }
      String key = location + "#" + instant.requestedTime();
      CommitInfo known = DETAILS.get(key);
      if (known != null) {
        result.add(known);
        continue;
      }
      long inserted = 0;
      long updated = 0;
      String operation = instant.getAction();
      try {
        HoodieCommitMetadata md = timeline.readCommitMetadata(instant);
        inserted = md.fetchTotalInsertRecordsWritten();
        updated = md.fetchTotalUpdateRecordsWritten();
        if (md.getOperationType() != null) {
          operation = md.getOperationType().name();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read commit " + instant.requestedTime() + " of " + location, e);
      }
      CommitInfo info = new CommitInfo(instant.requestedTime(), toInstant(instant.requestedTime()),
          toInstant(instant.getCompletionTime()), operation, inserted, updated, inserted + updated);
      DETAILS.put(key, info);
      result.add(info);
    }
    return new History(result, earliestRetained != null);
  }

  /**
   * One meta client per table, built once (it reads the table's properties) and asked for a fresh
   * timeline on every use: a table's location is never reused by another table.
   */
  private static final Map<String, HoodieTableMetaClient> META = new ConcurrentHashMap<>();

  /** The table's meta client, or null while the first INSERT is still creating the table. */
  static HoodieTableMetaClient metaClient(Configuration conf, String location) {
    HoodieTableMetaClient meta = META.get(location);
    if (meta != null) {
      return meta;
    }
    try {
      meta = HoodieTableMetaClient.builder()
          .setConf(HadoopFSUtils.getStorageConfWithCopy(conf))
          .setBasePath(location)
          .build();
    } catch (org.apache.hudi.exception.TableNotFoundException e) {
      // the first INSERT is creating the table right now (a reader raced it): no commit yet
      return null;
    }
    HoodieTableMetaClient known = META.putIfAbsent(location, meta);
    return known != null ? known : meta;
  }

  /**
   * The table's timeline as it is now (listed afresh; the commits' details are cached by the
   * callers), or null while the first INSERT is still creating the table.
   */
  static HoodieActiveTimeline activeTimeline(Configuration conf, String location) {
    HoodieTableMetaClient meta = metaClient(conf, location);
    // reloadActiveTimeline is synchronized and returns the timeline it loaded: a concurrent
    // reader's reload cannot hand this caller an older one
    return meta == null ? null : meta.reloadActiveTimeline();
  }

  /** Forgets the meta client of a table that is gone (dropped). */
  static void forget(String location) {
    META.remove(location);
  }

  /** A Hudi instant time (yyyyMMddHHmmssSSS, in UTC as fsql configures its tables). */
  static Instant toInstant(String hudiTime) {
    if (hudiTime == null) {
      return null;
    }
    String t = hudiTime.length() > 17 ? hudiTime.substring(0, 17) : hudiTime;
    if (t.length() == 14) {
      t = t + "000";
    }
    return LocalDateTime.parse(t, INSTANT).toInstant(ZoneOffset.UTC);
  }

  static String toHudiTime(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(INSTANT);
  }
}
