package io.fsql.tests.online;

import static io.fsql.tests.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Served-vector logging loses nothing silently: at a bounded rate every served row is logged exactly
 * as returned; with a queue too small for the load, the rows that do not fit are dropped and counted,
 * and logged + dropped is exactly what the lookups returned (SHOW FEATURE VIEWS and
 * information_schema.feature_views show the counts). Views log from CREATE FEATURE VIEW ... WITH
 * LOGGING.
 */
class ServedLogQueueTest {
  @TempDir
  static Path tmp;
  private static FsqlEngine engine;
  private static final int KEYS = 50;

  @BeforeAll
  static void data() {
    engine = FsqlHome.open(tmp.resolve("home"));
    try (Session s = engine.openSession()) {
      s.execute("CREATE FEATURE GROUP spine (uid BIGINT NOT NULL, ts TIMESTAMP) PRIMARY KEY (uid) EVENT TIME ts");
      s.execute("CREATE FEATURE GROUP users (uid BIGINT NOT NULL, age INT, t TIMESTAMP) PRIMARY KEY (uid) EVENT TIME t ONLINE");
      s.execute("INSERT INTO users VALUES " + IntStream.rangeClosed(1, KEYS)
          .mapToObj(i -> "(" + i + ", " + (20 + i) + ", TIMESTAMP '2026-01-01 00:00:00')").collect(Collectors.joining(", ")));
    }
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static String view(String name) {
    return " AS SELECT l.uid, u.age FROM spine l LEFT ASOF JOIN users u MATCH_CONDITION (l.ts >= u.t) ON l.uid = u.uid";
  }

  /** SHOW FEATURE VIEWS' logging columns of one view: logging, logged, queued, dropped. */
  private static List<Object> counts(Session s, String view) {
    return query(s, "SHOW FEATURE VIEWS LIKE '" + view + "'").get(0).subList(4, 8);
  }

  @Test
  void atABoundedRateEveryServedRowIsLoggedAsReturned() {
    List<List<Object>> served = new ArrayList<>();
    try (Session s = engine.openSession()) {
      assertThat(s.execute("CREATE FEATURE VIEW paced WITH LOGGING (batch_rows = 100, batch_seconds = 1)"
          + view("paced")).message()).isEqualTo("created feature view paced v1; it logs the vectors its online lookups"
          + " return into feature group paced__served v1, one commit per 100 rows or 1 second");
      long start = System.nanoTime();
      for (int i = 0; i < 300; i++) {
        // at most 500 lookups a second
        LockSupport.parkNanos(Math.max(0, start + i * 2_000_000L - System.nanoTime()));
        long key = i % KEYS + 1;
        for (List<Object> r : query(s, "SELECT uid, age FROM paced FOR KEYS (?)", key)) {
          served.add(List.of(Long.toString(key), r.get(0), r.get(1)));
        }
      }
      assertThat(served).hasSize(300);
    }  // session close writes what is queued
    try (Session s = engine.openSession()) {
      assertThat(query(s, "SELECT lookup_keys, uid, age FROM paced__served ORDER BY served_id")).isEqualTo(served);
      assertThat(counts(s, "paced")).containsExactly(true, 300L, 0L, 0L);
      assertThat(query(s, "SELECT served_logging, served_logged, served_queued, served_dropped"
          + " FROM information_schema.feature_views WHERE name = 'paced'")).containsExactly(List.of(true, 300L, 0L, 0L));
    }
  }

  @Test
  void whatATinyQueueCannotHoldIsDroppedAndCounted() {
    List<List<Object>> served = new ArrayList<>();
    String keys = IntStream.rangeClosed(1, 20).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    try (Session s = engine.openSession()) {
      s.execute("CREATE FEATURE VIEW tiny WITH LOGGING (batch_rows = 5, queue_rows = 5, batch_seconds = 3600)"
          + view("tiny"));
      // 20 rows a lookup into a queue of 5: the rows of one lookup are queued in a tight loop, faster
      // than a commit can empty the queue twice, so every lookup loses at least 10 rows
      for (int i = 0; i < 10; i++) {
        for (List<Object> r : query(s, "SELECT uid, age FROM tiny FOR KEYS (" + keys + ")")) {
          served.add(List.of(r.get(0), r.get(1)));
        }
      }
      assertThat(served).hasSize(200);
    }
    try (Session s = engine.openSession()) {
      List<List<Object>> logged = query(s, "SELECT uid, age FROM tiny__served");
      List<Object> c = counts(s, "tiny");
      long dropped = (Long) c.get(3);
      assertThat(c.subList(0, 3)).containsExactly(true, (long) logged.size(), 0L);
      assertThat(logged.size() + dropped).isEqualTo(200);
      assertThat(dropped).isGreaterThanOrEqualTo(100);
      List<List<Object>> remaining = new ArrayList<>(served);
      for (List<Object> r : logged) {
        assertThat(remaining.remove(r)).as("logged row %s was served", r).isTrue();
      }
      assertThat(query(s, "SELECT served_dropped FROM information_schema.feature_views WHERE name = 'tiny'"))
          .containsExactly(List.of(dropped));
      // a view that does not log has no counts
      s.execute("CREATE FEATURE VIEW quiet" + view("quiet"));
      assertThat(counts(s, "quiet")).containsExactly(false, null, null, null);
    }
  }

  @Test
  void loggingOptionsAreChecked() {
    try (Session s = engine.openSession()) {
      assertThatThrownBy(() -> s.execute("CREATE FEATURE VIEW bad WITH LOGGING (batch_rows = 10, queue_rows = 5)"
          + view("bad"))).hasMessage("line 1:56: queue_rows (5) must be at least batch_rows (10)");
      assertThatThrownBy(() -> s.execute("CREATE FEATURE VIEW bad WITH LOGGING (queue = 5)" + view("bad")))
          .hasMessage("line 1:39: unknown LOGGING option 'queue' (batch_rows, batch_seconds and queue_rows are known)");
      assertThat(query(s, "SHOW FEATURE VIEWS LIKE 'bad'")).isEmpty();
      s.execute("CREATE FEATURE GROUP taken__served (k BIGINT NOT NULL) PRIMARY KEY (k)");
      assertThatThrownBy(() -> s.execute("CREATE FEATURE VIEW taken WITH LOGGING" + view("taken")))
          .hasMessage("line 1:21: the served-vector log of taken v1 would be feature group taken__served version 1,"
              + " but the name taken__served is taken by another object");
      assertThat(query(s, "SHOW FEATURE VIEWS LIKE 'taken'")).isEmpty();
      s.execute("CREATE FEATURE VIEW later" + view("later"));
      assertThatThrownBy(() -> s.execute("ALTER FEATURE VIEW later SET LOGGING (batch_rows = 100, queue_rows = 99)"))
          .hasMessage("line 1:57: queue_rows (99) must be at least batch_rows (100)");
    }
  }
}
