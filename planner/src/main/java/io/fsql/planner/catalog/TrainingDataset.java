package io.fsql.planner.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A materialized training dataset: the rows of a query (often a feature view) at the commits it
 * read, written as files, optionally split. {@code commits} records the commit of every feature
 * group the query read, so it can be recreated exactly.
 */
public record TrainingDataset(
    long id,
    String name,
    int version,
    String description,
    String queryText,
    String statementText,
    String format,
    String location,
    List<Column> columns,
    Split split,
    List<SplitPart> parts,
    List<GroupCommit> commits,
    Instant createdAt) {

  public TrainingDataset {
    columns = List.copyOf(columns);
    parts = List.copyOf(parts);
    commits = List.copyOf(commits);
  }

  public String displayName() {
    return name + " v" + version;
  }

  /** How rows were split: NONE, RANDOM (with a seed) or TIME (on a column). */
  public record Split(String kind, Long seed, String column) {
    public static final Split NONE = new Split("NONE", null, null);
  }

  /**
   * One split: its name, its fraction (RANDOM) or half-open time range (TIME, as SQL literals),
   * its directory under the dataset's location, and its row count.
   */
  public record SplitPart(String name, Double fraction, String from, String to, String directory, long rows) {}

  /** The commit of a feature group the dataset read (null commit: the group had no rows yet). */
  public record GroupCommit(long groupId, String groupName, int groupVersion, String commitId) {}

  public long rowCount() {
    return parts.stream().mapToLong(SplitPart::rows).sum();
  }

  public TrainingDataset withIdentity(long newId, Instant created, String newLocation, List<SplitPart> newParts) {
    return new TrainingDataset(newId, name, version, description, queryText, statementText, format,
        newLocation, columns, split, newParts, commits, created);
  }
}
