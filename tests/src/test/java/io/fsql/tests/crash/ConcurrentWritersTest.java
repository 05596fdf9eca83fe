package io.fsql.tests.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers in one process: 8 embedded JDBC connections to one home (one engine) for a bounded
 * time: three insert into the same group, two into a group each, and three read, AS OF the latest
 * commit they saw, latest, and in ASOF JOINs against the shared group. Every INSERT writes
 * {@value #N} rows of one batch id under fresh keys, so a commit seen whole is {@value #N} rows of
 * its batch: readers must never see another count; each commit's batch appears once; at the end
 * the commits and rows are exactly the acknowledged INSERTs. No error is allowed (writers to one
 * group wait for each other; readers never wait for writers).
 */
class ConcurrentWritersTest {
  private static final int N = 25;
  private static final long SECONDS = Long.getLong("fsql.test.concurrentSeconds", 20);
  @TempDir
  Path tmp;

  @Test
  void eightConnectionsWriteAndReadAtOnce() throws Exception {
    String url = "jdbc:fsql:embedded:" + tmp.resolve("home");
    try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
      for (String g : List.of("shared", "own3", "own4")) {
        st.execute("CREATE FEATURE GROUP " + g + " (k INT NOT NULL, batch INT, t TIMESTAMP) PRIMARY KEY (k)"
            + " EVENT TIME t WITH (retain_commits = 1000)");
      }
      st.execute("CREATE FEATURE GROUP spine (k INT NOT NULL, t TIMESTAMP) PRIMARY KEY (k) EVENT TIME t");
      st.execute("INSERT INTO spine VALUES " + IntStream.range(0, 40)
          .mapToObj(k -> "(" + (k * 7) + ", TIMESTAMP '2026-06-01 00:00:00')").collect(Collectors.joining(", ")));

      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
      Map<String, ConcurrentLinkedQueue<Integer>> acked = Map.of("shared", new ConcurrentLinkedQueue<>(),
          "own3", new ConcurrentLinkedQueue<>(), "own4", new ConcurrentLinkedQueue<>());
      AtomicInteger reads = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> tasks = new ArrayList<>();
      String[] targets = {"shared", "shared", "shared", "own3", "own4"};
      for (int w = 0; w < targets.length; w++) {
        int writer = w;
        String group = targets[w];
        tasks.add(pool.submit(() -> {
          try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (int i = 0; System.nanoTime() < end; i++) {
              int batch = writer * 10_000 + i;
              assertThat(s.executeUpdate(insert(group, batch))).isEqualTo(N);
              acked.get(group).add(batch);
            }
          }
          return null;
        }));
      }
      // reader: AS OF the latest commit it sees, every batch whole, one batch per commit
      tasks.add(pool.submit(() -> {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
          while (System.nanoTime() < end) {
            List<String> commits = column(s, "SHOW COMMITS FOR shared");
            if (!commits.isEmpty()) {
              Map<Integer, Long> batches = batches(s, "SELECT batch, COUNT(*) FROM shared AS OF COMMIT '"
                  + commits.get(0) + "' GROUP BY batch");
              assertThat(batches).as("batches as of commit %s", commits.get(0)).hasSize(commits.size());
              assertThat(batches.values()).allMatch(n -> n == N);
              reads.incrementAndGet();
            }
          }
        }
        return null;
      }));
      // reader: the latest rows, every batch whole
      tasks.add(pool.submit(() -> {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
          while (System.nanoTime() < end) {
            for (String g : List.of("shared", "own3")) {
              assertThat(batches(s, "SELECT batch, COUNT(*) FROM " + g + " GROUP BY batch").values())
                  .allMatch(n -> n == N);
            }
            reads.incrementAndGet();
          }
        }
        return null;
      }));
      // reader: ASOF JOIN of a fixed spine against the shared group: one row per spine row, and a
      // matched batch is whole in the same snapshot
      tasks.add(pool.submit(() -> {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
          while (System.nanoTime() < end) {
            Map<Integer, Long> joined = batches(s, "SELECT COALESCE(x.batch, -1), COUNT(*) FROM spine s"
                + " LEFT ASOF JOIN shared x MATCH_CONDITION (s.t >= x.t) ON s.k = x.k GROUP BY COALESCE(x.batch, -1)");
            assertThat(joined.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
            reads.incrementAndGet();
          }
        }
        return null;
      }));
      pool.shutdown();
      for (Future<?> f : tasks) {
        f.get(SECONDS + 600, TimeUnit.SECONDS); // rethrows a task's assertion or error
      }
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

      int total = 0;
      for (Map.Entry<String, ConcurrentLinkedQueue<Integer>> e : acked.entrySet()) {
        String g = e.getKey();
        List<Integer> expected = e.getValue().stream().sorted().toList();
        total += expected.size();
        assertThat(expected).as("INSERTs into %s", g).isNotEmpty();
        assertThat(column(st, "SHOW COMMITS FOR " + g)).as("commits of %s", g).hasSize(expected.size());
        Map<Integer, Long> batches = batches(st, "SELECT batch, COUNT(*) FROM " + g + " GROUP BY batch");
        assertThat(batches.keySet()).as("batches of %s", g).containsExactlyElementsOf(expected);
        assertThat(batches.values()).allMatch(n -> n == N);
      }
      System.out.printf("concurrent writers: %d s, %d INSERTs acknowledged (shared %d, own3 %d, own4 %d), %d reads%n",
          SECONDS, total, acked.get("shared").size(), acked.get("own3").size(), acked.get("own4").size(), reads.get());
      assertThat(reads.get()).isPositive();
    }
  }

  private static String insert(String group, int batch) {
    return "INSERT INTO " + group + " VALUES " + IntStream.range(0, N)
        .mapToObj(j -> "(" + (batch * N + j) + ", " + batch + ", TIMESTAMP '2026-01-01 00:00:00')")
        .collect(Collectors.joining(", "));
  }

  private static Map<Integer, Long> batches(Statement s, String sql) throws SQLException {
    Map<Integer, Long> m = new TreeMap<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        m.put(rs.getInt(1), rs.getLong(2));
      }
    }
    return m;
  }

  private static List<String> column(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
