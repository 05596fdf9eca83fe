package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static io.fsql.tests.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADD COLUMN and type widening on a group with history, online rows, a view and a dataset: every
 * read (latest, AS OF before and after, CHANGES across the change, ASOF JOIN, LATEST online) uses
 * the current schema; what is not a widening is refused with a pointer to a new VERSION.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaEvolutionTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;
  static String c0;
  static String c1;
  static String c2;

  @BeforeAll
  static void historyBeforeAndAfterAnAddedColumn() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP g (k BIGINT NOT NULL, v INT, ts TIMESTAMP)"
        + " PRIMARY KEY (k) EVENT TIME ts ONLINE");
    s.execute("INSERT INTO g VALUES (5, 50, TIMESTAMP '2026-01-01 00:00:00')");
    c0 = lastCommit("g");
    s.execute("INSERT INTO g VALUES (1, 10, TIMESTAMP '2026-01-01 00:00:00'), (2, 20, TIMESTAMP '2026-01-01 00:00:00')");
    c1 = lastCommit("g");
    s.execute("CREATE FEATURE VIEW star AS SELECT * FROM g");
    s.execute("CREATE FEATURE VIEW named AS SELECT k, v, ts FROM g");
    s.execute("CREATE TRAINING DATASET before FROM g");
    assertThat(s.execute("ALTER FEATURE GROUP g ADD COLUMN score DOUBLE COMMENT 'risk score'").message())
        .isEqualTo("added column score DOUBLE to feature group g v1; rows written before read NULL for it");
    s.execute("INSERT INTO g VALUES (1, 11, TIMESTAMP '2026-01-02 00:00:00', 0.5),"
        + " (3, 30, TIMESTAMP '2026-01-01 00:00:00', 0.75)");
    c2 = lastCommit("g");
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  static String lastCommit(String group) {
    return (String) query(s, "SHOW COMMITS FOR " + group + " LIMIT 1").get(0).get(0);
  }

  static final List<List<Object>> LATEST_ROWS = List.of(
      row(1L, 10, ts("2026-01-01 00:00:00"), null),
      row(1L, 11, ts("2026-01-02 00:00:00"), 0.5),
      row(2L, 20, ts("2026-01-01 00:00:00"), null),
      row(3L, 30, ts("2026-01-01 00:00:00"), 0.75),
      row(5L, 50, ts("2026-01-01 00:00:00"), null));

  @Test
  @Order(1)
  void oldRowsReadNullForTheNewColumnAtEveryCommit() {
    assertThat(query(s, "SELECT * FROM g ORDER BY k, ts")).isEqualTo(LATEST_ROWS);
    assertThat(query(s, "SELECT * FROM g AS OF COMMIT '" + c1 + "' ORDER BY k")).isEqualTo(List.of(
        row(1L, 10, ts("2026-01-01 00:00:00"), null),
        row(2L, 20, ts("2026-01-01 00:00:00"), null),
        row(5L, 50, ts("2026-01-01 00:00:00"), null)));
    assertThat(query(s, "SELECT * FROM g AS OF COMMIT '" + c2 + "' ORDER BY k, ts")).isEqualTo(LATEST_ROWS);
    assertThat(query(s, "SELECT k, v, score FROM g CHANGES SINCE COMMIT '" + c0 + "' ORDER BY k, ts"))
        .isEqualTo(List.of(row(1L, 10, null), row(1L, 11, 0.5), row(2L, 20, null), row(3L, 30, 0.75)));
    assertThat(query(s, "SELECT k, score FROM g CHANGES SINCE COMMIT '" + c0 + "' UNTIL COMMIT '" + c1
        + "' ORDER BY k")).isEqualTo(List.of(row(1L, null), row(2L, null)));
    assertThat(query(s, "DESCRIBE g").get(3)).isEqualTo(row("score", "DOUBLE", "YES", "", "risk score", ""));
  }

  @Test
  @Order(2)
  void asofJoinAndOnlineLookupsOverTheEvolvedGroup() {
    assertThat(query(s, "SELECT sp.k, sp.t, f.v, f.score FROM (VALUES (CAST(1 AS BIGINT), TIMESTAMP '2026-01-01 12:00:00'),"
        + " (CAST(1 AS BIGINT), TIMESTAMP '2026-01-03 00:00:00'), (CAST(3 AS BIGINT), TIMESTAMP '2026-01-01 00:00:00'))"
        + " AS sp(k, t) LEFT ASOF JOIN g f MATCH_CONDITION (sp.t >= f.ts) ON sp.k = f.k ORDER BY sp.k, sp.t"))
        .isEqualTo(List.of(row(1L, ts("2026-01-01 12:00:00"), 10, null),
            row(1L, ts("2026-01-03 00:00:00"), 11, 0.5), row(3L, ts("2026-01-01 00:00:00"), 30, 0.75)));
    String lookup = "SELECT k, v, score FROM LATEST g WHERE k = ?";
    assertThat(plan(lookup)).contains("Runs on: online store");
    assertThat(query(s, lookup, 2L)).containsExactly(row(2L, 20, null));  // an online row from before
    assertThat(query(s, lookup, 1L)).containsExactly(row(1L, 11, 0.5));
    s.execute("SET online_lookups = off");
    try {
      assertThat(query(s, lookup, 2L)).containsExactly(row(2L, 20, null));
    } finally {
      s.execute("RESET online_lookups");
    }
  }

  @Test
  @Order(3)
  void viewsResolveTheirQueryWhenReadDatasetsKeepTheirColumns() {
    assertThat(query(s, "SELECT * FROM star ORDER BY k, ts")).isEqualTo(LATEST_ROWS);
    assertThat(query(s, "SELECT * FROM named WHERE k = 3")).isEqualTo(List.of(row(3L, 30, ts("2026-01-01 00:00:00"))));
    assertThat(query(s, "SELECT * FROM before ORDER BY k")).isEqualTo(List.of(
        row(1L, 10, ts("2026-01-01 00:00:00")), row(2L, 20, ts("2026-01-01 00:00:00")),
        row(5L, 50, ts("2026-01-01 00:00:00"))));
    assertThat(s.execute("RECREATE TRAINING DATASET before").message())
        .startsWith("recreated training dataset before v1 from its recorded commits: 3 rows");
  }

  @Test
  @Order(4)
  void wideningKeepsOldValuesAndTakesLargerOnes() {
    s.execute("CREATE FEATURE GROUP w (k INT NOT NULL, i INT, r REAL, d DECIMAL(5,2), s VARCHAR(3),"
        + " ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts ONLINE");
    s.execute("INSERT INTO w VALUES (1, 2147483647, 1.5, 123.45, 'abc', TIMESTAMP '2026-01-01 00:00:00')");
    String before = lastCommit("w");
    assertThat(s.execute("ALTER FEATURE GROUP w ALTER COLUMN i SET DATA TYPE BIGINT").message())
        .isEqualTo("changed column i of feature group w v1 from INTEGER to BIGINT");
    assertThat(s.execute("ALTER FEATURE GROUP w ALTER COLUMN r SET DATA TYPE DOUBLE").message())
        .isEqualTo("changed column r of feature group w v1 from REAL to DOUBLE; reloaded 1 key into the online store");
    s.execute("ALTER FEATURE GROUP w ALTER COLUMN d SET DATA TYPE DECIMAL(12, 2)");
    s.execute("ALTER FEATURE GROUP w ALTER COLUMN s SET DATA TYPE VARCHAR");
    assertThat(s.execute("ALTER FEATURE GROUP w ALTER COLUMN i SET DATA TYPE BIGINT").message())
        .isEqualTo("column i of feature group w v1 is BIGINT already");
    s.execute("INSERT INTO w VALUES (2, 5000000000, 1.0E300, 1234567890.12, 'longer', TIMESTAMP '2026-01-01 00:00:00')");
    List<List<Object>> both = List.of(
        row(1, 2147483647L, 1.5, new BigDecimal("123.45"), "abc", ts("2026-01-01 00:00:00")),
        row(2, 5000000000L, 1.0E300, new BigDecimal("1234567890.12"), "longer", ts("2026-01-01 00:00:00")));
    assertThat(query(s, "SELECT * FROM w ORDER BY k")).isEqualTo(both);
    assertThat(query(s, "SELECT * FROM w AS OF COMMIT '" + before + "'")).isEqualTo(both.subList(0, 1));
    String lookup = "SELECT * FROM LATEST w WHERE k = ?";
    assertThat(plan(lookup)).contains("Runs on: online store");
    assertThat(query(s, lookup, 1)).isEqualTo(both.subList(0, 1));
    assertThat(query(s, lookup, 2)).isEqualTo(both.subList(1, 2));
  }

  @Test
  @Order(5)
  void whatIsNotAWideningIsRefusedWithAPointerToANewVersion() {
    assertThat(fails("ALTER FEATURE GROUP w ALTER COLUMN i SET DATA TYPE INTEGER", ErrorCode.NOT_SUPPORTED, 1, 52))
        .isEqualTo("cannot change column 'i' of feature group w v1 from BIGINT to INTEGER: only widening is done"
            + " in place (INTEGER to BIGINT, REAL to DOUBLE, DECIMAL(p,s) to a larger precision with the same"
            + " scale, VARCHAR to a longer VARCHAR); for other changes create a new version:"
            + " CREATE FEATURE GROUP w VERSION 2 (...)");
    assertThat(fails("ALTER FEATURE GROUP w ALTER COLUMN d SET DATA TYPE DECIMAL(20, 3)", ErrorCode.NOT_SUPPORTED, 1, 52))
        .contains("from DECIMAL(12,2) to DECIMAL(20,3): only widening");
    assertThat(fails("ALTER FEATURE GROUP w ALTER COLUMN r SET DATA TYPE VARCHAR", ErrorCode.NOT_SUPPORTED, 1, 52))
        .contains("from DOUBLE to VARCHAR: only widening");
    assertThat(fails("ALTER FEATURE GROUP w ALTER COLUMN k SET DATA TYPE BIGINT", ErrorCode.NOT_SUPPORTED, 1, 52))
        .isEqualTo("cannot change the type of primary-key column 'k' of feature group w v1: it identifies the"
            + " stored rows; create a new version instead: CREATE FEATURE GROUP w VERSION 2 (...)");
    assertThat(fails("ALTER FEATURE GROUP w DROP COLUMN r", ErrorCode.NOT_SUPPORTED, 1, 35))
        .isEqualTo("cannot drop column 'r' of feature group w v1: its commits keep the column (AS OF reads"
            + " them); create a new version without it: CREATE FEATURE GROUP w VERSION 2 (...)");
    assertThat(fails("ALTER FEATURE GROUP w DROP COLUMN nosuch", ErrorCode.UNKNOWN_COLUMN, 1, 35))
        .isEqualTo("feature group w v1 has no column 'nosuch'");
    assertThat(fails("ALTER FEATURE GROUP w ADD COLUMN r INT", ErrorCode.ALREADY_EXISTS, 1, 34))
        .isEqualTo("feature group w v1 already has a column 'r'");
    assertThat(fails("ALTER FEATURE GROUP w ADD COLUMN _commit INT", ErrorCode.INVALID_ARGUMENT, 1, 34))
        .isEqualTo("column name '_commit' is reserved for fsql's own use");
    assertThat(fails("ALTER FEATURE GROUP w ADD COLUMN x INT NOT NULL", ErrorCode.SYNTAX_ERROR, 1, 40))
        .startsWith("ADD COLUMN adds a nullable column only");
    assertThat(fails("ALTER FEATURE GROUP nosuch ADD COLUMN x INT", ErrorCode.UNKNOWN_OBJECT, 1, 21))
        .startsWith("feature group 'nosuch' does not exist");
    // nothing changed
    assertThat(query(s, "DESCRIBE w").subList(0, 6).stream().map(r -> r.get(0) + " " + r.get(1))
        .collect(Collectors.joining(", ")))
        .isEqualTo("k INTEGER, i BIGINT, r DOUBLE, d DECIMAL(12,2), s VARCHAR, ts TIMESTAMP");
  }

  @Test
  @Order(6)
  void theEvolvedSchemaSurvivesARestart() {
    engine.close();
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    assertThat(query(s, "SELECT * FROM g ORDER BY k, ts")).isEqualTo(LATEST_ROWS);
    assertThat(query(s, "SELECT k, v, score FROM LATEST g WHERE k = ?", 2L)).containsExactly(row(2L, 20, null));
    assertThat(query(s, "SELECT i FROM w AS OF COMMIT '" + lastCommit("w") + "' ORDER BY k"))
        .isEqualTo(List.of(row(2147483647L), row(5000000000L)));
  }

  private static String plan(String sql) {
    return query(s, "EXPLAIN " + sql).stream().map(r -> (String) r.get(0)).collect(Collectors.joining("\n"));
  }

  private static String fails(String sql, ErrorCode code, int line, int column) {
    FsqlException e = catchThrowableOfType(FsqlException.class, () -> s.execute(sql));
    assertThat(e).as(sql).isNotNull();
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.line() + ":" + e.column()).as(e.getMessage()).isEqualTo(line + ":" + column);
    return e.detail();
  }
}
