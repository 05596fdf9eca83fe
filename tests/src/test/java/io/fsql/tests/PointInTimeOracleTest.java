package io.fsql.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time correctness against two independent oracles, DuckDB's ASOF JOIN and a brute-force
 * scan, on random data: 200 seeds of 1,000 to 2,000 spine rows and as many rows per feature group
 * each, in one dataset (the seed is part of every key), duplicate spine
 * rows, NULL keys and times, equal timestamps, out-of-order and late-arriving inserts and
 * corrections over several commits, three feature groups each on its own key, one with max
 * staleness. Plus the leakage checks: no feature time after its spine time, and nothing committed
 * after the ingestion cutoff.
 */
class PointInTimeOracleTest {
  static final int SEEDS = 200;
  static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);
  static final DateTimeFormatter CSV_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  static final long STALENESS_MINUTES = 20;
  /** The random data must hit the exact staleness bound, and one minute past it, at least this often. */
  static final int BOUNDARY_MIN = 1000; // 3413 and 3397 with these seeds

  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;
  static Connection duck;

  /** A feature row: key (seed, k), event time e, values. */
  record Feature(long seed, long k, LocalDateTime e, Double v, String w) {}

  /** A spine row; k or t may be null. */
  record Spine(long id, long seed, Integer k, Long k2, LocalDateTime t) {}

  static final List<Spine> spine = new ArrayList<>();
  /** Per group, the commits' batches in commit order. */
  static final Map<String, List<List<Feature>>> batches = new HashMap<>();
  static String f1CutoffCommit;

  @BeforeAll
  static void load() throws Exception {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    duck = DriverManager.getConnection("jdbc:duckdb:");
    s.execute("CREATE FEATURE GROUP f1 (seed BIGINT, k INT, e TIMESTAMP, v DOUBLE, w VARCHAR)"
        + " PRIMARY KEY (seed, k) EVENT TIME e");
    s.execute("CREATE FEATURE GROUP f2 (seed BIGINT, k2 BIGINT, e TIMESTAMP, v DOUBLE, w VARCHAR)"
        + " PRIMARY KEY (seed, k2) EVENT TIME e");
    s.execute("CREATE FEATURE GROUP f3 (seed BIGINT, k INT, e TIMESTAMP, v DOUBLE, w VARCHAR)"
        + " PRIMARY KEY (seed, k) EVENT TIME e");
    for (String g : List.of("f1", "f2", "f3")) {
      batches.put(g, new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>())));
    }
    for (int seed = 0; seed < SEEDS; seed++) {
      generate(seed);
    }
    writeSpineCsv(tmp.resolve("spine.csv"));
    for (int b = 0; b < 3; b++) {
      for (String g : List.of("f1", "f2", "f3")) {
        Path csv = tmp.resolve(g + "_batch" + b + ".csv");
        writeFeatureCsv(csv, batches.get(g).get(b));
        String keyCol = g.equals("f2") ? "k2 BIGINT" : "k INT";
        s.execute("INSERT INTO " + g + " SELECT * FROM read_csv('" + csv + "', schema => 'seed BIGINT, "
            + keyCol + ", e TIMESTAMP, v DOUBLE, w VARCHAR')");
        if (g.equals("f1") && b == 1) {
          f1CutoffCommit = (String) Rows.query(s, "SHOW COMMITS FOR f1").get(0).get(0);
        }
      }
    }
  }

  @AfterAll
  static void close() throws Exception {
    engine.close();
    duck.close();
  }

  /** One seed's data: a few keys, a coarse time grid (so times collide), several commits. */
  static void generate(int seed) {
    Random r = new Random(seed);
    int keys = 2 + r.nextInt(6);
    int grid = 5 + r.nextInt(30);              // minutes between grid points
    int span = 600;                             // grid points
    for (String g : List.of("f1", "f2", "f3")) {
      List<List<Feature>> bs = batches.get(g);
      int rows = 1000 + r.nextInt(1000);
      for (int i = 0; i < rows; i++) {
        long k = 1 + r.nextInt(keys);
        LocalDateTime e = T0.plusMinutes((long) grid * r.nextInt(span));
        Double v = r.nextInt(10) == 0 ? null : Math.round(r.nextDouble() * 1e6) / 100.0;
        String w = r.nextInt(12) == 0 ? null : "w" + r.nextInt(1000);
        // Batch 0: history; batch 1: late arrivals (older event times) and corrections;
        // batch 2: a backfill after the ingestion cutoff (older times again) and more corrections.
        int b = r.nextInt(3);
        bs.get(b).add(new Feature(seed, k, e, v, w));
      }
    }
    int rows = 1000 + r.nextInt(1000);
    for (int i = 0; i < rows; i++) {
      Integer k = r.nextInt(25) == 0 ? null : 1 + r.nextInt(keys + 1);   // some keys have no features
      Long k2 = r.nextInt(25) == 0 ? null : (long) (1 + r.nextInt(keys));
      LocalDateTime t = r.nextInt(50) == 0 ? null
          : T0.plusMinutes((long) grid * r.nextInt(span + 2) - grid + (r.nextBoolean() ? 0 : r.nextInt(grid)));
      Spine row = new Spine(spine.size(), seed, k, k2, t);
      spine.add(row);
      if (r.nextInt(8) == 0) {
        spine.add(row);   // an exact duplicate spine row
      }
    }
  }

  static void writeSpineCsv(Path p) throws IOException {
    try (Writer out = Files.newBufferedWriter(p)) {
      out.write("id,seed,k,k2,t\n");
      for (Spine x : spine) {
        out.write(x.id() + "," + x.seed() + "," + str(x.k()) + "," + str(x.k2()) + ","
            + (x.t() == null ? "" : x.t().format(CSV_TS)) + "\n");
      }
    }
  }

  static void writeFeatureCsv(Path p, List<Feature> rows) throws IOException {
    // Within one INSERT a key appears once: the last occurrence in generation order wins.
    Map<String, Feature> unique = new java.util.LinkedHashMap<>();
    for (Feature f : rows) {
      unique.remove(f.seed() + "|" + f.k() + "|" + f.e());
      unique.put(f.seed() + "|" + f.k() + "|" + f.e(), f);
    }
    rows.clear();
    rows.addAll(unique.values());
    try (Writer out = Files.newBufferedWriter(p)) {
      out.write("seed,k,e,v,w\n");
      for (Feature f : rows) {
        out.write(f.seed() + "," + f.k() + "," + f.e().format(CSV_TS) + "," + str(f.v()) + "," + str(f.w()) + "\n");
      }
    }
  }

  static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  /** The offline state of a group after its first {@code commits} commits: one row per (seed, k, e). */
  static Map<String, Feature> state(String group, int commits) {
    Map<String, Feature> state = new TreeMap<>();
    for (int b = 0; b < commits; b++) {
      for (Feature f : batches.get(group).get(b)) {
        state.put(f.seed() + "|" + f.k() + "|" + f.e(), f);
      }
    }
    return state;
  }

  /** Brute force: the feature of state with the same key and the greatest e <= t (and e >= t - staleness). */
  static Feature bruteForce(Map<String, Feature> state, Long seed, Long key, LocalDateTime t, boolean stale) {
    if (key == null || t == null) {
      return null;
    }
    Feature best = null;
    for (Feature f : state.values()) {
      if (f.seed() == seed && f.k() == key && !f.e().isAfter(t) && (best == null || f.e().isAfter(best.e()))) {
        best = f;
      }
    }
    if (best != null && stale && best.e().isBefore(t.minusMinutes(STALENESS_MINUTES))) {
      return null;
    }
    return best;
  }

  static List<List<Object>> bruteForce(int f1Commits) {
    Map<String, Feature> s1 = state("f1", f1Commits);
    Map<String, Feature> s2 = state("f2", 3);
    Map<String, Feature> s3 = state("f3", 3);
    // Index by key for speed; the scan within a key is still brute force.
    Map<String, Map<String, Feature>> i1 = byKey(s1);
    Map<String, Map<String, Feature>> i2 = byKey(s2);
    Map<String, Map<String, Feature>> i3 = byKey(s3);
    List<List<Object>> out = new ArrayList<>();
    for (Spine x : spine) {
      Feature a = bruteForce(i1.getOrDefault(x.seed() + "|" + x.k(), Map.of()), x.seed(), x.k() == null ? null : (long) x.k(), x.t(), false);
      Feature b = bruteForce(i2.getOrDefault(x.seed() + "|" + x.k2(), Map.of()), x.seed(), x.k2(), x.t(), false);
      Feature c = bruteForce(i3.getOrDefault(x.seed() + "|" + x.k(), Map.of()), x.seed(), x.k() == null ? null : (long) x.k(), x.t(), true);
      out.add(row(x, a, b, c));
    }
    return sorted(out);
  }

  static Map<String, Map<String, Feature>> byKey(Map<String, Feature> state) {
    Map<String, Map<String, Feature>> idx = new HashMap<>();
    state.forEach((id, f) -> idx.computeIfAbsent(f.seed() + "|" + f.k(), x -> new TreeMap<>()).put(id, f));
    return idx;
  }

  static List<Object> row(Spine x, Feature a, Feature b, Feature c) {
    List<Object> r = new ArrayList<>(List.of(x.id(), x.seed()));
    r.add(x.k());
    r.add(x.k2());
    r.add(x.t());
    for (Feature f : new Feature[] {a, b, c}) {
      r.add(f == null ? null : f.v());
      r.add(f == null ? null : f.w());
      r.add(f == null ? null : f.e());
    }
    return r;
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
    return copy;
  }

  static final String FSQL_QUERY = "SELECT s.id, s.seed, s.k, s.k2, s.t,"
      + " a.v, a.w, a.e, b.v, b.w, b.e, c.v, c.w, c.e"
      + " FROM read_csv('%s', schema => 'id BIGINT, seed BIGINT, k INT, k2 BIGINT, t TIMESTAMP') s"
      // a and c share the spine's key: fsql computes them in one pass; b has its own key.
      + " LEFT ASOF JOIN %s a MATCH_CONDITION (s.t >= a.e) ON s.seed = a.seed AND s.k = a.k"
      + " LEFT ASOF JOIN f3 c MATCH_CONDITION (s.t >= c.e) MAX STALENESS INTERVAL '20' MINUTE"
      + " ON s.seed = c.seed AND s.k = c.k"
      + " LEFT ASOF JOIN f2 b MATCH_CONDITION (s.t >= b.e) ON s.seed = b.seed AND s.k2 = b.k2";

  private static List<List<Object>> latest;

  /** The point-in-time join on the latest commits (computed once; several tests read it). */
  static synchronized List<List<Object>> fsqlLatest() {
    if (latest == null) {
      latest = fsql("f1");
    }
    return latest;
  }

  static List<List<Object>> fsql(String f1) {
    List<List<Object>> rows = Rows.query(s, String.format(FSQL_QUERY, tmp.resolve("spine.csv"), f1));
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : rows) {
      List<Object> n = new ArrayList<>(r);
      out.add(n);
    }
    return sorted(out);
  }

  static List<List<Object>> duckdb(int f1Commits) throws Exception {
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE OR REPLACE TABLE spine AS SELECT * FROM read_csv('" + tmp.resolve("spine.csv")
          + "', header = true, columns = {'id': 'BIGINT', 'seed': 'BIGINT', 'k': 'INTEGER', 'k2': 'BIGINT', 't': 'TIMESTAMP'})");
      for (String g : List.of("f1", "f2", "f3")) {
        Path csv = tmp.resolve(g + "_state.csv");
        writeFeatureCsv(csv, new ArrayList<>(state(g, g.equals("f1") ? f1Commits : 3).values()));
        st.execute("CREATE OR REPLACE TABLE " + g + " AS SELECT * FROM read_csv('" + csv
            + "', header = true, columns = {'seed': 'BIGINT', 'k': 'BIGINT', 'e': 'TIMESTAMP', 'v': 'DOUBLE', 'w': 'VARCHAR'})");
      }
      List<List<Object>> out = new ArrayList<>();
      // DuckDB's ASOF JOIN matches a spine row whose time is NULL with the key's latest row (it
      // orders NULL last); in SQL a comparison with NULL is never true, so such rows match nothing.
      String ok = "s.t IS NOT NULL";
      try (ResultSet rs = st.executeQuery("SELECT s.id, s.seed, s.k, s.k2, s.t,"
          + " CASE WHEN " + ok + " THEN a.v END, CASE WHEN " + ok + " THEN a.w END, CASE WHEN " + ok + " THEN a.e END,"
          + " CASE WHEN " + ok + " THEN b.v END, CASE WHEN " + ok + " THEN b.w END, CASE WHEN " + ok + " THEN b.e END,"
          + " CASE WHEN c.e >= s.t - INTERVAL 20 MINUTE THEN c.v END,"
          + " CASE WHEN c.e >= s.t - INTERVAL 20 MINUTE THEN c.w END,"
          + " CASE WHEN c.e >= s.t - INTERVAL 20 MINUTE THEN c.e END"
          + " FROM spine s"
          + " ASOF LEFT JOIN f1 a ON s.seed = a.seed AND s.k = a.k AND s.t >= a.e"
          + " ASOF LEFT JOIN f2 b ON s.seed = b.seed AND s.k2 = b.k AND s.t >= b.e"
          + " ASOF LEFT JOIN f3 c ON s.seed = c.seed AND s.k = c.k AND s.t >= c.e")) {
        while (rs.next()) {
          List<Object> r = new ArrayList<>();
          r.add(rs.getLong(1));
          r.add(rs.getLong(2));
          r.add(rs.getObject(3) == null ? null : rs.getInt(3));
          r.add(rs.getObject(4) == null ? null : rs.getLong(4));
          for (int i = 5; i <= 14; i++) {
            Object v = rs.getObject(i);
            if (v instanceof java.sql.Timestamp ts) {
              v = ts.toLocalDateTime();
            }
            r.add(v);
          }
          out.add(r);
        }
      }
      return sorted(out);
    }
  }

  @Test
  void pointInTimeJoinMatchesDuckDbAndBruteForce() throws Exception {
    List<List<Object>> expected = bruteForce(3);
    List<List<Object>> actual = fsqlLatest();
    assertThat(actual.size()).isEqualTo(spine.size());
    assertThat(mismatches(actual, expected)).as("fsql vs brute force").isZero();
    assertThat(mismatches(duckdb(3), expected)).as("DuckDB vs brute force").isZero();
    // The two joins on the spine's (seed, k) ran as one pass; the one on k2 as another.
    String plan = Rows.query(s, "EXPLAIN " + String.format(FSQL_QUERY, tmp.resolve("spine.csv"), "f1"))
        .stream().map(r -> (String) r.get(0)).collect(java.util.stream.Collectors.joining("\n"));
    assertThat(plan).contains("one pass for 2 feature sides").contains("one pass for 1 feature side");
  }

  /**
   * The same join with every feature side shuffled by key with the spine, and with every side
   * broadcast, whatever the default broadcast threshold (fsql.pit.broadcast.max.bytes) picks.
   */
  @Test
  void shuffledAndBroadcastSidesBothMatchBruteForce() {
    List<List<Object>> expected = bruteForce(3);
    for (String threshold : List.of("0", Long.toString(Long.MAX_VALUE))) {
      System.setProperty("fsql.pit.broadcast.max.bytes", threshold);
      try {
        List<List<Object>> actual = fsql("f1");
        assertThat(actual.size()).isEqualTo(spine.size());
        assertThat(mismatches(actual, expected)).as("fsql (broadcast threshold %s) vs brute force", threshold).isZero();
      } finally {
        System.clearProperty("fsql.pit.broadcast.max.bytes");
      }
    }
  }

  @Test
  void theRandomDataExercisesEveryCase() {
    Map<String, Map<String, Feature>> i3 = byKey(state("f3", 3));
    int stale = 0;
    int boundary = 0;
    int pastBoundary = 0;
    int ties = 0;
    int nullKeys = 0;
    int nullTimes = 0;
    java.util.Set<Spine> seen = new java.util.HashSet<>();
    int duplicates = 0;
    for (Spine x : spine) {
      if (!seen.add(x)) {
        duplicates++;
      }
      if (x.k() == null) {
        nullKeys++;
        continue;
      }
      if (x.t() == null) {
        nullTimes++;
        continue;
      }
      Map<String, Feature> fs = i3.getOrDefault(x.seed() + "|" + x.k(), Map.of());
      Feature any = bruteForce(fs, x.seed(), (long) x.k(), x.t(), false);
      if (any != null && bruteForce(fs, x.seed(), (long) x.k(), x.t(), true) == null) {
        stale++;
      }
      if (any != null && any.e().equals(x.t())) {
        ties++;
      }
      if (any != null && any.e().equals(x.t().minusMinutes(STALENESS_MINUTES))) {
        boundary++; // exactly as old as MAX STALENESS allows: kept
      }
      if (any != null && any.e().equals(x.t().minusMinutes(STALENESS_MINUTES + 1))) {
        pastBoundary++; // one minute older than allowed: no match
      }
    }
    assertThat(stale).as("spine rows whose match is too stale").isGreaterThan(100);
    assertThat(ties).as("spine rows matching a feature at the same instant").isGreaterThan(100);
    System.out.printf("staleness boundaries: %d exactly at the bound, %d one minute past it%n", boundary, pastBoundary);
    assertThat(boundary).as("spine rows whose match is exactly the staleness bound old (kept)").isGreaterThan(BOUNDARY_MIN);
    assertThat(pastBoundary).as("spine rows whose match is one minute past the staleness bound (dropped)")
        .isGreaterThan(BOUNDARY_MIN);
    assertThat(nullKeys).isGreaterThan(100);
    assertThat(nullTimes).isGreaterThan(100);
    assertThat(duplicates).isGreaterThan(100);
    assertThat(spine.size()).isGreaterThan(SEEDS * 1000);
  }

  @Test
  void ingestionCutoffIgnoresLaterCommits() throws Exception {
    // f1 as committed after its second commit: the third commit (a backfill with older event
    // times, and corrections) must not leak into a training set cut off before it.
    List<List<Object>> expected = bruteForce(2);
    List<List<Object>> actual = fsql("f1 AS OF COMMIT '" + f1CutoffCommit + "'");
    assertThat(mismatches(actual, expected)).as("fsql with cutoff vs brute force").isZero();
    assertThat(mismatches(duckdb(2), expected)).as("DuckDB with cutoff vs brute force").isZero();
    // And the cutoff matters: without it some rows differ.
    assertThat(mismatches(fsqlLatest(), expected)).isPositive();
  }

  @Test
  void noFeatureTimeAfterItsSpineTime() {
    for (List<Object> r : fsqlLatest()) {
      LocalDateTime t = (LocalDateTime) r.get(4);
      for (int e : new int[] {7, 10, 13}) {
        LocalDateTime fe = (LocalDateTime) r.get(e);
        if (fe != null) {
          assertThat(fe).as("leak in %s", r).isBeforeOrEqualTo(t);
        }
      }
      LocalDateTime ce = (LocalDateTime) r.get(13);
      if (ce != null) {
        assertThat(ce).isAfterOrEqualTo(t.minusMinutes(STALENESS_MINUTES));
      }
    }
  }

  /** A feature chosen by brute force for the other match conditions: strict backward, forward. */
  static Feature match(Map<String, Feature> state, long seed, Long key, LocalDateTime t, boolean backward,
      boolean strict) {
    if (key == null || t == null) {
      return null;
    }
    Feature best = null;
    for (Feature f : state.values()) {
      if (f.seed() != seed || f.k() != key) {
        continue;
      }
      boolean ok = backward ? (strict ? f.e().isBefore(t) : !f.e().isAfter(t))
          : (strict ? f.e().isAfter(t) : !f.e().isBefore(t));
      if (ok && (best == null || (backward ? f.e().isAfter(best.e()) : f.e().isBefore(best.e())))) {
        best = f;
      }
    }
    return best;
  }

  @Test
  void strictAndForwardMatchesAndInnerJoins() {
    Map<String, Map<String, Feature>> i1 = byKey(state("f1", 3));
    Map<String, Map<String, Feature>> i2 = byKey(state("f2", 3));
    List<List<Object>> expected = new ArrayList<>();
    for (Spine x : spine) {
      Feature a = match(i1.getOrDefault(x.seed() + "|" + x.k(), Map.of()), x.seed(),
          x.k() == null ? null : (long) x.k(), x.t(), true, true);
      Feature b = match(i2.getOrDefault(x.seed() + "|" + x.k2(), Map.of()), x.seed(), x.k2(), x.t(), false, false);
      if (a == null) {
        continue;   // inner ASOF JOIN on f1
      }
      List<Object> r = new ArrayList<>(List.of(x.id(), a.e()));
      r.add(a.v());
      r.add(b == null ? null : b.e());
      r.add(b == null ? null : b.w());
      expected.add(r);
    }
    List<List<Object>> actual = Rows.query(s, "SELECT s.id, a.e, a.v, b.e, b.w"
        + " FROM read_csv('" + tmp.resolve("spine.csv") + "', schema => 'id BIGINT, seed BIGINT, k INT, k2 BIGINT, t TIMESTAMP') s"
        + " ASOF JOIN f1 a MATCH_CONDITION (s.t > a.e) ON s.seed = a.seed AND s.k = a.k"
        + " LEFT ASOF JOIN f2 b MATCH_CONDITION (s.t <= b.e) ON s.seed = b.seed AND s.k2 = b.k2");
    assertThat(mismatches(sorted(actual), sorted(expected))).isZero();
    assertThat(actual.size()).isEqualTo(expected.size()).isLessThan(spine.size());

    // An inner and a left join on the same key, in one pass: strict on both.
    Map<String, Map<String, Feature>> i3 = byKey(state("f3", 3));
    List<List<Object>> expected2 = new ArrayList<>();
    for (Spine x : spine) {
      Long key = x.k() == null ? null : (long) x.k();
      Feature a = match(i1.getOrDefault(x.seed() + "|" + x.k(), Map.of()), x.seed(), key, x.t(), true, true);
      Feature c = match(i3.getOrDefault(x.seed() + "|" + x.k(), Map.of()), x.seed(), key, x.t(), true, true);
      if (c == null) {
        continue;
      }
      List<Object> r = new ArrayList<>();
      r.add(x.id());
      r.add(a == null ? null : a.e());
      r.add(c.e());
      r.add(c.w());
      expected2.add(r);
    }
    List<List<Object>> actual2 = Rows.query(s, "SELECT s.id, a.e, c.e, c.w"
        + " FROM read_csv('" + tmp.resolve("spine.csv") + "', schema => 'id BIGINT, seed BIGINT, k INT, k2 BIGINT, t TIMESTAMP') s"
        + " LEFT ASOF JOIN f1 a MATCH_CONDITION (s.t > a.e) ON s.seed = a.seed AND s.k = a.k"
        + " ASOF JOIN f3 c MATCH_CONDITION (c.e < s.t) ON c.seed = s.seed AND c.k = s.k");
    assertThat(mismatches(sorted(actual2), sorted(expected2))).isZero();
    assertThat(actual2.size()).isEqualTo(expected2.size());
  }

  /** The number of rows of one sorted list that differ from the other (and the first ones, printed). */
  static int mismatches(List<List<Object>> actual, List<List<Object>> expected) {
    int bad = Math.abs(actual.size() - expected.size());
    int shown = 0;
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      if (!Objects.equals(normalize(actual.get(i)), normalize(expected.get(i)))) {
        bad++;
        if (shown++ < 5) {
          System.out.println("mismatch:\n  actual   " + actual.get(i) + "\n  expected " + expected.get(i));
        }
      }
    }
    return bad;
  }

  static List<Object> normalize(List<Object> row) {
    List<Object> out = new ArrayList<>();
    for (Object v : row) {
      if (v instanceof Number n && !(v instanceof Double)) {
        v = n.longValue();
      }
      out.add(v);
    }
    return out;
  }
}
