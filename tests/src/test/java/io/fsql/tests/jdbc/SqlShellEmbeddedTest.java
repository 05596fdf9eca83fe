package io.fsql.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell (SQLLine) on the embedded engine shows each statement's message once, as a plain line. */
class SqlShellEmbeddedTest {
  @TempDir
  Path tmp;

  @Test
  void eachMessageShowsOnce() throws Exception {
    FsqlProcess.Result r = FsqlProcess.run(tmp.resolve("work"),
        "CREATE FEATURE GROUP g (k INT NOT NULL, ts TIMESTAMP) PRIMARY KEY (k) EVENT TIME ts;\n"
            + "INSERT INTO g VALUES (1, TIMESTAMP '2026-01-01 10:00:00.123456');\n"
            + "SELECT k, ts FROM g;\n"
            + "!quit\n",
        "sql", "--home", tmp.resolve("home").toString());
    String all = r.out() + r.err();
    assertThat(r.exitCode()).as(all).isZero();
    assertThat(count(all, "created feature group g v1")).as(all).isEqualTo(1);
    assertThat(count(all, "1 inserted, 0 updated")).as(all).isEqualTo(1);
    assertThat(all).contains("| 1 | 2026-01-01 10:00:00.123456 |");
    assertThat(r.out()).contains("> created feature group g v1\n");
    assertThat(r.out()).containsPattern("> committed \\d{17} to g v1: 1 inserted, 0 updated\n");
    assertThat(all).doesNotContain("Warning:").doesNotContain("state=01000");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
