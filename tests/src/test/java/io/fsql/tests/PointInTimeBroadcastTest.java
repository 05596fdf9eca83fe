package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static io.fsql.tests.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point-in-time join's two paths give the same exact rows: every query runs once with every
 * feature side shuffled by key with the spine ({@code fsql.pit.broadcast.max.bytes=0}) and once with
 * every side broadcast (the threshold at its maximum), whatever the default threshold is. The
 * broadcast run shuffles nothing (checked with a SparkListener), the shuffled run does. Covered:
 * LEFT and inner joins, strict and forward matches, max staleness at its bound, NULL keys and times
 * on both sides, spine duplicates, composite keys with DATE times, two sides in one pass and a
 * second key joined onto the first join's output. A side above {@code fsql.pit.broadcast.max.bytes}
 * but smaller than its spine is broadcast up to {@code fsql.pit.broadcast.larger.max.bytes}
 * (checked by the rows shuffled).
 */
class PointInTimeBroadcastTest {
  static final String PROPERTY = "fsql.pit.broadcast.max.bytes";
  static final String LARGER = "fsql.pit.broadcast.larger.max.bytes";

  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;
  static final AtomicLong shuffleBytes = new AtomicLong();
  static final AtomicLong shuffleRecords = new AtomicLong();
  /** The rows the last {@link #run} shuffled. */
  static long lastShuffleRecords;
  static SparkListener listener;

  /** The spine: (id, k, m, t); k 3 exists only here, id 6 has a NULL time, id 7 a NULL key, ids 4 and 5 are duplicates. */
  static final String SPINE = "(VALUES"
      + " (1, CAST(1 AS BIGINT), 'm1', TIMESTAMP '2026-01-01 10:00:00'),"
      + " (2, CAST(1 AS BIGINT), 'm1', TIMESTAMP '2026-01-01 12:00:00'),"
      + " (3, CAST(1 AS BIGINT), 'm2', TIMESTAMP '2026-01-01 12:00:00.000001'),"
      + " (4, CAST(2 AS BIGINT), 'm2', TIMESTAMP '2026-01-02 00:00:00'),"
      + " (5, CAST(2 AS BIGINT), 'm2', TIMESTAMP '2026-01-02 00:00:00'),"
      + " (6, CAST(2 AS BIGINT), 'm1', CAST(NULL AS TIMESTAMP)),"
      + " (7, CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR), TIMESTAMP '2026-01-02 00:00:00'),"
      + " (8, CAST(3 AS BIGINT), 'm3', TIMESTAMP '2026-01-02 00:00:00'),"
      + " (9, CAST(1 AS BIGINT), 'm1', TIMESTAMP '2026-01-01 09:00:00')) AS sp(id, k, m, t)";

  @BeforeAll
  static void groups() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP f (k BIGINT, e TIMESTAMP, v INT) PRIMARY KEY (k) EVENT TIME e");
    s.execute("INSERT INTO f VALUES"
        + " (1, TIMESTAMP '2026-01-01 10:00:00', 10),"
        + " (1, TIMESTAMP '2026-01-01 11:00:00', 11),"
        + " (2, TIMESTAMP '2026-01-01 00:00:00', 20),"
        + " (4, TIMESTAMP '2026-01-01 00:00:00', 40)");
    // a NULL event time (never matched) and a key only here
    s.execute("CREATE FEATURE GROUP g (m VARCHAR, at TIMESTAMP, risk DOUBLE) PRIMARY KEY (m)");
    s.execute("INSERT INTO g VALUES ('m1', TIMESTAMP '2026-01-01 08:00:00', 0.5),"
        + " ('m2', TIMESTAMP '2026-01-01 12:00:00.000001', 0.25), ('m3', CAST(NULL AS TIMESTAMP), 0.75),"
        + " ('m4', TIMESTAMP '2026-01-01 00:00:00', 1.0)");
    s.execute("CREATE FEATURE GROUP c (city VARCHAR, zone INT, d DATE, temp DOUBLE)"
        + " PRIMARY KEY (city, zone) EVENT TIME d");
    s.execute("INSERT INTO c VALUES ('Oslo', 1, DATE '2026-01-01', 1.5), ('Oslo', 1, DATE '2026-01-03', 3.5),"
        + " ('Oslo', 2, DATE '2026-01-02', -2.0), ('Rome', 1, DATE '2026-01-01', 12.0)");
    listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          shuffleBytes.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
          shuffleRecords.addAndGet(end.taskMetrics().shuffleWriteMetrics().recordsWritten());
        }
      }
    };
    SparkRuntime.session().sparkContext().addSparkListener(listener);
  }

  @AfterAll
  static void close() {
    System.clearProperty(PROPERTY);
    System.clearProperty(LARGER);
    SparkRuntime.session().sparkContext().removeSparkListener(listener);
    engine.close();
  }

  @Test
  void leftJoinWithEqualTimesNullsDuplicatesAndOneSidedKeys() {
    onBothPaths("SELECT sp.id, f.e, f.v FROM " + SPINE
        + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t >= f.e) ON sp.k = f.k", List.of(
            row(1, ts("2026-01-01 10:00:00"), 10),
            row(2, ts("2026-01-01 11:00:00"), 11),
            row(3, ts("2026-01-01 11:00:00"), 11),
            row(4, ts("2026-01-01 00:00:00"), 20),
            row(5, ts("2026-01-01 00:00:00"), 20),
            row(6, null, null),
            row(7, null, null),
            row(8, null, null),
            row(9, null, null)));
  }

  @Test
  void strictInnerAndForwardJoins() {
    onBothPaths("SELECT sp.id, f.v FROM " + SPINE + " ASOF JOIN f MATCH_CONDITION (sp.t > f.e) ON sp.k = f.k",
        List.of(row(2, 11), row(3, 11), row(4, 20), row(5, 20)));
    onBothPaths("SELECT sp.id, f.v FROM " + SPINE + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t <= f.e) ON sp.k = f.k",
        List.of(row(1, 10), row(2, null), row(3, null), row(4, null), row(5, null), row(6, null), row(7, null),
            row(8, null), row(9, 10)));
    onBothPaths("SELECT sp.id, f.v FROM " + SPINE + " ASOF JOIN f MATCH_CONDITION (sp.t < f.e) ON sp.k = f.k",
        List.of(row(1, 11), row(9, 10)));
  }

  @Test
  void stalenessAtTheBoundAndTwoSidesInOnePass() {
    onBothPaths("SELECT sp.id, f.v FROM " + SPINE
        + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t >= f.e) MAX STALENESS INTERVAL '1' HOUR ON sp.k = f.k"
        + " WHERE sp.id IN (1, 2, 3, 4)", List.of(row(1, 10), row(2, 11), row(3, null), row(4, null)));
    onBothPaths("SELECT sp.id, a.v, b.v FROM " + SPINE
        + " LEFT ASOF JOIN f a MATCH_CONDITION (sp.t >= a.e) ON sp.k = a.k"
        + " ASOF JOIN f b MATCH_CONDITION (sp.t >= b.e) MAX STALENESS INTERVAL '1' HOUR ON sp.k = b.k",
        List.of(row(1, 10, 10), row(2, 11, 11)));
  }

  @Test
  void aSecondKeyJoinedOntoTheFirstJoinsOutput() {
    // g is joined on m, a VARCHAR key: a second pass over the first one's output; m3's only row has
    // a NULL time, m2's row is one microsecond after spine id 2's time.
    onBothPaths("SELECT sp.id, f.v, g.risk FROM " + SPINE
        + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t >= f.e) ON sp.k = f.k"
        + " LEFT ASOF JOIN g MATCH_CONDITION (sp.t >= g.at) ON sp.m = g.m", List.of(
            row(1, 10, 0.5), row(2, 11, 0.5), row(3, 11, 0.25), row(4, 20, 0.25), row(5, 20, 0.25),
            row(6, null, null), row(7, null, null), row(8, null, null), row(9, null, 0.5)));
  }

  @Test
  void aLargerSideIsBroadcastNextToASpineWithoutEstimate() {
    // Below fsql.pit.broadcast.max.bytes nothing is broadcast (1 byte); below the larger limit a
    // side smaller than its spine is: f (a feature group's files) is larger than the VALUES spine
    // and is shuffled with it, g is joined onto the first join's output (no estimate) and is
    // broadcast, so only the first join shuffles: its 9 spine rows and f's 4 rows.
    String sql = "SELECT sp.id, f.v, g.risk FROM " + SPINE
        + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t >= f.e) ON sp.k = f.k"
        + " LEFT ASOF JOIN g MATCH_CONDITION (sp.t >= g.at) ON sp.m = g.m";
    List<List<Object>> expected = List.of(
        row(1, 10, 0.5), row(2, 11, 0.5), row(3, 11, 0.25), row(4, 20, 0.25), row(5, 20, 0.25),
        row(6, null, null), row(7, null, null), row(8, null, null), row(9, null, 0.5));
    System.setProperty(LARGER, Long.toString(Long.MAX_VALUE));
    try {
      assertThat(run(sql, "1", true)).isEqualTo(expected);
      assertThat(lastShuffleRecords).as("rows shuffled: the first join's only").isEqualTo(9 + 4);
    } finally {
      System.clearProperty(LARGER);
    }
    System.setProperty(LARGER, "0");
    try {
      assertThat(run(sql, "1", true)).isEqualTo(expected);
      assertThat(lastShuffleRecords).as("rows shuffled: both joins' (g's row with a NULL time dropped)")
          .isEqualTo(9 + 4 + 9 + 3);
    } finally {
      System.clearProperty(LARGER);
    }
  }

  @Test
  void aLargerLimitThatIsNotANumberOfBytesIsRejected() {
    System.setProperty(LARGER, "much");
    try {
      assertThatThrownBy(() -> query(s, "SELECT sp.id, f.v FROM " + SPINE
          + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t >= f.e) ON sp.k = f.k"))
          .isInstanceOf(FsqlException.class)
          .hasMessageContaining(LARGER + " must be a number of bytes (0 or more), not 'much'");
    } finally {
      System.clearProperty(LARGER);
    }
  }

  @Test
  void compositeKeysWithDateTimes() {
    onBothPaths("SELECT sp.id, c.temp FROM (VALUES"
        + " (1, 'Oslo', 1, DATE '2026-01-02'), (2, 'Oslo', 1, DATE '2026-01-03'), (3, 'Oslo', 2, DATE '2026-01-02'),"
        + " (4, 'Oslo', 3, DATE '2026-01-09'), (5, 'Rome', 2, DATE '2026-01-09'), (6, 'Rome', 1, DATE '2025-12-31'),"
        + " (7, CAST(NULL AS VARCHAR), 1, DATE '2026-01-09')) AS sp(id, city, zone, d)"
        + " LEFT ASOF JOIN c MATCH_CONDITION (sp.d >= c.d) ON sp.city = c.city AND sp.zone = c.zone",
        List.of(row(1, 1.5), row(2, 3.5), row(3, -2.0), row(4, null), row(5, null), row(6, null), row(7, null)));
  }

  @Test
  void aThresholdThatIsNotANumberOfBytesIsRejected() {
    for (String bad : List.of("lots", "-1")) {
      System.setProperty(PROPERTY, bad);
      try {
        assertThatThrownBy(() -> query(s, "SELECT sp.id, f.v FROM " + SPINE
            + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t >= f.e) ON sp.k = f.k"))
            .isInstanceOf(FsqlException.class)
            .hasMessageContaining(PROPERTY + " must be a number of bytes (0 or more), not '" + bad + "'");
      } finally {
        System.clearProperty(PROPERTY);
      }
    }
  }

  /**
   * Runs the query (no ORDER BY: it would shuffle) with every side shuffled, then with every side
   * broadcast; both give exactly {@code expected} (rows ordered by their first column here).
   */
  private static void onBothPaths(String sql, List<List<Object>> expected) {
    assertThat(run(sql, "0", true)).as("shuffled: %s", sql).isEqualTo(expected);
    assertThat(run(sql, Long.toString(Long.MAX_VALUE), false)).as("broadcast: %s", sql).isEqualTo(expected);
  }

  /** Waits (at most 10 s) until the listener has seen every event posted so far. */
  private static void drain(SparkContext sc) {
    try {
      sc.listenerBus().waitUntilEmpty(10_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Spark's listener bus did not drain in 10 s", e);
    }
  }

  private static List<List<Object>> run(String sql, String threshold, boolean shuffles) {
    SparkContext sc = SparkRuntime.session().sparkContext();
    System.setProperty(PROPERTY, threshold);
    try {
      drain(sc);
      long before = shuffleBytes.get();
      long recordsBefore = shuffleRecords.get();
      List<List<Object>> rows = new ArrayList<>(query(s, sql));
      drain(sc);
      long written = shuffleBytes.get() - before;
      lastShuffleRecords = shuffleRecords.get() - recordsBefore;
      if (shuffles) {
        assertThat(written).as("bytes shuffled with every side shuffled").isPositive();
      } else {
        assertThat(written).as("bytes shuffled with every side broadcast").isZero();
      }
      rows.sort(Comparator.comparing(r -> (Integer) r.get(0)));
      return rows;
    } finally {
      System.clearProperty(PROPERTY);
    }
  }
}
