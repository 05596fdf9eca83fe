package io.fsql.tests.crash;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.CrashPoints;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.tests.ChildJvm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection across the write paths: a child JVM runs {@link CrashWorkload} and is halted
 * (Runtime.halt, as kill -9) at a named crash point ({@link CrashPoints}) armed at one step, or
 * killed with SIGKILL at a random time. Then this JVM opens the home and checks: every
 * acknowledged statement is there; the one in flight is whole or absent; the catalog and the
 * files agree (every group table and dataset directory belongs to a catalog entry, and the
 * recovery on open says in the home's log what it removed); every group is readable and writable;
 * the online store agrees with the offline table.
 *
 * <p>CI runs one round per point below and one random kill (a child JVM starts Spark: about 20 s
 * a round; two run at once). {@code -Dfsql.test.crashSoak=true} adds the remaining points and steps, and
 * {@code -Dfsql.test.crashRounds=N} runs N random kills ({@code tests/crash-soak}).
 */
class FaultInjectionTest {
  private static final boolean SOAK = Boolean.getBoolean("fsql.test.crashSoak");
  /** Point, step it is armed at, and a line the recovery on open must log (or null). */
  static Stream<Arguments> namedPoints() {
    List<Arguments> rounds = new ArrayList<>(List.of(
        // the first commit of a group, halted after its data files are written (issue 12's bug)
        Arguments.of(CrashPoints.AFTER_DATA_FILES_WRITTEN, 1, null),
        Arguments.of(CrashPoints.BEFORE_COMMIT_REQUESTED, 5, null),
        Arguments.of(CrashPoints.AFTER_COMMIT_COMPLETED, 5, null),
        Arguments.of(CrashPoints.AFTER_OFFLINE_COMMIT, 5, null),
        // the catalog transaction of CREATE TRAINING DATASET, its files written
        Arguments.of(CrashPoints.CATALOG_BEFORE_COMMIT, 6, "training dataset files with no catalog entry"),
        // RECREATE halted with one split written: the old version stays whole
        Arguments.of(CrashPoints.DURING_DATASET_WRITE, 7, "training dataset files with no catalog entry"),
        Arguments.of(CrashPoints.AFTER_CATALOG_DROP, 10, "the table of a feature group that is not in the catalog")));
    if (SOAK) {
      rounds.addAll(List.of(
          Arguments.of(CrashPoints.CATALOG_BEFORE_COMMIT, 0, null),
          Arguments.of(CrashPoints.AFTER_DATA_FILES_WRITTEN, 5, null),
          Arguments.of(CrashPoints.BEFORE_COMMIT_REQUESTED, 1, null),
          Arguments.of(CrashPoints.AFTER_COMMIT_COMPLETED, 1, null),
          Arguments.of(CrashPoints.DURING_ONLINE_WRITE, 5, null),
          Arguments.of(CrashPoints.DURING_DATASET_WRITE, 6, "training dataset files with no catalog entry"),
          Arguments.of(CrashPoints.DATASET_BEFORE_CATALOG, 6, "training dataset files with no catalog entry"),
          Arguments.of(CrashPoints.RECREATE_AFTER_CATALOG, 7, "training dataset files with no catalog entry"),
          Arguments.of(CrashPoints.CATALOG_BEFORE_COMMIT, 7, "training dataset files with no catalog entry"),
          Arguments.of(CrashPoints.AFTER_CATALOG_DROP, 12, "training dataset files with no catalog entry"),
          Arguments.of(CrashPoints.AFTER_DATA_FILES_WRITTEN, 13, null)));
    }
    return rounds.stream();
  }

  /** A child JVM's run: its home, its ack file, and what the kill did (for random rounds). */
  record Run(Path home, Path ack, int exitCode, String log, String note) {}

  /**
   * The children run two at a time from the start of the class (a child spends most of its time
   * starting Spark), while this JVM checks the homes of those that ended, in order.
   */
  private static final ExecutorService CHILDREN = Executors.newFixedThreadPool(2);
  private static final Map<String, Future<Run>> RUNS = new ConcurrentHashMap<>();
  private static final int RANDOM_ROUNDS = Integer.getInteger("fsql.test.crashRounds", 1);
  private static final long SEED = Long.getLong("fsql.test.crashSeed", System.nanoTime());

  private static Path dir;
  private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void startChildren() throws Exception {
    dir = Files.createTempDirectory("fsql-fault-injection");
    for (Arguments a : namedPoints().toList()) {
      String point = (String) a.get()[0];
      int step = (Integer) a.get()[1];
      String key = point + "@" + step;
      Path round = dir.resolve(key);
      RUNS.put(key, CHILDREN.submit(() -> halted(round, point, step)));
    }
    Random random = new Random(SEED);
    for (int i = 0; i < RANDOM_ROUNDS; i++) {
      Path round = dir.resolve("random" + i);
      long delay = random.nextInt(15_000);
      RUNS.put("random" + i, CHILDREN.submit(() -> killed(round, delay)));
    }
  }

  @AfterAll
  static void stopChildren() throws Exception {
    CHILDREN.shutdownNow();
    PROCESSES.forEach(Process::destroyForcibly); // none is alive unless a round failed early
    assertThat(CHILDREN.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static Run halted(Path dir, String point, int step) throws Exception {
    Files.createDirectories(dir);
    Path home = dir.resolve("home");
    Path ack = dir.resolve("ack");
    Path log = dir.resolve("child.log");
    Process p = ChildJvm.start(CrashWorkload.class.getName(), List.of(),
        List.of(home.toString(), ack.toString(), Integer.toString(step), point), log);
    PROCESSES.add(p);
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      p.waitFor();
      return new Run(home, ack, -1, Files.readString(log), "did not reach the crash point in 20 minutes");
    }
    return new Run(home, ack, p.exitValue(), Files.readString(log), "");
  }

  /** Runs the whole workload and kills it with SIGKILL {@code delay} ms after its first acknowledged statement. */
  private static Run killed(Path dir, long delay) throws Exception {
    Files.createDirectories(dir);
    Path home = dir.resolve("home");
    Path ack = dir.resolve("ack");
    Path log = dir.resolve("child.log");
    Process p = ChildJvm.start(CrashWorkload.class.getName(), List.of(), List.of(home.toString(), ack.toString()), log);
    PROCESSES.add(p);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    while (p.isAlive() && CrashWorkload.acknowledged(ack).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String note;
    if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
      note = "finished before the kill";
    } else {
      p.destroyForcibly();
      note = "SIGKILL " + delay + " ms after the first acknowledgement";
    }
    p.waitFor();
    return new Run(home, ack, p.exitValue(), Files.readString(log), note);
  }

  @ParameterizedTest(name = "{0} at step {1}")
  @MethodSource("namedPoints")
  void haltedAtANamedPoint(String point, int step, String repair) throws Exception {
    Run run = RUNS.get(point + "@" + step).get(30, TimeUnit.MINUTES);
    assertThat(run.exitCode()).as("halted at %s: %s %s", point, run.note(), run.log()).isEqualTo(137);
    List<Integer> acked = CrashWorkload.acknowledged(run.ack());
    assertThat(acked).as("every step before the armed one was acknowledged")
        .isEqualTo(IntStream.range(0, step).boxed().toList());
    String found = check(run.home(), acked);
    Path logFile = run.home().resolve("fsql.log");
    String homeLog = Files.exists(logFile) ? Files.readString(logFile) : "";
    if (repair != null) {
      assertThat(homeLog).contains("recovery: removed").contains(repair);
    }
    System.out.printf("fault injection: %s at step %d (%s): in-flight statement %s; recovery: %s%n", point, step,
        CrashWorkload.STEPS.get(step).sql().replaceAll("VALUES .*", "VALUES ..."), found,
        homeLog.lines().filter(l -> l.contains("recovery:")).map(l -> l.replaceAll(".*recovery: ", ""))
            .toList());
  }

  @Test
  void killedAtRandomTimes() throws Exception {
    for (int round = 0; round < RANDOM_ROUNDS; round++) {
      Run run = RUNS.get("random" + round).get(30, TimeUnit.MINUTES);
      assertThat(run.exitCode()).as(run.log()).isIn(0, 137);
      List<Integer> acked = CrashWorkload.acknowledged(run.ack());
      assertThat(acked).isEqualTo(IntStream.range(0, acked.size()).boxed().toList());
      String found = check(run.home(), acked);
      System.out.printf("fault injection: random kill (seed %d, round %d, %s), %d of %d statements acknowledged:"
          + " in-flight statement %s%n", SEED, round, run.note(), acked.size(), CrashWorkload.STEPS.size(), found);
    }
  }

  /**
   * Opens the home and checks it against the workload's model; returns what became of the
   * statement in flight: "whole", "absent" or "none" (when all were acknowledged).
   */
  private static String check(Path home, List<Integer> acked) throws Exception {
    int n = acked.size();
    Map<String, String> before = CrashWorkload.expected(n);
    Map<String, String> after = n < CrashWorkload.STEPS.size() ? CrashWorkload.expected(n + 1) : before;
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      Map<String, String> seen = observe(s);
      assertThat(seen).as("acknowledged statements there, the one in flight whole or absent (%d acknowledged)", n)
          .isIn(before, after);
      catalogAndFilesAgree(home, s);
      if (seen.containsKey("group a")) {
        // the online store agrees with the offline table
        String lookup = "SELECT k, b FROM LATEST a WHERE k IN (1, 15, 25)";
        List<List<Object>> online = query(s, lookup);
        s.execute("SET online_lookups = off");
        assertThat(online).as("online lookups").containsExactlyInAnyOrderElementsOf(query(s, lookup));
        s.execute("SET online_lookups = auto");
      }
      // every group is writable and reads its new commit
      for (String key : seen.keySet()) {
        if (key.startsWith("group ")) {
          String g = key.substring("group ".length());
          String ts = g.equals("a") ? ", TIMESTAMP '2026-01-01 00:00:00'" : "";
          assertThat(s.execute("INSERT INTO " + g + " VALUES (1000, 99" + ts + ")").updateCount()).isEqualTo(1);
          assertThat(query(s, "SELECT COUNT(*) FROM " + g + " WHERE b = 99")).isEqualTo(List.of(row(1L)));
        }
      }
      return n == CrashWorkload.STEPS.size() ? "none" : seen.equals(after) && !before.equals(after) ? "whole"
          : before.equals(after) ? "whole or absent (no visible change)" : "absent";
    }
  }

  /** The state of the home as the workload's model sees it. */
  private static Map<String, String> observe(Session s) {
    Map<String, String> m = new TreeMap<>();
    for (List<Object> g : query(s, "SHOW FEATURE GROUPS")) {
      String name = (String) g.get(0);
      Map<Integer, Long> batches = new TreeMap<>();
      for (List<Object> r : query(s, "SELECT b, COUNT(*) FROM " + name + " GROUP BY b")) {
        batches.put((Integer) r.get(0), (Long) r.get(1));
      }
      m.put("group " + name, batches.toString());
    }
    for (List<Object> v : query(s, "SHOW FEATURE VIEWS")) {
      String name = (String) v.get(0);
      assertThat(query(s, "SELECT COUNT(*) FROM " + name)).isEqualTo(query(s, "SELECT COUNT(*) FROM a"));
      m.put("view " + name, "exists");
    }
    for (List<Object> d : query(s, "SHOW TRAINING DATASETS")) {
      String name = (String) d.get(0);
      long rows = (Long) query(s, "SELECT COUNT(*) FROM " + name).get(0).get(0);
      assertThat(d.get(3)).as("rows of %s in the catalog and in its files", name).isEqualTo(rows);
      long train = (Long) query(s, "SELECT COUNT(*) FROM " + name + " SPLIT train").get(0).get(0);
      long test = (Long) query(s, "SELECT COUNT(*) FROM " + name + " SPLIT test").get(0).get(0);
      assertThat(train + test).isEqualTo(rows);
      m.put("dataset " + name, "rows=" + rows);
    }
    return m;
  }

  /** Every table and dataset directory in the home belongs to a catalog entry. */
  private static void catalogAndFilesAgree(Path home, Session s) throws Exception {
    Set<Path> locations = new HashSet<>();
    for (List<Object> g : query(s, "SHOW FEATURE GROUPS")) {
      locations.add(location(s, "DESCRIBE FEATURE GROUP " + g.get(0)));
    }
    for (List<Object> d : query(s, "SHOW TRAINING DATASETS")) {
      locations.add(location(s, "DESCRIBE TRAINING DATASET " + d.get(0)));
    }
    for (String area : List.of("offline", "datasets")) {
      try (Stream<Path> dirs = Files.list(home.resolve(area))) {
        for (Path dir : dirs.filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize()).toList()) {
          assertThat(locations).as("%s belongs to a catalog entry", dir).contains(dir);
        }
      }
    }
  }

  private static Path location(Session s, String describe) {
    String loc = query(s, describe).stream().filter(r -> "location".equals(r.get(0))).findFirst().orElseThrow()
        .get(1).toString();
    return (loc.startsWith("file:") ? Paths.get(URI.create(loc)) : Paths.get(loc)).toAbsolutePath().normalize();
  }
}
