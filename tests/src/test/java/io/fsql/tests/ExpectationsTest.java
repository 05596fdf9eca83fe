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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expectations declared in SQL, checked in the INSERT's pass: every rule kind and policy, reports
 * equal to counts worked out by hand, a REJECT leaving the group exactly as it was, DDL errors with
 * positions, and expectations and history surviving a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExpectationsTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;

  @BeforeAll
  static void open() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static FsqlException fails(String sql) {
    return catchThrowableOfType(FsqlException.class, () -> s.execute(sql));
  }

  private static List<List<Object>> commits(String group) {
    return query(s, "SHOW COMMITS FOR " + group);
  }

  /** SHOW VALIDATIONS without its time and commit id columns; commit id as "commit" or null. */
  private static List<List<Object>> validations(String group) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : query(s, "SHOW VALIDATIONS FOR " + group)) {
      out.add(row(r.get(0), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), r.get(8),
          r.get(9) == null ? null : "commit", r.get(10)));
    }
    return out;
  }

  @Test
  @Order(1)
  void aRejectedInsertLeavesTheGroupAsItWasAndNamesEveryFailedRule() {
    s.execute("CREATE FEATURE GROUP r (id BIGINT, amount DOUBLE, cat VARCHAR,"
        + " EXPECTATION positive CHECK (amount >= 0), EXPECTATION cat_set cat IN ('a', 'b'))"
        + " PRIMARY KEY (id)");
    assertThat(s.execute("INSERT INTO r VALUES (1, 1.0, 'a')").message())
        .endsWith(": 1 inserted, 0 updated; expectations: 2 of 2 passed");
    List<List<Object>> before = query(s, "SELECT * FROM r ORDER BY id");
    List<List<Object>> commitsBefore = commits("r");

    FsqlException e = fails("INSERT INTO r VALUES (2, -1.0, 'a'), (3, -2.0, 'c'), (4, NULL, NULL), (5, 6.0, 'z')");
    assertThat(e.code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
    assertThat(e.getMessage()).isEqualTo("INSERT into r v1 rejected: 2 expectations failed:"
        + " positive (CHECK (amount >= 0)) [REJECT]: 2 of 4 rows, e.g. (id=2, amount=-1.0, cat='a'),"
        + " (id=3, amount=-2.0, cat='c');"
        + " cat_set (cat IN ('a', 'b')) [REJECT]: 2 of 4 rows, e.g. (id=3, cat='c'), (id=5, cat='z');"
        + " nothing was committed");
    assertThat(query(s, "SELECT * FROM r ORDER BY id")).isEqualTo(before);
    assertThat(commits("r")).isEqualTo(commitsBefore);

    assertThat(validations("r")).isEqualTo(List.of(
        row(2L, "positive", "CHECK (amount >= 0)", "REJECT", "FAIL", 4L, 2L, null, null, "REJECTED"),
        row(2L, "cat_set", "cat IN ('a', 'b')", "REJECT", "FAIL", 4L, 2L, null, null, "REJECTED"),
        row(1L, "positive", "CHECK (amount >= 0)", "REJECT", "PASS", 1L, 0L, null, "commit", "COMMITTED"),
        row(1L, "cat_set", "cat IN ('a', 'b')", "REJECT", "PASS", 1L, 0L, null, "commit", "COMMITTED")));
    assertThat(query(s, "SHOW VALIDATIONS FOR r LIMIT 1")).hasSize(2);
    // the commit of the passing attempt is the group's commit
    assertThat(query(s, "SELECT commit_id FROM information_schema.validations WHERE feature_group = 'r'"
        + " AND attempt = 1 AND expectation = 'positive'")).isEqualTo(List.of(row(commitsBefore.get(0).get(0))));
  }

  @Test
  @Order(2)
  void warnCommitsEverythingAndDropLeavesOutTheViolatingRows() {
    s.execute("CREATE FEATURE GROUP w (id BIGINT, amount DOUBLE, cat VARCHAR,"
        + " EXPECTATION positive CHECK (amount >= 0) ON VIOLATION DROP,"
        + " EXPECTATION cat_known cat NOT NULL ON VIOLATION WARN,"
        + " CHECK (id < 100) ON VIOLATION DROP)"
        + " PRIMARY KEY (id)");
    var result = s.execute("INSERT INTO w VALUES (1, -1.0, 'a'), (2, 2.0, NULL), (3, -3.0, 'b'),"
        + " (4, 4.0, NULL), (5, NULL, 'c'), (100, 1.0, 'd')");
    assertThat(result.updateCount()).isEqualTo(3);
    assertThat(result.message()).matches("committed \\d+ to w v1: 3 inserted, 0 updated;"
        + " expectations: 0 of 3 passed; dropped 2 rows breaking positive \\(CHECK \\(amount >= 0\\)\\);"
        + " warning: cat_known \\(cat NOT NULL\\) failed: 2 of 6 rows;"
        + " dropped 1 row breaking check_1 \\(CHECK \\(id < 100\\)\\)");
    assertThat(query(s, "SELECT id, amount, cat FROM w ORDER BY id")).isEqualTo(List.of(
        row(2L, 2.0, null), row(4L, 4.0, null), row(5L, null, "c")));
    assertThat(commits("w")).hasSize(1);
    assertThat(commits("w").get(0).get(5)).isEqualTo(3L);
    assertThat(validations("w")).isEqualTo(List.of(
        row(1L, "positive", "CHECK (amount >= 0)", "DROP", "FAIL", 6L, 2L, null, "commit", "COMMITTED"),
        row(1L, "cat_known", "cat NOT NULL", "WARN", "FAIL", 6L, 2L, null, "commit", "COMMITTED"),
        row(1L, "check_1", "CHECK (id < 100)", "DROP", "FAIL", 6L, 1L, null, "commit", "COMMITTED")));
  }

  @Test
  @Order(3)
  void commitRulesMeasureTheInsertedRows() {
    s.execute("CREATE FEATURE GROUP c (id BIGINT, x DOUBLE, cat VARCHAR, email VARCHAR,"
        + " EXPECTATION n ROW COUNT BETWEEN 1 AND 4 ON VIOLATION WARN,"
        + " EXPECTATION nf NULL FRACTION (cat) <= 0.2 ON VIOLATION WARN,"
        + " EXPECTATION dc DISTINCT COUNT (cat) >= 3 ON VIOLATION WARN,"
        + " EXPECTATION mean MEAN (x) BETWEEN 0 AND 10 ON VIOLATION WARN,"
        + " EXPECTATION lo MIN (x) >= 0 ON VIOLATION WARN,"
        + " EXPECTATION hi MAX (x) < 100 ON VIOLATION WARN,"
        + " EXPECTATION sd STDDEV (x) <= 1 ON VIOLATION WARN,"
        + " EXPECTATION u UNIQUE (email) ON VIOLATION WARN,"
        + " EXPECTATION re email MATCHES '^[a-z]+@x\\.com$' ON VIOLATION WARN,"
        + " EXPECTATION lk email LIKE '%@%' ON VIOLATION WARN,"
        + " EXPECTATION rg x BETWEEN 0 AND 10 ON VIOLATION WARN)"
        + " PRIMARY KEY (id)");
    String message = s.execute("INSERT INTO c VALUES (1, 1.0, 'a', 'ann@x.com'), (2, 2.0, 'a', 'bob@x.com'),"
        + " (3, 3.0, NULL, 'ann@x.com'), (4, 30.0, 'b', 'Bad@y'), (5, NULL, 'b', NULL)").message();
    assertThat(message).endsWith("; expectations: 5 of 11 passed;"
        + " warning: n (ROW COUNT BETWEEN 1 AND 4) failed: observed 5;"
        + " warning: dc (DISTINCT COUNT (cat) >= 3) failed: observed 2;"
        + " warning: sd (STDDEV (x) <= 1) failed: observed 14.0238;"
        + " warning: u (UNIQUE (email)) failed: 1 of 5 rows repeat a value;"
        + " warning: re (email MATCHES '^[a-z]+@x\\.com$') failed: 1 of 5 rows;"
        + " warning: rg (x BETWEEN 0 AND 10) failed: 1 of 5 rows");
    // sample standard deviation of 1, 2, 3, 30: sqrt(590 / 3)
    double sd = Math.sqrt(590.0 / 3);
    List<List<Object>> v = validations("c");
    assertThat(v).isEqualTo(List.of(
        row(1L, "n", "ROW COUNT BETWEEN 1 AND 4", "WARN", "FAIL", 5L, null, 5.0, "commit", "COMMITTED"),
        row(1L, "nf", "NULL FRACTION (cat) <= 0.2", "WARN", "PASS", 5L, null, 0.2, "commit", "COMMITTED"),
        row(1L, "dc", "DISTINCT COUNT (cat) >= 3", "WARN", "FAIL", 5L, null, 2.0, "commit", "COMMITTED"),
        row(1L, "mean", "MEAN (x) BETWEEN 0 AND 10", "WARN", "PASS", 5L, null, 9.0, "commit", "COMMITTED"),
        row(1L, "lo", "MIN (x) >= 0", "WARN", "PASS", 5L, null, 1.0, "commit", "COMMITTED"),
        row(1L, "hi", "MAX (x) < 100", "WARN", "PASS", 5L, null, 30.0, "commit", "COMMITTED"),
        row(1L, "sd", "STDDEV (x) <= 1", "WARN", "FAIL", 5L, null, v.get(6).get(7), "commit", "COMMITTED"),
        row(1L, "u", "UNIQUE (email)", "WARN", "FAIL", 5L, 1L, 1.0, "commit", "COMMITTED"),
        row(1L, "re", "email MATCHES '^[a-z]+@x\\.com$'", "WARN", "FAIL", 5L, 1L, null, "commit", "COMMITTED"),
        row(1L, "lk", "email LIKE '%@%'", "WARN", "PASS", 5L, 0L, null, "commit", "COMMITTED"),
        row(1L, "rg", "x BETWEEN 0 AND 10", "WARN", "FAIL", 5L, 1L, null, "commit", "COMMITTED")));
    assertThat((Double) v.get(6).get(7)).isCloseTo(sd, org.assertj.core.data.Offset.offset(1e-9));

    // a commit rule with REJECT: no commit, the observed value in the error and the report
    s.execute("ALTER FEATURE GROUP c ADD EXPECTATION few ROW COUNT <= 2");
    FsqlException e = fails("INSERT INTO c VALUES (6, 1.0, 'a', 'a@x.com'), (7, 1.0, 'b', 'b@x.com'),"
        + " (8, 1.0, 'c', 'c@x.com')");
    assertThat(e.getMessage()).isEqualTo("INSERT into c v1 rejected: 1 expectation failed:"
        + " few (ROW COUNT <= 2) [REJECT]: observed 3; nothing was committed");
    assertThat(commits("c")).hasSize(1);
    assertThat(query(s, "SELECT expectation, outcome, observed, insert_outcome FROM information_schema.validations"
        + " WHERE feature_group = 'c' AND attempt = 2 AND outcome = 'FAIL'")).isEqualTo(List.of(
            row("few", "FAIL", 3.0, "REJECTED")));
    // UNIQUE with REJECT shows the repeated values
    s.execute("ALTER FEATURE GROUP c DROP EXPECTATION few");
    s.execute("ALTER FEATURE GROUP c ADD EXPECTATION one_email UNIQUE (email)");
    e = fails("INSERT INTO c VALUES (6, 1.0, 'a', 'a@x.com'), (7, 1.0, 'b', 'a@x.com'), (8, 1.0, 'c', 'a@x.com')");
    assertThat(e.getMessage()).endsWith("one_email (UNIQUE (email)) [REJECT]: 2 of 3 rows repeat a value,"
        + " e.g. email='a@x.com' (3 rows); nothing was committed");
    s.execute("ALTER FEATURE GROUP c DROP EXPECTATION one_email");
    assertThat(s.execute("INSERT INTO c VALUES (6, 1.0, 'a', 'a@x.com'), (7, 1.0, 'b', 'a@x.com')")
        .updateCount()).isEqualTo(2);
    assertThat(commits("c")).hasSize(2);
  }

  @Test
  @Order(4)
  void expectationsAreShownAndChangedWithAlter() {
    s.execute("CREATE FEATURE GROUP a (id BIGINT, amount DOUBLE, EXPECTATION positive CHECK (amount >= 0)"
        + " ON VIOLATION WARN) PRIMARY KEY (id)");
    assertThat(s.execute("ALTER FEATURE GROUP a ADD EXPECTATION rows_ok ROW COUNT BETWEEN 1 AND 10").message())
        .isEqualTo("added expectation rows_ok to a v1");
    assertThat(query(s, "SHOW EXPECTATIONS FOR a")).isEqualTo(List.of(
        row("positive", "CHECK (amount >= 0)", "ROW", "WARN"),
        row("rows_ok", "ROW COUNT BETWEEN 1 AND 10", "COMMIT", "REJECT")));
    List<List<Object>> describe = query(s, "DESCRIBE a");
    assertThat(describe).contains(
        row("expectation positive", "CHECK (amount >= 0) ON VIOLATION WARN", "", "", "", ""),
        row("expectation rows_ok", "ROW COUNT BETWEEN 1 AND 10 ON VIOLATION REJECT", "", "", "", ""));
    assertThat(s.execute("ALTER FEATURE GROUP a DROP EXPECTATION positive").message())
        .isEqualTo("dropped expectation positive from a v1");
    assertThat(query(s, "SHOW EXPECTATIONS FOR a")).isEqualTo(List.of(
        row("rows_ok", "ROW COUNT BETWEEN 1 AND 10", "COMMIT", "REJECT")));
    // the dropped rule no longer applies
    assertThat(s.execute("INSERT INTO a VALUES (1, -5.0)").updateCount()).isEqualTo(1);
    FsqlException e = fails("ALTER FEATURE GROUP a DROP EXPECTATION positive");
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_OBJECT);
    assertThat(e.getMessage()).isEqualTo("line 1:40: feature group a v1 has no expectation 'positive'"
        + " (SHOW EXPECTATIONS FOR a lists them)");
    e = fails("ALTER FEATURE GROUP a ADD EXPECTATION rows_ok ROW COUNT > 1");
    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(e.getMessage()).isEqualTo("line 1:27: feature group a v1 has an expectation 'rows_ok'"
        + " already (DROP EXPECTATION it first)");
  }

  @Test
  @Order(5)
  void badRulesAreRefusedWhenDeclaredWithTheirPosition() {
    String create = "CREATE FEATURE GROUP bad (id BIGINT, amount DOUBLE, cat VARCHAR,\n  EXPECTATION e ";
    FsqlException e = fails(create + "CHECK (amont > 0)) PRIMARY KEY (id)");
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN);
    assertThat(e.getMessage()).startsWith("line 2:24: column 'amont' does not exist");
    e = fails(create + "CHECK (amount + 1)) PRIMARY KEY (id)");
    assertThat(e.getMessage()).isEqualTo("line 2:24: the rule's condition has type DOUBLE; it must be BOOLEAN");
    e = fails(create + "CHECK (sum(amount) > 0)) PRIMARY KEY (id)");
    assertThat(e.getMessage()).isEqualTo("line 2:24: a row rule cannot use an aggregate function (commit"
        + " rules bound aggregates: ROW COUNT, NULL FRACTION, DISTINCT COUNT, MEAN, MIN, MAX, STDDEV, UNIQUE)");
    e = fails(create + "CHECK (amount IN (SELECT 1)) ) PRIMARY KEY (id)");
    assertThat(e.getMessage()).isEqualTo("line 2:35: a row rule cannot use a subquery: it reads one row at a time");
    e = fails(create + "MEAN (cat) < 1) PRIMARY KEY (id)");
    assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(e.getMessage()).isEqualTo("line 2:23: MEAN needs a numeric column; 'cat' is VARCHAR");
    e = fails(create + "NULL FRACTION (nope) < 0.5) PRIMARY KEY (id)");
    assertThat(e.getMessage()).isEqualTo("line 2:32: column 'nope' does not exist in feature group bad v1");
    e = fails(create + "nope NOT NULL) PRIMARY KEY (id)");
    assertThat(e.getMessage()).startsWith("line 2:17: column 'nope' does not exist");
    e = fails(create + "amount MATCHES 'x') PRIMARY KEY (id)");
    assertThat(e.getMessage()).isEqualTo("line 2:17: MATCHES needs a VARCHAR column; 'amount' is DOUBLE");
    e = fails(create + "ROW COUNT > 1 ON VIOLATION DROP) PRIMARY KEY (id)");
    assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
    assertThat(e.getMessage()).isEqualTo("line 2:44: ON VIOLATION DROP applies to row rules only: ROW COUNT"
        + " is a rule over all the inserted rows (use REJECT or WARN)");
    assertThat(query(s, "SHOW FEATURE GROUPS LIKE 'bad'")).isEmpty();
  }

  @Test
  @Order(6)
  void expectationsAndHistorySurviveARestart() {
    List<List<Object>> expectations = query(s, "SHOW EXPECTATIONS FOR r");
    List<List<Object>> history = query(s, "SHOW VALIDATIONS FOR r");
    engine.close();
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    assertThat(query(s, "SHOW EXPECTATIONS FOR r")).isEqualTo(expectations);
    assertThat(query(s, "SHOW VALIDATIONS FOR r")).isEqualTo(history);
    FsqlException e = fails("INSERT INTO r VALUES (9, -9.0, 'a')");
    assertThat(e.getMessage()).startsWith("INSERT into r v1 rejected: 1 expectation failed: positive");
    assertThat(query(s, "SHOW VALIDATIONS FOR r")).hasSize(history.size() + 2);
  }
}
