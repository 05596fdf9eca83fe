package io.fsql.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.offline.RecordKeyOrder;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sorted group's first load is sorted by record key in Spark SQL ({@link RecordKeyOrder}) and
 * written by Hudi in that order: the key Spark computes equals the {@code _hoodie_record_key} Hudi
 * wrote for every row (one-column and several-column keys; BIGINT, VARCHAR with an empty string
 * in a several-column key, DATE and TIMESTAMP with microseconds), each base file holds its rows in ascending key order, and
 * the files' key ranges do not overlap.
 */
class RecordKeyOrderTest {
  @TempDir
  Path tmp;

  @Test
  void aSortedFirstLoadIsWrittenInHudisRecordKeyOrder() throws Exception {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home")); Session s = engine.openSession()) {
      s.execute("CREATE FEATURE GROUP many (id BIGINT, name VARCHAR, d DATE, v INT, ts TIMESTAMP) "
          + "PRIMARY KEY (id, name, d) EVENT TIME ts");
      s.execute("CREATE FEATURE GROUP one (k VARCHAR, v INT) PRIMARY KEY (k)");
      StringBuilder many = new StringBuilder("INSERT INTO many VALUES ");
      StringBuilder one = new StringBuilder("INSERT INTO one VALUES ");
      for (int i = 0; i < 240; i++) {
        String name = i % 7 == 0 ? "" : "n" + (i * 37 % 101);
        many.append(i == 0 ? "" : ", ").append("(").append(i * 7919L % 1000).append(", '").append(name)
            .append("', DATE '2026-0").append(1 + i % 9).append("-1").append(i % 10).append("', ").append(i)
            .append(", TIMESTAMP '2026-01-01 00:00:").append(String.format("%02d", i % 60)).append(".")
            .append(String.format("%06d", i * 12347 % 1000000)).append("')");
        one.append(i == 0 ? "" : ", ").append("('k").append(i * 53 % 240).append("', ")
            .append(i).append(")");
      }
      s.execute(many.toString());
      s.execute(one.toString());
      for (String g : List.of("many", "one")) {
        FeatureGroup group = s.featureGroups().stream().filter(x -> x.name().equals(g)).findFirst().orElseThrow();
        checkFiles(group, 240);
      }
    }
  }

  private static void checkFiles(FeatureGroup group, int rows) throws Exception {
    Path table = Path.of(java.net.URI.create(group.location()));
    List<String> files;
    try (Stream<Path> list = Files.list(table)) {
      files = list.map(Path::toString).filter(f -> f.endsWith(".parquet")).sorted().toList();
    }
    assertThat(files).as("base files of %s", group.name()).hasSizeGreaterThan(1);
    Map<String, List<String>> keysByFile = new LinkedHashMap<>();
    long checked = 0;
    for (String f : files) {
      // one file read in one task keeps the file's row order
      Dataset<Row> df = SparkRuntime.session().read().parquet(f).coalesce(1);
      List<Row> read = df.select(functions.col("_hoodie_record_key"), RecordKeyOrder.recordKey(df, group))
          .collectAsList();
      List<String> keys = new ArrayList<>();
      for (Row r : read) {
        assertThat(r.getString(1)).as("key computed for %s in %s", r.getString(0), f).isEqualTo(r.getString(0));
        keys.add(r.getString(0));
      }
      assertThat(keys).as("keys of %s in file order", f).isSortedAccordingTo(Comparator.naturalOrder());
      keysByFile.put(f, keys);
      checked += keys.size();
    }
    assertThat(checked).isEqualTo(rows);
    List<List<String>> ranges = keysByFile.values().stream()
        .map(k -> List.of(k.get(0), k.get(k.size() - 1)))
        .sorted(Comparator.comparing(r -> r.get(0))).collect(Collectors.toList());
    for (int i = 1; i < ranges.size(); i++) {
      assertThat(ranges.get(i).get(0)).as("file key ranges %s overlap", ranges)
          .isGreaterThan(ranges.get(i - 1).get(1));
    }
  }
}
