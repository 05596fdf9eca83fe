package io.fsql.sql.parser;

import static io.fsql.sql.parser.TreeAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsql.sql.tree.AddExpectation;
import io.fsql.sql.tree.CreateFeatureGroup;
import io.fsql.sql.tree.DropExpectation;
import io.fsql.sql.tree.Expectation;
import io.fsql.sql.tree.ExpectationRule;
import io.fsql.sql.tree.ExpectationRule.Bound;
import io.fsql.sql.tree.ExpectationRule.Kind;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ShowExpectations;
import io.fsql.sql.tree.ShowValidations;
import io.fsql.sql.tree.ViolationPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expectation syntax: every rule kind, policies, ALTER ADD/DROP, SHOW, and bad input with positions. */
class ExpectationSyntaxTest {
  private static final FsqlParser PARSER = new FsqlParser();

  private static ExpectationRule rule(String text) {
    return PARSER.parseExpectationRule(text);
  }

  @Test
  void rowRulesBecomeTheirSqlConditions() {
    assertThat(unparse(rule("CHECK (amount >= 0 OR cat = 'x')").condition()))
        .isEqualTo("\"amount\" >= 0 OR \"cat\" = 'x'");
    ExpectationRule notNull = rule("amount NOT NULL");
    assertThat(notNull.kind()).isEqualTo(Kind.NOT_NULL);
    assertThat(notNull.column()).contains("amount");
    assertThat(unparse(notNull.condition())).isEqualTo("\"amount\" IS NOT NULL");
    assertThat(unparse(rule("cat IN ('a', 'b')").condition())).isEqualTo("\"cat\" IN ('a', 'b')");
    assertThat(unparse(rule("amount BETWEEN -1 AND 2.5").condition()))
        .isEqualTo("\"amount\" BETWEEN ASYMMETRIC -1 AND 2.5");
    assertThat(unparse(rule("\"E mail\" LIKE '%@%'").condition())).isEqualTo("\"E mail\" LIKE '%@%'");
    ExpectationRule matches = rule("email MATCHES '^[a-z]+$'");
    assertThat(matches.kind()).isEqualTo(Kind.MATCHES);
    assertThat(matches.pattern()).isEqualTo("^[a-z]+$");
    assertThat(matches.condition()).isNull();
    assertThat(matches.rowRule()).isTrue();
  }

  @Test
  void commitRulesHaveTheirBounds() {
    assertThat(rule("ROW COUNT BETWEEN 1 AND 10").bound()).isEqualTo(new Bound(1.0, true, 10.0, true));
    assertThat(rule("ROW COUNT > 5").bound()).isEqualTo(new Bound(5.0, false, null, false));
    ExpectationRule nulls = rule("NULL FRACTION (cat) <= 0.25");
    assertThat(nulls.kind()).isEqualTo(Kind.NULL_FRACTION);
    assertThat(nulls.column()).contains("cat");
    assertThat(nulls.bound()).isEqualTo(new Bound(null, false, 0.25, true));
    assertThat(rule("DISTINCT COUNT (cat) >= 2").bound()).isEqualTo(new Bound(2.0, true, null, false));
    assertThat(rule("MEAN (x) = -3").bound()).isEqualTo(new Bound(-3.0, true, -3.0, true));
    assertThat(rule("MIN (x) < 1E3").bound()).isEqualTo(new Bound(null, false, 1000.0, false));
    assertThat(rule("MAX (x) BETWEEN 0 AND 1").kind()).isEqualTo(Kind.MAX);
    assertThat(rule("STDDEV (x) BETWEEN 0 AND 1").kind()).isEqualTo(Kind.STDDEV);
    ExpectationRule unique = rule("UNIQUE (email)");
    assertThat(unique.kind()).isEqualTo(Kind.UNIQUE);
    assertThat(unique.rowRule()).isFalse();
    assertThat(unique.bound()).isNull();
    Bound b = new Bound(0.0, true, 1.0, false);
    assertThat(b.contains(0)).isTrue();
    assertThat(b.contains(1)).isFalse();
    assertThat(b.contains(-0.1)).isFalse();
  }

  @Test
  void createFeatureGroupWithExpectationsAndPolicies() {
    CreateFeatureGroup g = (CreateFeatureGroup) PARSER.parseStatement("""
        CREATE FEATURE GROUP g (id BIGINT, amount DOUBLE,
          EXPECTATION positive CHECK (amount >= 0) ON VIOLATION DROP,
          CHECK (amount < 100) ON VIOLATION WARN,
          EXPECTATION check_1 ROW COUNT >= 1,
          CHECK (id > 0)
        ) PRIMARY KEY (id)""");
    List<Expectation> e = g.expectations();
    assertThat(e).extracting(Expectation::name)
        .containsExactly("positive", "check_2", "check_1", "check_3");
    assertThat(e).extracting(Expectation::policy).containsExactly(ViolationPolicy.DROP,
        ViolationPolicy.WARN, ViolationPolicy.REJECT, ViolationPolicy.REJECT);
    assertThat(e.get(0).rule().text()).isEqualTo("CHECK (amount >= 0)");
    assertThat(e.get(0).location()).isEqualTo(new NodeLocation(2, 3));
    assertThat(e.get(2).rule().text()).isEqualTo("ROW COUNT >= 1");
  }

  @Test
  void alterAndShowStatements() {
    AddExpectation add = (AddExpectation) PARSER.parseStatement(
        "ALTER FEATURE GROUP g VERSION 2 ADD EXPECTATION u UNIQUE (email) ON VIOLATION WARN");
    assertThat(add.name().version()).hasValue(2);
    assertThat(add.expectation().name()).isEqualTo("u");
    assertThat(add.expectation().policy()).isEqualTo(ViolationPolicy.WARN);
    DropExpectation drop = (DropExpectation) PARSER.parseStatement(
        "ALTER FEATURE GROUP g DROP EXPECTATION \"U\"");
    assertThat(drop.expectation()).isEqualTo("U");
    assertThat(drop.expectationLocation()).isEqualTo(new NodeLocation(1, 40));
    assertThat(((ShowExpectations) PARSER.parseStatement("SHOW EXPECTATIONS FOR g")).name().name())
        .isEqualTo("g");
    assertThat(((ShowValidations) PARSER.parseStatement("SHOW VALIDATIONS FOR g LIMIT 3")).limit())
        .hasValue(3);
  }

  @Test
  void newKeywordsStayNames() {
    assertThat(unparse(PARSER.parseQuery(
        "SELECT count(*), min(x), max(x), mean, unique, warn, reject, fraction FROM t")))
        .isEqualTo("SELECT COUNT(*), MIN(\"x\"), MAX(\"x\"), \"mean\", \"unique\", \"warn\", "
            + "\"reject\", \"fraction\"\nFROM \"t\"");
    CreateFeatureGroup g = (CreateFeatureGroup) PARSER.parseStatement(
        "CREATE FEATURE GROUP g (mean DOUBLE, count BIGINT, EXPECTATION e mean BETWEEN 0 AND 1) "
            + "PRIMARY KEY (count)");
    assertThat(g.expectations().get(0).rule().column()).contains("mean");
  }

  private static void fails(String sql, String message) {
    assertThatThrownBy(() -> PARSER.parseStatement(sql))
        .isInstanceOf(ParsingException.class)
        .hasMessage(message);
  }

  @Test
  void badInputHasPositions() {
    fails("ALTER FEATURE GROUP g ADD EXPECTATION r ROW COUNT > 1 ON VIOLATION DROP",
        "line 1:68: ON VIOLATION DROP applies to row rules only: ROW COUNT is a rule over all "
            + "the inserted rows (use REJECT or WARN)");
    fails("ALTER FEATURE GROUP g ADD EXPECTATION u UNIQUE (c)\n ON VIOLATION DROP",
        "line 2:15: ON VIOLATION DROP applies to row rules only: UNIQUE is a rule over all the "
            + "inserted rows (use REJECT or WARN)");
    fails("ALTER FEATURE GROUP g ADD EXPECTATION r ROW COUNT BETWEEN 10 AND 1",
        "line 1:59: the lower bound 10 is greater than the upper bound 1");
    fails("ALTER FEATURE GROUP g ADD EXPECTATION r MEAN (x) <> 1",
        "line 1:50: a bound is BETWEEN a AND b, =, <, <=, > or >= a number, not <>");
    fails("ALTER FEATURE GROUP g ADD EXPECTATION r email MATCHES '[a-'",
        "line 1:55: invalid regular expression: Illegal character range near index 3");
    fails("CREATE FEATURE GROUP g (a INT, EXPECTATION e a NOT NULL, EXPECTATION e a > 1) PRIMARY KEY (a)",
        "line 1:74: mismatched input '>'. Expecting: 'BETWEEN', 'IN', 'LIKE', 'MATCHES', 'NOT'");
    fails("CREATE FEATURE GROUP g (a INT, EXPECTATION e a NOT NULL, EXPECTATION e ROW COUNT > 1) "
            + "PRIMARY KEY (a)",
        "line 1:70: expectation 'e' is defined more than once");
    fails("ALTER FEATURE GROUP g ADD EXPECTATION r ROW COUNT > 1 ON VIOLATION IGNORE",
        "line 1:68: mismatched input 'IGNORE'. Expecting: 'DROP', 'REJECT', 'WARN'");
  }
}
