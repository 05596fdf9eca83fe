package io.fsql.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.SetViewLogging;
import io.fsql.sql.tree.ShowDrift;
import io.fsql.sql.tree.SqlFeatureTableRef;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SHOW DRIFT and ALTER FEATURE VIEW ... SET | UNSET LOGGING: trees, and errors with positions. */
class DriftSyntaxTest {
  private static final FsqlParser PARSER = new FsqlParser();

  private static NodeLocation at(int line, int column) {
    return new NodeLocation(line, column);
  }

  @Test
  void datasetSplitAgainstGroupChanges() {
    ShowDrift s = (ShowDrift) PARSER.parseStatement(
        "SHOW DRIFT FOR fraud_td VERSION 2 SPLIT train AGAINST transactions "
            + "CHANGES SINCE COMMIT '20260101000000000' WITH (threshold_psi = 0.25, bins = 20)");
    assertThat(s.location()).isEqualTo(at(1, 1));
    assertThat(s.reference().name()).isEqualTo(new ObjectName("fraud_td", OptionalInt.of(2), at(1, 16)));
    assertThat(s.reference().text()).isEqualTo("fraud_td VERSION 2 SPLIT train");
    SqlFeatureTableRef ref = (SqlFeatureTableRef) s.reference().relation();
    assertThat(ref.split()).contains("train");
    ShowDrift.DriftSide.Relation current = (ShowDrift.DriftSide.Relation) s.current();
    assertThat(current.name()).isEqualTo(new ObjectName("transactions", OptionalInt.empty(), at(1, 55)));
    assertThat(((SqlFeatureTableRef) current.relation()).changes()).isPresent();
    assertThat(s.options()).extracting(p -> p.key()).containsExactly("threshold_psi", "bins");
    assertThat(s.options().get(1).location()).isEqualTo(at(1, 137));
  }

  @Test
  void createFeatureViewWithLogging() {
    io.fsql.sql.tree.CreateFeatureView v = (io.fsql.sql.tree.CreateFeatureView) PARSER.parseStatement(
        "CREATE FEATURE VIEW fv COMMENT 'x' WITH LOGGING (batch_rows = 10, queue_rows = 100) AS SELECT 1 AS a");
    assertThat(v.logging()).isPresent();
    assertThat(v.logging().get()).extracting(p -> p.key()).containsExactly("batch_rows", "queue_rows");
    assertThat(v.logging().get().get(1).location()).isEqualTo(at(1, 67));
    assertThat(v.comment()).contains("x");
    assertThat(v.queryText()).isEqualTo("SELECT 1 AS a");
    io.fsql.sql.tree.CreateFeatureView again = (io.fsql.sql.tree.CreateFeatureView) PARSER.parseStatement(
        io.fsql.sql.tree.StatementFormatter.format(v));
    assertThat(again.logging().get()).extracting(p -> p.key() + " = " + p.value())
        .containsExactly("batch_rows = 10", "queue_rows = 100");
    io.fsql.sql.tree.CreateFeatureView defaults = (io.fsql.sql.tree.CreateFeatureView) PARSER.parseStatement(
        "create feature view fv with logging as select 1 as a");
    assertThat(defaults.logging()).contains(java.util.List.of());
    io.fsql.sql.tree.CreateFeatureView plain = (io.fsql.sql.tree.CreateFeatureView) PARSER.parseStatement(
        "CREATE FEATURE VIEW fv AS SELECT 1 AS a");
    assertThat(plain.logging()).isEmpty();
  }

  @Test
  void plainNamesAndCommitRanges() {
    ShowDrift s = (ShowDrift) PARSER.parseStatement("show drift for td against g");
    assertThat(s.reference().relation()).isInstanceOf(SqlIdentifier.class);
    assertThat(((ShowDrift.DriftSide.Relation) s.current()).relation()).isInstanceOf(SqlIdentifier.class);
    assertThat(s.options()).isEmpty();
    ShowDrift range = (ShowDrift) PARSER.parseStatement(
        "SHOW DRIFT FOR g CHANGES SINCE COMMIT 'a' UNTIL COMMIT 'b' AGAINST g CHANGES SINCE COMMIT 'b'");
    SqlFeatureTableRef ref = (SqlFeatureTableRef) range.reference().relation();
    assertThat(ref.changes().get().until()).isPresent();
    ShowDrift asOf = (ShowDrift) PARSER.parseStatement(
        "SHOW DRIFT FOR td AGAINST g AS OF TIMESTAMP '2026-01-01 00:00:00'");
    assertThat(((SqlFeatureTableRef) ((ShowDrift.DriftSide.Relation) asOf.current()).relation()).asOf())
        .isPresent();
  }

  @Test
  void servedLog() {
    ShowDrift s = (ShowDrift) PARSER.parseStatement(
        "SHOW DRIFT FOR td AGAINST SERVED fraud_view VERSION 1 SINCE TIMESTAMP '2026-01-01 00:00:00'");
    assertThat(s.current()).isEqualTo(new ShowDrift.DriftSide.Served(
        new ObjectName("fraud_view", OptionalInt.of(1), at(1, 34)),
        Optional.of("2026-01-01 00:00:00"), at(1, 71)));
    ShowDrift all = (ShowDrift) PARSER.parseStatement("SHOW DRIFT FOR td AGAINST SERVED v");
    assertThat(((ShowDrift.DriftSide.Served) all.current()).since()).isEmpty();
  }

  @Test
  void logging() {
    SetViewLogging on = (SetViewLogging) PARSER.parseStatement(
        "ALTER FEATURE VIEW v SET LOGGING (batch_rows = 1000, batch_seconds = 5)");
    assertThat(on.view()).isEqualTo(new ObjectName("v", OptionalInt.empty(), at(1, 20)));
    assertThat(on.enabled()).isTrue();
    assertThat(on.options()).extracting(p -> p.key()).containsExactly("batch_rows", "batch_seconds");
    SetViewLogging defaults = (SetViewLogging) PARSER.parseStatement("ALTER FEATURE VIEW v SET LOGGING");
    assertThat(defaults.options()).isEmpty();
    SetViewLogging off = (SetViewLogging) PARSER.parseStatement("ALTER FEATURE VIEW v VERSION 2 UNSET LOGGING");
    assertThat(off.enabled()).isFalse();
    assertThat(off.view().version()).hasValue(2);
  }

  @Test
  void keywordsStayNames() {
    assertThat(PARSER.parseQuery("SELECT drift, served, against, logging FROM logging")).isNotNull();
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("SHOW DRIFT td AGAINST g", "line 1:12: mismatched input 'td'. Expecting: 'FOR'"),
        arguments("SHOW DRIFT FOR td g", "line 1:19: mismatched input 'g'. Expecting: '.', 'AGAINST', 'AS', "
            + "'CHANGES', 'FOR', 'SPLIT', 'VERSION'"),
        arguments("SHOW DRIFT FOR td AGAINST", "line 1:26: mismatched input '<EOF>'. Expecting: 'SERVED', <identifier>"),
        arguments("SHOW DRIFT FOR s.td AGAINST g",
            "line 1:18: SHOW DRIFT compares a training dataset or feature group named by one identifier"),
        arguments("SHOW DRIFT FOR td AGAINST g WITH (bins = 10, bins = 20)",
            "line 1:46: property 'bins' is specified more than once"),
        arguments("SHOW DRIFT FOR td AGAINST g WITH bins = 10",
            "line 1:34: mismatched input 'bins'. Expecting: '('"),
        arguments("SHOW DRIFT FOR td AGAINST SERVED v SINCE 5",
            "line 1:42: mismatched input '5'. Expecting: 'TIMESTAMP', <string>"),
        arguments("ALTER FEATURE VIEW v SET LOGGING batch_rows = 5",
            "line 1:34: mismatched input 'batch_rows'. Expecting: '(', ';', <EOF>"),
        arguments("ALTER FEATURE VIEW v UNSET LOGGING (batch_rows = 5)",
            "line 1:36: mismatched input '('. Expecting: ';', <EOF>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("errors")
  void rejected(String sql, String message) {
    assertThatThrownBy(() -> PARSER.parseStatement(sql))
        .isInstanceOf(ParsingException.class)
        .hasMessage(message);
  }
}
