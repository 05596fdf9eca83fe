package io.fsql.tests.online;

import static io.fsql.tests.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consistency invariant on random data: after every commit of random INSERTs (late events,
 * corrections of the newest event, several events of one key in one INSERT, new keys), for every
 * key, the online lookup equals the forced-offline {@code LATEST} query and a brute-force oracle
 * (the row with the greatest event time of each key over everything inserted); the same after a
 * restart.
 */
class OnlineInvariantTest {
  private static final int KEYS = 24;
  private static final int COMMITS = 4;
  private static final long[] SEEDS = {1, 7, 42, 2026};
  private static final java.time.format.DateTimeFormatter TS =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  @TempDir
  Path tmp;

  @Test
  void onlineEqualsOfflineLatestAfterEveryCommitAndRestart() {
    Path home = tmp.resolve("home");
    String allKeys = IntStream.range(0, KEYS).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      for (long seed : SEEDS) {
        String g = "inv" + seed;
        s.execute("CREATE FEATURE GROUP " + g + " (k BIGINT NOT NULL, v DOUBLE, tag VARCHAR, t TIMESTAMP)"
            + " PRIMARY KEY (k) EVENT TIME t ONLINE");
        Random r = new Random(seed);
        // oracle: every offline row, (k, t) -> (v, tag)
        Map<Long, TreeMap<LocalDateTime, List<Object>>> oracle = new HashMap<>();
        int late = 0;
        int corrections = 0;
        int severalInOne = 0;
        for (int c = 0; c < COMMITS; c++) {
          int n = 1 + r.nextInt(16);
          Set<List<Object>> seen = new HashSet<>();
          Map<Long, Integer> perKey = new HashMap<>();
          List<String> values = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            long k = r.nextInt(KEYS);
            // few distinct times (so corrections happen), microseconds included
            LocalDateTime t = LocalDateTime.of(2026, 1, 1 + r.nextInt(4), r.nextInt(3), 0, 0, r.nextInt(3) * 1000);
            if (!seen.add(List.of(k, t))) {
              continue; // one row per (key, event time) in one INSERT
            }
            TreeMap<LocalDateTime, List<Object>> history = oracle.computeIfAbsent(k, x -> new TreeMap<>());
            if (!history.isEmpty() && t.isBefore(history.lastKey())) {
              late++;
            } else if (!history.isEmpty() && t.equals(history.lastKey())) {
              corrections++;
            }
            if (perKey.merge(k, 1, Integer::sum) == 2) {
              severalInOne++;
            }
            Double v = r.nextInt(5) == 0 ? null : Math.round(r.nextGaussian() * 1000) / 8.0;
            String tag = r.nextInt(4) == 0 ? null : "t" + r.nextInt(100);
            history.put(t, java.util.Arrays.asList(v, tag));
            values.add("(" + k + ", " + v + ", " + (tag == null ? "NULL" : "'" + tag + "'")
                + ", TIMESTAMP '" + TS.format(t) + "')");
          }
          s.execute("INSERT INTO " + g + " VALUES " + String.join(", ", values));
          check(s, g, allKeys, oracle, "seed " + seed + " commit " + c);
        }
        assertThat(late).as("late events in seed " + seed).isPositive();
        assertThat(corrections + severalInOne).as("corrections or several events per key, seed " + seed).isPositive();
      }
    }
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      for (long seed : SEEDS) {
        String g = "inv" + seed;
        s.execute("SET online_lookups = off");
        List<List<Object>> offline = sorted(query(s, "SELECT k, v, tag, t FROM LATEST " + g));
        s.execute("RESET online_lookups");
        assertThat(sorted(query(s, "SELECT k, v, tag, t FROM LATEST " + g + " WHERE k IN (" + allKeys + ")")))
            .as("after restart, " + g).isEqualTo(offline);
      }
    }
  }

  private static void check(Session s, String g, String allKeys,
      Map<Long, TreeMap<LocalDateTime, List<Object>>> oracle, String what) {
    List<List<Object>> expected = new ArrayList<>();
    oracle.forEach((k, history) -> {
      List<Object> latest = history.lastEntry().getValue();
      expected.add(java.util.Arrays.asList(k, latest.get(0), latest.get(1), history.lastKey()));
    });
    String lookup = "SELECT k, v, tag, t FROM LATEST " + g + " WHERE k IN (" + allKeys + ")";
    List<List<Object>> online = sorted(query(s, lookup));
    s.execute("SET online_lookups = off");
    List<List<Object>> offline = sorted(query(s, "SELECT k, v, tag, t FROM LATEST " + g));
    s.execute("RESET online_lookups");
    assertThat(online).as("online vs oracle, " + what).isEqualTo(sorted(expected));
    assertThat(offline).as("forced offline vs oracle, " + what).isEqualTo(sorted(expected));
    // single-key prepared-style lookups agree too
    for (long k = 0; k < 3; k++) {
      List<List<Object>> one = query(s, "SELECT k, v, tag, t FROM LATEST " + g + " WHERE k = ?", k);
      final long key = k;
      assertThat(one).as("key " + k + ", " + what)
          .isEqualTo(expected.stream().filter(e -> (Long) e.get(0) == key).toList());
    }
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(r -> (Long) r.get(0)));
    return out;
  }
}
