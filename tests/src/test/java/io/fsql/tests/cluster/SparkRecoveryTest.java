package io.fsql.tests.cluster;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process's Spark after failures: a stopped context (what a cluster that removed the
 * application leaves) is replaced by the next statement, an unreachable master is a one-line
 * error within seconds after which the process still works, a failed Spark job is a one-line
 * error, and a stopped session's scratch directory is gone.
 */
class SparkRecoveryTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;

  @BeforeAll
  static void open() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP g (k INT, v VARCHAR) PRIMARY KEY (k)");
    s.execute("INSERT INTO g VALUES (1, 'a')");
  }

  @AfterEach
  void localAgain() {
    System.clearProperty("fsql.spark.master");
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void aStoppedContextIsReplacedByTheNextStatement() {
    SparkSession before = SparkRuntime.session();
    Path scratch = Paths.get(before.sparkContext().getConf().get("spark.local.dir"));
    assertThat(scratch.getFileName().toString()).startsWith("fsql-spark-" + ProcessHandle.current().pid() + "-");
    assertThat(scratch).isDirectory();
    before.sparkContext().stop();  // as Spark does when the cluster removes the application

    assertThat(query(s, "SELECT k, v FROM g")).isEqualTo(List.of(row(1, "a")));
    assertThat(SparkRuntime.session()).isNotSameAs(before);
    assertThat(SparkRuntime.session().sparkContext().isStopped()).isFalse();
    assertThat(Files.exists(scratch)).as("the stopped session's scratch directory").isFalse();
  }

  @Test
  void anUnreachableMasterIsAOneLineErrorWithinSecondsAndTheProcessStillWorks() throws Exception {
    int port = StandaloneCluster.freePort();  // nothing listens there
    System.setProperty("fsql.spark.master", "spark://127.0.0.1:" + port);
    SparkRuntime.stop();
    long t0 = System.nanoTime();
    FsqlException e = catchThrowableOfType(FsqlException.class, () -> s.execute("INSERT INTO g VALUES (2, 'b')"));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
    assertThat(e.getMessage()).isEqualTo("cannot reach the Spark master spark://127.0.0.1:" + port + ": 127.0.0.1:"
        + port + " (Connection refused); check FSQL_SPARK_MASTER (or -Dfsql.spark.master)");
    assertThat(millis).isLessThan(15_000);
    assertThat(SparkRuntime.started()).isFalse();

    System.clearProperty("fsql.spark.master");
    s.execute("INSERT INTO g VALUES (2, 'b')");
    assertThat(query(s, "SELECT k, v FROM g ORDER BY k")).isEqualTo(List.of(row(1, "a"), row(2, "b")));
  }

  @Test
  void aFailedSparkJobIsAOneLineError() throws Exception {
    Path csv = tmp.resolve("bad.csv");
    Files.writeString(csv, "a,b\n1,2\n3,not a number\n");
    FsqlException e = catchThrowableOfType(FsqlException.class,
        () -> query(s, "SELECT sum(b) FROM read_csv('" + csv + "', schema => 'a INT, b INT')"));
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Driver stacktrace").doesNotContain("\tat ")
        .contains("Malformed records are detected in record parsing");
    assertThat(query(s, "SELECT v FROM g WHERE k = 1")).isEqualTo(List.of(row("a")));
  }
}
