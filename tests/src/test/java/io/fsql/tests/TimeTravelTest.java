package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AS OF is commit time: a script of commits mixing updates and inserts, checked at and between
 * every commit boundary, and every incremental range, against states the test computes itself.
 */
class TimeTravelTest {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  @TempDir
  static Path tmp;
  static Path home;
  static FsqlEngine engine;
  static Session s;

  /** The model: (k, ts) -> [v, commit that last wrote it], after each commit. */
  static final List<Map<String, Object[]>> states = new ArrayList<>();
  static final List<String> commitIds = new ArrayList<>();
  static final List<LocalDateTime> completed = new ArrayList<>();
  static final Map<String, Object[]> model = new TreeMap<>();

  static final String[] SCRIPT = {
      "(1, 'a', TIMESTAMP '2026-01-01 00:00:00'), (2, 'b', TIMESTAMP '2026-01-01 00:00:00')",
      "(1, 'a2', TIMESTAMP '2026-01-01 00:00:00'), (3, 'c', TIMESTAMP '2026-01-01 00:00:00')",
      "(1, 'a3', TIMESTAMP '2026-01-02 00:00:00'), (2, 'b2', TIMESTAMP '2026-01-01 00:00:00')",
      "(4, 'd', TIMESTAMP '2026-01-01 00:00:00'), (5, 'e', TIMESTAMP '2026-01-03 00:00:00')",
      "(3, 'c2', TIMESTAMP '2026-01-01 00:00:00'), (4, 'd2', TIMESTAMP '2026-01-01 00:00:00'),"
          + " (6, 'f', TIMESTAMP '2025-12-31 00:00:00')",
  };

  @BeforeAll
  static void commitTheScript() {
    home = tmp.resolve("home");
    engine = FsqlHome.open(home);
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP g (k INT, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts");
    for (String values : SCRIPT) {
      s.execute("INSERT INTO g VALUES " + values);
      List<List<Object>> commits = query(s, "SHOW COMMITS FOR g");
      String id = (String) commits.get(0).get(0);
      commitIds.add(id);
      completed.add((LocalDateTime) commits.get(0).get(1));
      for (String tuple : values.split("\\),\\s*\\(")) {
        String[] parts = tuple.replace("(", "").replace(")", "").split(",\\s*");
        String key = parts[0] + "|" + parts[2].replace("TIMESTAMP ", "").replace("'", "");
        model.put(key, new Object[] {parts[1].replace("'", ""), id});
      }
      Map<String, Object[]> copy = new LinkedHashMap<>();
      model.forEach((k, v) -> copy.put(k, v.clone()));
      states.add(copy);
    }
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /** The expected rows (k, v, ts) of state i (-1: before the first commit). */
  private static List<List<Object>> expected(int i) {
    List<List<Object>> rows = new ArrayList<>();
    if (i < 0) {
      return rows;
    }
    states.get(i).forEach((key, val) -> {
      String[] kt = key.split("\\|");
      rows.add(row(Integer.parseInt(kt[0]), val[0], Rows.ts(kt[1])));
    });
    rows.sort(Comparator.comparing((List<Object> r) -> (Integer) r.get(0))
        .thenComparing(r -> (LocalDateTime) r.get(2)));
    return rows;
  }

  /** The expected incremental rows (k, v, ts, commit) changed by commits (i, j]. */
  private static List<List<Object>> changes(int i, int j) {
    List<List<Object>> rows = new ArrayList<>();
    java.util.Set<String> since = new java.util.HashSet<>(commitIds.subList(i + 1, j + 1));
    states.get(j).forEach((key, val) -> {
      if (since.contains((String) val[1])) {
        String[] kt = key.split("\\|");
        rows.add(row(Integer.parseInt(kt[0]), val[0], Rows.ts(kt[1]), val[1]));
      }
    });
    rows.sort(Comparator.comparing((List<Object> r) -> (Integer) r.get(0))
        .thenComparing(r -> (LocalDateTime) r.get(2)));
    return rows;
  }

  private static String at(LocalDateTime t) {
    return "TIMESTAMP '" + t.format(TS) + "'";
  }

  @Test
  void showCommitsListsEveryCommitNewestFirst() {
    List<List<Object>> commits = query(s, "SHOW COMMITS FOR g");
    assertThat(commits).hasSize(SCRIPT.length);
    List<String> ids = new ArrayList<>(commitIds);
    java.util.Collections.reverse(ids);
    assertThat(commits.stream().map(r -> r.get(0)).toList()).isEqualTo(ids);
    // rows inserted and updated, oldest commit last
    assertThat(commits.stream().map(r -> List.of(r.get(3), r.get(4))).toList()).isEqualTo(List.of(
        List.of(1L, 2L), List.of(2L, 0L), List.of(1L, 1L), List.of(1L, 1L), List.of(2L, 0L)));
    assertThat(commits.get(0).get(2)).isEqualTo("UPSERT");
    // the first load of a new (sorted) group is one bulk insert
    assertThat(commits.get(commits.size() - 1).get(2)).isEqualTo("BULK_INSERT");
    assertThat(query(s, "SHOW COMMITS FOR g LIMIT 2")).isEqualTo(commits.subList(0, 2));
  }

  @Test
  void asOfAtAndBetweenEveryCommit() {
    for (int i = 0; i < commitIds.size(); i++) {
      assertThat(query(s, "SELECT k, v, ts FROM g AS OF COMMIT '" + commitIds.get(i) + "' ORDER BY k, ts"))
          .as("AS OF COMMIT %s", i).isEqualTo(expected(i));
      assertThat(query(s, "SELECT k, v, ts FROM g AS OF " + at(completed.get(i)) + " ORDER BY k, ts"))
          .as("AS OF completion of %s", i).isEqualTo(expected(i));
      assertThat(query(s, "SELECT k, v, ts FROM g AS OF " + at(completed.get(i).minusNanos(1_000_000))
          + " ORDER BY k, ts")).as("just before commit %s completed", i).isEqualTo(expected(i - 1));
      LocalDateTime between = i + 1 < completed.size()
          ? completed.get(i).plusNanos(java.time.Duration.between(completed.get(i), completed.get(i + 1)).toNanos() / 2)
          : completed.get(i).plusDays(1);
      assertThat(query(s, "SELECT k, v, ts FROM g AS OF " + at(between) + " ORDER BY k, ts"))
          .as("between commit %s and the next", i).isEqualTo(expected(i));
    }
    // A time before the first commit: the group was empty then.
    assertThat(query(s, "SELECT * FROM g AS OF TIMESTAMP '2001-01-01 00:00:00'")).isEmpty();
    // The latest snapshot is the last state.
    assertThat(query(s, "SELECT k, v, ts FROM g ORDER BY k, ts")).isEqualTo(expected(commitIds.size() - 1));
  }

  @Test
  void everyIncrementalRange() {
    int n = commitIds.size();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        assertThat(query(s, "SELECT k, v, ts, _commit FROM g CHANGES SINCE COMMIT '" + commitIds.get(i)
            + "' UNTIL COMMIT '" + commitIds.get(j) + "' ORDER BY k, ts"))
            .as("changes (%s, %s]", i, j).isEqualTo(changes(i, j));
      }
      assertThat(query(s, "SELECT k, v, ts, _commit FROM g CHANGES SINCE COMMIT '" + commitIds.get(i)
          + "' ORDER BY k, ts")).as("changes since %s", i).isEqualTo(changes(i, n - 1));
      assertThat(query(s, "SELECT k, v, ts, _commit FROM g CHANGES SINCE " + at(completed.get(i))
          + " ORDER BY k, ts")).as("changes since the time of %s", i).isEqualTo(changes(i, n - 1));
    }
    // Nothing changed after the last commit.
    assertThat(query(s, "SELECT * FROM g CHANGES SINCE COMMIT '" + commitIds.get(n - 1) + "'")).isEmpty();
  }

  @Test
  void asOfInJoinsSubqueriesAndInsert() {
    String c1 = commitIds.get(1);
    String c3 = commitIds.get(3);
    // "what changed between c1 and c3": the same group at two commits in one query.
    List<List<Object>> diff = query(s, "SELECT n.k, o.v AS before, n.v AS after FROM g AS OF COMMIT '" + c3 + "' n"
        + " LEFT JOIN g AS OF COMMIT '" + c1 + "' o ON n.k = o.k AND n.ts = o.ts"
        + " WHERE o.v IS NULL OR o.v <> n.v ORDER BY n.k, n.ts");
    assertThat(diff).isEqualTo(List.of(row(1, null, "a3"), row(2, "b", "b2"), row(4, null, "d"), row(5, null, "e")));
    assertThat(query(s, "SELECT COUNT(*) FROM (SELECT * FROM g AS OF COMMIT '" + c1 + "') x"))
        .isEqualTo(List.of(row(3L)));
    assertThat(query(s, "SELECT k FROM g WHERE k NOT IN (SELECT k FROM g AS OF COMMIT '" + commitIds.get(0)
        + "') GROUP BY k ORDER BY k")).isEqualTo(List.of(row(3), row(4), row(5), row(6)));
    s.execute("CREATE FEATURE GROUP snapshot_c1 (k INT, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts");
    s.execute("INSERT INTO snapshot_c1 SELECT * FROM g AS OF COMMIT '" + c1 + "'");
    assertThat(query(s, "SELECT k, v, ts FROM snapshot_c1 ORDER BY k, ts")).isEqualTo(expected(1));
    // Parameters work in AS OF.
    assertThat(query(s, "SELECT k, v, ts FROM g AS OF COMMIT ? ORDER BY k, ts", c1)).isEqualTo(expected(1));
  }

  @Test
  void unknownCommitsAndBadTimes() {
    FsqlException e = catchThrowableOfType(FsqlException.class,
        () -> query(s, "SELECT * FROM g AS OF COMMIT '20990101000000000'"));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).isEqualTo(
        "line 1:30: feature group g v1 has no commit '20990101000000000' (SHOW COMMITS FOR g lists them)");
    e = catchThrowableOfType(FsqlException.class,
        () -> query(s, "SELECT * FROM g AS OF TIMESTAMP 'yesterday'"));
    assertThat(e.getMessage()).startsWith("line 1:33: 'yesterday' is not a timestamp");
  }

  @Test
  void retentionKeepsTheLatestCommitsAndRefusesOlderOnes() {
    s.execute("CREATE FEATURE GROUP r (k INT, v INT) PRIMARY KEY (k) WITH (retain_commits = 2)");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      s.execute("INSERT INTO r VALUES (1, " + i + "), (" + (i + 1) + ", " + i + ")");
      ids.add((String) query(s, "SHOW COMMITS FOR r").get(0).get(0));
    }
    assertThat(query(s, "DESCRIBE r").stream().filter(row -> row.get(0).equals("retain_commits")).toList())
        .isEqualTo(List.of(row("retain_commits", "2", "", "", "", "")));
    // The retained commits still time-travel exactly.
    assertThat(query(s, "SELECT v FROM r AS OF COMMIT '" + ids.get(4) + "' WHERE k = 1")).isEqualTo(List.of(row(5)));
    assertThat(query(s, "SELECT v FROM r AS OF COMMIT '" + ids.get(3) + "' WHERE k = 1")).isEqualTo(List.of(row(4)));
    // The first commit is older than the retained history: an error, never partial data.
    FsqlException e = catchThrowableOfType(FsqlException.class,
        () -> query(s, "SELECT * FROM r AS OF COMMIT '" + ids.get(0) + "'"));
    assertThat(e.code()).isEqualTo(ErrorCode.HISTORY_NOT_RETAINED);
    assertThat(e.getMessage()).contains("older than the retained history of r v1");
    e = catchThrowableOfType(FsqlException.class,
        () -> query(s, "SELECT * FROM r CHANGES SINCE COMMIT '" + ids.get(0) + "'"));
    assertThat(e.code()).isEqualTo(ErrorCode.HISTORY_NOT_RETAINED);
    // Two commits are kept: SHOW COMMITS lists exactly commits 4 and 5, and commit 3, the newest
    // one cleaned, is refused with an error that names the oldest readable commit.
    assertThat(query(s, "SHOW COMMITS FOR r").stream().map(row -> row.get(0)).toList())
        .isEqualTo(List.of(ids.get(4), ids.get(3)));
    for (String sql : List.of("SELECT * FROM r AS OF COMMIT '" + ids.get(2) + "'",
        "SELECT * FROM r CHANGES SINCE COMMIT '" + ids.get(2) + "'")) {
      e = catchThrowableOfType(FsqlException.class, () -> query(s, sql));
      assertThat(e.code()).as(sql).isEqualTo(ErrorCode.HISTORY_NOT_RETAINED);
      assertThat(e.getMessage()).as(sql).contains("commit '" + ids.get(2) + "' is older than the retained history of r v1:"
          + " the oldest readable commit is '" + ids.get(3) + "'")
          .contains("the group keeps its last 2 commits (property retain_commits)");
    }
    // the oldest readable commit reads whole, and so do the changes after it
    assertThat(query(s, "SELECT k, v FROM r AS OF COMMIT '" + ids.get(3) + "' ORDER BY k"))
        .isEqualTo(List.of(row(1, 4), row(2, 1), row(3, 2), row(4, 3), row(5, 4)));
    assertThat(query(s, "SELECT k, v FROM r CHANGES SINCE COMMIT '" + ids.get(3) + "' ORDER BY k"))
        .isEqualTo(List.of(row(1, 5), row(6, 5)));
  }

  @Test
  void timeTravelSurvivesReopen() {
    String c2 = commitIds.get(2);
    engine.close();
    engine = FsqlHome.open(home);
    s = engine.openSession();
    assertThat(query(s, "SELECT k, v, ts FROM g AS OF COMMIT '" + c2 + "' ORDER BY k, ts")).isEqualTo(expected(2));
    assertThat(query(s, "SELECT k, v, ts, _commit FROM g CHANGES SINCE COMMIT '" + commitIds.get(0)
        + "' UNTIL COMMIT '" + c2 + "' ORDER BY k, ts")).isEqualTo(changes(0, 2));
  }
}
