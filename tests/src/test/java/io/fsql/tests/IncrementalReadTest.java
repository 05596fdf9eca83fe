package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CHANGES SINCE reads the files the commits in its range wrote: over a table of several file
 * groups, a range where a key is written twice, a key written again after UNTIL, empty ranges, and
 * a range across a column widening (files of one range written with two schemas), in both layouts.
 * Every expected row is written out here.
 */
class IncrementalReadTest {
  @TempDir
  Path tmp;

  @Test
  void changesAreTheLastVersionInTheRangeOverSeveralFileGroupsAndSchemas() {
    try (FsqlEngine engine = FsqlHome.open(tmp.resolve("home")); Session s = engine.openSession()) {
      for (String layout : List.of("sorted", "cow")) {
        String g = "c_" + layout;
        s.execute("CREATE FEATURE GROUP " + g + " (k BIGINT, i INT, v VARCHAR) PRIMARY KEY (k) WITH (layout = '"
            + layout + "')");
        // c1: keys 0..199 in one load (a sorted group's bulk insert writes one file group per task)
        s.execute("INSERT INTO " + g + " VALUES " + IntStream.range(0, 200)
            .mapToObj(k -> "(" + k + ", " + k + ", 'c1')").collect(Collectors.joining(", ")));
        String c1 = lastCommit(s, g);
        // c2: keys 1..5
        s.execute("INSERT INTO " + g + " VALUES (1, 1001, 'c2'), (2, 1002, 'c2'), (3, 1003, 'c2'), (4, 1004, 'c2'),"
            + " (5, 1005, 'c2')");
        String c2 = lastCommit(s, g);
        // c3: keys 1 and 3 again
        s.execute("INSERT INTO " + g + " VALUES (1, 2001, 'c3'), (3, 2003, 'c3')");
        String c3 = lastCommit(s, g);
        // c4: i widened to BIGINT, then keys 198 and 199 (the far end of the key range) with values an INT cannot hold
        s.execute("ALTER FEATURE GROUP " + g + " ALTER COLUMN i SET DATA TYPE BIGINT");
        s.execute("INSERT INTO " + g + " VALUES (198, 5000000000, 'c4'), (199, 5000000001, 'c4')");
        String c4 = lastCommit(s, g);
        // c5: key 2 again, after the ranges that end at c4
        s.execute("INSERT INTO " + g + " VALUES (2, 3002, 'c5')");
        String c5 = lastCommit(s, g);

        if (layout.equals("sorted")) {
          // the reads below open files of more than one file group, written with two schemas
          assertThat(fileGroups(s, g)).as("file groups of %s", g).hasSizeGreaterThan(1);
        }
        String select = "SELECT k, i, v, _commit FROM " + g + " CHANGES SINCE COMMIT ";
        // (c1, c3]: 1 and 3 at their c3 version (written twice in the range), 2, 4, 5 at c2
        assertThat(query(s, select + "'" + c1 + "' UNTIL COMMIT '" + c3 + "' ORDER BY k")).as(layout).isEqualTo(List.of(
            row(1L, 2001L, "c3", c3), row(2L, 1002L, "c2", c2), row(3L, 2003L, "c3", c3),
            row(4L, 1004L, "c2", c2), row(5L, 1005L, "c2", c2)));
        // (c1, c4]: across the widening; 2 at its c2 version although c5 wrote it again
        assertThat(query(s, select + "'" + c1 + "' UNTIL COMMIT '" + c4 + "' ORDER BY k")).as(layout).isEqualTo(List.of(
            row(1L, 2001L, "c3", c3), row(2L, 1002L, "c2", c2), row(3L, 2003L, "c3", c3),
            row(4L, 1004L, "c2", c2), row(5L, 1005L, "c2", c2),
            row(198L, 5000000000L, "c4", c4), row(199L, 5000000001L, "c4", c4)));
        // (c2, c5]: 2 at c5, 1 and 3 at c3, 198 and 199 at c4; the keys c2 alone wrote are not changes
        assertThat(query(s, select + "'" + c2 + "' ORDER BY k")).as(layout).isEqualTo(List.of(
            row(1L, 2001L, "c3", c3), row(2L, 3002L, "c5", c5), row(3L, 2003L, "c3", c3),
            row(198L, 5000000000L, "c4", c4), row(199L, 5000000001L, "c4", c4)));
        // (c3, c4]: only the rows of the file group c4 wrote, none of the other file groups' files
        assertThat(query(s, select + "'" + c3 + "' UNTIL COMMIT '" + c4 + "' ORDER BY k")).as(layout).isEqualTo(List.of(
            row(198L, 5000000000L, "c4", c4), row(199L, 5000000001L, "c4", c4)));
        // (c4, c4] and (c5, now]: nothing
        assertThat(query(s, select + "'" + c4 + "' UNTIL COMMIT '" + c4 + "'")).as(layout).isEmpty();
        assertThat(query(s, select + "'" + c5 + "'")).as(layout).isEmpty();
        // aggregates and filters over a range read the same rows
        assertThat(query(s, "SELECT COUNT(*), SUM(i) FROM " + g + " CHANGES SINCE COMMIT '" + c1 + "' WHERE v <> 'c4'"))
            .as(layout).isEqualTo(List.of(row(5L, 2001L + 3002L + 2003L + 1004L + 1005L)));
        // (before c1, c1]: the whole first load
        assertThat(query(s, "SELECT COUNT(*), MIN(k), MAX(k) FROM " + g + " CHANGES SINCE TIMESTAMP '2001-01-01 00:00:00'"
            + " UNTIL COMMIT '" + c1 + "'")).as(layout).isEqualTo(List.of(row(200L, 0L, 199L)));
      }
    }
  }

  private static String lastCommit(Session s, String group) {
    return (String) query(s, "SHOW COMMITS FOR " + group).get(0).get(0);
  }

  /** The file groups of a group's table: the distinct file ids of its base files. */
  private static Set<String> fileGroups(Session s, String name) {
    FeatureGroup group = s.featureGroups().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    Path table = Paths.get(URI.create(group.location()));
    try (Stream<Path> files = Files.list(table)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet"))
          .map(n -> n.substring(0, n.indexOf('_'))).collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
