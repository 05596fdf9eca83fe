package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static io.fsql.tests.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hudi.common.model.HoodieCommitMetadata;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.common.table.timeline.HoodieTimeline;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create, insert twice, select; reopen; and check the Hudi table with plain Spark and Hudi. */
class FeatureGroupLifecycleTest {
  @TempDir
  Path tmp;

  private static final String CREATE = "CREATE FEATURE GROUP transactions VERSION 1 ("
      + " cc_num BIGINT NOT NULL, amount DOUBLE, category VARCHAR, ts TIMESTAMP"
      + ") PRIMARY KEY (cc_num) EVENT TIME ts ONLINE COMMENT 'card transactions'";

  @Test
  void insertsAreUpsertsOnKeyAndEventTimeAndSurviveReopen() throws Exception {
    Path home = tmp.resolve("home");
    String location;
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      s.execute(CREATE);
      StatementResult first = s.execute("INSERT INTO transactions VALUES"
          + " (1, 10.5, 'food', TIMESTAMP '2026-01-01 10:00:00'),"
          + " (2, 20.0, 'travel', TIMESTAMP '2026-01-01 11:00:00'),"
          + " (1, 11.0, 'food', TIMESTAMP '2026-01-02 09:30:00')");
      assertThat(first.updateCount()).isEqualTo(3);
      // (1, 2026-01-01 10:00) is corrected; (3, ...) is a new key; (1, 2026-01-03) adds history.
      StatementResult second = s.execute("INSERT INTO transactions (cc_num, ts, amount, category) VALUES"
          + " (1, '2026-01-01 10:00:00', 99.0, 'food'),"
          + " (3, '2026-01-02 00:00:00', 5.0, NULL),"
          + " (1, TIMESTAMP '2026-01-03 00:00:00.123456', 12.5, 'fuel')");
      assertThat(second.updateCount()).isEqualTo(3);
      assertThat(second.message()).contains("2 inserted, 1 updated");

      List<List<Object>> expected = List.of(
          row(1L, 99.0, "food", ts("2026-01-01 10:00:00")),
          row(1L, 11.0, "food", ts("2026-01-02 09:30:00")),
          row(1L, 12.5, "fuel", ts("2026-01-03 00:00:00.123456")),
          row(2L, 20.0, "travel", ts("2026-01-01 11:00:00")),
          row(3L, 5.0, null, ts("2026-01-02 00:00:00")));
      assertThat(query(s, "SELECT cc_num, amount, category, ts FROM transactions ORDER BY cc_num, ts"))
          .isEqualTo(expected);
      assertThat(query(s, "SELECT * FROM transactions ORDER BY cc_num, ts")).isEqualTo(expected);
      location = engine.openSession().featureGroups().get(0).location();
    }

    // Reopen the home: the group and its rows are still there.
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      List<List<Object>> groups = query(s, "SHOW FEATURE GROUPS");
      assertThat(groups).hasSize(1);
      assertThat(groups.get(0).subList(0, 7))
          .isEqualTo(row("transactions", 1, true, "cc_num", "ts", 4, "card transactions"));
      assertThat(query(s, "SELECT cc_num, amount FROM transactions WHERE ts < TIMESTAMP '2026-01-02 00:00:00'"
          + " ORDER BY cc_num"))
          .isEqualTo(List.of(row(1L, 99.0), row(2L, 20.0)));
    }

    // The group's Hudi table, read with plain Spark and Hudi: exactly two completed commits.
    SparkSession spark = SparkRuntime.session();
    List<Row> raw = spark.read().format("hudi").load(location)
        .select("cc_num", "amount", "category", "ts").orderBy("cc_num", "ts").collectAsList();
    assertThat(raw.stream().map(r -> r.get(0) + "/" + r.get(1) + "/" + r.get(2)).collect(Collectors.toList()))
        .containsExactly("1/99.0/food", "1/11.0/food", "1/12.5/fuel", "2/20.0/travel", "3/5.0/null");
    HoodieTableMetaClient meta = HoodieTableMetaClient.builder()
        .setConf(HadoopFSUtils.getStorageConfWithCopy(spark.sparkContext().hadoopConfiguration()))
        .setBasePath(location).build();
    HoodieTimeline commits = meta.getActiveTimeline().getCommitsTimeline();
    assertThat(commits.filterCompletedInstants().getInstants()).hasSize(2);
    assertThat(commits.filterInflightsAndRequested().getInstants()).isEmpty();
    List<HoodieInstant> instants = commits.filterCompletedInstants().getInstants();
    HoodieCommitMetadata c1 = commits.readCommitMetadata(instants.get(0));
    HoodieCommitMetadata c2 = commits.readCommitMetadata(instants.get(1));
    assertThat(c1.fetchTotalInsertRecordsWritten()).isEqualTo(3);
    assertThat(c1.fetchTotalUpdateRecordsWritten()).isEqualTo(0);
    assertThat(c2.fetchTotalInsertRecordsWritten()).isEqualTo(2);
    assertThat(c2.fetchTotalUpdateRecordsWritten()).isEqualTo(1);
  }
}
