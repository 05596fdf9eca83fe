package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.offline.KeyHashCheck;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An INSERT's key checks look for repeated keys among the hashes of the record keys
 * ({@link KeyHashCheck}) and run the aggregation by record key only for a NULL, a repeated key or
 * colliding hashes: on random rows with composite keys of every key type, the verdict, the error
 * and the rows committed are those of a brute-force oracle, in both layouts, with full hashes and
 * with hashes cut to a few bits (every check then collides and the aggregation decides).
 */
class KeyHashCheckTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;
  static final List<String> jobs = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void open() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    SparkRuntime.session().sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        String d = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
        jobs.add(d == null ? "" : d);
      }
    });
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @AfterEach
  void fullHashes() {
    System.clearProperty(KeyHashCheck.BITS);
    System.clearProperty(KeyHashCheck.ENABLED);
  }

  private static final String COLUMNS = "id BIGINT, code VARCHAR, price DECIMAL(6,2), day DATE, ts TIMESTAMP, v INT";

  /** The rows as a CSV file. */
  private static Path csv(String name, List<String> lines) {
    Path file = tmp.resolve(name + ".csv");
    try {
      java.nio.file.Files.writeString(file, String.join("\n", lines) + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  /** Whether a job of the hash check ran for {@code sql} (listener events are asynchronous). */
  private static boolean hashed(Runnable sql) {
    jobs.clear();
    sql.run();
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < 500_000_000L) {
      if (jobs.contains(KeyHashCheck.JOB_DESCRIPTION)) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return false;
  }

  @Test
  void randomRowsGetTheOraclesVerdictWithFullAndWithCollidingHashes() {
    Random random = new Random(2026);
    int group = 0;
    int repeats = 0;
    for (int trial = 0; trial < 12; trial++) {
      boolean colliding = trial % 3 == 2;
      if (colliding) {
        System.setProperty(KeyHashCheck.BITS, "3");
      } else {
        System.clearProperty(KeyHashCheck.BITS);
      }
      String layout = trial % 2 == 0 ? "sorted" : "cow";
      String g = "r" + group++;
      s.execute("CREATE FEATURE GROUP " + g + " (" + COLUMNS + ") PRIMARY KEY (id, code, price, day) EVENT TIME ts"
          + " WITH (layout = '" + layout + "')");
      // keys from a small domain: a trial may or may not repeat one (the oracle says which)
      int n = 200 + random.nextInt(800);
      int domain = trial % 2 == 0 ? n * n * 4 : n * 40;
      List<String> lines = new java.util.ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      String repeated = null;
      for (int i = 0; i < n; i++) {
        int k = random.nextInt(domain);
        long id = k % 9973 - 4000;
        String code = "c" + (k / 9973) % 5;
        String price = (k / 49865) % 3 + ".50";
        String day = "2026-01-0" + (1 + (k / 149595) % 3);
        String ts = "2026-01-01 00:00:" + String.format("%02d", (k / 448785) % 60);
        String key = id + "," + code + "," + price + "," + day + "," + ts;
        seen.merge(key, 1, Integer::sum);
        if (repeated == null && seen.get(key) == 2) {
          repeated = key;
        }
        lines.add(key + "," + i);
      }
      Path file = csv(g, lines);
      String insert = "INSERT INTO " + g + " SELECT * FROM read_csv('" + file + "', schema => '" + COLUMNS
          + "', header => false)";
      boolean anyRepeat = repeated != null;
      repeats += anyRepeat ? 1 : 0;
      FsqlException[] failed = new FsqlException[1];
      long[] count = new long[1];
      assertThat(hashed(() -> {
        try {
          count[0] = s.execute(insert).updateCount();
        } catch (FsqlException e) {
          failed[0] = e;
        }
      })).as("trial %d", trial).isTrue();
      if (anyRepeat) {
        assertThat(failed[0]).as("trial %d", trial).isNotNull();
        assertThat(failed[0].code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
        assertThat(failed[0].getMessage()).contains("the rows to insert repeat a key: ")
            .endsWith("; each (id, code, price, day, ts) may appear once per INSERT; nothing was committed");
        assertThat(query(s, "SHOW COMMITS FOR " + g)).isEmpty();
      } else {
        assertThat(failed[0]).as("trial %d", trial).isNull();
        assertThat(count[0]).isEqualTo(n);
        assertThat(query(s, "SELECT count(*), sum(v) FROM " + g))
            .containsExactly(row((long) n, (long) n * (n - 1) / 2));
      }
    }
    // both verdicts were tried
    assertThat(repeats).isBetween(1, 11);
  }

  @Test
  void theHashCheckGivesTheAggregationsErrors() {
    s.execute("CREATE FEATURE GROUP errs (id BIGINT, ts TIMESTAMP, v VARCHAR NOT NULL) PRIMARY KEY (id) EVENT TIME ts");
    List<String> inserts = List.of(
        "VALUES (1, TIMESTAMP '2026-01-01 00:00:00', 'a'), (2, TIMESTAMP '2026-01-01 00:00:00', 'b'),"
            + " (1, TIMESTAMP '2026-01-01 00:00:00', 'c'), (1, TIMESTAMP '2026-01-01 00:00:00', 'd')",
        "VALUES (1, TIMESTAMP '2026-01-01 00:00:00', 'a'), (1, TIMESTAMP '2026-01-01 00:00:01', NULL)",
        "VALUES (NULL, TIMESTAMP '2026-01-01 00:00:00', 'a'), (3, TIMESTAMP '2026-01-01 00:00:00', 'b'),"
            + " (3, TIMESTAMP '2026-01-01 00:00:00', 'c')");
    List<String> expected = List.of(
        "the rows to insert repeat a key: 3 rows have (id=1, ts=2026-01-01T00:00); each (id, ts) may appear once"
            + " per INSERT; nothing was committed",
        "NULL in NOT NULL column 'v' of errs v1 (1 row); nothing was committed",
        "NULL in primary-key column 'id' of errs v1 (1 row); nothing was committed");
    for (String check : List.of("true", "false")) {
      System.setProperty(KeyHashCheck.ENABLED, check);
      for (int i = 0; i < inserts.size(); i++) {
        int at = i;
        FsqlException[] e = new FsqlException[1];
        assertThat(hashed(() -> e[0] = catchThrowableOfType(FsqlException.class,
            () -> s.execute("INSERT INTO errs " + inserts.get(at))))).isEqualTo(check.equals("true"));
        assertThat(e[0].getMessage()).endsWith(expected.get(i));
      }
    }
    assertThat(query(s, "SHOW COMMITS FOR errs")).isEmpty();
    System.clearProperty(KeyHashCheck.ENABLED);
    assertThat(s.execute("INSERT INTO errs VALUES (1, TIMESTAMP '2026-01-01 00:00:00', 'a')").updateCount()).isEqualTo(1);
    // an empty INSERT commits nothing
    assertThat(s.execute("INSERT INTO errs SELECT id, ts, v FROM errs WHERE id < 0").updateCount()).isZero();
    assertThat(query(s, "SHOW COMMITS FOR errs")).hasSize(1);
  }
}
