package io.fsql.tests;

import io.fsql.sql.parser.StatementSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 22 TPC-H queries of the parser's differential corpus (the statements right below a
 * {@code -- TPC-H Q<n>: <title>} comment), in order Q1..Q22.
 */
final class TpchQueries {
  static final int COUNT = 22;
  private static final Pattern MARKER = Pattern.compile("^--\\s*TPC-H Q(\\d+):.*$");

  private TpchQueries() {}

  /** The corpus file, found from the tests module's directory or the repository root. */
  static Path corpus() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path f = d.resolve("sql-parser/src/test/resources/corpus/queries.sql");
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new IllegalStateException("no sql-parser/src/test/resources/corpus/queries.sql above " + dir);
  }

  static List<String> all() {
    Path file = corpus();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[] lines = text.split("\n", -1);
    String[] found = new String[COUNT];
    for (StatementSplitter.Piece p : StatementSplitter.split(text)) {
      int above = p.startLine() - 2;
      if (above < 0) {
        continue;
      }
      Matcher m = MARKER.matcher(lines[above].strip());
      if (m.matches()) {
        int q = Integer.parseInt(m.group(1));
        if (q < 1 || q > COUNT || found[q - 1] != null) {
          throw new IllegalStateException(file + ":" + (above + 1) + ": unexpected or repeated marker");
        }
        found[q - 1] = p.text();
      }
    }
    for (int i = 0; i < COUNT; i++) {
      if (found[i] == null) {
        throw new IllegalStateException(file + " has no statement marked '-- TPC-H Q" + (i + 1) + ":'");
      }
    }
    return List.of(found);
  }

  /** DuckDB's spelling of a query: the same, without the leading-field precision of intervals. */
  static String forDuckDb(String sql) {
    return sql.replaceAll("(?i)\\b(day|month|year)\\s*\\(\\s*\\d+\\s*\\)", "$1");
  }
}
