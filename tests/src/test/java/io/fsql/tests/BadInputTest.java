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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gives a one-line error naming the problem and where it is, and leaves
 * no commit and no catalog change behind.
 */
class BadInputTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;

  @BeforeAll
  static void setUp() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP tx (cc_num BIGINT NOT NULL, amount DOUBLE, category VARCHAR NOT NULL,"
        + " ts TIMESTAMP) PRIMARY KEY (cc_num) EVENT TIME ts");
    s.execute("INSERT INTO tx VALUES (1, 1.0, 'a', TIMESTAMP '2026-01-01 00:00:00')");
  }

  @AfterAll
  static void tearDown() {
    engine.close();
  }

  /** Runs a statement that must fail, and checks that nothing changed. */
  private static FsqlException fails(String sql) {
    List<List<Object>> groupsBefore = query(s, "SHOW FEATURE GROUPS");
    List<List<Object>> commitsBefore = query(s, "SHOW COMMITS FOR tx");
    List<List<Object>> rowsBefore = query(s, "SELECT * FROM tx ORDER BY cc_num, ts");
    FsqlException e = catchThrowableOfType(FsqlException.class, () -> s.execute(sql));
    assertThat(e).as("statement should fail: %s", sql).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n");
    assertThat(query(s, "SHOW FEATURE GROUPS")).isEqualTo(groupsBefore);
    assertThat(query(s, "SHOW COMMITS FOR tx")).isEqualTo(commitsBefore);
    assertThat(query(s, "SELECT * FROM tx ORDER BY cc_num, ts")).isEqualTo(rowsBefore);
    return e;
  }

  private static void at(FsqlException e, ErrorCode code, int line, int column, String message) {
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
    assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
    assertThat(e.getMessage()).isEqualTo("line " + line + ":" + column + ": " + message);
  }

  @Test
  void unknownGroup() {
    at(fails("SELECT *\nFROM nosuch"), ErrorCode.UNKNOWN_OBJECT, 2, 6,
        "no feature group, feature view or training dataset is named 'nosuch'");
    at(fails("INSERT INTO nosuch VALUES (1)"), ErrorCode.UNKNOWN_OBJECT, 1, 13,
        "feature group 'nosuch' does not exist (SHOW FEATURE GROUPS lists them)");
    at(fails("SELECT * FROM tx VERSION 7"), ErrorCode.UNKNOWN_OBJECT, 1, 15,
        "'tx' has no version 7");
    at(fails("DESCRIBE nosuch"), ErrorCode.UNKNOWN_OBJECT, 1, 10,
        "no feature group, feature view or training dataset is named 'nosuch'");
    at(fails("DESCRIBE FEATURE GROUP nosuch"), ErrorCode.UNKNOWN_OBJECT, 1, 24,
        "feature group 'nosuch' does not exist (SHOW FEATURE GROUPS lists them)");
  }

  @Test
  void unknownColumn() {
    at(fails("SELECT amout FROM tx"), ErrorCode.UNKNOWN_COLUMN, 1, 8, "column 'amout' does not exist");
    at(fails("SELECT t.amout FROM tx t"), ErrorCode.UNKNOWN_COLUMN, 1, 10,
        "column 'amout' does not exist in 't'");
    at(fails("INSERT INTO tx (cc_num, amout, category, ts) VALUES (2, 1.0, 'a', TIMESTAMP '2026-01-01 00:00:00')"),
        ErrorCode.UNKNOWN_COLUMN, 1, 1, "column 'amout' does not exist in feature group tx v1");
  }

  @Test
  void typeMismatchInInsert() {
    at(fails("INSERT INTO tx VALUES ('two', 1.0, 'a', TIMESTAMP '2026-01-01 00:00:00')"),
        ErrorCode.TYPE_MISMATCH, 1, 24,
        "cannot insert a value of type VARCHAR into column 'cc_num' of type BIGINT (feature group tx v1)");
    at(fails("INSERT INTO tx VALUES (2, 1.0, 'a', 42)"), ErrorCode.TYPE_MISMATCH, 1, 37,
        "cannot insert a value of type INTEGER into column 'ts' of type TIMESTAMP (feature group tx v1)");
    at(fails("INSERT INTO tx VALUES (2, 1.0, TRUE, TIMESTAMP '2026-01-01 00:00:00')"), ErrorCode.TYPE_MISMATCH,
        1, 32, "cannot insert a value of type BOOLEAN into column 'category' of type VARCHAR (feature group tx v1)");
    at(fails("INSERT INTO tx VALUES (2, 1.0)"), ErrorCode.TYPE_MISMATCH, 1, 1,
        "INSERT into tx v1 has 4 target columns but the query gives 2 values");
  }

  @Test
  void badValueFailsAtRunTimeWithoutCommit() {
    FsqlException e = fails("INSERT INTO tx VALUES (2, 1.0, 'a', '2026-13-45 99:00:00')");
    assertThat(e.code()).isIn(ErrorCode.DATA_ERROR, ErrorCode.INVALID_QUERY, ErrorCode.TYPE_MISMATCH);
    assertThat(e.getMessage()).contains("2026-13-45 99:00:00");
  }

  @Test
  void nullInPrimaryKeyOrNotNullColumn() {
    FsqlException e = fails("INSERT INTO tx VALUES (NULL, 1.0, 'a', TIMESTAMP '2026-01-01 00:00:00')");
    assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED);
    assertThat(e.getMessage()).isEqualTo(
        "NULL in primary-key column 'cc_num' of tx v1 (1 row); nothing was committed");
    // A NULL that only appears when the query runs.
    e = fails("INSERT INTO tx SELECT CASE WHEN cc_num = 1 THEN NULL ELSE cc_num END, amount, category, ts FROM tx");
    assertThat(e.getMessage()).isEqualTo(
        "NULL in primary-key column 'cc_num' of tx v1 (1 row); nothing was committed");
    e = fails("INSERT INTO tx VALUES (5, 1.0, 'a', NULL), (6, 1.0, 'b', NULL)");
    assertThat(e.getMessage()).isEqualTo(
        "NULL in event-time column 'ts' of tx v1 (2 rows); nothing was committed");
    e = fails("INSERT INTO tx (cc_num, ts) VALUES (5, TIMESTAMP '2026-01-01 00:00:00')");
    at(e, ErrorCode.NULL_NOT_ALLOWED, 1, 1,
        "column 'category' of tx v1 does not allow NULL and is missing from the column list");
  }

  @Test
  void repeatedKeyInOneInsert() {
    FsqlException e = fails("INSERT INTO tx VALUES (7, 1.0, 'a', TIMESTAMP '2026-01-01 00:00:00'),"
        + " (7, 2.0, 'b', TIMESTAMP '2026-01-01 00:00:00')");
    assertThat(e.code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
    assertThat(e.getMessage()).isEqualTo("the rows to insert repeat a key: 2 rows have (cc_num=7,"
        + " ts=2026-01-01T00:00); each (cc_num, ts) may appear once per INSERT; nothing was committed");
  }

  @Test
  void duplicateCreate() {
    at(fails("CREATE FEATURE GROUP tx (a INT) PRIMARY KEY (a)"), ErrorCode.ALREADY_EXISTS, 1, 22,
        "feature group tx v1 already exists (DROP FEATURE GROUP it first, or create VERSION 2)");
    at(fails("CREATE FEATURE GROUP g2 (a INT, a BIGINT) PRIMARY KEY (a)"), ErrorCode.SYNTAX_ERROR, 1, 33,
        "column 'a' is defined more than once");
    FsqlException e = fails("CREATE FEATURE GROUP g2 (a INT) PRIMARY KEY (b)");
    assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
    assertThat(e.getMessage()).startsWith("line 1:46: ").contains("'b'");
    at(fails("CREATE FEATURE GROUP g2 (a INT, t VARCHAR) PRIMARY KEY (a) EVENT TIME t"), ErrorCode.INVALID_ARGUMENT,
        1, 33, "event-time column 't' has type VARCHAR; it must be TIMESTAMP or DATE");
    at(fails("CREATE FEATURE GROUP g2 (a DOUBLE) PRIMARY KEY (a)"), ErrorCode.INVALID_ARGUMENT, 1, 26,
        "primary-key column 'a' has type DOUBLE; floating-point values cannot identify rows"
            + " (use BIGINT, VARCHAR, DECIMAL, ...)");
    at(fails("CREATE FEATURE GROUP g2 (a INT) PRIMARY KEY (a) WITH (retention = 3)"), ErrorCode.INVALID_ARGUMENT,
        1, 55, "unknown feature group property 'retention' (known: layout, retain_commits)");
    // IF NOT EXISTS is not an error, and changes nothing.
    assertThat(s.execute("CREATE FEATURE GROUP IF NOT EXISTS tx (a INT) PRIMARY KEY (a)").message())
        .isEqualTo("feature group tx v1 already exists");
    assertThat(query(s, "DESCRIBE tx").get(0)).isEqualTo(row("cc_num", "BIGINT", "NO", "PRIMARY KEY", "", ""));
  }

  @Test
  void malformedStatements() {
    FsqlException e = fails("SELEC * FROM tx");
    assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(1);
    e = fails("SELECT cc_num\nFORM tx");
    assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(6);
    e = fails("INSERT INTO tx VALUES (1, 'unterminated)");
    assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
    assertThat(e.getMessage()).startsWith("line 1:27: ");
    e = fails("CREATE FEATURE GROUP g3 (a INT)");
    assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
  }

  @Test
  void dropOfUnknownGroup() {
    at(fails("DROP FEATURE GROUP nosuch"), ErrorCode.UNKNOWN_OBJECT, 1, 20,
        "feature group 'nosuch' does not exist (SHOW FEATURE GROUPS lists them)");
    assertThat(s.execute("DROP FEATURE GROUP IF EXISTS nosuch").message())
        .isEqualTo("feature group nosuch does not exist");
  }
}
