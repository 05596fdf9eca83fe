package io.fsql.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/fsql as a user runs it: -e, -f, errors, exit codes, the home directory. */
class LauncherTest {
  @TempDir
  Path tmp;

  @Test
  void executeRunsStatementsAndStopsAtTheFirstError() throws Exception {
    String home = tmp.resolve("home").toString();
    Launcher.Result r = Launcher.run(List.of("sql", "--home", home, "-e",
        "CREATE FEATURE GROUP g (k INT, v VARCHAR) PRIMARY KEY (k);"
            + " INSERT INTO g VALUES (1, 'one'), (2, 'two');"
            + " SELECT k, v FROM g ORDER BY k;\n"
            + "SELECT nope FROM g;\n"
            + "INSERT INTO g VALUES (3, 'three')"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(String.join("\n",
        "created feature group g v1",
        r.out().lines().skip(1).findFirst().orElseThrow(),
        "+---+-----+",
        "| k | v   |",
        "+---+-----+",
        "| 1 | one |",
        "| 2 | two |",
        "+---+-----+",
        "(2 rows)",
        ""));
    assertThat(r.out().lines().skip(1).findFirst().orElseThrow())
        .matches("committed \\d{17} to g v1: 2 inserted, 0 updated");
    assertThat(r.err()).contains("ERROR: line 2:8: column 'nope' does not exist");
    // no progress line without --progress (ProgressTest checks it with)
    assertThat(r.err()).doesNotContain("\r").doesNotContain(" tasks,");

    // The statement after the error did not run; the home keeps what ran before it.
    Launcher.Result after = Launcher.run(List.of("sql", "--home", home, "-e", "SELECT COUNT(*) AS n FROM g"));
    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(after.out()).contains("| 2 |");
  }

  @Test
  void fileErrorsPointIntoTheFile() throws Exception {
    Path script = tmp.resolve("bad.sql");
    Files.writeString(script, "-- a script\nCREATE FEATURE GROUP g (k INT) PRIMARY KEY (k);\n"
        + "SELECT k\n  FORM g;\n");
    Launcher.Result r = Launcher.run(List.of("sql", "--home", tmp.resolve("h2").toString(), "-f", script.toString()));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("created feature group g v1\n");
    assertThat(r.err()).contains("ERROR: " + script + ": line 4:8: mismatched input 'g'. Expecting: ");

    Launcher.Result missing = Launcher.run(List.of("sql", "-f", tmp.resolve("nope.sql").toString()));
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("ERROR: cannot read");
  }

  @Test
  void serveRefusesAnOpenAddressWithoutUsersAndHelpIsThere() throws Exception {
    Launcher.Result serve = Launcher.run(List.of("serve", "--home", tmp.toString(), "--bind", "0.0.0.0", "--port", "0"));
    assertThat(serve.exitCode()).as(serve.err()).isEqualTo(1);
    assertThat(serve.err()).contains("loopback");
    Launcher.Result serveHelp = Launcher.run(List.of("serve", "--help"));
    assertThat(serveHelp.exitCode()).isZero();
    assertThat(serveHelp.out()).contains("--port").contains("--bind").contains("--users").contains("--tls-cert")
        .contains("--allow-files");
    Launcher.Result help = Launcher.run(List.of("sql", "--help"));
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--home").contains("--execute").contains("--file");
  }
}
