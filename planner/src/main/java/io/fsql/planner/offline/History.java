package io.fsql.planner.offline;

import java.util.List;
import java.util.Optional;

/**
 * The commits of a group's table that can still be read, oldest first. {@code dropped} says
 * whether older history existed and was cleaned away (by the group's retention), so that a time
 * before the first listed commit is "too old" rather than "before the table had rows".
 */
public record History(List<CommitInfo> commits, boolean dropped) {
  public History {
    commits = List.copyOf(commits);
  }

  public static final History EMPTY = new History(List.of(), false);

  public Optional<CommitInfo> oldest() {
    return commits.isEmpty() ? Optional.empty() : Optional.of(commits.get(0));
  }

  public Optional<CommitInfo> find(String id) {
    return commits.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
