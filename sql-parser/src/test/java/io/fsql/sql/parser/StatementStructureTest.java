package io.fsql.sql.parser;

import static io.fsql.sql.parser.TreeAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.sql.tree.AddColumn;
import io.fsql.sql.tree.AlterColumn;
import io.fsql.sql.tree.AlterFeatureGroup;
import io.fsql.sql.tree.AlterTags;
import io.fsql.sql.tree.DropColumn;
import io.fsql.sql.tree.ShowDependents;
import io.fsql.sql.tree.ShowFeatures;
import io.fsql.sql.tree.ShowLineage;
import io.fsql.sql.tree.ShowStatistics;
import io.fsql.sql.tree.AnalyzeFeatureGroup;
import io.fsql.sql.tree.Tag;
import io.fsql.sql.tree.ColumnDefinition;
import io.fsql.sql.tree.CreateFeatureGroup;
import io.fsql.sql.tree.CreateFeatureView;
import io.fsql.sql.tree.CreateTrainingDataset;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.Describe;
import io.fsql.sql.tree.DropFeatureGroup;
import io.fsql.sql.tree.DropFeatureView;
import io.fsql.sql.tree.DropTrainingDataset;
import io.fsql.sql.tree.Expectation;
import io.fsql.sql.tree.Explain;
import io.fsql.sql.tree.Fraction;
import io.fsql.sql.tree.Insert;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectKind;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.Property;
import io.fsql.sql.tree.QueryStatement;
import io.fsql.sql.tree.RandomSplit;
import io.fsql.sql.tree.ShowCommits;
import io.fsql.sql.tree.ShowFeatureGroups;
import io.fsql.sql.tree.ShowFeatureViews;
import io.fsql.sql.tree.ShowTrainingDatasets;
import io.fsql.sql.tree.SqlFeatureTableRef;
import io.fsql.sql.tree.Statement;
import io.fsql.sql.tree.TimeSplit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

/** Exact fields of parsed statements. */
class StatementStructureTest {
  private final FsqlParser parser = new FsqlParser();

  private <T extends Statement> T parse(String sql, Class<T> type) {
    Statement statement = parser.parseStatement(sql);
    assertThat(statement).isInstanceOf(type);
    return type.cast(statement);
  }

  private static NodeLocation at(int line, int column) {
    return new NodeLocation(line, column);
  }

  @Test
  void createFeatureGroup() {
    CreateFeatureGroup g = parse("""
        CREATE FEATURE GROUP IF NOT EXISTS Transactions VERSION 1 (
          CC_Num BIGINT NOT NULL COMMENT 'card',
          "Amount" DOUBLE,
          category VARCHAR(20),
          ts TIMESTAMP,
          CONSTRAINT positive_amount CHECK ( "Amount" > 0 ),
          CHECK (category <> '')
        ) ONLINE PRIMARY KEY (cc_num) COMMENT 'card transactions' EVENT TIME ts
          WITH (retention = INTERVAL '30' DAY, "Owner" = 'risk', hudi.table_type = 'MOR',
                replicas = 3, ratio = -0.5, enabled = false)
        """, CreateFeatureGroup.class);
    assertThat(g.location()).isEqualTo(at(1, 1));
    assertThat(g.name()).isEqualTo(new ObjectName("transactions", OptionalInt.of(1), at(1, 36)));
    assertThat(g.ifNotExists()).isTrue();
    assertThat(g.columns()).containsExactly(
        new ColumnDefinition("cc_num", new DataType(DataType.Kind.BIGINT, -1, -1, at(2, 10)),
            true, Optional.of("card"), at(2, 3)),
        new ColumnDefinition("Amount", new DataType(DataType.Kind.DOUBLE, -1, -1, at(3, 12)),
            false, Optional.empty(), at(3, 3)),
        new ColumnDefinition("category", new DataType(DataType.Kind.VARCHAR, 20, -1, at(4, 12)),
            false, Optional.empty(), at(4, 3)),
        new ColumnDefinition("ts", new DataType(DataType.Kind.TIMESTAMP, -1, -1, at(5, 6)),
            false, Optional.empty(), at(5, 3)));
    assertThat(g.expectations()).hasSize(2);
    Expectation first = g.expectations().get(0);
    assertThat(first.name()).isEqualTo("positive_amount");
    assertThat(first.rule().text()).isEqualTo("CHECK (\"Amount\" > 0)");
    assertThat(unparse(first.rule().condition())).isEqualTo("\"Amount\" > 0");
    assertThat(first.policy()).isEqualTo(io.fsql.sql.tree.ViolationPolicy.REJECT);
    assertThat(first.location()).isEqualTo(at(6, 3));
    Expectation second = g.expectations().get(1);
    assertThat(second.name()).isEqualTo("check_1");
    assertThat(second.rule().text()).isEqualTo("CHECK (category <> '')");
    assertThat(second.location()).isEqualTo(at(7, 3));
    assertThat(g.primaryKey()).containsExactly("cc_num");
    assertThat(g.eventTime()).contains("ts");
    assertThat(g.online()).isTrue();
    assertThat(g.comment()).contains("card transactions");
    assertThat(g.properties()).extracting(Property::key)
        .containsExactly("retention", "Owner", "hudi.table_type", "replicas", "ratio", "enabled");
    List<Property> p = g.properties();
    assertThat(p.get(0).value()).isInstanceOf(SqlIntervalLiteral.class);
    assertThat(unparse(p.get(0).value())).isEqualTo("INTERVAL '30' DAY");
    assertThat(((SqlCharStringLiteral) p.get(1).value()).getValueAs(String.class))
        .isEqualTo("risk");
    assertThat(((SqlNumericLiteral) p.get(3).value()).intValue(true)).isEqualTo(3);
    assertThat(((SqlNumericLiteral) p.get(4).value()).bigDecimalValue())
        .isEqualByComparingTo(new BigDecimal("-0.5"));
    assertThat(((SqlLiteral) p.get(5).value()).booleanValue()).isFalse();
    assertThat(p.get(0).location()).isEqualTo(at(9, 9));
  }

  @Test
  void featureGroupMinimalAndLists() {
    CreateFeatureGroup g = parse("create feature group g (a int, b bigint) primary key (a, b)",
        CreateFeatureGroup.class);
    assertThat(g.name()).isEqualTo(new ObjectName("g", OptionalInt.empty(), at(1, 22)));
    assertThat(g.ifNotExists()).isFalse();
    assertThat(g.primaryKey()).containsExactly("a", "b");
    assertThat(g.eventTime()).isEmpty();
    assertThat(g.online()).isFalse();
    assertThat(g.comment()).isEmpty();
    assertThat(g.properties()).isEmpty();
    assertThat(g.expectations()).isEmpty();
    // immutable copies
    assertThat(g.columns()).isUnmodifiable();
    assertThat(g.primaryKey()).isUnmodifiable();
  }

  @Test
  void typeSpellings() {
    CreateFeatureGroup g = parse("""
        CREATE FEATURE GROUP g (
          a BOOLEAN, b INT, c INTEGER, d BIGINT, e REAL, f FLOAT, g DOUBLE, h DOUBLE PRECISION,
          i DECIMAL, j DECIMAL(12), k NUMERIC(12, 4), l VARCHAR, m VARCHAR(100), n STRING,
          o CHARACTER VARYING(7), p DATE, q TIMESTAMP, r TIMESTAMP(6),
          s TIMESTAMP WITHOUT TIME ZONE, t decimal(38, 38), u Numeric(1, 0)
        ) PRIMARY KEY (a)
        """, CreateFeatureGroup.class);
    List<String> types = g.columns().stream()
        .map(c -> c.type().kind() + "(" + c.type().precision() + "," + c.type().scale() + ")")
        .toList();
    assertThat(types).containsExactly(
        "BOOLEAN(-1,-1)", "INTEGER(-1,-1)", "INTEGER(-1,-1)", "BIGINT(-1,-1)", "REAL(-1,-1)",
        "REAL(-1,-1)", "DOUBLE(-1,-1)", "DOUBLE(-1,-1)", "DECIMAL(10,0)", "DECIMAL(12,0)",
        "DECIMAL(12,4)", "VARCHAR(-1,-1)", "VARCHAR(100,-1)", "VARCHAR(-1,-1)", "VARCHAR(7,-1)",
        "DATE(-1,-1)", "TIMESTAMP(-1,-1)", "TIMESTAMP(-1,-1)", "TIMESTAMP(-1,-1)",
        "DECIMAL(38,38)", "DECIMAL(1,0)");
  }

  @Test
  void alterDropShowDescribe() {
    AlterFeatureGroup alter = parse("ALTER FEATURE GROUP g VERSION 2 SET (a = 'x', b = 2)",
        AlterFeatureGroup.class);
    assertThat(alter.name()).isEqualTo(new ObjectName("g", OptionalInt.of(2), at(1, 21)));
    assertThat(alter.set()).extracting(Property::key).containsExactly("a", "b");
    assertThat(alter.comment()).isEmpty();
    AlterFeatureGroup comment = parse("ALTER FEATURE GROUP g SET COMMENT 'new'",
        AlterFeatureGroup.class);
    assertThat(comment.set()).isEmpty();
    assertThat(comment.comment()).contains("new");

    assertThat(parse("DROP FEATURE GROUP IF EXISTS g VERSION 3", DropFeatureGroup.class))
        .isEqualTo(new DropFeatureGroup(at(1, 1),
            new ObjectName("g", OptionalInt.of(3), at(1, 30)), true));
    assertThat(parse("drop feature view v", DropFeatureView.class))
        .isEqualTo(new DropFeatureView(at(1, 1),
            new ObjectName("v", OptionalInt.empty(), at(1, 19)), false));
    assertThat(parse("DROP TRAINING DATASET IF EXISTS d", DropTrainingDataset.class).ifExists())
        .isTrue();
    assertThat(parse("SHOW FEATURE GROUPS LIKE 'tr%'", ShowFeatureGroups.class).likePattern())
        .contains("tr%");
    assertThat(parse("SHOW FEATURE GROUPS", ShowFeatureGroups.class).likePattern()).isEmpty();
    assertThat(parse("SHOW FEATURE VIEWS LIKE 'x'", ShowFeatureViews.class).likePattern())
        .contains("x");
    assertThat(parse("SHOW TRAINING DATASETS", ShowTrainingDatasets.class).likePattern())
        .isEmpty();

    assertThat(parse("DESCRIBE transactions", Describe.class)).isEqualTo(new Describe(at(1, 1),
        ObjectKind.ANY, new ObjectName("transactions", OptionalInt.empty(), at(1, 10))));
    assertThat(parse("DESC FEATURE GROUP g VERSION 1", Describe.class).kind())
        .isEqualTo(ObjectKind.FEATURE_GROUP);
    assertThat(parse("describe feature view v", Describe.class).kind())
        .isEqualTo(ObjectKind.FEATURE_VIEW);
    assertThat(parse("DESCRIBE TRAINING DATASET d", Describe.class).kind())
        .isEqualTo(ObjectKind.TRAINING_DATASET);
    // a group named "feature"
    assertThat(parse("DESCRIBE feature", Describe.class).name().name()).isEqualTo("feature");

    ShowCommits commits = parse("SHOW COMMITS FOR g VERSION 1 LIMIT 5", ShowCommits.class);
    assertThat(commits.name().version()).hasValue(1);
    assertThat(commits.limit()).isEqualTo(OptionalLong.of(5));
    assertThat(parse("SHOW COMMITS FOR g", ShowCommits.class).limit()).isEmpty();
  }

  @Test
  void insert() {
    Insert insert = parse("INSERT INTO t VERSION 2 (A, \"B\") VALUES (1, 'x'), (2, 'y')",
        Insert.class);
    assertThat(insert.target()).isEqualTo(new ObjectName("t", OptionalInt.of(2), at(1, 13)));
    assertThat(insert.columns()).containsExactly("a", "B");
    assertThat(insert.query().getKind()).isEqualTo(SqlKind.VALUES);
    assertThat(((SqlBasicCall) insert.query()).getOperandList()).hasSize(2);

    Insert select = parse("INSERT INTO t SELECT * FROM u", Insert.class);
    assertThat(select.columns()).isEmpty();
    assertThat(select.query()).isInstanceOf(SqlSelect.class);
  }

  @Test
  void featureView() {
    String sql = "CREATE FEATURE VIEW fv VERSION 1 COMMENT 'fraud' AS\n"
        + "SELECT s.cc_num, t.amount\n"
        + "  FROM labels s ASOF JOIN transactions t MATCH_CONDITION (s.ts >= t.ts)"
        + " ON s.cc_num = t.cc_num  -- trailing comment\n";
    CreateFeatureView view = parse(sql, CreateFeatureView.class);
    assertThat(view.name()).isEqualTo(new ObjectName("fv", OptionalInt.of(1), at(1, 21)));
    assertThat(view.comment()).contains("fraud");
    assertThat(view.ifNotExists()).isFalse();
    assertThat(view.queryText()).isEqualTo("SELECT s.cc_num, t.amount\n"
        + "  FROM labels s ASOF JOIN transactions t MATCH_CONDITION (s.ts >= t.ts)"
        + " ON s.cc_num = t.cc_num");
    assertThat(view.query()).isInstanceOf(SqlSelect.class);
  }

  @Test
  void trainingDatasetFromTableReference() {
    CreateTrainingDataset td = parse("""
        CREATE TRAINING DATASET IF NOT EXISTS td VERSION 2 COMMENT 'x'
        FROM fraud_view FOR SPINE (SELECT cc_num, ts FROM labels)
        FORMAT parquet
        SPLIT RANDOM (train 0.7, validation 0.1, test 0.2) SEED 42
        """, CreateTrainingDataset.class);
    assertThat(td.name()).isEqualTo(new ObjectName("td", OptionalInt.of(2), at(1, 39)));
    assertThat(td.ifNotExists()).isTrue();
    assertThat(td.comment()).contains("x");
    assertThat(td.queryText())
        .isEqualTo("fraud_view FOR SPINE (SELECT cc_num, ts FROM labels)");
    SqlSelect select = (SqlSelect) td.query();
    assertThat(unparse(select.getSelectList())).isEqualTo("*");
    SqlFeatureTableRef ref = (SqlFeatureTableRef) select.getFrom();
    assertThat(ref.name().getSimple()).isEqualTo("fraud_view");
    assertThat(ref.spine()).isPresent();
    assertThat(td.format()).contains("PARQUET");
    RandomSplit split = (RandomSplit) td.split().orElseThrow();
    assertThat(split.parts()).containsExactly(new Fraction("train", 0.7),
        new Fraction("validation", 0.1), new Fraction("test", 0.2));
    assertThat(split.seed()).isEqualTo(OptionalLong.of(42));
    assertThat(split.location()).isEqualTo(at(4, 1));
  }

  @Test
  void trainingDatasetAsQueryWithTimeSplit() {
    CreateTrainingDataset td = parse("CREATE TRAINING DATASET td AS SELECT * FROM v "
        + "SPLIT BY TIME ON Event_Ts (train FROM TIMESTAMP '2026-01-01 00:00:00' "
        + "TO TIMESTAMP '2026-06-01 00:00:00', test FROM TIMESTAMP '2026-06-01 00:00:00' "
        + "TO TIMESTAMP '2026-07-01 00:00:00')", CreateTrainingDataset.class);
    assertThat(td.queryText()).isEqualTo("SELECT * FROM v");
    assertThat(td.format()).isEmpty();
    TimeSplit split = (TimeSplit) td.split().orElseThrow();
    assertThat(split.column()).isEqualTo("event_ts");
    assertThat(split.parts()).hasSize(2);
    assertThat(split.parts().get(0).name()).isEqualTo("train");
    assertThat(unparse(split.parts().get(0).from())).isEqualTo("TIMESTAMP '2026-01-01 00:00:00'");
    assertThat(unparse(split.parts().get(1).to())).isEqualTo("TIMESTAMP '2026-07-01 00:00:00'");
  }

  @Test
  void explain() {
    Explain explain = parse("EXPLAIN PLAN FOR SELECT 1", Explain.class);
    assertThat(explain.statement()).isInstanceOf(QueryStatement.class);
    assertThat(explain.statement().location()).isEqualTo(at(1, 18));
    assertThat(parse("explain insert into t values (1)", Explain.class).statement())
        .isInstanceOf(Insert.class);
  }

  @Test
  void queryStatement() {
    QueryStatement q = parse("  SELECT 1;", QueryStatement.class);
    assertThat(q.location()).isEqualTo(at(1, 3));
    assertThat(q.query()).isInstanceOf(SqlSelect.class);
    QueryStatement values = parse("VALUES (1)", QueryStatement.class);
    assertThat(values.query().getKind()).isEqualTo(SqlKind.VALUES);
    QueryStatement with = parse("WITH x AS (SELECT 1) SELECT * FROM x ORDER BY 1",
        QueryStatement.class);
    assertThat(with.query().getKind()).isEqualTo(SqlKind.ORDER_BY);
  }

  @Test
  void identifiersAreFoldedUnlessQuoted() {
    QueryStatement q = parse("SELECT Amount, \"Amount\", \"a\"\"b\" FROM Schema1.\"Table\"",
        QueryStatement.class);
    assertThat(unparse(q.query())).isEqualTo(
        "SELECT \"amount\", \"Amount\", \"a\"\"b\"\nFROM \"schema1\".\"Table\"");
  }

  @Test
  void parametersAreNumberedInOrderOfAppearance() {
    SqlNode query = parser.parseQuery(
        "SELECT ? FROM t AS OF TIMESTAMP ? WHERE a = ? AND b IN (?, ?) LIMIT ?");
    List<Integer> indexes = new java.util.ArrayList<>();
    query.accept(new org.apache.calcite.sql.util.SqlShuttle() {
      @Override
      public SqlNode visit(org.apache.calcite.sql.SqlDynamicParam param) {
        indexes.add(param.getIndex());
        return param;
      }
    });
    assertThat(indexes).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    SqlSelect select = (SqlSelect) ((org.apache.calcite.sql.SqlOrderBy) query).query;
    SqlFeatureTableRef ref = (SqlFeatureTableRef) select.getFrom();
    assertThat(((org.apache.calcite.sql.SqlDynamicParam) ref.asOf().orElseThrow().value())
        .getIndex()).isEqualTo(1);
  }

  @Test
  void clauseKeywordsAfterAQueryAreClausesNotAliases() {
    CreateTrainingDataset format = parse(
        "CREATE TRAINING DATASET d AS SELECT a FROM t FORMAT CSV", CreateTrainingDataset.class);
    assertThat(format.format()).contains("CSV");
    assertThat(format.queryText()).isEqualTo("SELECT a FROM t");
    CreateTrainingDataset split = parse(
        "CREATE TRAINING DATASET d AS SELECT a FROM t SPLIT RANDOM (x 1)",
        CreateTrainingDataset.class);
    assertThat(split.split()).containsInstanceOf(RandomSplit.class);
    assertThat(((SqlSelect) split.query()).getFrom().getKind()).isEqualTo(SqlKind.IDENTIFIER);
    // ... but a lone keyword is an alias
    CreateTrainingDataset alias = parse("CREATE TRAINING DATASET d AS SELECT a FROM t format",
        CreateTrainingDataset.class);
    assertThat(alias.format()).isEmpty();
    assertThat(((SqlSelect) alias.query()).getFrom().getKind()).isEqualTo(SqlKind.AS);
    // a dataset made from one split of another
    CreateTrainingDataset fromSplit = parse(
        "CREATE TRAINING DATASET d FROM v SPLIT train FORMAT CSV", CreateTrainingDataset.class);
    assertThat(fromSplit.split()).isEmpty();
    assertThat(((SqlFeatureTableRef) ((SqlSelect) fromSplit.query()).getFrom()).split())
        .contains("train");
  }

  @Test
  void evolutionTagsSearchAndLineage() {
    assertThat(parse("ALTER FEATURE GROUP g ADD COLUMN Score DOUBLE COMMENT 'x' TAGS (PII, team = 'Fraud')",
        AddColumn.class)).isEqualTo(new AddColumn(at(1, 1), new ObjectName("g", OptionalInt.empty(), at(1, 21)),
            new ColumnDefinition("score", new DataType(DataType.Kind.DOUBLE, -1, -1, at(1, 40)), false,
                Optional.of("x"), List.of(new Tag("pii", Optional.empty(), at(1, 65)),
                    new Tag("team", Optional.of("Fraud"), at(1, 70))), at(1, 34))));
    assertThat(parse("ALTER FEATURE GROUP g VERSION 2 ALTER COLUMN c SET DATA TYPE DECIMAL(12, 2)",
        AlterColumn.class)).isEqualTo(new AlterColumn(at(1, 1), new ObjectName("g", OptionalInt.of(2), at(1, 21)),
            "c", at(1, 46), Optional.of(new DataType(DataType.Kind.DECIMAL, 12, 2, at(1, 62))), Optional.empty()));
    assertThat(parse("ALTER FEATURE GROUP g DROP COLUMN c", DropColumn.class).columnLocation()).isEqualTo(at(1, 35));
    AlterTags tags = parse("ALTER TRAINING DATASET d UNSET TAGS (a, b)", AlterTags.class);
    assertThat(tags.kind()).isEqualTo(ObjectKind.TRAINING_DATASET);
    assertThat(tags.unset()).isTrue();
    assertThat(tags.column()).isEmpty();
    assertThat(tags.tags()).extracting(Tag::name).containsExactly("a", "b");
    assertThat(parse("ALTER FEATURE GROUP g ALTER COLUMN c SET TAGS (a)", AlterTags.class).column()).contains("c");
    ShowFeatures show = parse("SHOW FEATURES LIKE '%x%' WHERE TAG team = 'fraud'", ShowFeatures.class);
    assertThat(show.likePattern()).contains("%x%");
    assertThat(show.tag()).contains(new Tag("team", Optional.of("fraud"), at(1, 36)));
    assertThat(parse("SHOW LINEAGE FOR FEATURE VIEW v", ShowLineage.class).kind()).isEqualTo(ObjectKind.FEATURE_VIEW);
    assertThat(parse("SHOW LINEAGE FOR td", ShowLineage.class).kind()).isEqualTo(ObjectKind.ANY);
    assertThat(parse("SHOW DEPENDENTS OF g VERSION 1", ShowDependents.class).name().version()).hasValue(1);
    ShowStatistics stats = parse("SHOW STATISTICS FOR TRAINING DATASET td VERSION 2 SPLIT train",
        ShowStatistics.class);
    assertThat(stats.kind()).isEqualTo(ObjectKind.TRAINING_DATASET);
    assertThat(stats.name().version()).hasValue(2);
    assertThat(stats.split()).contains("train");
    assertThat(stats.commit()).isEmpty();
    ShowStatistics asOf = parse("SHOW STATISTICS FOR g AS OF COMMIT '2026'", ShowStatistics.class);
    assertThat(asOf.kind()).isEqualTo(ObjectKind.ANY);
    assertThat(asOf.commit()).contains("2026");
    assertThat(parse("ANALYZE FEATURE GROUP g", AnalyzeFeatureGroup.class).name().name()).isEqualTo("g");
    assertThat(parse("DROP FEATURE GROUP g CASCADE", DropFeatureGroup.class).cascade()).isTrue();
    assertThat(parse("DROP FEATURE GROUP g", DropFeatureGroup.class).cascade()).isFalse();
    assertThat(parse("CREATE FEATURE GROUP t (k INT TAGS (id)) PRIMARY KEY (k) WITH TAGS (a = 'b')",
        CreateFeatureGroup.class).tags()).containsExactly(new Tag("a", Optional.of("b"), at(1, 69)));
  }
}
