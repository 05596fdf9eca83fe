package io.fsql.sql.parser;

import static io.fsql.sql.parser.TreeAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.sql.tree.Changes;
import io.fsql.sql.tree.SqlFeatureTableRef;
import io.fsql.sql.tree.SqlPitJoin;
import io.fsql.sql.tree.TimeTravel;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlAsofJoin;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

/** The fsql query extensions: decorated table references, PIT joins, table functions. */
class QueryExtensionsTest {
  private final FsqlParser parser = new FsqlParser();

  private SqlNode from(String sql) {
    return ((SqlSelect) parser.parseQuery(sql)).getFrom();
  }

  private SqlFeatureTableRef ref(String sql) {
    SqlNode from = from(sql);
    if (from.getKind() == SqlKind.AS) {
      from = ((SqlCall) from).operand(0);
    }
    assertThat(from).isInstanceOf(SqlFeatureTableRef.class);
    return (SqlFeatureTableRef) from;
  }

  @Test
  void plainNamesStayIdentifiers() {
    assertThat(from("SELECT * FROM transactions")).isInstanceOf(SqlIdentifier.class);
    assertThat(from("SELECT * FROM s.transactions t").getKind()).isEqualTo(SqlKind.AS);
    // a non-reserved keyword right after the name is an alias when nothing follows it
    for (String alias : List.of("version", "changes", "split", "of", "format")) {
      SqlNode f = from("SELECT * FROM t " + alias);
      assertThat(f.getKind()).as(alias).isEqualTo(SqlKind.AS);
      assertThat(((SqlIdentifier) ((SqlCall) f).operand(1)).getSimple()).isEqualTo(alias);
    }
    SqlNode asOf = from("SELECT * FROM t AS of");
    assertThat(asOf.getKind()).isEqualTo(SqlKind.AS);
  }

  @Test
  void version() {
    SqlFeatureTableRef ref = ref("SELECT * FROM fg VERSION 3");
    assertThat(ref.name().names).containsExactly("fg");
    assertThat(ref.version()).hasValue(3);
    assertThat(ref.asOf()).isEmpty();
    assertThat(ref.changes()).isEmpty();
    assertThat(ref.spine()).isEmpty();
    assertThat(ref.eventTimeFrom()).isEmpty();
    assertThat(ref.eventTimeTo()).isEmpty();
    assertThat(ref.split()).isEmpty();
  }

  @Test
  void asOfTimestampAndCommit() {
    SqlNode from = from("SELECT * FROM fg AS OF TIMESTAMP '2026-01-01 00:00:00' AS f");
    assertThat(from.getKind()).isEqualTo(SqlKind.AS);
    SqlBasicCall as = (SqlBasicCall) from;
    assertThat(((SqlIdentifier) as.operand(1)).getSimple()).isEqualTo("f");
    SqlFeatureTableRef ref = (SqlFeatureTableRef) as.operand(0);
    TimeTravel t = ref.asOf().orElseThrow();
    assertThat(t.kind()).isEqualTo(TimeTravel.Kind.TIMESTAMP);
    assertThat(((SqlCharStringLiteral) t.value()).getValueAs(String.class))
        .isEqualTo("2026-01-01 00:00:00");
    assertThat(ref.version()).isEmpty();

    TimeTravel literal = ref("SELECT * FROM fg AS OF TIMESTAMP TIMESTAMP '2026-01-01 00:00:00'")
        .asOf().orElseThrow();
    assertThat(literal.value()).isInstanceOf(SqlUnknownLiteral.class);
    assertThat(unparse(literal.value())).isEqualTo("TIMESTAMP '2026-01-01 00:00:00'");

    TimeTravel param = ref("SELECT * FROM fg AS OF TIMESTAMP ?").asOf().orElseThrow();
    assertThat(param.value()).isInstanceOf(SqlDynamicParam.class);

    SqlFeatureTableRef commit = ref("SELECT * FROM fg VERSION 2 AS OF COMMIT '2026010100' x");
    assertThat(commit.version()).hasValue(2);
    assertThat(commit.asOf().orElseThrow().kind()).isEqualTo(TimeTravel.Kind.COMMIT);
    assertThat(((SqlCharStringLiteral) commit.asOf().orElseThrow().value())
        .getValueAs(String.class)).isEqualTo("2026010100");
  }

  @Test
  void changes() {
    Changes c = ref("SELECT * FROM fg CHANGES SINCE COMMIT 'c1' UNTIL TIMESTAMP '2026-02-01'")
        .changes().orElseThrow();
    assertThat(c.since().kind()).isEqualTo(TimeTravel.Kind.COMMIT);
    assertThat(unparse(c.since().value())).isEqualTo("'c1'");
    assertThat(c.until().orElseThrow().kind()).isEqualTo(TimeTravel.Kind.TIMESTAMP);
    Changes open = ref("SELECT * FROM fg CHANGES SINCE TIMESTAMP ?").changes().orElseThrow();
    assertThat(open.until()).isEmpty();
  }

  @Test
  void spineEventTimeAndSplit() {
    SqlFeatureTableRef spine = ref(
        "SELECT * FROM fv VERSION 1 FOR SPINE (SELECT k, ts FROM labels WHERE ts > ?) AS f");
    assertThat(spine.spine().orElseThrow()).isInstanceOf(SqlSelect.class);
    assertThat(spine.version()).hasValue(1);

    SqlFeatureTableRef range = ref("SELECT * FROM fv FOR EVENT TIME FROM "
        + "TIMESTAMP '2026-01-01 00:00:00' TO TIMESTAMP '2026-02-01 00:00:00'");
    assertThat(unparse(range.eventTimeFrom().orElseThrow()))
        .isEqualTo("TIMESTAMP '2026-01-01 00:00:00'");
    assertThat(unparse(range.eventTimeTo().orElseThrow()))
        .isEqualTo("TIMESTAMP '2026-02-01 00:00:00'");

    assertThat(ref("SELECT * FROM td SPLIT Train").split()).contains("train");
    assertThat(ref("SELECT * FROM td SPLIT \"Train\" t").split()).contains("Train");
  }

  @Test
  void latestIsATableReferenceWithOnlyVersionAndAsOf() {
    SqlFeatureTableRef latest = ref("SELECT * FROM LATEST g VERSION 2 AS OF COMMIT 'c1' x");
    assertThat(latest.latest()).isTrue();
    assertThat(latest.name().getSimple()).isEqualTo("g");
    assertThat(latest.version()).hasValue(2);
    assertThat(latest.asOf()).isPresent();
    assertThat(ref("SELECT * FROM g VERSION 2").latest()).isFalse();
    // "latest" stays a usable name: a table called latest, with or without AS
    assertThat(unparse(parser.parseQuery("SELECT latest.a FROM latest AS l, latest")))
        .contains("FROM \"latest\" AS \"l\",\n    \"latest\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> parser.parseQuery("SELECT * FROM LATEST g CHANGES SINCE COMMIT 'c'"))
        .hasMessageContaining("LATEST takes only VERSION and AS OF")
        .hasMessageContaining("1:24");
  }

  @Test
  void operandsExposeEveryExpressionToVisitors() {
    SqlFeatureTableRef ref = ref("SELECT * FROM fv FOR SPINE (SELECT k FROM l WHERE a = ?)");
    assertThat(ref.getOperandList()).hasSize(14);
    assertThat(ref.getOperandList().get(0)).isSameAs(ref.name());
    assertThat(ref.getOperandList().get(8)).isSameAs(ref.spine().orElseThrow());
    List<Integer> params = new ArrayList<>();
    parser.parseQuery("SELECT * FROM fg AS OF TIMESTAMP ? JOIN fv FOR EVENT TIME FROM ? TO ? "
        + "ON true").accept(new SqlShuttle() {
          @Override
          public SqlNode visit(SqlDynamicParam param) {
            params.add(param.getIndex());
            return param;
          }
        });
    assertThat(params).containsExactlyInAnyOrder(0, 1, 2);
    // the operator rebuilds the node (as Calcite's shuttles and clone() do)
    SqlNode copy = ref.clone(ref.getParserPosition());
    assertThat(copy).isInstanceOf(SqlFeatureTableRef.class);
    assertThat(copy.equalsDeep(ref, Litmus.IGNORE)).isTrue();
    assertThat(unparse(copy)).isEqualTo(unparse(ref));
  }

  @Test
  void asofJoinWithoutOptionsIsCalcitesNode() {
    SqlNode join = from("SELECT * FROM labels s ASOF JOIN transactions t "
        + "MATCH_CONDITION s.ts >= t.ts ON s.k = t.k");
    assertThat(join.getClass()).isEqualTo(SqlAsofJoin.class);
    assertThat(((SqlJoin) join).getJoinType()).isEqualTo(JoinType.ASOF);
    SqlNode left = from("SELECT * FROM labels s LEFT ASOF JOIN transactions t "
        + "MATCH_CONDITION s.ts >= t.ts ON s.k = t.k");
    assertThat(((SqlJoin) left).getJoinType()).isEqualTo(JoinType.LEFT_ASOF);
  }

  @Test
  void pitJoinWithMaxStaleness() {
    SqlNode join = from("SELECT * FROM labels s LEFT ASOF JOIN transactions t "
        + "MATCH_CONDITION (s.ts >= t.ts) MAX STALENESS INTERVAL '7' DAY ON s.k = t.k");
    assertThat(join).isInstanceOf(SqlPitJoin.class);
    SqlPitJoin pit = (SqlPitJoin) join;
    assertThat(pit).isInstanceOf(SqlAsofJoin.class);
    assertThat(pit.getKind()).isEqualTo(SqlKind.JOIN);
    assertThat(pit.getJoinType()).isEqualTo(JoinType.LEFT_ASOF);
    SqlIntervalLiteral staleness = pit.maxStaleness();
    assertThat(unparse(staleness)).isEqualTo("INTERVAL '7' DAY");
    assertThat(unparse(pit.getMatchCondition())).isEqualTo("\"s\".\"ts\" >= \"t\".\"ts\"");
    assertThat(unparse(pit.getCondition())).isEqualTo("\"s\".\"k\" = \"t\".\"k\"");
    assertThat(pit.getOperandList()).hasSize(8);
    assertThat(unparse(pit)).contains("MAX STALENESS INTERVAL '7' DAY");
  }

  @Test
  void tableFunctions() {
    SqlNode implicit = from("SELECT * FROM read_csv('data.csv', header => true) AS t");
    assertThat(implicit.getKind()).isEqualTo(SqlKind.AS);
    SqlCall collection = ((SqlCall) implicit).operand(0);
    assertThat(collection.getOperator()).isSameAs(SqlStdOperatorTable.COLLECTION_TABLE);
    SqlCall call = collection.operand(0);
    assertThat(call.getOperator()).isInstanceOf(SqlUnresolvedFunction.class);
    assertThat(((SqlUnresolvedFunction) call.getOperator()).getFunctionType())
        .isEqualTo(SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    assertThat(call.getOperator().getName()).isEqualTo("read_csv");
    assertThat(call.operand(1).getKind()).isEqualTo(SqlKind.ARGUMENT_ASSIGNMENT);

    SqlNode explicit = from("SELECT * FROM TABLE(read_parquet('p'))");
    assertThat(((SqlCall) explicit).getOperator()).isSameAs(SqlStdOperatorTable.COLLECTION_TABLE);
    assertThat(unparse(explicit)).isEqualTo("TABLE(\"read_parquet\"('p'))");
    assertThat(unparse(from("SELECT * FROM read_parquet('p')")))
        .isEqualTo(unparse(explicit));
  }
}
