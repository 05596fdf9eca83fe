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
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An INSERT's key checks (NULL keys, repeated keys) run beside the measurement of its
 * expectations and statistics when no rule drops or rejects a row: the errors and their order are
 * those of the checks run one after the other. A REJECT still wins over a repeated key, a DROP
 * that leaves out a repeated key's second row commits the rest, and no check is left running.
 */
class KeyChecksBesideMeasurementTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;
  /** The job groups of the Spark jobs started (the key checks beside the measurement have their own). */
  static final List<String> jobGroups = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void open() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("SET statistics = on");
    SparkRuntime.session().sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
        jobGroups.add(group == null ? "" : group);
      }
    });
  }

  /** How many Spark jobs ran for {@code sql} in the key checks' own job group (listener events are asynchronous). */
  private static long keyCheckJobs(Runnable sql) {
    jobGroups.clear();
    sql.run();
    long t0 = System.nanoTime();
    long jobs = 0;
    // the listener bus delivers within moments; wait briefly for the count to settle
    while (System.nanoTime() - t0 < 500_000_000L) {
      jobs = jobGroups.stream().filter(g -> g.startsWith("fsql-key-check-")).count();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return jobs;
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @AfterEach
  void noCheckLeftRunning() {
    assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
        .doesNotContain("fsql-key-check");
  }

  private static FsqlException fails(String sql) {
    return catchThrowableOfType(FsqlException.class, () -> s.execute(sql));
  }

  @Test
  void aRepeatedKeyFailsAfterPassingExpectationsAndNothingIsCommitted() {
    s.execute("CREATE FEATURE GROUP rk (id BIGINT, amount DOUBLE, EXPECTATION positive CHECK (amount >= 0),"
        + " EXPECTATION ids UNIQUE (amount) ON VIOLATION WARN) PRIMARY KEY (id)");
    s.execute("INSERT INTO rk VALUES (1, 1.0)");
    FsqlException[] failed = new FsqlException[1];
    assertThat(keyCheckJobs(() -> failed[0] = fails("INSERT INTO rk VALUES (2, 2.0), (3, 3.0), (2, 4.0)")))
        .isGreaterThan(0);
    FsqlException e = failed[0];
    assertThat(e.code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
    assertThat(e.getMessage()).endsWith("the rows to insert repeat a key: 2 rows have (id=2); each (id) may appear"
        + " once per INSERT; nothing was committed");
    assertThat(query(s, "SHOW COMMITS FOR rk")).hasSize(1);
    assertThat(query(s, "SELECT id, amount FROM rk")).containsExactly(row(1L, 1.0));
  }

  @Test
  void aNullKeyFailsWithStatisticsOnAndNoExpectation() {
    s.execute("CREATE FEATURE GROUP nk (id BIGINT, v VARCHAR NOT NULL) PRIMARY KEY (id)");
    FsqlException e = fails("INSERT INTO nk VALUES (1, 'a'), (NULL, 'b'), (NULL, 'c')");
    assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED);
    assertThat(e.getMessage()).endsWith("NULL in primary-key column 'id' of nk v1 (2 rows); nothing was committed");
    FsqlException v = fails("INSERT INTO nk VALUES (1, 'a'), (2, NULL)");
    assertThat(v.getMessage()).endsWith("NULL in NOT NULL column 'v' of nk v1 (1 row); nothing was committed");
    assertThat(query(s, "SHOW COMMITS FOR nk")).isEmpty();
  }

  @Test
  void aRejectWinsOverARepeatedKey() {
    s.execute("CREATE FEATURE GROUP rj (id BIGINT, amount DOUBLE, EXPECTATION positive CHECK (amount >= 0))"
        + " PRIMARY KEY (id)");
    FsqlException[] failed = new FsqlException[1];
    assertThat(keyCheckJobs(() -> failed[0] = fails("INSERT INTO rj VALUES (1, -1.0), (1, 2.0)"))).isZero();
    FsqlException e = failed[0];
    assertThat(e.getMessage()).contains("rejected: 1 expectation failed: positive (CHECK (amount >= 0)) [REJECT]:"
        + " 1 of 2 rows").doesNotContain("repeat a key");
    assertThat(query(s, "SHOW COMMITS FOR rj")).isEmpty();
  }

  @Test
  void aDropThatLeavesOutTheRepeatedRowCommitsTheRest() {
    s.execute("CREATE FEATURE GROUP dr (id BIGINT, amount DOUBLE,"
        + " EXPECTATION positive CHECK (amount >= 0) ON VIOLATION DROP) PRIMARY KEY (id)");
    long[] inserted = new long[1];
    // rows dropped: the kept rows are checked after the measurement, not beside it
    assertThat(keyCheckJobs(() -> inserted[0] = s.execute("INSERT INTO dr VALUES (1, 1.0), (2, 2.0), (1, -1.0)")
        .updateCount())).isZero();
    assertThat(inserted[0]).isEqualTo(2);
    assertThat(query(s, "SELECT id, amount FROM dr ORDER BY id")).isEqualTo(List.of(row(1L, 1.0), row(2L, 2.0)));
    // a DROP that leaves the repeated key in: the kept rows' own check fails
    FsqlException e = fails("INSERT INTO dr VALUES (3, 1.0), (3, 2.0), (4, -1.0)");
    assertThat(e.getMessage()).endsWith("the rows to insert repeat a key: 2 rows have (id=3); each (id) may appear"
        + " once per INSERT; nothing was committed");
    assertThat(query(s, "SHOW COMMITS FOR dr")).hasSize(1);
  }

  @Test
  void manyInsertsInARowEachCheckTheirOwnRows() {
    s.execute("CREATE FEATURE GROUP many (id BIGINT, amount DOUBLE, EXPECTATION positive CHECK (amount >= 0))"
        + " PRIMARY KEY (id)");
    for (int i = 0; i < 2; i++) {
      assertThat(s.execute("INSERT INTO many VALUES (" + (2 * i) + ", 1.0), (" + (2 * i + 1) + ", 2.0)")
          .updateCount()).isEqualTo(2);
    }
    assertThat(query(s, "SELECT count(*) FROM many")).containsExactly(row(4L));
  }
}
