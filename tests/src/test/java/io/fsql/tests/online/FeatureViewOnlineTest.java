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
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature view's online vector: {@code fv FOR KEYS (k, ...)} is, by definition, the view's
 * point-in-time join for spine rows (k, now), MAX STALENESS included (a value older than now minus
 * the staleness is NULL: the TTL of online values). It runs on the online store and equals the
 * same query run offline on Spark; where the store's latest row is newer than now it falls back to
 * Spark and still gives the point-in-time answer.
 */
class FeatureViewOnlineTest {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  @TempDir
  Path tmp;

  @Test
  void onlineVectorsEqualThePointInTimeJoinAtNow() {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    String fresh = TS.format(now.minusHours(1));
    String older = TS.format(now.minusHours(2));
    String future = TS.format(now.plusDays(1));
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home"))) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP labels (uid BIGINT NOT NULL, label INT, ts TIMESTAMP) PRIMARY KEY (uid) EVENT TIME ts");
      s.execute("CREATE FEATURE GROUP users (uid BIGINT NOT NULL, age INT, t TIMESTAMP) PRIMARY KEY (uid) EVENT TIME t ONLINE");
      s.execute("CREATE FEATURE GROUP scores (uid BIGINT NOT NULL, score DOUBLE, t TIMESTAMP) PRIMARY KEY (uid) EVENT TIME t ONLINE");
      s.execute("INSERT INTO users VALUES (1, 30, TIMESTAMP '2026-01-01 00:00:00'), (2, 40, TIMESTAMP '2026-01-01 00:00:00'),"
          + " (3, 50, TIMESTAMP '2026-01-01 00:00:00')");
      s.execute("INSERT INTO scores VALUES (1, 0.9, TIMESTAMP '" + fresh + "'), (2, 0.8, TIMESTAMP '2026-01-01 00:00:00'),"
          + " (3, 0.3, TIMESTAMP '" + older + "'), (3, 0.7, TIMESTAMP '" + future + "')");
      s.execute("CREATE FEATURE VIEW fv AS SELECT l.uid, l.label, u.age, s.score FROM labels l"
          + " LEFT ASOF JOIN users u MATCH_CONDITION (l.ts >= u.t) ON l.uid = u.uid"
          + " LEFT ASOF JOIN scores s MATCH_CONDITION (l.ts >= s.t) MAX STALENESS INTERVAL '1' DAY ON l.uid = s.uid");

      String vectors = "SELECT uid, label, age, score FROM fv FOR KEYS (1, 2, 4)";
      String plan = query(s, "EXPLAIN " + vectors).stream().map(r -> (String) r.get(0)).collect(Collectors.joining("\n"));
      assertThat(plan).contains("Runs on: online store").contains("point-in-time join with the latest rows of feature group scores v1");
      // 1: fresh score; 2: its score is older than the staleness (TTL): NULL; 4: no rows at all
      List<List<Object>> expected = List.of(row(1L, null, 30, 0.9), row(2L, null, 40, null), row(4L, null, null, null));
      assertThat(query(s, vectors)).containsExactlyInAnyOrderElementsOf(expected);
      s.execute("SET online_lookups = off");
      assertThat(query(s, vectors)).containsExactlyInAnyOrderElementsOf(expected);
      s.execute("RESET online_lookups");

      // key 3's latest stored score is in the future: the point-in-time answer at now is the older
      // one, which only the offline history has: the query falls back and still answers it
      assertThat(query(s, "SELECT uid, age, score FROM fv FOR KEYS (?)", 3L)).containsExactly(row(3L, 50, 0.3));
      assertThat(query(s, "SELECT uid, age, score FROM fv FOR KEYS (?)", 1L)).containsExactly(row(1L, 30, 0.9));

      assertThatThrownBy(() -> s.execute("SELECT * FROM fv FOR KEYS (ROW(1, 2))"))
          .hasMessageContaining("takes one value per key (uid), not 2");
      assertThatThrownBy(() -> s.execute("SELECT * FROM users FOR KEYS (1)"))
          .hasMessageContaining("FOR KEYS apply to feature views");
    }
  }
}
