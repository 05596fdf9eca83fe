package io.fsql.tests.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 16 Flight JDBC clients for about 15 seconds, mixing queries, prepared queries and INSERTs into
 * four groups: no errors, every acknowledged INSERT is there, and each group has exactly one
 * commit per acknowledged INSERT.
 */
class FlightLoadTest {
  static final int CLIENTS = 16;
  static final int GROUPS = 4;
  static final long DURATION_MS = 15_000;

  @TempDir
  Path tmp;

  @Test
  void concurrentClientsMixingQueriesAndInserts() throws Exception {
    try (FlightSqlServer server = FlightSqlServer.start(tmp.resolve("home"), ServerOptions.defaults().port(0))) {
      String url = server.flightJdbcUrl();
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
        for (int g = 0; g < GROUPS; g++) {
          st.execute("CREATE FEATURE GROUP load" + g + " (id BIGINT NOT NULL, client INT, v VARCHAR,"
              + " ts TIMESTAMP NOT NULL) PRIMARY KEY (id) EVENT TIME ts");
        }
        // Warm the engine up (the first commit of a process is slow) on a group of its own.
        st.execute("CREATE FEATURE GROUP warm (id BIGINT NOT NULL) PRIMARY KEY (id)");
        st.executeUpdate("INSERT INTO warm VALUES (1)");
      }
      Map<Integer, Set<Long>> acknowledged = new ConcurrentHashMap<>();
      for (int g = 0; g < GROUPS; g++) {
        acknowledged.put(g, ConcurrentHashMap.newKeySet());
      }
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      AtomicInteger queries = new AtomicInteger();
      AtomicInteger preparedQueries = new AtomicInteger();
      // The clients connect and prepare first; the 15 seconds start when all are ready.
      java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(CLIENTS);
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.atomic.AtomicLong deadlineHolder = new java.util.concurrent.atomic.AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        final int client = i;
        final int group = i % GROUPS;
        clients.add(pool.submit(() -> {
          try (Connection c = DriverManager.getConnection(url);
               Statement st = c.createStatement();
               PreparedStatement insert = c.prepareStatement(
                   "INSERT INTO load" + group + " (id, client, v, ts) VALUES (?, ?, ?, ?)");
               PreparedStatement lookup = c.prepareStatement("SELECT client, v FROM load" + group + " WHERE id = ?")) {
            ready.countDown();
            if (!go.await(5, TimeUnit.MINUTES)) {
              throw new AssertionError("the load never started");
            }
            long deadline = deadlineHolder.get();
            long n = 0;
            long last = -1;
            while (System.nanoTime() < deadline) {
              long id = client * 1_000_000L + n;
              // Clients start at different operations, so that all three run from the start.
              switch ((int) ((n + client) % 3)) {
                case 0 -> {
                  insert.setLong(1, id);
                  insert.setInt(2, client);
                  insert.setString(3, "v" + id);
                  insert.setTimestamp(4, java.sql.Timestamp.valueOf("2026-01-01 00:00:00"));
                  if (insert.executeUpdate() != 1) {
                    throw new AssertionError("INSERT of " + id + " did not report one row");
                  }
                  acknowledged.get(group).add(id);
                  last = id;
                }
                case 1 -> {
                  try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM load" + group + " WHERE client = " + client)) {
                    rs.next();
                    long mine = acknowledged.get(group).stream().filter(x -> x / 1_000_000L == client).count();
                    if (rs.getLong(1) != mine) {
                      throw new AssertionError("client " + client + " sees " + rs.getLong(1) + " rows, wrote " + mine);
                    }
                  }
                  queries.incrementAndGet();
                }
                default -> {
                  lookup.setLong(1, last < 0 ? client * 1_000_000L : last);
                  try (ResultSet rs = lookup.executeQuery()) {
                    if (last < 0 ? rs.next()
                        : !rs.next() || rs.getInt(1) != client || !("v" + last).equals(rs.getString(2)) || rs.next()) {
                      throw new AssertionError("row " + last + " is not as written");
                    }
                  }
                  preparedQueries.incrementAndGet();
                }
              }
              n++;
            }
          } catch (Throwable e) {
            errors.add(e);
          }
          return null;
        }));
      }
      assertThat(ready.await(5, TimeUnit.MINUTES)).isTrue();
      deadlineHolder.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DURATION_MS));
      go.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(DURATION_MS + 120_000, TimeUnit.MILLISECONDS)).isTrue();
      for (Future<?> f : clients) {
        f.get();
      }
      assertThat(errors).isEmpty();

      int inserts = 0;
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
        for (int g = 0; g < GROUPS; g++) {
          Set<Long> present = new TreeSet<>();
          try (ResultSet rs = st.executeQuery("SELECT id FROM load" + g)) {
            while (rs.next()) {
              present.add(rs.getLong(1));
            }
          }
          assertThat(present).isEqualTo(new TreeSet<>(acknowledged.get(g)));
          int commits = 0;
          try (ResultSet rs = st.executeQuery("SHOW COMMITS FOR load" + g)) {
            while (rs.next()) {
              commits++;
            }
          }
          assertThat(commits).as("commits of load%d", g).isEqualTo(acknowledged.get(g).size());
          inserts += acknowledged.get(g).size();
        }
      }
      System.out.printf("load: %d clients, %d s: %d INSERTs, %d queries, %d prepared queries%n",
          CLIENTS, DURATION_MS / 1000, inserts, queries.get(), preparedQueries.get());
      assertThat(inserts).isPositive();
      assertThat(queries.get()).isPositive();
      assertThat(preparedQueries.get()).isPositive();
    }
  }
}
