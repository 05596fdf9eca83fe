package io.fsql.sql.parser;

import static io.fsql.sql.parser.TreeAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsql.sql.tree.CreateFeatureGroup;
import io.fsql.sql.tree.DataType;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.junit.jupiter.api.Test;

/** Feature-store keywords stay usable as names; standard reserved words stay reserved. */
class KeywordTest {
  private final FsqlParser parser = new FsqlParser();

  @Test
  void featureStoreKeywordsAsColumnNames() {
    assertThat(unparse(parser.parseQuery(
        "SELECT version, commit, online, event, feature, split, format FROM t")))
        .isEqualTo("SELECT \"version\", \"commit\", \"online\", \"event\", \"feature\", "
            + "\"split\", \"format\"\nFROM \"t\"");
  }

  @Test
  void featureStoreKeywordsAsFeatureGroupColumns() {
    CreateFeatureGroup g = (CreateFeatureGroup) parser.parseStatement(
        "CREATE FEATURE GROUP g (version INT, event TIMESTAMP, commit BIGINT) "
            + "PRIMARY KEY (version) EVENT TIME event");
    assertThat(g.columns()).extracting(c -> c.name()).containsExactly("version", "event", "commit");
    assertThat(g.columns().get(1).type().kind()).isEqualTo(DataType.Kind.TIMESTAMP);
    assertThat(g.primaryKey()).containsExactly("version");
    assertThat(g.eventTime()).contains("event");
  }

  @Test
  void everyListedKeywordIsANameEverywhere() {
    List<String> words = List.of("version", "commit", "commits", "online", "event", "feature",
        "view", "dataset", "training", "split", "since", "until", "changes", "spine", "staleness",
        "format", "seed", "random", "properties", "groups", "views", "datasets", "comment",
        "primary", "key", "of", "plan", "explain", "show", "desc", "asc", "first", "last",
        "date", "time", "timestamp", "year", "month", "day", "hour", "minute", "second", "max",
        "if", "zone", "position", "substring", "trim", "floor", "statistics", "analyze");
    for (String w : words) {
      assertThat(FsqlParser.reservedWords()).doesNotContain(w.toUpperCase(Locale.ROOT));
      String sql = "SELECT " + w + ", t." + w + " AS " + w + " FROM " + w + " AS t WHERE " + w
          + " = 1 GROUP BY " + w + " ORDER BY " + w;
      assertThat(unparse(parser.parseQuery(sql))).as(sql).contains("\"" + w + "\"");
      CreateFeatureGroup g = (CreateFeatureGroup) parser.parseStatement(
          "CREATE FEATURE GROUP " + w + " (" + w + " INT, x INT) PRIMARY KEY (" + w + ")");
      assertThat(g.name().name()).isEqualTo(w);
      assertThat(g.columns().get(0).name()).isEqualTo(w);
    }
  }

  @Test
  void standardReservedWordsStayReserved() {
    assertThat(FsqlParser.reservedWords()).contains("SELECT", "FROM", "WHERE", "GROUP", "ORDER",
        "BY", "JOIN", "ON", "AS", "AND", "OR", "NOT", "NULL", "UNION", "WITH", "CASE", "ASOF",
        "MATCH_CONDITION", "CREATE", "DROP", "INSERT");
    assertThatThrownBy(() -> parser.parseQuery("SELECT a FROM order"))
        .isInstanceOf(ParsingException.class)
        .hasMessage("line 1:15: 'order' is a reserved word; quote it as \"order\" to use it as a"
            + " name");
    assertThat(unparse(parser.parseQuery("SELECT \"order\" FROM \"group\"")))
        .isEqualTo("SELECT \"order\"\nFROM \"group\"");
  }

  @Test
  void reservedWordsAreAlsoReservedInCalcite() {
    // So every name that Calcite's parser accepts unquoted, fsql accepts too.
    SqlAbstractParserImpl.Metadata calcite =
        SqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();
    for (String word : FsqlParser.reservedWords()) {
      assertThat(calcite.isReservedWord(word)).as(word).isTrue();
    }
  }

  @Test
  void keywordsAreCaseInsensitive() {
    assertThat(unparse(parser.parseQuery("sElEcT A fRoM T wHeRe b Is NoT nUlL")))
        .isEqualTo("SELECT \"a\"\nFROM \"t\"\nWHERE \"b\" IS NOT NULL");
  }
}
