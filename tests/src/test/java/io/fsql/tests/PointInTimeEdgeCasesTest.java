package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static io.fsql.tests.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corners of the point-in-time join that random data rarely hits, each with its exact result:
 * a staleness exactly at the bound (and one microsecond past it), NULL keys and times on both
 * sides, equal times (matching with {@code >=}, not with {@code >}), spine duplicates, a key on
 * one side only, an empty feature side and an empty spine, composite keys of VARCHAR and INTEGER
 * with DATE times, and BIGINT times with an INTEGER key joined to a BIGINT one.
 */
class PointInTimeEdgeCasesTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;

  /** The spine: (id, k, t); k 3 exists only here, id 6 has a NULL time, id 7 a NULL key, ids 4 and 5 are duplicates. */
  static final String SPINE = "(VALUES"
      + " (1, CAST(1 AS BIGINT), TIMESTAMP '2026-01-01 10:00:00'),"
      + " (2, CAST(1 AS BIGINT), TIMESTAMP '2026-01-01 12:00:00'),"
      + " (3, CAST(1 AS BIGINT), TIMESTAMP '2026-01-01 12:00:00.000001'),"
      + " (4, CAST(2 AS BIGINT), TIMESTAMP '2026-01-02 00:00:00'),"
      + " (5, CAST(2 AS BIGINT), TIMESTAMP '2026-01-02 00:00:00'),"
      + " (6, CAST(2 AS BIGINT), CAST(NULL AS TIMESTAMP)),"
      + " (7, CAST(NULL AS BIGINT), TIMESTAMP '2026-01-02 00:00:00'),"
      + " (8, CAST(3 AS BIGINT), TIMESTAMP '2026-01-02 00:00:00'),"
      + " (9, CAST(1 AS BIGINT), TIMESTAMP '2026-01-01 09:00:00')) AS sp(id, k, t)";

  @BeforeAll
  static void groups() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    // k 4 exists only here.
    s.execute("CREATE FEATURE GROUP f (k BIGINT, e TIMESTAMP, v INT) PRIMARY KEY (k) EVENT TIME e");
    s.execute("INSERT INTO f VALUES"
        + " (1, TIMESTAMP '2026-01-01 10:00:00', 10),"
        + " (1, TIMESTAMP '2026-01-01 11:00:00', 11),"
        + " (2, TIMESTAMP '2026-01-01 00:00:00', 20),"
        + " (4, TIMESTAMP '2026-01-01 00:00:00', 40)");
    s.execute("CREATE FEATURE GROUP empty (k BIGINT, e TIMESTAMP, v INT) PRIMARY KEY (k) EVENT TIME e");
    s.execute("CREATE FEATURE GROUP c (city VARCHAR, zone INT, d DATE, temp DOUBLE)"
        + " PRIMARY KEY (city, zone) EVENT TIME d");
    s.execute("INSERT INTO c VALUES ('Oslo', 1, DATE '2026-01-01', 1.5), ('Oslo', 1, DATE '2026-01-03', 3.5),"
        + " ('Oslo', 2, DATE '2026-01-02', -2.0), ('Rome', 1, DATE '2026-01-01', 12.0)");
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void leftJoinWithEqualTimesNullsDuplicatesAndOneSidedKeys() {
    assertThat(query(s, "SELECT sp.id, f.e, f.v FROM " + SPINE
        + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t >= f.e) ON sp.k = f.k ORDER BY sp.id")).isEqualTo(List.of(
            row(1, ts("2026-01-01 10:00:00"), 10),   // equal times match with >=
            row(2, ts("2026-01-01 11:00:00"), 11),
            row(3, ts("2026-01-01 11:00:00"), 11),
            row(4, ts("2026-01-01 00:00:00"), 20),
            row(5, ts("2026-01-01 00:00:00"), 20),   // a duplicate spine row is its own row
            row(6, null, null),                      // NULL spine time
            row(7, null, null),                      // NULL spine key
            row(8, null, null),                      // key only in the spine
            row(9, null, null)));                    // before every feature row of its key
  }

  @Test
  void strictInnerJoinDropsEqualTimesAndUnmatchedRows() {
    assertThat(query(s, "SELECT sp.id, f.v FROM " + SPINE
        + " ASOF JOIN f MATCH_CONDITION (sp.t > f.e) ON sp.k = f.k ORDER BY sp.id")).isEqualTo(List.of(
            row(2, 11), row(3, 11), row(4, 20), row(5, 20)));   // id 1: 10:00 > 10:00 is false
  }

  @Test
  void forwardJoinTakesTheFirstRowAtOrAfter() {
    assertThat(query(s, "SELECT sp.id, f.v FROM " + SPINE
        + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t <= f.e) ON sp.k = f.k ORDER BY sp.id")).isEqualTo(List.of(
            row(1, 10), row(2, null), row(3, null), row(4, null), row(5, null), row(6, null), row(7, null),
            row(8, null), row(9, 10)));
    assertThat(query(s, "SELECT sp.id, f.v FROM " + SPINE
        + " ASOF JOIN f MATCH_CONDITION (sp.t < f.e) ON sp.k = f.k ORDER BY sp.id"))
        .isEqualTo(List.of(row(1, 11), row(9, 10)));
  }

  @Test
  void stalenessExactlyAtTheBoundMatchesAndOneMicrosecondMoreDoesNot() {
    // id 2 is 1 h after 11:00 (at the bound), id 3 one microsecond more.
    assertThat(query(s, "SELECT sp.id, f.v FROM " + SPINE
        + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t >= f.e) MAX STALENESS INTERVAL '1' HOUR ON sp.k = f.k"
        + " WHERE sp.id IN (1, 2, 3, 4) ORDER BY sp.id"))
        .isEqualTo(List.of(row(1, 10), row(2, 11), row(3, null), row(4, null)));
  }

  @Test
  void emptyFeatureSideAndEmptySpine() {
    assertThat(query(s, "SELECT sp.id, x.v FROM " + SPINE
        + " LEFT ASOF JOIN empty x MATCH_CONDITION (sp.t >= x.e) ON sp.k = x.k ORDER BY sp.id"))
        .hasSize(9).allSatisfy(r -> assertThat(r.get(1)).isNull());
    assertThat(query(s, "SELECT sp.id, x.v FROM " + SPINE
        + " ASOF JOIN empty x MATCH_CONDITION (sp.t >= x.e) ON sp.k = x.k")).isEmpty();
    assertThat(query(s, "SELECT sp.id, f.v FROM " + SPINE
        + " LEFT ASOF JOIN f MATCH_CONDITION (sp.t >= f.e) ON sp.k = f.k WHERE sp.id > 100")).isEmpty();
    assertThat(query(s, "SELECT sp.k, f.v FROM (SELECT * FROM empty) AS sp"
        + " LEFT ASOF JOIN f MATCH_CONDITION (sp.e >= f.e) ON sp.k = f.k")).isEmpty();
  }

  @Test
  void twoSidesInOnePassEachWithItsOwnOptions() {
    assertThat(query(s, "SELECT sp.id, a.v, b.v FROM " + SPINE
        + " LEFT ASOF JOIN f a MATCH_CONDITION (sp.t >= a.e) ON sp.k = a.k"
        + " ASOF JOIN f b MATCH_CONDITION (sp.t >= b.e) MAX STALENESS INTERVAL '1' HOUR ON sp.k = b.k"
        + " ORDER BY sp.id")).isEqualTo(List.of(row(1, 10, 10), row(2, 11, 11)));
  }

  @Test
  void compositeKeysWithDateTimes() {
    assertThat(query(s, "SELECT sp.id, c.temp FROM (VALUES"
        + " (1, 'Oslo', 1, DATE '2026-01-02'), (2, 'Oslo', 1, DATE '2026-01-03'), (3, 'Oslo', 2, DATE '2026-01-02'),"
        + " (4, 'Oslo', 3, DATE '2026-01-09'), (5, 'Rome', 2, DATE '2026-01-09'), (6, 'Rome', 1, DATE '2025-12-31'),"
        + " (7, CAST(NULL AS VARCHAR), 1, DATE '2026-01-09')) AS sp(id, city, zone, d)"
        + " LEFT ASOF JOIN c MATCH_CONDITION (sp.d >= c.d) ON sp.city = c.city AND sp.zone = c.zone ORDER BY sp.id"))
        .isEqualTo(List.of(row(1, 1.5), row(2, 3.5), row(3, -2.0), row(4, null), row(5, null), row(6, null),
            row(7, null)));
  }

  @Test
  void integerTimesAndKeysOfDifferentIntegerTypes() {
    assertThat(query(s, "SELECT sp.id, r.x FROM (VALUES (1, 1, CAST(5 AS BIGINT)), (2, 1, CAST(10 AS BIGINT)),"
        + " (3, 1, CAST(-1 AS BIGINT)), (4, 2, CAST(100 AS BIGINT))) AS sp(id, g, t)"
        + " LEFT ASOF JOIN (VALUES (CAST(1 AS BIGINT), CAST(0 AS BIGINT), 'a'), (CAST(1 AS BIGINT), CAST(10 AS BIGINT), 'b'),"
        + " (CAST(1 AS BIGINT), CAST(7 AS BIGINT), 'c'), (CAST(2 AS BIGINT), CAST(101 AS BIGINT), 'd'))"
        + " AS r(g, t, x) MATCH_CONDITION (sp.t >= r.t) ON sp.g = r.g ORDER BY sp.id"))
        .isEqualTo(List.of(row(1, "a"), row(2, "b"), row(3, null), row(4, null)));
  }
}
