package io.fsql.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.sql.tree.QueryStatement;
import io.fsql.sql.tree.SqlFeatureTableRef;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.api.Test;

/** Calcite nodes carry SqlParserPos(line, column, endLine, endColumn), 1-based, end inclusive. */
class PositionTest {
  private final FsqlParser parser = new FsqlParser();

  private static SqlParserPos pos(int line, int column, int endLine, int endColumn) {
    return new SqlParserPos(line, column, endLine, endColumn);
  }

  @Test
  void positionsOfNodes() {
    SqlSelect select = (SqlSelect) parser.parseQuery(
        "SELECT a + 1 AS b,\n       \"Q\".c\nFROM t AS OF TIMESTAMP '2026-01-01'\nWHERE x = 'y'");
    assertThat(select.getParserPosition()).isEqualTo(pos(1, 1, 4, 13));
    SqlBasicCall as = (SqlBasicCall) select.getSelectList().get(0);
    assertThat(as.getParserPosition()).isEqualTo(pos(1, 8, 1, 17));
    SqlCall plus = as.operand(0);
    assertThat(plus.getParserPosition()).isEqualTo(pos(1, 8, 1, 12));
    assertThat(plus.operand(0).getParserPosition()).isEqualTo(pos(1, 8, 1, 8));
    assertThat(plus.operand(1).getParserPosition()).isEqualTo(pos(1, 12, 1, 12));
    SqlIdentifier qc = (SqlIdentifier) select.getSelectList().get(1);
    assertThat(qc.getParserPosition()).isEqualTo(pos(2, 8, 2, 12));
    assertThat(qc.getComponentParserPosition(0)).isEqualTo(pos(2, 8, 2, 10));
    assertThat(qc.isComponentQuoted(0)).isTrue();
    assertThat(qc.isComponentQuoted(1)).isFalse();
    SqlFeatureTableRef ref = (SqlFeatureTableRef) select.getFrom();
    assertThat(ref.getParserPosition()).isEqualTo(pos(3, 6, 3, 35));
    assertThat(ref.name().getParserPosition()).isEqualTo(pos(3, 6, 3, 6));
    assertThat(ref.asOf().orElseThrow().value().getParserPosition()).isEqualTo(pos(3, 24, 3, 35));
    SqlCall where = (SqlCall) select.getWhere();
    assertThat(where.getParserPosition()).isEqualTo(pos(4, 7, 4, 13));
    assertThat(where.operand(1).getParserPosition()).isEqualTo(pos(4, 11, 4, 13));
  }

  @Test
  void multiLineTokens() {
    SqlSelect select = (SqlSelect) parser.parseQuery("SELECT 'a\nbc' FROM t");
    assertThat(select.getSelectList().get(0).getParserPosition()).isEqualTo(pos(1, 8, 2, 3));
  }

  @Test
  void positionsInAScriptAreRelativeToTheScript() {
    List<io.fsql.sql.tree.Statement> statements = parser.parseScript(
        "SELECT 1;\n\n  SELECT a,\n    b FROM t; SELECT c FROM u");
    assertThat(statements).hasSize(3);
    QueryStatement second = (QueryStatement) statements.get(1);
    assertThat(second.location()).isEqualTo(new io.fsql.sql.tree.NodeLocation(3, 3));
    SqlSelect select = (SqlSelect) second.query();
    assertThat(select.getParserPosition()).isEqualTo(pos(3, 3, 4, 12));
    assertThat(select.getSelectList().get(0).getParserPosition()).isEqualTo(pos(3, 10, 3, 10));
    assertThat(select.getSelectList().get(1).getParserPosition()).isEqualTo(pos(4, 5, 4, 5));
    QueryStatement third = (QueryStatement) statements.get(2);
    assertThat(third.location()).isEqualTo(new io.fsql.sql.tree.NodeLocation(4, 15));
    SqlNode from = ((SqlSelect) third.query()).getFrom();
    assertThat(from.getParserPosition()).isEqualTo(pos(4, 29, 4, 29));
  }
}
