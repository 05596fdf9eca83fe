package io.fsql.sql.parser;

import static io.fsql.sql.parser.TreeAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test: for every query of {@code corpus/queries.sql}, fsql's tree must be the
 * tree that Calcite 1.42's own parser builds (same unparsed SQL, and {@code equalsDeep}).
 */
class CalciteDifferentialTest {
  private static final FsqlParser PARSER = new FsqlParser();

  static List<StatementSplitter.Piece> corpus() {
    try (InputStream in = CalciteDifferentialTest.class.getResourceAsStream("/corpus/queries.sql")) {
      return StatementSplitter.split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Stream<Arguments> queries() {
    return corpus().stream().map(p -> Arguments.of(p.startLine(), p.text()));
  }

  static SqlNode calcite(String sql) throws SqlParseException {
    return SqlParser.create(sql, SqlParser.config()
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true))
        .parseQuery();
  }

  @Test
  void corpusIsLargeAndHasTheTpchQueries() {
    List<StatementSplitter.Piece> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
    String text = String.join("\n", corpus.stream().map(StatementSplitter.Piece::text).toList());
    // spot checks of TPC-H shapes: Q13 (column aliases), Q15 (WITH), Q22 (SUBSTRING)
    assertThat(text).contains("as c_orders (c_custkey, c_count)", "with revenue0",
        "substring(c_phone from 1 for 2)");
  }

  @ParameterizedTest(name = "line {0}: {1}")
  @MethodSource("queries")
  void sameTreeAsCalcite(int line, String sql) throws SqlParseException {
    SqlNode expected = calcite(sql);
    SqlNode actual = PARSER.parseQuery(sql);
    String expectedSql = unparse(expected);
    String actualSql = unparse(actual);
    if (!expectedSql.equals(actualSql)) {
      fail("query at line " + line + " unparses differently\n  calcite: " + expectedSql
          + "\n  fsql:    " + actualSql);
    }
    if (!expected.equalsDeep(actual, Litmus.IGNORE)) {
      fail("query at line " + line + " unparses the same but the trees differ\n  calcite: "
          + expectedSql + "\n  fsql:    " + actualSql);
    }
  }

  @ParameterizedTest(name = "line {0}: {1}")
  @MethodSource("queries")
  void unparsedQueryParsesToTheSameTree(int line, String sql) {
    SqlNode first = PARSER.parseQuery(sql);
    String text = unparse(first);
    SqlNode second = PARSER.parseQuery(text);
    assertThat(unparse(second)).as("query at line %d, re-parsed from:%n%s", line, text)
        .isEqualTo(text);
    if (!sql.contains("?")) {
      // (with parameters, unparsing may reorder them: LIMIT ? OFFSET ? prints OFFSET first)
      assertThat(first.equalsDeep(second, Litmus.IGNORE)).as("deep equality, line %d", line)
          .isTrue();
    }
  }
}
