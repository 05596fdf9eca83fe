package io.fsql.bench;

import io.fsql.sql.parser.StatementSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * The 22 TPC-H queries, read from the parser's differential corpus
 * ({@value #CORPUS}, relative to the repository root; the only copy), and Calcite's parser
 * configured as fsql folds names.
 *
 * <p>The corpus is split into statements with fsql's own {@link StatementSplitter} (semicolons
 * outside strings and comments; each piece without its semicolon, leading comments and
 * whitespace). A TPC-H statement is one whose line just above is the corpus's marker comment
 * {@code -- TPC-H Q<n>: <title>}; all 22 must be there, each once.
 */
final class Tpch {
  static final int COUNT = 22;
  static final String CORPUS = "sql-parser/src/test/resources/corpus/queries.sql";
  private static final Pattern MARKER = Pattern.compile("^--\\s*TPC-H Q(\\d+):.*$");

  private Tpch() {}

  static Path corpus() {
    return Options.repoRoot().resolve(CORPUS);
  }

  static List<String> queries() {
    Path file = corpus();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TPC-H queries from the parser's corpus " + file, e);
    }
    return queries(text, file.toString());
  }

  /** The 22 TPC-H statements of a corpus text, in order Q1..Q22. */
  static List<String> queries(String corpus, String where) {
    String[] lines = corpus.split("\n", -1);
    String[] found = new String[COUNT];
    for (StatementSplitter.Piece p : StatementSplitter.split(corpus)) {
      int above = p.startLine() - 2; // 0-based index of the line above the statement
      if (above < 0) {
        continue;
      }
      Matcher m = MARKER.matcher(lines[above].strip());
      if (!m.matches()) {
        continue;
      }
      int q = Integer.parseInt(m.group(1));
      if (q < 1 || q > COUNT || found[q - 1] != null) {
        throw new IllegalStateException(where + ":" + (above + 1) + ": unexpected or repeated marker "
            + lines[above].strip());
      }
      found[q - 1] = p.text();
    }
    for (int i = 0; i < COUNT; i++) {
      if (found[i] == null) {
        throw new IllegalStateException(where + " has no statement marked '-- TPC-H Q" + (i + 1) + ":'");
      }
    }
    return List.of(found);
  }

  static final SqlParser.Config CALCITE = SqlParser.config()
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true);

  /** Calcite's own parser, as the brief and the parser's differential test configure it. */
  static SqlNode calcite(String sql) throws SqlParseException {
    return SqlParser.create(sql, CALCITE).parseQuery();
  }
}
