package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.catalog.H2CatalogStore;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table layouts: a new group is {@code sorted} (its first load one bulk insert sorted by key), a
 * group may ask for {@code cow}, and a group created before layouts existed (no layout in its
 * catalog entry) is {@code cow}. The same script of commits gives the same rows, AS OF and CHANGES
 * SINCE results in every layout, checked against a model the test keeps.
 */
class TableLayoutTest {
  @TempDir
  Path tmp;

  private static final LocalDateTime T = LocalDateTime.parse("2026-01-01T00:00:00");

  @Test
  void newGroupsAreSortedAndTheLayoutIsChosenOnceAtCreation() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home")); Session s = engine.openSession()) {
      s.execute("CREATE FEATURE GROUP a (k INT, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts");
      s.execute("CREATE FEATURE GROUP b (k INT, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts "
          + "WITH (layout = 'COW')");
      assertThat(layout(s, "a")).isEqualTo("sorted");
      assertThat(layout(s, "b")).isEqualTo("cow");

      FsqlException bad = catchThrowableOfType(FsqlException.class, () -> s.execute(
          "CREATE FEATURE GROUP c (k INT) PRIMARY KEY (k)\nWITH (layout = 'mor')"));
      assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(bad.getMessage()).isEqualTo("line 2:7: property layout must be one of sorted, cow, not mor");

      FsqlException fixed = catchThrowableOfType(FsqlException.class, () -> s.execute(
          "ALTER FEATURE GROUP a SET (layout = 'cow')"));
      assertThat(fixed.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(fixed.getMessage())
          .isEqualTo("line 1:28: property layout is chosen when the group is created and cannot be changed");
      assertThat(layout(s, "a")).isEqualTo("sorted");
    }
  }

  @Test
  void everyLayoutGivesTheSameRowsAtEveryCommit() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home")); Session s = engine.openSession()) {
      s.execute("CREATE FEATURE GROUP srt (k INT, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts");
      s.execute("CREATE FEATURE GROUP cw (k INT, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts "
          + "WITH (layout = 'cow')");
      Script srt = new Script(s, "srt");
      Script cw = new Script(s, "cw");
      for (Script g : List.of(srt, cw)) {
        g.commit(IntStream.range(0, 400), "a");
        g.commit(IntStream.concat(IntStream.range(100, 150), IntStream.range(400, 410)), "b");
        g.commit(IntStream.range(300, 320), "c");
      }
      // the first load of a sorted group is one bulk insert, later writes upserts; a cow group only upserts
      assertThat(operations(s, "srt")).containsExactly(
          List.of("BULK_INSERT", 400L, 0L), List.of("UPSERT", 10L, 50L), List.of("UPSERT", 0L, 20L));
      assertThat(operations(s, "cw")).containsExactly(
          List.of("UPSERT", 400L, 0L), List.of("UPSERT", 10L, 50L), List.of("UPSERT", 0L, 20L));
      for (Script g : List.of(srt, cw)) {
        g.check();
      }
    }
  }

  @Test
  void aGroupCreatedBeforeLayoutsReadsUpdatesAndTravelsAsBefore() {
    Path home = tmp.resolve("home");
    Script old;
    try (FsqlEngine engine = FsqlHome.open(home); Session s = engine.openSession()) {
      s.execute("CREATE FEATURE GROUP old (k INT, v VARCHAR, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts "
          + "WITH (layout = 'cow', retain_commits = 20)");
      old = new Script(s, "old");
      old.commit(IntStream.range(0, 300), "a");
    }
    // The catalog entry as an fsql from before layouts wrote it: no layout property. (A cow table is
    // written with exactly the options every table had then.)
    try (H2CatalogStore catalog = H2CatalogStore.open(home.resolve("catalog"))) {
      FeatureGroup g = catalog.findGroup("old", java.util.OptionalInt.empty()).orElseThrow();
      catalog.updateGroup(g.withProperties(Map.of("retain_commits", "20"), g.description()));
      assertThat(catalog.findGroup("old", java.util.OptionalInt.empty()).orElseThrow().properties())
          .isEqualTo(Map.of("retain_commits", "20"));
    }
    try (FsqlEngine engine = FsqlHome.open(home); Session s = engine.openSession()) {
      assertThat(layout(s, "old")).isEqualTo("cow");
      old.session = s;
      old.commit(IntStream.range(50, 80), "b");
      old.commit(IntStream.concat(IntStream.range(290, 300), IntStream.range(300, 305)), "c");
      assertThat(operations(s, "old")).containsExactly(
          List.of("UPSERT", 300L, 0L), List.of("UPSERT", 0L, 30L), List.of("UPSERT", 5L, 10L));
      old.check();
    }
  }

  private static String layout(Session s, String group) {
    return query(s, "DESCRIBE " + group).stream().filter(r -> r.get(0).equals("layout"))
        .map(r -> (String) r.get(1)).findFirst().orElseThrow();
  }

  /** (operation, rows inserted, rows updated) of each commit, oldest first. */
  private static List<List<Object>> operations(Session s, String group) {
    List<List<Object>> ops = new ArrayList<>();
    for (List<Object> c : query(s, "SHOW COMMITS FOR " + group)) {
      ops.add(0, List.of(c.get(2), c.get(3), c.get(4)));
    }
    return ops;
  }

  /** A group's commits and the rows the test expects after each (k -> v), and what each commit wrote. */
  private static final class Script {
    Session session;
    final String group;
    final List<String> ids = new ArrayList<>();
    final List<Map<Integer, String>> states = new ArrayList<>();
    final List<Map<Integer, String>> written = new ArrayList<>();

    Script(Session session, String group) {
      this.session = session;
      this.group = group;
    }

    void commit(IntStream keys, String tag) {
      Map<Integer, String> rows = new TreeMap<>();
      keys.forEach(k -> rows.put(k, tag + k));
      String values = rows.entrySet().stream()
          .map(e -> "(" + e.getKey() + ", '" + e.getValue() + "', TIMESTAMP '2026-01-01 00:00:00')")
          .collect(Collectors.joining(", "));
      String msg = session.execute("INSERT INTO " + group + " VALUES " + values).message();
      ids.add(msg.substring("committed ".length(), msg.indexOf(" to ")));
      Map<Integer, String> state = new TreeMap<>(states.isEmpty() ? Map.of() : states.get(states.size() - 1));
      state.putAll(rows);
      states.add(state);
      written.add(rows);
    }

    void check() {
      assertThat(rows("SELECT k, v, ts FROM " + group + " ORDER BY k")).isEqualTo(expected(states.get(states.size() - 1)));
      for (int i = 0; i < ids.size(); i++) {
        assertThat(rows("SELECT k, v, ts FROM " + group + " AS OF COMMIT '" + ids.get(i) + "' ORDER BY k"))
            .as("%s AS OF commit %d", group, i + 1).isEqualTo(expected(states.get(i)));
      }
      for (int i = 0; i + 1 < ids.size(); i++) {
        Map<Integer, String> changed = new TreeMap<>();
        for (int j = i + 1; j < ids.size(); j++) {
          changed.putAll(written.get(j));
        }
        List<List<Object>> want = new ArrayList<>();
        Map<Integer, String> commitOf = new HashMap<>();
        for (int j = i + 1; j < ids.size(); j++) {
          for (Integer k : written.get(j).keySet()) {
            commitOf.put(k, ids.get(j));
          }
        }
        changed.forEach((k, v) -> want.add(row(k, v, T, commitOf.get(k))));
        assertThat(rows("SELECT k, v, ts, _commit FROM " + group + " CHANGES SINCE COMMIT '" + ids.get(i)
            + "' ORDER BY k")).as("%s CHANGES SINCE commit %d", group, i + 1).isEqualTo(want);
      }
    }

    private List<List<Object>> rows(String sql) {
      return query(session, sql);
    }

    private static List<List<Object>> expected(Map<Integer, String> state) {
      return state.entrySet().stream().map(e -> row(e.getKey(), e.getValue(), T)).toList();
    }
  }
}
