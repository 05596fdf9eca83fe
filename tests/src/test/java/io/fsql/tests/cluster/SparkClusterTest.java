package io.fsql.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fsql on a real Spark standalone cluster on loopback, as a user runs it: a Master and a Worker
 * (1 core, 1 GiB) in JVMs of their own whose Spark installation has no Hudi and no fsql, and
 * {@code fsql serve} in another with nothing set but {@code FSQL_SPARK_MASTER}. The offline
 * workload gives exactly the results of local mode (fsql serve in this JVM, local Spark); a lost
 * worker (killed with its executor) does not break the application: after a worker comes back,
 * the next statement runs on it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SparkClusterTest {
  @TempDir
  static Path tmp;
  static StandaloneCluster cluster;
  static ServeProcess clustered;
  static FlightSqlServer local;

  static java.util.concurrent.Future<StandaloneCluster> starting;

  @BeforeAll
  static void start() throws Exception {
    // The cluster boots in the background while local mode runs the workload here; fsql serve
    // starts at once too: it reaches the master only at its first Spark job.
    cluster = StandaloneCluster.create(tmp.resolve("cluster"));
    java.util.concurrent.ExecutorService boot = java.util.concurrent.Executors.newSingleThreadExecutor();
    starting = boot.submit(cluster::start);
    boot.shutdown();
    clustered = ServeProcess.start(tmp.resolve("cluster-home"), tmp.resolve("serve.log"),
        Map.of("FSQL_SPARK_MASTER", cluster.masterUrl()));
    local = FlightSqlServer.start(tmp.resolve("local-home"), ServerOptions.defaults().bind("127.0.0.1").port(0));
  }

  @AfterAll
  static void stop() throws Exception {
    if (clustered != null) {
      clustered.close();
    }
    if (starting != null) {
      try {
        starting.get(3, TimeUnit.MINUTES);  // a start under way finishes (or fails) before the stop
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // stopped below either way
      }
    }
    if (cluster != null) {
      cluster.close();
    }
    if (local != null) {
      local.close();
    }
  }

  static Connection connect(int port) throws Exception {
    return DriverManager.getConnection("jdbc:fsql://127.0.0.1:" + port);
  }

  @Test
  @Order(1)
  void theWorkloadGivesTheResultsOfLocalMode() throws Exception {
    Map<String, List<List<Object>>> expected;
    try (Connection c = connect(local.port())) {
      expected = OfflineScenario.run(c);
    }
    long t0 = System.nanoTime();
    starting.get(3, TimeUnit.MINUTES);
    System.out.printf("local mode: workload done; cluster up %d ms later%n", (System.nanoTime() - t0) / 1_000_000);
    t0 = System.nanoTime();
    Map<String, List<List<Object>>> onCluster;
    try (Connection c = connect(clustered.awaitPort(120))) {
      onCluster = OfflineScenario.run(c);
    } catch (Exception | AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nfsql serve:\n" + clustered.log()
          + "\nworker:\n" + cluster.log("worker-1"), e);
    }
    System.out.printf("cluster: workload done in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(onCluster).isEqualTo(expected);
    // The work ran on the cluster's executor, which got the Hudi bundle from fsql.
    assertThat(cluster.executorFiles().stream().map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.startsWith("hudi-spark3.5-bundle"));
  }

  @Test
  @Order(2)
  void aLostWorkerDoesNotBreakTheApplication() throws Exception {
    long t0 = System.nanoTime();
    cluster.killWorker();
    cluster.startWorker();
    try (Connection c = connect(clustered.awaitPort(10)); Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("INSERT INTO tx VALUES (4, 3.5, TIMESTAMP '2026-01-06 00:00:00')")).isEqualTo(1);
      assertThat(OfflineScenario.query(st, "SELECT count(*), sum(amount) FROM tx"))
          .isEqualTo(List.of(List.of(6L, 32.5)));
      System.out.printf("cluster: worker killed, restarted, INSERT and query in %d ms%n",
          (System.nanoTime() - t0) / 1_000_000);
    } catch (Exception | AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nfsql serve:\n" + clustered.log()
          + "\nworker:\n" + cluster.log("worker-2"), e);
    }
  }
}
