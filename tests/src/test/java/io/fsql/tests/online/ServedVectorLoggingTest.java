package io.fsql.tests.online;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Served-vector logging: the rows that online lookups over a feature view return are written to
 * the view's log group exactly as returned, one commit per batch (by rows, on a background
 * thread), the rest at session close and engine close; logging survives a restart, and SHOW
 * DRIFT reads the log as its current side.
 */
class ServedVectorLoggingTest {
  @TempDir
  Path tmp;

  private static List<List<Object>> lookup(Session s, long key, List<List<Object>> served) {
    List<List<Object>> rows = query(s, "SELECT uid, label, age, score FROM fv FOR KEYS (?)", key);
    for (List<Object> r : rows) {
      List<Object> logged = new ArrayList<>();
      logged.add(Long.toString(key));
      logged.addAll(r);
      served.add(logged);
    }
    return rows;
  }

  private static int commits(Session s) {
    return query(s, "SHOW COMMITS FOR fv__served").size();
  }

  private static void awaitCommits(Session s, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (commits(s) < n && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(commits(s)).isEqualTo(n);
  }

  @Test
  void loggedRowsAreWhatLookupsReturned() throws Exception {
    Path home = tmp.resolve("home");
    List<List<Object>> served = new ArrayList<>();
    LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1);
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP labels (uid BIGINT NOT NULL, label INT, ts TIMESTAMP) PRIMARY KEY (uid) EVENT TIME ts");
      s.execute("CREATE FEATURE GROUP users (uid BIGINT NOT NULL, age INT, t TIMESTAMP) PRIMARY KEY (uid) EVENT TIME t ONLINE");
      s.execute("CREATE FEATURE GROUP scores (uid BIGINT NOT NULL, score DOUBLE, t TIMESTAMP) PRIMARY KEY (uid) EVENT TIME t ONLINE");
      s.execute("INSERT INTO users VALUES (1, 30, TIMESTAMP '2026-01-01 00:00:00'), (2, 40, TIMESTAMP '2026-01-01 00:00:00'),"
          + " (3, 50, TIMESTAMP '2026-01-01 00:00:00')");
      s.execute("INSERT INTO scores VALUES (1, 0.9, TIMESTAMP '2026-01-01 00:00:00'), (2, 0.8, TIMESTAMP '2026-01-01 00:00:00')");
      s.execute("CREATE FEATURE VIEW fv AS SELECT l.uid, l.label, u.age, s.score FROM labels l"
          + " LEFT ASOF JOIN users u MATCH_CONDITION (l.ts >= u.t) ON l.uid = u.uid"
          + " LEFT ASOF JOIN scores s MATCH_CONDITION (l.ts >= s.t) ON l.uid = s.uid");
      s.execute("CREATE TRAINING DATASET td FROM users");
      assertThat(s.execute("ALTER FEATURE VIEW fv SET LOGGING (batch_rows = 3, batch_seconds = 3600)").message())
          .isEqualTo("feature view fv v1 logs the vectors its online lookups return into feature group fv__served v1,"
              + " one commit per 3 rows or 3600 seconds");
      assertThat(query(s, "DESCRIBE fv__served").stream().map(r -> (String) r.get(0)).collect(Collectors.toList()))
          .startsWith("served_id", "served_at", "lookup_keys", "uid", "label", "age", "score");
      String plan = query(s, "EXPLAIN SELECT uid, label, age, score FROM fv FOR KEYS (?)", 1L).stream()
          .map(r -> (String) r.get(0)).collect(Collectors.joining("\n"));
      assertThat(plan).contains("Runs on: online store");

      assertThat(lookup(s, 1, served)).containsExactly(row(1L, null, 30, 0.9));
      assertThat(lookup(s, 2, served)).containsExactly(row(2L, null, 40, 0.8));
      assertThat(lookup(s, 3, served)).containsExactly(row(3L, null, 50, null));
      awaitCommits(s, 1);  // three rows: one commit, by the background thread
      lookup(s, 4, served);
      lookup(s, 1, served);
      Thread.sleep(300);
      assertThat(commits(s)).isEqualTo(1);  // two rows wait for a third (or an hour)
      s.close();  // ... or for their session to close
      assertThat(commits(s)).isEqualTo(2);
      // the same vectors computed offline (Spark) are not a lookup: not logged
      s.execute("SET online_lookups = off");
      query(s, "SELECT uid, label, age, score FROM fv FOR KEYS (2)");
      s.execute("RESET online_lookups");
    }
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      assertThat(commits(s)).isEqualTo(2);
      lookup(s, 2, served);  // logging survives the restart; engine close writes the row
    }
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      assertThat(commits(s)).isEqualTo(3);
      List<List<Object>> logged = query(s, "SELECT lookup_keys, uid, label, age, score FROM fv__served ORDER BY served_id");
      assertThat(logged).isEqualTo(served.subList(0, 6)).hasSize(6);
      List<List<Object>> times = query(s, "SELECT served_at FROM fv__served");
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
      assertThat(times).allSatisfy(t -> assertThat((LocalDateTime) t.get(0)).isAfter(before).isBefore(now));

      // the log as the current side of SHOW DRIFT: td has ages 30, 40, 50; the lookups returned
      // 30, 40, 50, NULL (key 4), 30, 40
      List<List<Object>> drift = query(s, "SHOW DRIFT FOR td AGAINST SERVED fv");
      assertThat(drift).extracting(r -> r.get(0) + " " + r.get(2) + " " + r.get(6) + " " + r.get(7))
          .containsExactly("age psi 3 6", "age ks 3 6");
      List<List<Object>> none = query(s, "SHOW DRIFT FOR td AGAINST SERVED fv SINCE TIMESTAMP '2999-01-01 00:00:00'");
      assertThat(none).extracting(r -> r.get(3) + " " + r.get(5) + " " + r.get(7))
          .containsExactly("null null 0", "null null 0");
      assertThatThrownBy(() -> s.execute("SHOW DRIFT FOR td AGAINST SERVED fv SINCE 'yesterday'"))
          .hasMessage("line 1:43: SINCE takes a timestamp 'yyyy-mm-dd hh:mm:ss[.fffffffff]', not 'yesterday'");

      assertThat(s.execute("ALTER FEATURE VIEW fv UNSET LOGGING").message())
          .isEqualTo("feature view fv v1 stops logging its served vectors; feature group fv__served v1 keeps them");
      lookup(s, 1, new ArrayList<>());
      s.close();
      assertThat(commits(s)).isEqualTo(3);

      assertThatThrownBy(() -> s.execute("ALTER FEATURE VIEW fv SET LOGGING (batch_rows = 0)"))
          .hasMessage("line 1:36: batch_rows must be an integer from 1 to 1000000");
      assertThatThrownBy(() -> s.execute("ALTER FEATURE VIEW fv SET LOGGING (rowz = 5)"))
          .hasMessage("line 1:36: unknown LOGGING option 'rowz' (batch_rows, batch_seconds and queue_rows are known)");
      assertThatThrownBy(() -> s.execute("ALTER FEATURE VIEW nope SET LOGGING"))
          .hasMessage("line 1:20: feature view 'nope' does not exist (SHOW FEATURE VIEWS lists them)");
    }
  }
}
