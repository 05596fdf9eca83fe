package io.fsql.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalog statements, SHOW/DESCRIBE/EXPLAIN and queries that read no data never start Spark: run
 * in a fresh JVM (this one's Spark is shared and warm), which reports after every statement
 * whether Spark has started; the first query over a feature group then does start it.
 */
class NoSparkTest {
  @TempDir
  Path tmp;

  @Test
  void sparkStartsOnlyForTheFirstReadOfAGroup() throws Exception {
    List<String> sparkFree = List.of(
        "CREATE FEATURE GROUP g (id BIGINT NOT NULL, v DOUBLE, ts TIMESTAMP NOT NULL) PRIMARY KEY (id) EVENT TIME ts",
        "SHOW FEATURE GROUPS",
        "DESCRIBE g",
        "SHOW COMMITS FOR g",
        "EXPLAIN SELECT * FROM g WHERE id = 1",
        "EXPLAIN SELECT 1",
        "SELECT 1",
        "VALUES (1, 'a'), (2, 'b')",
        "SELECT CURRENT_TIMESTAMP",
        "SELECT 7 / 2, CASE WHEN 1 > 0 THEN 'yes' ELSE 'no' END, UPPER('abc') || SUBSTRING('hello' FROM 2 FOR 3)",
        "SELECT x, COUNT(*) FROM (VALUES (1), (1), (2)) AS t(x) GROUP BY x ORDER BY x",
        "SET online_lookups = off",
        "DROP FEATURE GROUP g",
        "CREATE FEATURE GROUP h (id BIGINT NOT NULL) PRIMARY KEY (id)");
    List<String> args = new ArrayList<>(sparkFree);
    args.add("SELECT count(*) FROM h");
    List<String> out = probe(args);
    List<String> expected = new ArrayList<>();
    for (String s : sparkFree) {
      expected.add("spark-started=false");
    }
    expected.add("spark-started=true");
    assertThat(out.stream().filter(l -> l.startsWith("spark-started=")).toList()).isEqualTo(expected);
    assertThat(out).contains("ok SELECT 1: [1]", "ok VALUES (1, 'a'), (2, 'b'): [1, a]",
        "ok SELECT x, COUNT(*) FROM (VALUES (1), (1), (2)) AS t(x) GROUP BY x ORDER BY x: [1, 2]",
        "ok SELECT 7 / 2, CASE WHEN 1 > 0 THEN 'yes' ELSE 'no' END, UPPER('abc') || SUBSTRING('hello' FROM 2 FOR 3): [3, yes, ABCell]",
        "ok SELECT count(*) FROM h: [0]");
  }

  private List<String> probe(List<String> statements) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-D") || arg.startsWith("-XX:+Ignore")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Xmx1g");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SparkFreeProbe.class.getName());
    cmd.add(tmp.resolve("home").toString());
    cmd.addAll(statements);
    Path out = tmp.resolve("stdout.txt");
    Path err = tmp.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("the probe did not finish in 3 minutes");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("probe exit code; stdout:\n" + stdout + "\nstderr:\n"
        + Files.readString(err, StandardCharsets.UTF_8)).isZero();
    return stdout.lines().toList();
  }
}
