package io.fsql.tests.online;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static io.fsql.tests.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.storage.FsqlHome;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online serving end to end: INSERTs keep the online store equal to the offline latest rows
 * (late events, corrections, several events per key), {@code LATEST g} lookups run on the online
 * store and give what the forced-offline route gives, and the online flag can be switched.
 */
class OnlineServingTest {
  @TempDir
  Path tmp;

  private static String plan(Session s, String sql) {
    return query(s, "EXPLAIN " + sql).stream().map(r -> (String) r.get(0)).collect(Collectors.joining("\n"));
  }

  private static List<List<Object>> offline(Session s, String sql, Object... params) {
    s.execute("SET online_lookups = off");
    try {
      return query(s, sql, params);
    } finally {
      s.execute("RESET online_lookups");
    }
  }

  @Test
  void lookupsFollowLateEventsAndCorrectionsAndMatchTheOfflineRoute() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home"))) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP tx (cc BIGINT NOT NULL, amount DECIMAL(10,2), cat VARCHAR, ts TIMESTAMP)"
          + " PRIMARY KEY (cc) EVENT TIME ts ONLINE");
      s.execute("INSERT INTO tx VALUES (1, 10.50, 'food', TIMESTAMP '2026-01-01 10:00:00.123456'),"
          + " (1, 11.00, 'food', TIMESTAMP '2026-01-01 09:00:00'),"
          + " (2, 20.00, NULL, TIMESTAMP '2026-01-01 11:00:00')");
      String lookup = "SELECT cc, amount, cat, ts FROM LATEST tx WHERE cc = ?";
      assertThat(query(s, lookup, 1L)).containsExactly(
          row(1L, new BigDecimal("10.50"), "food", ts("2026-01-01 10:00:00.123456")));
      assertThat(query(s, lookup, 2L)).containsExactly(row(2L, new BigDecimal("20.00"), null, ts("2026-01-01 11:00:00")));
      assertThat(query(s, lookup, 3L)).isEmpty();

      // a late event (older than the stored one) changes history, not the online row;
      // a correction of the newest event time replaces it; a newer event replaces it
      s.execute("INSERT INTO tx VALUES (1, 99.00, 'late', TIMESTAMP '2025-12-31 00:00:00'),"
          + " (2, 21.00, 'fixed', TIMESTAMP '2026-01-01 11:00:00'), (3, 3.00, 'new', TIMESTAMP '2026-01-02 00:00:00')");
      assertThat(query(s, lookup, 1L)).containsExactly(
          row(1L, new BigDecimal("10.50"), "food", ts("2026-01-01 10:00:00.123456")));
      assertThat(query(s, lookup, 2L)).containsExactly(row(2L, new BigDecimal("21.00"), "fixed", ts("2026-01-01 11:00:00")));
      assertThat(query(s, "SELECT cat, cc FROM LATEST tx WHERE cc IN (3, 2, 7) OR cc = 3")).containsExactlyInAnyOrder(
          row("new", 3L), row("fixed", 2L));

      String all = "SELECT cc, amount, cat, ts FROM LATEST tx WHERE cc IN (1, 2, 3, 4)";
      assertThat(plan(s, all)).contains("Runs on: online store").contains("4 keys on (cc)");
      List<List<Object>> online = query(s, all);
      assertThat(online).containsExactlyInAnyOrderElementsOf(offline(s, all));
      assertThat(offline(s, "SELECT cc, amount, cat, ts FROM LATEST tx ORDER BY cc")).containsExactlyElementsOf(
          online.stream().sorted(java.util.Comparator.comparing(r -> (Long) r.get(0))).toList());
      assertThat(query(s, "SELECT COUNT(*) FROM tx")).containsExactly(row(5L));

      s.execute("SET online_lookups = off");
      assertThat(plan(s, all)).doesNotContain("Runs on: online store").contains("online_lookups = off");
      s.execute("RESET online_lookups");
      // not every key pinned, or other conditions: offline, same meaning
      assertThat(plan(s, "SELECT * FROM LATEST tx WHERE cc > 1")).doesNotContain("online store,");
      assertThat(query(s, "SELECT cc FROM LATEST tx WHERE cc > 1 ORDER BY cc")).containsExactly(row(2L), row(3L));

      StatementResult d = s.execute("DESCRIBE tx");
      List<List<Object>> describe = query(s, "DESCRIBE tx");
      assertThat(describe).anySatisfy(r -> assertThat(r.subList(0, 2)).isEqualTo(row("online_lag", "0 commits (up to date)")));
      assertThat(describe).anySatisfy(r -> assertThat(r.get(0)).isEqualTo("online_watermark"));
      d.rows().close();
    }
  }

  @Test
  void onlyQueriesNamingAnOnlineGroupOrAViewAreAlsoPlannedForTheOnlineRoute() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home"))) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP hot (k INT NOT NULL, v VARCHAR) PRIMARY KEY (k) ONLINE");
      s.execute("CREATE FEATURE GROUP cold (k INT NOT NULL, v VARCHAR) PRIMARY KEY (k)");
      s.execute("INSERT INTO hot VALUES (1, 'h1'), (2, 'h2')");
      s.execute("INSERT INTO cold VALUES (1, 'c1'), (2, 'c2')");
      // a query naming no online group and no view is planned once (not a second time for the online route)
      long before = engine.planCount();
      assertThat(query(s, "SELECT v FROM LATEST cold WHERE k = 1")).containsExactly(row("c1"));
      assertThat(engine.planCount() - before).isEqualTo(1);
      // a lookup on the online group, named in any case, still runs on the online store (planned
      // once, for that route)
      before = engine.planCount();
      assertThat(query(s, "SELECT v FROM LATEST HOT WHERE k = 2")).containsExactly(row("h2"));
      assertThat(engine.planCount() - before).isEqualTo(1);
      assertThat(plan(s, "SELECT v FROM LATEST Hot WHERE k = 2")).contains("Runs on: online store");
      // a group switched online is seen at once
      s.execute("ALTER FEATURE GROUP cold SET ONLINE");
      assertThat(plan(s, "SELECT v FROM LATEST cold WHERE k = 1")).contains("Runs on: online store");
      assertThat(query(s, "SELECT v FROM LATEST cold WHERE k = 1")).containsExactly(row("c1"));
      s.execute("ALTER FEATURE GROUP cold SET OFFLINE");
      assertThat(plan(s, "SELECT v FROM LATEST cold WHERE k = 1")).doesNotContain("Runs on: online store");
      before = engine.planCount();
      assertThat(query(s, "SELECT v FROM LATEST cold WHERE k = 1")).containsExactly(row("c1"));
      assertThat(engine.planCount() - before).isEqualTo(1);
    }
  }

  @Test
  void multiColumnKeysAndGroupsWithoutEventTime() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home"))) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP m (a VARCHAR NOT NULL, b INT NOT NULL, d DATE, v DOUBLE) PRIMARY KEY (a, b) ONLINE");
      s.execute("INSERT INTO m VALUES ('x', 1, DATE '2026-01-01', 1.5), ('x', 2, NULL, 2.5), ('y', 1, DATE '2026-02-01', NULL)");
      s.execute("INSERT INTO m VALUES ('x', 1, DATE '2026-03-01', -1.0)");
      String sql = "SELECT a, b, d, v FROM LATEST m WHERE (a = 'x' AND b = 1) OR (a = 'y' AND b = 1) OR (a = 'z' AND b = 9)";
      assertThat(plan(s, sql)).contains("Runs on: online store");
      assertThat(query(s, sql)).containsExactlyInAnyOrder(
          row("x", 1, io.fsql.tests.Rows.date("2026-03-01"), -1.0), row("y", 1, io.fsql.tests.Rows.date("2026-02-01"), null));
      assertThat(query(s, sql)).containsExactlyInAnyOrderElementsOf(offline(s, sql));
      assertThat(query(s, "SELECT v FROM LATEST m WHERE a = ? AND b = ?", "x", 2)).containsExactly(row(2.5));
      // only part of the key: offline
      assertThat(plan(s, "SELECT v FROM LATEST m WHERE a = 'x'")).doesNotContain("Runs on: online store");
      assertThat(query(s, "SELECT v FROM LATEST m WHERE a = 'x' ORDER BY b")).containsExactly(row(-1.0), row(2.5));
    }
  }

  @Test
  void switchingOnlineOffBackfillsAndRemoves() {
    Path home = tmp.resolve("home");
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP g (k INT NOT NULL, v VARCHAR, t TIMESTAMP) PRIMARY KEY (k) EVENT TIME t");
      s.execute("INSERT INTO g VALUES (1, 'a', TIMESTAMP '2026-01-01 00:00:00'), (1, 'b', TIMESTAMP '2026-01-02 00:00:00'),"
          + " (2, 'c', TIMESTAMP '2026-01-01 00:00:00')");
      String sql = "SELECT k, v FROM LATEST g WHERE k IN (1, 2)";
      assertThat(plan(s, sql)).doesNotContain("Runs on: online store");
      assertThat(query(s, sql)).containsExactlyInAnyOrder(row(1, "b"), row(2, "c"));

      StatementResult on = s.execute("ALTER FEATURE GROUP g SET ONLINE");
      assertThat(on.message()).contains("is online: 2 keys loaded");
      assertThat(plan(s, sql)).contains("Runs on: online store");
      assertThat(query(s, sql)).containsExactlyInAnyOrder(row(1, "b"), row(2, "c"));

      assertThat(s.execute("REFRESH ONLINE g").message()).contains("2 keys");
      assertThat(query(s, sql)).containsExactlyInAnyOrder(row(1, "b"), row(2, "c"));

      s.execute("ALTER FEATURE GROUP g SET OFFLINE");
      assertThat(plan(s, sql)).doesNotContain("Runs on: online store");
      assertThat(query(s, sql)).containsExactlyInAnyOrder(row(1, "b"), row(2, "c"));
      assertThatThrownBy(() -> s.execute("REFRESH ONLINE g")).isInstanceOf(FsqlException.class)
          .hasMessageContaining("is not online").hasMessageContaining("1:16");
      assertThatThrownBy(() -> s.execute("SET online_lookups = sometimes")).hasMessageContaining("'auto' or 'off'");
      assertThatThrownBy(() -> s.execute("SELECT * FROM LATEST nothing_here")).hasMessageContaining("no feature group is named 'nothing_here'");
      s.execute("ALTER FEATURE GROUP g SET ONLINE");
    }
    // after a restart the online rows are there (persistent) and still equal to the offline latest
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      assertThat(plan(s, "SELECT k, v FROM LATEST g WHERE k = 1")).contains("Runs on: online store");
      assertThat(query(s, "SELECT k, v FROM LATEST g WHERE k = 1")).containsExactly(row(1, "b"));
      s.execute("DROP FEATURE GROUP g");
      s.execute("CREATE FEATURE GROUP g (k INT NOT NULL, v VARCHAR, t TIMESTAMP) PRIMARY KEY (k) EVENT TIME t ONLINE");
      assertThat(query(s, "SELECT k, v FROM LATEST g WHERE k = 1")).isEmpty();
    }
  }

  @Test
  void featureVectorsWithExpressionsFiltersJoinsAndOrderingRunOnline() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home"))) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP users (uid BIGINT NOT NULL, age INT, country VARCHAR, t TIMESTAMP)"
          + " PRIMARY KEY (uid) EVENT TIME t ONLINE");
      s.execute("CREATE FEATURE GROUP scores (uid BIGINT NOT NULL, score DOUBLE, t TIMESTAMP)"
          + " PRIMARY KEY (uid) EVENT TIME t ONLINE");
      s.execute("INSERT INTO users VALUES (1, 30, 'de', TIMESTAMP '2026-01-01 00:00:00'), (2, NULL, 'fr', TIMESTAMP '2026-01-01 00:00:00'),"
          + " (3, 41, NULL, TIMESTAMP '2026-01-01 00:00:00'), (1, 31, 'de', TIMESTAMP '2026-02-01 00:00:00')");
      s.execute("INSERT INTO scores VALUES (1, 0.5, TIMESTAMP '2026-01-01 00:00:00'), (3, 0.25, TIMESTAMP '2026-01-01 00:00:00')");

      List<String> queries = List.of(
          // a feature vector: two groups joined on their key, one key bound
          "SELECT u.uid, u.age, u.country, s.score FROM LATEST users u JOIN LATEST scores s ON u.uid = s.uid WHERE u.uid = 1",
          // left join: a key without a score keeps its user features
          "SELECT u.uid, u.age + 1 AS next_age, UPPER(u.country) AS c, s.score * 2 AS s2 FROM LATEST users u"
              + " LEFT JOIN LATEST scores s ON s.uid = u.uid WHERE u.uid IN (1, 2, 3)",
          // filters on other columns, CASE, COALESCE, IS NULL
          "SELECT uid, CASE WHEN age >= 40 THEN 'senior' ELSE 'junior' END AS band, COALESCE(country, '?') AS c"
              + " FROM LATEST users WHERE uid IN (1, 2, 3, 4) AND (age > 30 OR country IS NULL)",
          // ordering and limits
          "SELECT uid, age FROM LATEST users WHERE uid IN (1, 2, 3) ORDER BY age DESC NULLS LAST LIMIT 2",
          "SELECT uid, age FROM LATEST users WHERE uid IN (1, 2, 3) ORDER BY age",
          // a filter that leaves nothing
          "SELECT uid FROM LATEST users WHERE uid = 2 AND age > 0");
      for (String q : queries) {
        assertThat(plan(s, q)).as(q).contains("Runs on: online store");
        List<List<Object>> online = query(s, q);
        List<List<Object>> off = offline(s, q);
        if (q.contains("ORDER BY")) {
          assertThat(online).as(q).containsExactlyElementsOf(off);
        } else {
          assertThat(online).as(q).containsExactlyInAnyOrderElementsOf(off);
        }
      }
      assertThat(query(s, queries.get(0))).containsExactly(row(1L, 31, "de", 0.5));
      assertThat(query(s, queries.get(1))).containsExactlyInAnyOrder(
          row(1L, 32, "DE", 1.0), row(2L, null, "FR", null), row(3L, 42, null, 0.5));
      assertThat(query(s, queries.get(2))).containsExactlyInAnyOrder(row(1L, "junior", "de"), row(3L, "senior", "?"));
      assertThat(query(s, queries.get(3))).containsExactly(row(3L, 41), row(1L, 31));
      assertThat(query(s, queries.get(4))).containsExactly(row(1L, 31), row(3L, 41), row(2L, null));
      assertThat(query(s, queries.get(5))).isEmpty();
      // prepared: one plan, many keys
      String vector = "SELECT u.age, s.score FROM LATEST users u LEFT JOIN LATEST scores s ON u.uid = s.uid WHERE u.uid = ?";
      assertThat(query(s, vector, 3L)).containsExactly(row(41, 0.25));
      assertThat(query(s, vector, 2L)).containsExactly(row(null, null));
      assertThat(query(s, vector, 9L)).isEmpty();
      // an aggregate is not a lookup: offline, same answer
      String agg = "SELECT COUNT(*) FROM LATEST users WHERE uid IN (1, 2)";
      assertThat(plan(s, agg)).doesNotContain("Runs on: online store");
      assertThat(query(s, agg)).containsExactly(row(2L));
    }
  }

  @Test
  void anUnreachableOnlineStoreLeavesTheCommitAndCatchesUpOnTheNextWrite() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home"))) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP f (k INT NOT NULL, v VARCHAR) PRIMARY KEY (k) ONLINE");
      s.execute("INSERT INTO f VALUES (1, 'a')");
      String lookup = "SELECT k, v FROM LATEST f WHERE k IN (1, 2)";
      System.setProperty("fsql.test.failAt", "online-write");
      StatementResult r;
      try {
        r = s.execute("INSERT INTO f VALUES (1, 'b'), (2, 'c')");
      } finally {
        System.clearProperty("fsql.test.failAt");
      }
      assertThat(r.updateCount()).isEqualTo(2);
      assertThat(r.message()).contains("the online store is behind").contains("cannot reach the online store")
          .contains("lookups on this group run offline until it catches up");
      // the commit stands, and lookups give the offline latest rows meanwhile
      assertThat(plan(s, lookup)).doesNotContain("Runs on: online store");
      assertThat(query(s, lookup)).containsExactlyInAnyOrder(row(1, "b"), row(2, "c"));
      assertThat(query(s, "DESCRIBE f")).anySatisfy(d -> {
        assertThat(d.get(0)).isEqualTo("online_lag");
        assertThat((String) d.get(1)).startsWith("1 commit behind; lookups run offline until it catches up")
            .contains("cannot reach the online store");
      });
      // the next write catches up (both commits) and the online route is back
      s.execute("INSERT INTO f VALUES (3, 'd')");
      assertThat(plan(s, lookup)).contains("Runs on: online store");
      assertThat(query(s, "SELECT k, v FROM LATEST f WHERE k IN (1, 2, 3)"))
          .containsExactlyInAnyOrder(row(1, "b"), row(2, "c"), row(3, "d"));
    }
  }

  @Test
  void aWrongAerospikeAddressIsOneClearLine() {
    System.setProperty("fsql.online", "aerospike://127.0.0.1:1/test");
    try {
      assertThatThrownBy(() -> FsqlHome.open(tmp.resolve("home")).close())
          .isInstanceOf(FsqlException.class)
          .hasMessageContaining("127.0.0.1:1")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    } finally {
      System.clearProperty("fsql.online");
    }
    // the home is not left locked or half open
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home"))) {
      assertThat(engine.isClosed()).isFalse();
    }
  }
}
