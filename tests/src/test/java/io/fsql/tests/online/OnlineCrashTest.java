package io.fsql.tests.online;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process halted (as kill -9 would) after an INSERT's offline commit but before its online
 * write, or in the middle of the online write, loses nothing: on the next open the online store
 * catches up from the offline history before any lookup is served.
 */
class OnlineCrashTest {
  @TempDir
  Path tmp;

  /** Run in a child JVM: two commits, the second halted at the crash point given. */
  public static void main(String[] args) {
    FsqlEngine engine = FsqlHome.open(Path.of(args[0]));
    Session s = engine.openSession();
    s.execute("CREATE FEATURE GROUP c (k INT NOT NULL, v VARCHAR, t TIMESTAMP) PRIMARY KEY (k) EVENT TIME t ONLINE");
    s.execute("INSERT INTO c VALUES (1, 'one', TIMESTAMP '2026-01-01 00:00:00'), (2, 'two', TIMESTAMP '2026-01-01 00:00:00')");
    System.setProperty("fsql.test.crashAt", args[1]);
    s.execute("INSERT INTO c VALUES (1, 'uno', TIMESTAMP '2026-01-02 00:00:00'), (2, 'old', TIMESTAMP '2025-01-01 00:00:00'),"
        + " (3, 'tres', TIMESTAMP '2026-01-01 00:00:00')");
    Runtime.getRuntime().halt(3); // not reached when the crash point halts first
  }

  @ParameterizedTest
  @ValueSource(strings = {"after-offline-commit", "during-online-write"})
  void theOnlineStoreCatchesUpOnOpen(String crashPoint) throws Exception {
    Path home = tmp.resolve("home");
    Path log = tmp.resolve("child.log");
    Process p = io.fsql.tests.ChildJvm.start(OnlineCrashTest.class.getName(), List.of(),
        List.of(home.toString(), crashPoint), log);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isEqualTo(137);

    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      // the offline commit stands: two commits
      assertThat(query(s, "SELECT COUNT(*) FROM c")).containsExactly(row(5L));
      String lookup = "SELECT k, v FROM LATEST c WHERE k IN (1, 2, 3)";
      assertThat(query(s, "EXPLAIN " + lookup).get(0).get(0).toString()).contains("Runs on: online store");
      assertThat(query(s, lookup)).containsExactlyInAnyOrder(row(1, "uno"), row(2, "two"), row(3, "tres"));
      assertThat(query(s, "DESCRIBE c")).anySatisfy(
          r -> assertThat(r.subList(0, 2)).isEqualTo(row("online_lag", "0 commits (up to date)")));
      // and the group stays writable
      s.execute("INSERT INTO c VALUES (3, 'drei', TIMESTAMP '2026-01-03 00:00:00')");
      assertThat(query(s, lookup)).containsExactlyInAnyOrder(row(1, "uno"), row(2, "two"), row(3, "drei"));
    }
  }
}
