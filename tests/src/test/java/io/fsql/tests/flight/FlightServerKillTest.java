package io.fsql.tests.flight;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fsql serve} in a child JVM, killed with SIGKILL while a client streams INSERTs: after a
 * restart every acknowledged INSERT is there and the one in flight is whole or absent. Then a
 * server stopped with SIGTERM shuts down cleanly and lets go of the home.
 */
class FlightServerKillTest {
  private static final Pattern LISTENING = Pattern.compile(" on 127\\.0\\.0\\.1:(\\d+) .*connect with (jdbc:arrow-flight-sql://\\S+)");
  @TempDir
  Path tmp;

  /** A child JVM running {@code fsql serve}, and the port it printed. */
  private record Child(Process process, int port, String url) {}

  private Child startServer(Path home, String log) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-D")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.fsql.server.FsqlCli");
    cmd.addAll(List.of("serve", "--home", home.toString(), "--port", "0"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve(log).toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (Exception ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          assertThat(line).startsWith("fsql 0.1.0 serving " + home).contains("(no authentication: loopback only)")
              .contains("jdbc:fsql://127.0.0.1:" + m.group(1));
          return new Child(p, Integer.parseInt(m.group(1)), m.group(2));
        }
      }
      if (!p.isAlive()) {
        break;
      }
    }
    p.destroyForcibly();
    throw new AssertionError("fsql serve did not start: " + Files.readString(tmp.resolve(log)));
  }

  @Test
  void acknowledgedInsertsSurviveSigkillAndSigtermShutsDownCleanly() throws Exception {
    Path home = tmp.resolve("home");
    Child child = startServer(home, "first.log");
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger inFlight = new AtomicInteger(-1);
    try (Connection c = DriverManager.getConnection(child.url()); Statement st = c.createStatement()) {
      st.execute("CREATE FEATURE GROUP journal (id INT NOT NULL, batch INT NOT NULL, ts TIMESTAMP NOT NULL)"
          + " PRIMARY KEY (id) EVENT TIME ts");
      Thread writer = new Thread(() -> {
        for (int b = 0; b < 1000; b++) {
          inFlight.set(b);
          String values = String.format("(%d, %d, TIMESTAMP '2026-01-01 00:00:00'), (%d, %d, TIMESTAMP '2026-01-01 00:00:01'),"
              + " (%d, %d, TIMESTAMP '2026-01-01 00:00:02')", b * 10, b, b * 10 + 1, b, b * 10 + 2, b);
          try {
            if (st.executeUpdate("INSERT INTO journal VALUES " + values) == 3) {
              acknowledged.add(b);
            }
          } catch (Exception e) {
            return; // the server died
          }
        }
      });
      writer.start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (acknowledged.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3);
      // Kill while the next INSERT is on its way.
      Thread.sleep(300);
      child.process().destroyForcibly();
      assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      writer.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(writer.isAlive()).isFalse();
    }

    int unacknowledged = inFlight.get();
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      Map<Integer, Long> perBatch = new TreeMap<>();
      for (List<Object> r : query(s, "SELECT batch, COUNT(*) FROM journal GROUP BY batch")) {
        perBatch.put((Integer) r.get(0), (Long) r.get(1));
      }
      for (int b : acknowledged) {
        assertThat(perBatch).containsEntry(b, 3L);
      }
      Set<Integer> extra = new java.util.TreeSet<>(perBatch.keySet());
      extra.removeAll(acknowledged);
      assertThat(extra).isSubsetOf(Set.of(unacknowledged));
      extra.forEach(b -> assertThat(perBatch).containsEntry(b, 3L));
      assertThat(query(s, "SHOW COMMITS FOR journal")).hasSize(perBatch.size());
    }

    // A restarted server serves the same rows; SIGTERM stops it and releases the home.
    Child second = startServer(home, "second.log");
    long rows;
    try (Connection c = DriverManager.getConnection(second.url()); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM journal")) {
      rs.next();
      rows = rs.getLong(1);
      assertThat(rows).isGreaterThanOrEqualTo(3L * acknowledged.size());
    }
    second.process().destroy();
    assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    try (FsqlEngine engine = FsqlHome.open(home)) {
      assertThat(query(engine.openSession(), "SELECT COUNT(*) FROM journal")).isEqualTo(List.of(row(rows)));
    }
  }
}
