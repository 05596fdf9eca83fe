package io.fsql.tests.crash;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of the layers under fsql reach users as one-line fsql errors, with the full trace in the
 * home's log file: a damaged home (a table's data files overwritten) and a Spark job failure (a
 * value that does not cast).
 */
class FailuresAreOneLineTest {
  @TempDir
  Path tmp;

  @Test
  void storageFailuresAreOneLineErrorsWithTheTraceInTheLog() throws Exception {
    Path home = tmp.resolve("home");
    String damaged;
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      s.execute("CREATE FEATURE GROUP g (k INT, v VARCHAR) PRIMARY KEY (k)");
      s.execute("INSERT INTO g VALUES (1, 'one'), (2, 'x2')");
      s.execute("CREATE FEATURE GROUP h (k INT, v VARCHAR) PRIMARY KEY (k)");
      s.execute("INSERT INTO h VALUES (1, 'one')");

      // a Spark job that fails on a value (ANSI cast)
      FsqlException e = oneLine(s, "SELECT CAST(v AS INT) FROM g");
      assertThat(e.code()).isEqualTo(ErrorCode.DATA_ERROR);
      assertThat(e.getMessage()).contains("cannot be cast to \"INT\"");

      // a damaged home: the table's data files are overwritten with garbage
      Path table = location(s, "DESCRIBE g");
      try (Stream<Path> files = Files.list(table)) {
        for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
          Files.writeString(f, "not parquet at all");
        }
      }
      e = oneLine(s, "SELECT k, v FROM g");
      damaged = e.getMessage();
      assertThat(e.code()).isIn(ErrorCode.IO_ERROR, ErrorCode.DATA_ERROR, ErrorCode.INTERNAL);

      // the other groups and the session still work
      s.execute("CREATE FEATURE GROUP ok (k INT) PRIMARY KEY (k)");
      s.execute("INSERT INTO ok VALUES (7)");
      assertThat(query(s, "SELECT k FROM ok")).isEqualTo(List.of(row(7)));
    }
    String log = Files.readString(home.resolve("fsql.log"));
    // the full traces are in the home's log
    assertThat(log).contains("QUERY STATEMENT failed: " + damaged).contains("\tat org.apache.spark.");
  }

  /** Runs a statement that must fail with a one-line error and returns the error. */
  private static FsqlException oneLine(Session s, String sql) {
    Throwable t = catchThrowableOfType(Throwable.class, () -> query(s, sql));
    assertThat(t).as(sql).isInstanceOf(FsqlException.class);
    FsqlException e = (FsqlException) t;
    assertThat(e.getMessage()).as(sql).doesNotContain("\n").doesNotContain("\tat ").hasSizeLessThan(800);
    return e;
  }

  private static Path location(Session s, String describe) {
    String loc = query(s, describe).stream().filter(r -> "location".equals(r.get(0))).findFirst().orElseThrow()
        .get(1).toString();
    return (loc.startsWith("file:") ? Paths.get(URI.create(loc)) : Paths.get(loc)).toAbsolutePath().normalize();
  }
}
