package io.fsql.tests.drift;

import static io.fsql.tests.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.spark.SparkRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SHOW DRIFT from stored statistics: a training dataset's splits and a group's ANALYZE snapshot are
 * compared through their stored drift profiles without a Spark job, and agree with the same
 * comparison over the rows ({@code use_statistics = false}) on random data.
 *
 * <p>Error stated (docs/sql-reference.md, SHOW DRIFT): a stored numeric profile is 101 quantiles, so a
 * side's cumulative distribution read from it is within 1/100 of the one read from the rows' 1001
 * quantiles (each within its 1/1000 step plus percentile_approx's 1/10000 rank error); KS is then
 * within 0.0225 of the scanned one. PSI has no such bound (a bin's fraction is off by up to 0.02 and
 * PSI weighs it by a log ratio); on these data it agrees within 0.01 + 5%. Jensen-Shannon from stored
 * top values is exact when each side has at most 100 distinct values.
 */
class DriftFromStatisticsTest {
  @TempDir
  static Path tmp;
  private static FsqlEngine engine;
  private static Session s;
  private static String first;
  private static String second;
  private static final AtomicInteger JOBS = new AtomicInteger();

  @BeforeAll
  static void data() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP r (id BIGINT NOT NULL, x DOUBLE, k INT, c VARCHAR, ts TIMESTAMP) "
        + "PRIMARY KEY (id) EVENT TIME ts");
    insert(0, 0.0, 1.0, 50, new double[] {0.4, 0.3, 0.2, 0.1}, 1);
    first = query(s, "SHOW COMMITS FOR r").get(0).get(0).toString();
    s.execute("CREATE TRAINING DATASET ref FROM r SPLIT RANDOM (train 0.8, test 0.2) SEED 7");
    insert(4000, 2.0, 2.0, 100, new double[] {0.1, 0.2, 0.3, 0.4}, 2);
    s.execute("ANALYZE FEATURE GROUP r");
    List<List<Object>> commits = query(s, "SHOW COMMITS FOR r");
    second = commits.get(0).get(0).toString();  // newest first
    SparkContext sc = SparkRuntime.session().sparkContext();
    sc.addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        JOBS.incrementAndGet();
      }
    });
  }

  /** 4000 rows from id {@code from}: x normal(mean, sd), k uniform on 0..kValues-1, c from a..d with weights. */
  private static void insert(int from, double mean, double sd, int kValues, double[] weights, long seed) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("id,x,k,c,ts\n");
    for (int i = from; i < from + 4000; i++) {
      double u = random.nextDouble();
      int c = 0;
      for (double acc = weights[0]; u > acc && c < weights.length - 1; acc += weights[++c]) {
        // the category whose cumulative weight first passes u
      }
      csv.append(i).append(',').append(mean + sd * random.nextGaussian()).append(',')
          .append(random.nextInt(kValues)).append(',').append((char) ('a' + c)).append(',')
          .append(String.format("2026-01-01 %02d:%02d:00", (i / 60) % 24, i % 60)).append('\n');
    }
    Path file = tmp.resolve("rows" + from + ".csv");
    try {
      Files.writeString(file, csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    s.execute("INSERT INTO r SELECT * FROM read_csv('" + file + "', schema => 'id BIGINT, x DOUBLE, k INT, "
        + "c VARCHAR, ts TIMESTAMP')");
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /** The rows of a SHOW DRIFT and how many Spark jobs it ran. */
  private record Drift(List<List<Object>> rows, int jobs) {}

  private static Drift drift(String sql) {
    SparkContext sc = SparkRuntime.session().sparkContext();
    settle(sc);
    int before = JOBS.get();
    List<List<Object>> rows = query(s, sql);
    settle(sc);
    return new Drift(rows, JOBS.get() - before);
  }

  /** Waits until every Spark event so far reached the listeners. */
  private static void settle(SparkContext sc) {
    try {
      sc.listenerBus().waitUntilEmpty(30_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Spark's listener bus did not drain in 30 s", e);
    }
  }

  @Test
  void storedSidesRunNoSparkJobAndAgreeWithTheRows() {
    Drift stored = drift("SHOW DRIFT FOR ref AGAINST r");
    Drift scanned = drift("SHOW DRIFT FOR ref AGAINST r WITH (use_statistics = false)");
    assertThat(stored.jobs()).isZero();
    assertThat(scanned.jobs()).isPositive();
    assertThat(stored.rows()).extracting(r -> r.get(0) + " " + r.get(2) + " " + r.get(8) + " | " + r.get(9))
        .containsExactly(
            "x psi statistics (2 splits combined) | statistics (ANALYZE at commit " + second + ")",
            "x ks statistics (2 splits combined) | statistics (ANALYZE at commit " + second + ")",
            "k psi statistics (2 splits combined) | statistics (ANALYZE at commit " + second + ")",
            "k ks statistics (2 splits combined) | statistics (ANALYZE at commit " + second + ")",
            "c js statistics (2 splits combined) | statistics (ANALYZE at commit " + second + ")");
    assertThat(scanned.rows()).allSatisfy(r -> assertThat(r.subList(8, 10)).containsExactly("scan", "scan"));
    for (int i = 0; i < stored.rows().size(); i++) {
      List<Object> a = stored.rows().get(i);
      List<Object> b = scanned.rows().get(i);
      System.out.println("drift " + a.get(0) + " " + a.get(2) + ": stored " + a.get(3) + ", scanned " + b.get(3));
      assertThat(a.subList(0, 3)).isEqualTo(b.subList(0, 3));
      assertThat(a.get(4)).isEqualTo(b.get(4));  // thresholds
      assertThat(a.subList(6, 8)).isEqualTo(b.subList(6, 8));  // row counts
      double stor = (Double) a.get(3);
      double scan = (Double) b.get(3);
      switch ((String) a.get(2)) {
        case "ks" -> assertThat(stor).isCloseTo(scan, within(0.0225));
        case "psi" -> assertThat(stor).isCloseTo(scan, within(0.01 + 0.05 * scan));
        default -> assertThat(stor).isCloseTo(scan, within(1e-12));
      }
    }
    assertThat(stored.rows().get(0).subList(6, 8)).containsExactly(4000L, 8000L);
    // the group now is half the first commit's mix, half a shifted, wider x, a k on 0..99 and c reversed
    // (values far from the thresholds: k's PSI about 0.33, c's JS distance about 0.20)
    assertThat(stored.rows()).extracting(r -> r.get(5)).containsExactly(true, true, true, true, true);
  }

  @Test
  void oneSplitAndAnExplicitCommit() {
    Drift d = drift("SHOW DRIFT FOR ref SPLIT train AGAINST r AS OF COMMIT '" + second + "'");
    assertThat(d.jobs()).isZero();
    assertThat(d.rows().get(0).subList(8, 10)).containsExactly("statistics (split train)",
        "statistics (ANALYZE at commit " + second + ")");
    Drift scanned = drift("SHOW DRIFT FOR ref SPLIT train AGAINST r AS OF COMMIT '" + second
        + "' WITH (use_statistics = false)");
    assertThat(d.rows().get(0).get(6)).isEqualTo(scanned.rows().get(0).get(6));
    assertThat((Double) d.rows().get(1).get(3)).isCloseTo((Double) scanned.rows().get(1).get(3), within(0.0225));
  }

  @Test
  void aSideWithoutStoredStatisticsIsRead() {
    // the first commit was never analyzed (its INSERT statistics describe the rows it wrote, not a snapshot)
    Drift d = drift("SHOW DRIFT FOR ref AGAINST r AS OF COMMIT '" + first + "'");
    assertThat(d.jobs()).isPositive();
    assertThat(d.rows()).allSatisfy(r -> assertThat(r.subList(8, 10))
        .containsExactly("statistics (2 splits combined)", "scan"));
    // a CHANGES SINCE range is always read
    Drift changes = drift("SHOW DRIFT FOR ref AGAINST r CHANGES SINCE COMMIT '" + first + "'");
    assertThat(changes.rows().get(0).get(9)).isEqualTo("scan");
    assertThat(changes.rows().get(0).get(7)).isEqualTo(4000L);
  }

  @Test
  void useStatisticsTakesABoolean() {
    assertThatThrownBy(() -> s.execute("SHOW DRIFT FOR ref AGAINST r WITH (use_statistics = 1)"))
        .hasMessage("line 1:36: option 'use_statistics' takes TRUE or FALSE");
  }
}
