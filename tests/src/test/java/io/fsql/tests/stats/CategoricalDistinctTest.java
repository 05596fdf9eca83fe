package io.fsql.tests.stats;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.EmbeddedEngines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DISTINCT COUNT and UNIQUE of a VARCHAR or BOOLEAN column read from its statistics (with
 * statistics on and no row dropped) give the same hand-computed results as their own count (with
 * statistics off, or with rows dropped).
 */
class CategoricalDistinctTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;

  @BeforeAll
  static void open() {
    engine = EmbeddedEngines.acquire(tmp.resolve("home"));
    s = engine.openSession();
  }

  @AfterAll
  static void close() {
    s.close();
    engine.close();
  }

  private static List<List<Object>> validations(String group) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : query(s, "SHOW VALIDATIONS FOR " + group)) {
      out.add(row(r.get(2), r.get(5), r.get(6), r.get(7), r.get(8)));
    }
    return out;
  }

  private static List<List<Object>> insert(String group, String statistics, String drop) {
    s.execute("CREATE FEATURE GROUP " + group + " (id BIGINT, cat VARCHAR, flag BOOLEAN,"
        + " EXPECTATION pos CHECK (id > " + drop + ") ON VIOLATION DROP,"
        + " EXPECTATION dc DISTINCT COUNT (cat) <= 2 ON VIOLATION WARN,"
        + " EXPECTATION u UNIQUE (cat) ON VIOLATION WARN,"
        + " EXPECTATION uf UNIQUE (flag) ON VIOLATION WARN) PRIMARY KEY (id)");
    s.execute("SET statistics = " + statistics);
    // cat: 'a' 'b' 'a' NULL 'c' 'a' (3 distinct, 2 repeats); flag: true false NULL NULL true NULL (2, 1)
    s.execute("INSERT INTO " + group + " VALUES (1, 'a', true), (2, 'b', false), (3, 'a', NULL), (4, NULL, NULL),"
        + " (5, 'c', true), (6, 'a', NULL)");
    return validations(group);
  }

  @Test
  void readFromStatisticsAsCountedOnTheirOwn() {
    List<List<Object>> expected = List.of(
        row("pos", "PASS", 6L, 0L, null),
        row("dc", "FAIL", 6L, null, 3.0),
        row("u", "FAIL", 6L, 2L, 2.0),
        row("uf", "FAIL", 6L, 1L, 1.0));
    assertThat(insert("with_stats", "on", "0")).isEqualTo(expected);
    assertThat(insert("without_stats", "off", "0")).isEqualTo(expected);
  }

  @Test
  void withRowsDroppedTheyStillMeasureEveryRowOffered() {
    // id > 4 drops ids 1..4: the expectations still measure the 6 rows offered
    assertThat(insert("dropping", "on", "4")).isEqualTo(List.of(
        row("pos", "FAIL", 6L, 4L, null),
        row("dc", "FAIL", 6L, null, 3.0),
        row("u", "FAIL", 6L, 2L, 2.0),
        row("uf", "FAIL", 6L, 1L, 1.0)));
  }
}
