package io.fsql.tests;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.storage.FsqlHome;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a fresh JVM by {@link NoSparkTest}: opens a home, runs each argument after the first as a
 * statement, and prints one line per statement ({@code ok <statement>: <first row>}) and after
 * each whether Spark has started in this process ({@code spark-started=<true|false>}).
 */
public final class SparkFreeProbe {
  private SparkFreeProbe() {}

  public static void main(String[] args) {
    try (FsqlEngine engine = FsqlHome.open(Path.of(args[0])); Session s = engine.openSession()) {
      for (String sql : List.of(args).subList(1, args.length)) {
        StatementResult r = s.execute(sql);
        String first = "";
        if (r.hasRows()) {
          try (QueryResult rows = r.rows()) {
            first = rows.hasNext() ? Arrays.toString(rows.next()) : "(no rows)";
            while (rows.hasNext()) {
              rows.next();
            }
          }
        }
        System.out.println("ok " + sql + ": " + first);
        System.out.println("spark-started=" + engine.offlineEngineStarted());
      }
    }
    System.exit(0);
  }
}
