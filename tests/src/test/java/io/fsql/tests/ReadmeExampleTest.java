package io.fsql.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example session, run with bin/fsql, prints exactly the README's output. */
class ReadmeExampleTest {
  @TempDir
  Path tmp;

  @Test
  void exampleSessionPrintsWhatTheReadmeShows() throws Exception {
    String readme = Files.readString(Launcher.root().resolve("README.md"));
    String sql = block(readme, "<!-- example-session -->", "```sql");
    String expected = block(readme, "<!-- example-output -->", "```text");
    Path script = tmp.resolve("session.sql");
    Files.writeString(script, sql);

    Launcher.Result r = Launcher.run(List.of("sql", "--home", tmp.resolve("home").toString(),
        "-f", script.toString()));

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(commitIdsMasked(r.out())).isEqualTo(commitIdsMasked(expected));
  }

  @Test
  void onlineExamplePrintsWhatTheReadmeShows() throws Exception {
    String readme = Files.readString(Launcher.root().resolve("README.md"));
    Path script = tmp.resolve("online.sql");
    Files.writeString(script, block(readme, "<!-- online-session -->", "```sql"));
    Launcher.Result r = Launcher.run(List.of("sql", "--home", tmp.resolve("home").toString(),
        "-f", script.toString()));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(commitIdsMasked(r.out()))
        .isEqualTo(commitIdsMasked(block(readme, "<!-- online-output -->", "```text")));
  }

  private static String block(String text, String marker, String fence) {
    int at = text.indexOf(marker);
    assertThat(at).as("README has " + marker).isGreaterThanOrEqualTo(0);
    int start = text.indexOf(fence, at) + fence.length() + 1;
    int end = text.indexOf("\n```", start);
    return text.substring(start, end + 1);
  }

  private static String commitIdsMasked(String s) {
    return s.replaceAll("\\b\\d{17}\\b", "<commit>");
  }
}
