package io.fsql.storage.offline;

import io.fsql.planner.offline.CommitInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hudi.common.model.HoodieCommitMetadata;
import org.apache.hudi.common.table.HoodieTableMetaClient;
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

  /** Completed commits, oldest first. */
  static List<CommitInfo> commits(Configuration conf, String location) {
    if (!exists(conf, location)) {
      return List.of();
    }
    HoodieTableMetaClient meta = HoodieTableMetaClient.builder()
        .setConf(HadoopFSUtils.getStorageConfWithCopy(conf))
        .setBasePath(location)
        .build();
    HoodieTimeline timeline = meta.getActiveTimeline().getCommitsTimeline().filterCompletedInstants();
    List<CommitInfo> result = new ArrayList<>();
    for (HoodieInstant instant : timeline.getInstants()) {
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
      result.add(new CommitInfo(instant.requestedTime(), toInstant(instant.requestedTime()),
          toInstant(instant.getCompletionTime()), operation, inserted, updated, inserted + updated));
    }
    return result;
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
