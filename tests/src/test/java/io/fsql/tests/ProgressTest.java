package io.fsql.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Progress;
import io.fsql.planner.engine.Session;
import io.fsql.server.ProgressLine;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.spark.SparkProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line: what the Spark watcher reports during a real INSERT, rendered as one line
 * rewritten in place and cleared at the end; nothing below the delay; and bin/fsql -e --progress.
 */
class ProgressTest {
  private static final String LINE =
      "(stage \\d+( \\(\\+\\d+ stages?\\))?: \\d+/\\d+ tasks(, [\\d,]+ rows written)?|starting), \\d+\\.\\d s *";

  @TempDir
  Path tmp;

  @Test
  void theLineText() {
    assertThat(ProgressLine.text(new Progress(7, 2, 3, 8, 1000, 2400)))
        .isEqualTo("stage 7 (+1 stage): 3/8 tasks, 1,000 rows written, 2.4 s");
    assertThat(ProgressLine.text(new Progress(12, 1, 0, 4, -1, 1050))).isEqualTo("stage 12: 0/4 tasks, 1.1 s");
    assertThat(ProgressLine.text(new Progress(-1, 0, 0, 0, -1, 200))).isEqualTo("starting, 0.2 s");
  }

  @Test
  void anInsertShowsOneUpdatingLineClearedWhenItEnds() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home"))) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP p (k BIGINT, v DOUBLE) PRIMARY KEY (k)");
      s.execute("INSERT INTO p VALUES (0, 0.0)");  // Spark and Hudi warm
      ByteArrayOutputStream shown = new ByteArrayOutputStream();
      ByteArrayOutputStream quiet = new ByteArrayOutputStream();
      try (SparkProgress watch = SparkProgress.watch(new ProgressLine(new PrintStream(shown, true, StandardCharsets.UTF_8)), 0, 20);
           SparkProgress never = SparkProgress.watch(new ProgressLine(new PrintStream(quiet, true, StandardCharsets.UTF_8)), 600_000, 20)) {
        s.execute("INSERT INTO p VALUES (1, 1.5), (2, 2.5), (3, 3.5)");
      }
      String out = shown.toString(StandardCharsets.UTF_8);
      assertThat(out).doesNotContain("\n").startsWith("\r").endsWith("\r");
      List<String> lines = Arrays.stream(out.split("\r")).filter(l -> !l.isEmpty()).toList();
      // every text is a progress line or blanks the line out (the jobs paused); the last one blanks it
      assertThat(lines).allSatisfy(l -> assertThat(l.isBlank() || l.matches(LINE)).as(l).isTrue());
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("stage "));
      assertThat(lines.get(lines.size() - 1)).isBlank();
      assertThat(quiet.size()).isZero();
    }
  }

  @Test
  void theLauncherShowsItWithProgress() throws Exception {
    // (without --progress, LauncherTest checks that -e prints nothing on stderr but errors)
    // enough rows that the INSERT keeps Spark busy for longer than the launcher's 1 s delay before
    // it shows progress (a few rows are written faster than that, and show nothing)
    int n = 200_000;
    StringBuilder csv = new StringBuilder();
    for (int k = 0; k < n; k++) {
      csv.append(k).append(',').append(k * 1.5).append('\n');
    }
    Path file = tmp.resolve("p.csv");
    java.nio.file.Files.writeString(file, csv);
    String sql = "CREATE FEATURE GROUP p (k BIGINT, v DOUBLE) PRIMARY KEY (k); INSERT INTO p SELECT k, v FROM"
        + " read_csv(schema => 'k BIGINT, v DOUBLE', path => '" + file + "', header => false)";
    Launcher.Result r = Launcher.run(List.of("sql", "--home", tmp.resolve("cli").toString(), "--progress", "-e", sql));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).matches("created feature group p v1\ncommitted \\d{17} to p v1: " + n + " inserted, 0 updated\n");
    assertThat(Arrays.stream(r.err().split("\r")).filter(l -> l.startsWith("stage ")).toList())
        .isNotEmpty().allSatisfy(l -> assertThat(l).matches(LINE));
  }
}
