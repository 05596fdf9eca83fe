package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.offline.HudiSnapshotFiles;
import io.fsql.storage.spark.SparkRuntime;
import io.fsql.storage.spark.SparkTypes;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group's snapshot read straight from its Parquet base files ({@link HudiSnapshotFiles}) gives
 * exactly the rows of Hudi's own snapshot read, latest and as of every commit, in both layouts,
 * after updates and across schema changes (an added column reads NULL, a widened column is cast);
 * a MERGE_ON_READ table is left to Hudi.
 */
class HudiSnapshotFilesTest {
  @TempDir
  Path tmp;

  private static final LocalDateTime T = LocalDateTime.parse("2026-01-01T00:00:00");
  private static final java.time.format.DateTimeFormatter LITERAL =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Test
  void baseFilesReadEqualsHudisReadAtEveryCommitInBothLayouts() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home")); Session s = engine.openSession()) {
      for (String layout : List.of("sorted", "cow")) {
        String g = "g_" + layout;
        s.execute("CREATE FEATURE GROUP " + g + " (k INT, v VARCHAR, x DOUBLE, ts TIMESTAMP) PRIMARY KEY (k) "
            + "EVENT TIME ts WITH (layout = '" + layout + "')");
        insert(s, g, 0, 300, "a");
        insert(s, g, 100, 150, "b");  // updates (same key and event time)
        insert(s, g, 300, 310, "b");  // inserts
        insert(s, g, 250, 260, "c");
        List<String> commits = commits(s, g);
        assertThat(commits).hasSize(4);
        FeatureGroup group = group(s, g);

        // the latest snapshot: the model's rows, and Hudi's
        List<List<Object>> latest = query(s, "SELECT k, v, x, ts FROM " + g + " ORDER BY k");
        assertThat(latest).hasSize(310);
        assertThat(latest.get(0)).isEqualTo(row(0, "a0", 0.5, T));
        assertThat(latest.get(120)).isEqualTo(row(120, "b120", 120.5, T.plusSeconds(120)));
        assertThat(latest.get(255)).isEqualTo(row(255, "c255", 255.5, T.plusSeconds(255)));
        assertThat(latest.get(309)).isEqualTo(row(309, "b309", 309.5, T.plusSeconds(309)));
        assertThat(HudiSnapshotFiles.files(conf(), group.location(), null)).isPresent();
        assertThat(latest).isEqualTo(hudi(group, null));

        // as of every commit
        int[] sizes = {300, 300, 310, 310};
        for (int i = 0; i < commits.size(); i++) {
          String c = commits.get(i);
          assertThat(HudiSnapshotFiles.files(conf(), group.location(), c)).as("files as of %s", c).get()
              .satisfies(files -> assertThat(files).isNotEmpty());
          List<List<Object>> asOf = query(s, "SELECT k, v, x, ts FROM " + g + " AS OF COMMIT '" + c + "' ORDER BY k");
          assertThat(asOf).as("%s as of commit %d", layout, i).hasSize(sizes[i]).isEqualTo(hudi(group, c));
        }
        assertThat(query(s, "SELECT v FROM " + g + " AS OF COMMIT '" + commits.get(0) + "' WHERE k = 120"))
            .containsExactly(row("a120"));
        assertThat(query(s, "SELECT v FROM " + g + " AS OF COMMIT '" + commits.get(2) + "' WHERE k = 255"))
            .containsExactly(row("a255"));
      }
    }
  }

  @Test
  void filesWrittenUnderAnOlderSchemaReadInTheCurrentOneAsHudiReadsThem() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home")); Session s = engine.openSession()) {
      s.execute("CREATE FEATURE GROUP w (k INT, i INT, r REAL, d DECIMAL(10, 2), s VARCHAR(10), ts TIMESTAMP) "
          + "PRIMARY KEY (k) EVENT TIME ts");
      s.execute("INSERT INTO w VALUES (1, 7, 1.5, 12.25, 'one', TIMESTAMP '2026-01-01 00:00:00'), "
          + "(2, -3, 0.1, -0.5, 'two', TIMESTAMP '2026-01-01 00:00:01'), (3, NULL, NULL, NULL, NULL, "
          + "TIMESTAMP '2026-01-01 00:00:02')");
      String c1 = commits(s, "w").get(0);
      s.execute("ALTER FEATURE GROUP w ADD COLUMN extra DOUBLE");
      s.execute("ALTER FEATURE GROUP w ALTER COLUMN i SET DATA TYPE BIGINT");
      s.execute("ALTER FEATURE GROUP w ALTER COLUMN r SET DATA TYPE DOUBLE");
      s.execute("ALTER FEATURE GROUP w ALTER COLUMN d SET DATA TYPE DECIMAL(12, 2)");
      FeatureGroup before = group(s, "w");
      // the files of the first commit, read in the current schema
      assertThat(HudiSnapshotFiles.files(conf(), before.location(), null)).isPresent();
      List<List<Object>> old = query(s, "SELECT k, i, r, d, s, ts, extra FROM w ORDER BY k");
      assertThat(old).containsExactly(
          row(1, 7L, 1.5, new BigDecimal("12.25"), "one", T, null),
          row(2, -3L, (double) 0.1f, new BigDecimal("-0.50"), "two", T.plusSeconds(1), null),
          row(3, null, null, null, null, T.plusSeconds(2), null));
      assertThat(old).isEqualTo(hudi(before, null));

      s.execute("INSERT INTO w VALUES (2, 5000000000, 2.25, 1234567890.12, 'deux', TIMESTAMP '2026-01-01 00:00:01', "
          + "9.5), (4, 4, 4.5, 4, 'four', TIMESTAMP '2026-01-01 00:00:03', NULL)");
      FeatureGroup after = group(s, "w");
      assertThat(query(s, "SELECT k, i, r, d, s, ts, extra FROM w ORDER BY k")).containsExactly(
          row(1, 7L, 1.5, new BigDecimal("12.25"), "one", T, null),
          row(2, 5000000000L, 2.25, new BigDecimal("1234567890.12"), "deux", T.plusSeconds(1), 9.5),
          row(3, null, null, null, null, T.plusSeconds(2), null),
          row(4, 4L, 4.5, new BigDecimal("4.00"), "four", T.plusSeconds(3), null))
          .isEqualTo(hudi(after, null));
      // as of the first commit: its files only, in today's schema
      assertThat(query(s, "SELECT k, i, r, d, s, ts, extra FROM w AS OF COMMIT '" + c1 + "' ORDER BY k"))
          .isEqualTo(old).isEqualTo(hudi(after, c1));
    }
  }

  @Test
  void aMergeOnReadTableIsLeftToHudi() {
    SparkSession spark = SparkRuntime.session();
    String location = tmp.resolve("mor").toUri().toString();
    Map<String, String> options = new HashMap<>();
    options.put("hoodie.table.name", "mor");
    options.put("hoodie.datasource.write.table.type", "MERGE_ON_READ");
    options.put("hoodie.datasource.write.recordkey.field", "k");
    options.put("hoodie.datasource.write.partitionpath.field", "");
    options.put("hoodie.datasource.write.keygenerator.class", "org.apache.hudi.keygen.NonpartitionedKeyGenerator");
    options.put("hoodie.metadata.enable", "false");
    options.put("hoodie.record.merge.mode", "COMMIT_TIME_ORDERING");
    // as fsql's tables: Hudi's instant clock is per process, a table in local time would move it ahead
    options.put("hoodie.table.timeline.timezone", "UTC");
    options.put("hoodie.embed.timeline.server", "false");
    options.put("hoodie.datasource.meta.sync.enable", "false");
    Dataset<Row> rows = spark.range(0, 20).select(functions.col("id").cast("int").as("k"),
        functions.lit("a").as("v"));
    rows.write().format("hudi").options(options).mode(SaveMode.Append).save(location);
    assertThat(HudiSnapshotFiles.files(conf(), location, null)).isEmpty();
    rows.where("k < 5").withColumn("v", functions.lit("b"))
        .write().format("hudi").options(options).mode(SaveMode.Append).save(location);
    assertThat(HudiSnapshotFiles.files(conf(), location, null)).isEmpty();
  }

  private static void insert(Session s, String g, int from, int to, String v) {
    StringBuilder sql = new StringBuilder("INSERT INTO " + g + " VALUES ");
    for (int k = from; k < to; k++) {
      sql.append(k == from ? "" : ", ").append("(").append(k).append(", '").append(v).append(k).append("', ")
          .append(k).append(".5, TIMESTAMP '").append(LITERAL.format(T.plusSeconds(k))).append("')");
    }
    s.execute(sql.toString());
  }

  /** The group's commit ids, oldest first. */
  private static List<String> commits(Session s, String g) {
    List<String> ids = new ArrayList<>();
    for (List<Object> c : query(s, "SHOW COMMITS FOR " + g)) {
      ids.add(0, (String) c.get(0));
    }
    return ids;
  }

  private static FeatureGroup group(Session s, String name) {
    return s.featureGroups().stream().filter(g -> g.name().equals(name))
        .max(Comparator.comparingInt(FeatureGroup::version)).orElseThrow();
  }

  private static Configuration conf() {
    return SparkRuntime.session().sparkContext().hadoopConfiguration();
  }

  /**
   * Hudi's own snapshot read of the group (as of {@code commit}, or latest), in the group's current
   * columns (a column the files lack as NULL, the others cast to their current type), ordered by
   * the first column, as the engine's Java values.
   */
  private static List<List<Object>> hudi(FeatureGroup group, String commit) {
    SparkSession spark = SparkRuntime.session();
    org.apache.spark.sql.DataFrameReader reader = spark.read().format("hudi").option("hoodie.metadata.enable", "false");
    if (commit != null) {
      reader = reader.option("as.of.instant", commit);
    }
    Dataset<Row> table = reader.load(group.location());
    List<String> stored = List.of(table.columns());
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    for (Column c : group.columns()) {
      org.apache.spark.sql.types.DataType type = SparkTypes.toSpark(c.type());
      cols.add(stored.contains(c.name()) ? functions.col(c.name()).cast(type).as(c.name())
          : functions.lit(null).cast(type).as(c.name()));
    }
    List<String> names = group.columns().stream().map(Column::name).collect(Collectors.toList());
    List<List<Object>> out = new ArrayList<>();
    for (Row r : table.select(cols.toArray(new org.apache.spark.sql.Column[0])).orderBy(names.get(0)).collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        Object v = r.get(i);
        values.add(v instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : v);
      }
      out.add(values);
    }
    return out;
  }
}
