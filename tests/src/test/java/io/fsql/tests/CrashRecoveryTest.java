package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that dies without closing anything (Runtime.halt, as a crash or kill -9 would) leaves
 * a home that opens again with every committed statement: the catalog's changes and the groups'
 * commits. The home lock dies with the process.
 */
class CrashRecoveryTest {
  @TempDir
  Path tmp;

  /** Run in a child JVM: create, insert, create again, then halt without any cleanup. */
  public static void main(String[] args) {
    FsqlEngine engine = FsqlHome.open(Path.of(args[0]));
    Session s = engine.openSession();
    s.execute("CREATE FEATURE GROUP survivors (k INT, v VARCHAR) PRIMARY KEY (k)");
    s.execute("INSERT INTO survivors VALUES (1, 'one'), (2, 'two')");
    s.execute("CREATE FEATURE VIEW survivor_view AS SELECT k FROM survivors");
    Runtime.getRuntime().halt(3);
  }

  @Test
  void committedStatementsSurviveAHaltedProcess() throws Exception {
    Path home = tmp.resolve("home");
    Process p = ChildJvm.start(CrashRecoveryTest.class.getName(), List.of(), List.of(home.toString()),
        tmp.resolve("child.log"));
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(java.nio.file.Files.readString(tmp.resolve("child.log"))).isEqualTo(3);

    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      assertThat(query(s, "SELECT k, v FROM survivors ORDER BY k")).isEqualTo(List.of(row(1, "one"), row(2, "two")));
      assertThat(query(s, "SELECT COUNT(*) FROM survivor_view")).isEqualTo(List.of(row(2L)));
      assertThat(query(s, "SHOW COMMITS FOR survivors")).hasSize(1);
    }
    assertThat(new File(home.toFile(), "fsql.lock")).exists();
  }

  /**
   * A first INSERT killed before its commit completed leaves a timeline with only the requested
   * and inflight instants (and data files nothing refers to): the group reads as empty with its
   * declared schema (SELECT, LATEST, AS OF, CHANGES SINCE, SHOW COMMITS, DESCRIBE, ASOF JOINs),
   * and the next INSERT rolls the failed commit back (its rows never come back) and commits. (Here the commit is made and then its completed
   * instant removed, so the online store had applied it: an online store ahead of the offline
   * history is rebuilt from it on open.)
   */
  @Test
  void aGroupWhoseFirstCommitNeverCompletedReadsAsEmpty() throws Exception {
    Path home = tmp.resolve("home");
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP c0 (k INT NOT NULL, v VARCHAR, t TIMESTAMP) PRIMARY KEY (k) EVENT TIME t ONLINE");
      s.execute("INSERT INTO c0 VALUES (1, 'a', TIMESTAMP '2026-01-01 00:00:00')");
    }
    // the state a kill -9 during the first commit leaves: the completed instant is missing
    Path timeline;
    try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.walk(home.resolve("offline"))) {
      timeline = dirs.filter(p -> p.getFileName().toString().equals("timeline")
          && p.getParent().getFileName().toString().equals(".hoodie")).findFirst().orElseThrow();
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(timeline)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".commit")
          && p.getFileName().toString().contains("_")).toList()) {
        java.nio.file.Files.delete(f);
      }
    }
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      assertThat(query(s, "SELECT COUNT(*) FROM c0")).isEqualTo(List.of(row(0L)));
      assertThat(query(s, "SELECT k, v, t FROM c0")).isEmpty();
      assertThat(query(s, "SELECT k, v FROM LATEST c0 WHERE k = 1")).isEmpty();
      assertThat(query(s, "SHOW COMMITS FOR c0")).isEmpty();
      assertThat(query(s, "DESCRIBE c0")).anySatisfy(r -> assertThat(r.subList(0, 2))
          .isEqualTo(row("online_watermark", "(none)")));
      assertThat(query(s, "DESCRIBE c0").subList(0, 3)).extracting(r -> r.subList(0, 2))
          .containsExactly(row("k", "INTEGER"), row("v", "VARCHAR"), row("t", "TIMESTAMP"));
      assertThat(query(s, "SELECT k, v FROM c0 AS OF TIMESTAMP '2030-01-01 00:00:00'")).isEmpty();
      assertThat(query(s, "SELECT k, v, _commit FROM c0 CHANGES SINCE TIMESTAMP '2000-01-01 00:00:00'")).isEmpty();
      s.execute("CREATE FEATURE GROUP spine0 (k INT NOT NULL, t TIMESTAMP) PRIMARY KEY (k) EVENT TIME t");
      s.execute("INSERT INTO spine0 VALUES (1, TIMESTAMP '2026-06-01 00:00:00')");
      assertThat(query(s, "SELECT s.k, c.v FROM spine0 s LEFT ASOF JOIN c0 c MATCH_CONDITION (s.t >= c.t)"
          + " ON s.k = c.k")).isEqualTo(List.of(row(1, null)));
      assertThat(query(s, "SELECT s.k, c.v FROM spine0 s ASOF JOIN c0 c MATCH_CONDITION (s.t >= c.t)"
          + " ON s.k = c.k")).isEmpty();
      // the group stays writable, and the next writer rolls the never-completed commit back: its
      // row (k = 1) does not come back with the next commit
      assertThat(s.execute("INSERT INTO c0 VALUES (2, 'b', TIMESTAMP '2026-01-02 00:00:00')").updateCount()).isEqualTo(1);
      assertThat(query(s, "SELECT v FROM LATEST c0 WHERE k = 2")).isEqualTo(List.of(row("b")));
      assertThat(query(s, "SELECT k, v FROM c0")).isEqualTo(List.of(row(2, "b")));
      assertThat(query(s, "SHOW COMMITS FOR c0")).hasSize(1);
      s.execute("INSERT INTO c0 VALUES (3, 'c', TIMESTAMP '2026-01-03 00:00:00')");
      assertThat(query(s, "SELECT k, v FROM c0 ORDER BY k")).isEqualTo(List.of(row(2, "b"), row(3, "c")));
      assertThat(query(s, "SELECT k, v FROM LATEST c0 WHERE k = 1")).isEmpty();
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(timeline)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rollback")).toList())
          .as("the never-completed commit was rolled back").hasSize(1);
    }
  }
}
