package io.fsql.tests.drift;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.nio.file.Path;
import java.util.List;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SHOW DRIFT end to end: a training dataset (and a group's earlier commit) against newer commits,
 * with PSI, KS and Jensen-Shannon values computed by hand for the data written.
 *
 * <p>Commit 1: 1000 rows, amount = i % 100 (each of 0..99 ten times), category 'a'/'b' half and
 * half, flag true for one in four. Commit 2: 1000 more rows, amount = i % 100 + 50, category 'a'
 * three in four, flag as before.
 */
class ShowDriftTest {
  @TempDir
  static Path tmp;
  private static FsqlEngine engine;
  private static Session s;
  private static String first;

  @BeforeAll
  static void data() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP g (id BIGINT NOT NULL, amount DOUBLE, n INT, category VARCHAR, "
        + "flag BOOLEAN, ts TIMESTAMP) PRIMARY KEY (id) EVENT TIME ts");
    insert(0, 0, 2);
    first = query(s, "SHOW COMMITS FOR g").get(0).get(0).toString();
    s.execute("CREATE TRAINING DATASET td FROM g");
    s.execute("CREATE TRAINING DATASET tds FROM g SPLIT BY TIME ON ts (early FROM TIMESTAMP '2026-01-01 00:00:00' "
        + "TO TIMESTAMP '2026-01-01 04:00:00', late FROM TIMESTAMP '2026-01-01 04:00:00' TO TIMESTAMP '2027-01-01 00:00:00')");
    insert(1000, 50, 4);
    s.execute("CREATE FEATURE GROUP keys_only (id BIGINT NOT NULL, ts TIMESTAMP) PRIMARY KEY (id) EVENT TIME ts");
  }

  /**
   * One commit of 1000 rows from id {@code from}: amount i % 100 + shift, n = i % 10, one in
   * {@code bEvery} categories 'b', flag every fourth, row i at minute i % 1000 of 2026-01-01.
   */
  private static void insert(int from, int shift, int bEvery) {
    StringBuilder csv = new StringBuilder("id,amount,n,category,flag,ts\n");
    for (int i = from; i < from + 1000; i++) {
      int minute = i % 1000;
      csv.append(i).append(',').append(i % 100 + shift).append(',').append(i % 10).append(',')
          .append(i % bEvery == 0 ? "b" : "a").append(',').append(i % 4 == 0).append(',')
          .append(String.format("2026-01-01 %02d:%02d:00", minute / 60, minute % 60)).append('\n');
    }
    Path file = tmp.resolve("rows" + from + ".csv");
    try {
      Files.writeString(file, csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    s.execute("INSERT INTO g SELECT * FROM read_csv('" + file + "', schema => 'id BIGINT, amount DOUBLE, "
        + "n INT, category VARCHAR, flag BOOLEAN, ts TIMESTAMP')");
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /** PSI of a side uniform on 0..99 against one uniform on 50..149, over the first side's deciles. */
  private static final double PSI_SHIFT_50 =
      5 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + 4 * 0.0 + (0.6 - 0.1) * Math.log(0.6 / 0.1);

  /** Jensen-Shannon distance of (1/2, 1/2) and (3/4, 1/4). */
  private static double jsHalfVsThreeQuarters() {
    double[] p = {0.5, 0.5};
    double[] q = {0.75, 0.25};
    double d = 0;
    for (int i = 0; i < 2; i++) {
      double m = (p[i] + q[i]) / 2;
      d += 0.5 * p[i] * Math.log(p[i] / m) / Math.log(2) + 0.5 * q[i] * Math.log(q[i] / m) / Math.log(2);
    }
    return Math.sqrt(d);
  }

  @Test
  void datasetAgainstNewerCommits() {
    // read from the rows: 1001-quantile sketches, KS within 0.002; td from its stored statistics
    // (101 quantiles): KS within 0.0225 (docs/sql-reference.md, SHOW DRIFT)
    datasetAgainstNewerCommits(" WITH (use_statistics = false)", "scan", 0.002);
    datasetAgainstNewerCommits("", "statistics (the dataset)", 0.0225);
  }

  private void datasetAgainstNewerCommits(String with, String referenceSource, double ksError) {
    List<List<Object>> drift = query(s, "SHOW DRIFT FOR td AGAINST g CHANGES SINCE COMMIT '" + first + "'" + with);
    assertThat(drift).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)).containsExactly(
        "amount DOUBLE psi", "amount DOUBLE ks", "n INTEGER psi", "n INTEGER ks",
        "category VARCHAR js", "flag BOOLEAN js");
    assertThat(drift).allSatisfy(r -> assertThat(r.subList(8, 10)).containsExactly(referenceSource, "scan"));
    // amount: uniform 0..99 against 50..149: KS = F(99) difference = 1 - 1/2, read from quantile
    // sketches (off by at most their step plus the sketch's rank error: docs/sql-reference.md)
    assertThat((Double) drift.get(0).get(3)).isCloseTo(PSI_SHIFT_50, within(1e-9));
    assertThat(drift.get(0).subList(4, 8)).containsExactly(0.2, true, 1000L, 1000L);
    assertThat((Double) drift.get(1).get(3)).isCloseTo(0.5, within(ksError));
    assertThat(drift.get(1).subList(4, 6)).containsExactly(0.1, true);
    // n = i % 10 on both sides: no drift
    assertThat(drift.get(2).subList(3, 6)).containsExactly(0.0, 0.2, false);
    assertThat(drift.get(3).subList(3, 6)).containsExactly(0.0, 0.1, false);
    assertThat((Double) drift.get(4).get(3)).isCloseTo(jsHalfVsThreeQuarters(), within(1e-12));
    assertThat(drift.get(4).subList(4, 6)).containsExactly(0.1, true);
    assertThat(drift.get(5).subList(3, 6)).containsExactly(0.0, 0.1, false);
  }

  @Test
  void identicalDataIsNotFlagged() {
    List<List<Object>> drift = query(s, "SHOW DRIFT FOR td AGAINST g AS OF COMMIT '" + first + "'");
    assertThat(drift).hasSize(6).allSatisfy(r -> {
      assertThat(r.get(3)).isEqualTo(0.0);
      assertThat(r.get(5)).isEqualTo(false);
      assertThat(r.subList(6, 8)).containsExactly(1000L, 1000L);
    });
  }

  @Test
  void commitRangeAgainstANewerRangeWithThresholds() {
    List<List<Object>> drift = query(s, "SHOW DRIFT FOR g AS OF COMMIT '" + first + "' AGAINST g CHANGES SINCE COMMIT '"
        + first + "' WITH (threshold_psi = 5, threshold_ks = 0.51, threshold_js = 0.25, bins = 10)");
    assertThat(drift.get(0)).containsExactly("amount", "DOUBLE", "psi", drift.get(0).get(3), 5.0, false, 1000L, 1000L,
        "scan", "scan");
    assertThat((Double) drift.get(0).get(3)).isCloseTo(PSI_SHIFT_50, within(1e-9));
    assertThat(drift.get(1).subList(4, 6)).containsExactly(0.51, false);
    assertThat(drift.get(4).subList(4, 6)).containsExactly(0.25, false);  // JS is 0.2209
    // the whole group now (2000 rows) against its first commit: amount is uniform on 0..149
    // with 0..49 and 100..149 at half the weight of 50..99
    List<List<Object>> all = query(s, "SHOW DRIFT FOR g AS OF COMMIT '" + first + "' AGAINST g WITH (bins = 2)");
    assertThat(all.get(0).subList(6, 8)).containsExactly(1000L, 2000L);
    // bins at the median 49: reference 1/2 and 1/2, current 500/2000 and 1500/2000
    assertThat((Double) all.get(0).get(3))
        .isCloseTo((0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5), within(1e-9));
  }

  @Test
  void datasetSplit() {
    // the early split has minutes 0..239 of commit 1: amount i % 100 for i < 240
    List<List<Object>> drift = query(s, "SHOW DRIFT FOR tds SPLIT early AGAINST tds SPLIT late");
    assertThat(drift.get(0).subList(6, 8)).containsExactly(240L, 760L);
    assertThat(drift).extracting(r -> r.get(0)).containsExactly("amount", "amount", "n", "n", "category", "flag");
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> s.execute("SHOW DRIFT FOR td AGAINST keys_only"))
        .isInstanceOf(FsqlException.class)
        .hasMessage("line 1:1: training dataset td v1 and feature group keys_only v1 share no numeric, VARCHAR or "
            + "BOOLEAN feature column (keys and event times excluded); training dataset td v1 has id, amount, n, "
            + "category, flag, ts, feature group keys_only v1 has id, ts");
    assertThatThrownBy(() -> s.execute("SHOW DRIFT FOR td AGAINST g WITH (treshold_psi = 1)"))
        .hasMessage("line 1:35: unknown SHOW DRIFT option 'treshold_psi' (threshold_psi, threshold_ks, "
            + "threshold_js, bins and use_statistics are known)");
    assertThatThrownBy(() -> s.execute("SHOW DRIFT FOR td AGAINST g WITH (bins = 1)"))
        .hasMessage("line 1:35: bins must be an integer from 2 to 100");
    assertThatThrownBy(() -> s.execute("SHOW DRIFT FOR td AGAINST g WITH (threshold_ks = 'x')"))
        .hasMessage("line 1:35: option 'threshold_ks' takes a number");
    assertThatThrownBy(() -> s.execute("SHOW DRIFT FOR nothing AGAINST g"))
        .hasMessage("line 1:16: 'nothing' is neither a training dataset nor a feature group");
    assertThatThrownBy(() -> s.execute("SHOW DRIFT FOR td AGAINST SERVED nothing"))
        .hasMessage("line 1:34: feature view 'nothing' does not exist (SHOW FEATURE VIEWS lists them)");
  }
}
