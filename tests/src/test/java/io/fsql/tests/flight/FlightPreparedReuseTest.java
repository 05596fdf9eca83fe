package io.fsql.tests.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import io.fsql.storage.EmbeddedEngines;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prepared single-key query over Flight SQL is parsed and planned once: executing it again only
 * binds and reads (the engine's parse and plan counts stay put), through Arrow's Flight SQL JDBC
 * driver and through {@code jdbc:fsql://}, with the exact row of each key.
 */
class FlightPreparedReuseTest {
  static final int KEYS = 40;
  static final int CALLS = 60;
  @TempDir
  static Path tmp;
  static Path home;
  static FsqlEngine engine;
  static FlightSqlServer server;

  @BeforeAll
  static void start() throws Exception {
    home = tmp.resolve("home");
    engine = EmbeddedEngines.acquire(home);
    try (Session s = engine.openSession()) {
      s.execute("CREATE FEATURE GROUP users (id BIGINT, score DOUBLE, name VARCHAR, ts TIMESTAMP)"
          + " PRIMARY KEY (id) EVENT TIME ts ONLINE");
      StringBuilder insert = new StringBuilder("INSERT INTO users VALUES ");
      for (int i = 0; i < KEYS; i++) {
        insert.append(i == 0 ? "" : ", ").append("(").append(i).append(", ").append(i).append(".5, 'u")
            .append(i).append("', TIMESTAMP '2026-01-01 00:00:00')");
      }
      assertThat(s.execute(insert.toString()).updateCount()).isEqualTo(KEYS);
    }
    server = FlightSqlServer.start(engine, ServerOptions.defaults().bind("127.0.0.1").port(0));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (engine != null) {
      EmbeddedEngines.release(home);
    }
  }

  @Test
  void arrowDriverExecutesWithoutParsingOrPlanningAgain() throws Exception {
    executesWithoutParsingOrPlanningAgain(server.flightJdbcUrl());
  }

  @Test
  void fsqlDriverExecutesWithoutParsingOrPlanningAgain() throws Exception {
    executesWithoutParsingOrPlanningAgain(server.fsqlJdbcUrl());
  }

  private static void executesWithoutParsingOrPlanningAgain(String url) throws Exception {
    long parsesBefore = engine.parseCount();
    long plansBefore = engine.planCount();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement("SELECT id, score, name FROM LATEST users WHERE id = ?")) {
      // the first execution plans the lookup (once, with its parameter unbound)
      assertThat(lookup(ps, 3)).isEqualTo(List.of(3L, 3.5, "u3"));
      long parses = engine.parseCount();
      long plans = engine.planCount();
      // preparing parsed and planned it (the counters count)
      assertThat(parses).isGreaterThan(parsesBefore);
      assertThat(plans).isGreaterThan(plansBefore);
      for (int i = 0; i < CALLS; i++) {
        long key = (i * 7L) % KEYS;
        assertThat(lookup(ps, key)).isEqualTo(List.of(key, key + 0.5, "u" + key));
      }
      assertThat(lookup(ps, KEYS + 1)).isNull();
      assertThat(engine.parseCount()).as("parses during %d executions", CALLS + 1).isEqualTo(parses);
      assertThat(engine.planCount()).as("plans during %d executions", CALLS + 1).isEqualTo(plans);
    }
  }

  /** The one row of {@code key} as (id, score, name), or null when there is none. */
  private static List<Object> lookup(PreparedStatement ps, long key) throws Exception {
    ps.setLong(1, key);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      List<Object> row = List.of(rs.getLong(1), rs.getDouble(2), rs.getString(3));
      assertThat(rs.next()).as("a second row for key %d", key).isFalse();
      return row;
    }
  }
}
