package io.fsql.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsql.sql.parser.StatementSplitter.Piece;
import io.fsql.sql.tree.QueryStatement;
import io.fsql.sql.tree.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
  @Test
  void splitsAtSemicolonsOutsideStringsIdentifiersAndComments() {
    List<Piece> pieces = StatementSplitter.split(
        "SELECT ';' AS \"a;b\" FROM t; -- trailing; comment\n"
            + "/* block; comment */ SELECT 2;\n"
            + "SELECT 'it''s; fine'");
    assertThat(pieces).containsExactly(
        new Piece("SELECT ';' AS \"a;b\" FROM t", 1, 1),
        new Piece("SELECT 2", 2, 22),
        new Piece("SELECT 'it''s; fine'", 3, 1));
  }

  @Test
  void skipsEmptyAndCommentOnlyPieces() {
    assertThat(StatementSplitter.split("")).isEmpty();
    assertThat(StatementSplitter.split(" ;; \n ; -- only a comment\n; /* and */ ;")).isEmpty();
    assertThat(StatementSplitter.split(";;SELECT 1;;")).containsExactly(new Piece("SELECT 1", 1, 3));
  }

  @Test
  void keepsInnerCommentsAndTrimsOuterOnes() {
    assertThat(StatementSplitter.split("-- lead\n  SELECT a -- inner\n  FROM t /* tail */ ;"))
        .containsExactly(new Piece("SELECT a -- inner\n  FROM t", 2, 3));
  }

  @Test
  void unterminatedTokensAreReportedWhereTheyStart() {
    assertThatThrownBy(() -> StatementSplitter.split("SELECT 1;\nSELECT 'abc; SELECT 2"))
        .isInstanceOf(ParsingException.class)
        .hasMessage("line 2:8: unterminated string literal");
    assertThatThrownBy(() -> StatementSplitter.split("SELECT \"abc;\nSELECT 2"))
        .isInstanceOf(ParsingException.class)
        .hasMessage("line 1:8: unterminated quoted identifier");
    assertThatThrownBy(() -> StatementSplitter.split("SELECT 1; /* open\n; SELECT 2;"))
        .isInstanceOf(ParsingException.class)
        .hasMessage("line 1:11: unterminated block comment");
  }

  @Test
  void columnsCountCodePoints() {
    List<Piece> pieces = StatementSplitter.split("SELECT '\uD83D\uDE00'; SELECT 1");
    assertThat(pieces.get(1)).isEqualTo(new Piece("SELECT 1", 1, 13));
  }

  @Test
  void scriptErrorsPointIntoTheScript() {
    FsqlParser parser = new FsqlParser();
    String script = "SELECT 1;\n"
        + "-- the second statement\n"
        + "SELECT a,\n"
        + "       b FORM t;\n"
        + "SELECT 3";
    assertThatThrownBy(() -> parser.parseScript(script))
        .isInstanceOf(ParsingException.class)
        .hasMessage("line 4:15: mismatched input 't'. Expecting: ',', ';', 'EXCEPT', 'FETCH',"
            + " 'FROM', 'INTERSECT', 'LIMIT', 'OFFSET', ...");
    assertThatThrownBy(() -> parser.parseScript("SELECT 1;\n  CREATE FEATURE GROUP g (a INT)"))
        .isInstanceOf(ParsingException.class)
        .hasMessage("line 2:3: PRIMARY KEY is required");
    assertThatThrownBy(() -> parser.parseScript("SELECT 1; SELECT * FROM t VERSION 0"))
        .isInstanceOf(ParsingException.class)
        .hasMessage("line 1:35: VERSION must be a positive integer");
    assertThatThrownBy(() -> parser.parseScript("SELECT 1;\n\nSELECT x FROM order"))
        .isInstanceOf(ParsingException.class)
        .hasMessage("line 3:15: 'order' is a reserved word; quote it as \"order\" to use it as a"
            + " name");
  }

  @Test
  void scriptOfStatements() {
    FsqlParser parser = new FsqlParser();
    List<Statement> statements = parser.parseScript(
        "CREATE FEATURE GROUP g (a INT) PRIMARY KEY (a);\n"
            + "INSERT INTO g VALUES (1), (2);  -- two rows\n"
            + "SELECT * FROM g AS OF TIMESTAMP '2026-01-01 00:00:00';\n");
    assertThat(statements).hasSize(3);
    assertThat(statements.get(2)).isInstanceOf(QueryStatement.class);
    assertThat(statements.get(2).location().line()).isEqualTo(3);
    assertThat(parser.parseScript("-- nothing\n")).isEmpty();
  }
}
