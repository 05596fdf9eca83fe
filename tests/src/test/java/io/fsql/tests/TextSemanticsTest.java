package io.fsql.tests;

import static io.fsql.tests.Rows.query;
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
 * Text is Unicode everywhere: literals outside Latin-1 (CJK, emoji, combining marks) in INSERT,
 * WHERE, LIKE and parameters, read back exactly from the offline store, the online store and a
 * home reopened (Calcite's default ISO-8859-1 once refused such literals outright); and LIKE
 * without ESCAPE has no escape character, on Spark (whose LIKE escapes with a backslash by
 * default) as in fsql's own evaluator.
 */
class TextSemanticsTest {
  static final String[] NAMES = {"日本", "Ærø", "😀 ok", "naïve", "e\u0301", "Ωμέγα", "plain"};

  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;

  @BeforeAll
  static void load() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP names (id BIGINT, name VARCHAR, ts TIMESTAMP)"
        + " PRIMARY KEY (id) EVENT TIME ts ONLINE");
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < NAMES.length; i++) {
      values.append(i == 0 ? "" : ", ").append("(").append(i).append(", '").append(NAMES[i])
          .append("', TIMESTAMP '2026-01-01 00:00:00')");
    }
    s.execute("INSERT INTO names VALUES " + values);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void valuesRoundTripThroughTheOfflineStore() {
    List<List<Object>> rows = query(s, "SELECT id, name, CHAR_LENGTH(name) FROM names ORDER BY id");
    assertThat(rows).hasSize(NAMES.length);
    for (int i = 0; i < NAMES.length; i++) {
      assertThat(rows.get(i).get(1)).isEqualTo(NAMES[i]);
    }
    assertThat(rows.get(0).get(2)).isEqualTo(2);
  }

  @Test
  void literalsFilterAndConcatenate() {
    assertThat(query(s, "SELECT id FROM names WHERE name = '日本'")).containsExactly(List.of(0L));
    assertThat(query(s, "SELECT id FROM names WHERE name LIKE 'Ω%' OR name LIKE '%ø'"
        + " ORDER BY id")).containsExactly(List.of(1L), List.of(5L));
    assertThat(query(s, "SELECT name || '—✓' FROM names WHERE id = 2"))
        .containsExactly(List.of("😀 ok—✓"));
    assertThat(query(s, "SELECT id FROM names WHERE name = ?", "naïve"))
        .containsExactly(List.of(3L));
  }

  @Test
  void likeWithoutEscapeTreatsBackslashAsAnOrdinaryCharacter() {
    s.execute("CREATE FEATURE GROUP pats (id BIGINT, s VARCHAR, pat VARCHAR) PRIMARY KEY (id)");
    s.execute("INSERT INTO pats VALUES (1, 'a\\b', 'a\\%'), (2, 'a%b', 'a%'), (3, 'axb', '_x_'),"
        + " (4, 'a_b', 'a!_b'), (5, 'a\\%', NULL)");
    assertThat(query(s, "SELECT id FROM pats WHERE s LIKE 'a\\%' ORDER BY id"))
        .containsExactly(List.of(1L), List.of(5L));
    assertThat(query(s, "SELECT id FROM pats WHERE s NOT LIKE 'a\\%' ORDER BY id"))
        .containsExactly(List.of(2L), List.of(3L), List.of(4L));
    assertThat(query(s, "SELECT id FROM pats WHERE s LIKE pat ORDER BY id"))
        .containsExactly(List.of(1L), List.of(2L), List.of(3L));
    assertThat(query(s, "SELECT id FROM pats WHERE s LIKE 'a!_b' ESCAPE '!'"))
        .containsExactly(List.of(4L));
    assertThat(query(s, "SELECT id FROM pats WHERE s LIKE ? ORDER BY id", "a\\_"))
        .containsExactly(List.of(1L), List.of(5L));
    String constant = "SELECT 'a\\b' LIKE 'a\\b', 'a\\b' LIKE 'a\\\\b', 'x\\' LIKE '%\\'";
    List<Object> expected = List.of(true, false, true);
    assertThat(query(s, constant)).containsExactly(expected);
    s.execute("SET local_evaluation = off");
    try {
      assertThat(query(s, constant)).containsExactly(expected);
    } finally {
      s.execute("SET local_evaluation = auto");
    }
  }

  @Test
  void onlineLookupsReturnTheSameText() {
    for (int i = 0; i < NAMES.length; i++) {
      assertThat(query(s, "SELECT name FROM LATEST names WHERE id = ?", (long) i))
          .containsExactly(List.of(NAMES[i]));
    }
    assertThat(query(s, "EXPLAIN SELECT name FROM LATEST names WHERE id = 1").toString())
        .contains("online store");
  }

  @Test
  void aReopenedHomeReadsTheSameText() {
    Path other = tmp.resolve("other");
    try (FsqlEngine e = FsqlHome.open(other)) {
      Session t = e.openSession();
      t.execute("CREATE FEATURE GROUP g (k INT, v VARCHAR) PRIMARY KEY (k)");
      t.execute("INSERT INTO g VALUES (1, '日本語テキスト')");
    }
    try (FsqlEngine e = FsqlHome.open(other)) {
      assertThat(query(e.openSession(), "SELECT v FROM g WHERE v LIKE '%テキ%'"))
          .containsExactly(List.of("日本語テキスト"));
    }
  }
}
