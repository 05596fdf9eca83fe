package io.fsql.sql.parser;

import static io.fsql.sql.parser.TreeAssertions.assertSameTree;
import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.sql.tree.Statement;
import io.fsql.sql.tree.StatementFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * parse → format → parse gives an equal statement, for every statement form and query extension:
 * format(parse(format(parse(s)))) equals format(parse(s)), and the two parsed records are equal
 * field by field (locations ignored, SqlNodes compared deeply).
 */
class RoundTripTest {
  private static final FsqlParser PARSER = new FsqlParser();

  static Stream<String> statements() {
    return Stream.of(
        // CREATE FEATURE GROUP: every element and clause, clauses in another order
        "CREATE FEATURE GROUP transactions (cc_num BIGINT NOT NULL, amount DOUBLE) "
            + "PRIMARY KEY (cc_num)",
        "CREATE FEATURE GROUP IF NOT EXISTS transactions VERSION 1 (\n"
            + "  cc_num BIGINT NOT NULL, amount DOUBLE COMMENT 'in USD', category VARCHAR(20),\n"
            + "  ts TIMESTAMP, price DECIMAL(10, 2), ok BOOLEAN, n INT, r REAL, f FLOAT,\n"
            + "  d DATE, s STRING, v VARCHAR, dp DOUBLE PRECISION, cv CHARACTER VARYING(5),\n"
            + "  num NUMERIC(7), \"Event\" TIMESTAMP(3), version INT,\n"
            + "  CONSTRAINT positive CHECK (amount > 0),\n"
            + "  CHECK (category IN ('a', 'b') OR category IS NULL)\n"
            + ") PRIMARY KEY (cc_num, category) EVENT TIME ts ONLINE COMMENT 'card transactions'\n"
            + "WITH (retention = INTERVAL '30' DAY, 'hudi.table.type' = 'MOR', replicas = 3,\n"
            + "  ratio = -0.5, enabled = TRUE, hudi.precombine = 'ts')",
        "CREATE FEATURE GROUP g (a INT, ts TIMESTAMP) WITH (x = 1) COMMENT 'c' ONLINE "
            + "EVENT TIME ts PRIMARY KEY (a)",
        "CREATE FEATURE GROUP g (version INT, event TIMESTAMP, commit BIGINT) "
            + "PRIMARY KEY (version) EVENT TIME event",
        "CREATE FEATURE GROUP \"Quoted Name\" (\"Col\"\"1\" INT) PRIMARY KEY (\"Col\"\"1\")",
        // expectations: every rule kind and policy
        "CREATE FEATURE GROUP g (id BIGINT, amount DOUBLE, cat VARCHAR, email VARCHAR,\n"
            + "  EXPECTATION positive CHECK (amount >= 0) ON VIOLATION DROP,\n"
            + "  EXPECTATION cat_set cat IN ('a', 'b'), EXPECTATION amount_not_null amount NOT NULL ON VIOLATION WARN,\n"
            + "  EXPECTATION amount_range amount BETWEEN -1.5 AND 100, EXPECTATION email_like email LIKE '%@%',\n"
            + "  EXPECTATION email_re email MATCHES '^[a-z]+@x\\.com$', EXPECTATION row_count ROW COUNT BETWEEN 1 AND 1000000,\n"
            + "  EXPECTATION nulls NULL FRACTION (cat) <= 0.1 ON VIOLATION WARN, EXPECTATION d DISTINCT COUNT (cat) >= 2,\n"
            + "  EXPECTATION m MEAN (amount) BETWEEN 0 AND 50, EXPECTATION lo MIN (amount) > -1, EXPECTATION hi MAX (amount) < 1E6,\n"
            + "  EXPECTATION sd STDDEV (amount) = 0, EXPECTATION u UNIQUE (email),\n"
            + "  CHECK (cat <> '') ON VIOLATION WARN) PRIMARY KEY (id)",
        "ALTER FEATURE GROUP g VERSION 2 ADD EXPECTATION positive CHECK (amount >= 0 AND cat IS NOT NULL) ON VIOLATION WARN",
        "ALTER FEATURE GROUP g ADD EXPECTATION n_rows ROW COUNT > 10",
        "ALTER FEATURE GROUP g DROP EXPECTATION positive",
        "SHOW EXPECTATIONS FOR g VERSION 2",
        "SHOW VALIDATIONS FOR g LIMIT 5",
        "SHOW VALIDATIONS FOR g",
        // ALTER / DROP / SHOW / DESCRIBE
        "ALTER FEATURE GROUP transactions VERSION 1 SET (retention = INTERVAL '7' DAY, a = 'b')",
        "ALTER FEATURE GROUP transactions SET COMMENT 'it''s new'",
        // schema evolution, tags, search, lineage
        "ALTER FEATURE GROUP transactions ADD COLUMN merchant VARCHAR(40) COMMENT 'who' TAGS (pii, team = 'fraud')",
        "ALTER FEATURE GROUP transactions VERSION 2 ADD COLUMN score DOUBLE",
        "ALTER FEATURE GROUP transactions DROP COLUMN amount",
        "ALTER FEATURE GROUP transactions ALTER COLUMN amount SET DATA TYPE DECIMAL(20, 2)",
        "ALTER FEATURE GROUP transactions ALTER COLUMN amount SET COMMENT 'in EUR'",
        "ALTER FEATURE GROUP transactions ALTER COLUMN amount SET TAGS (pii, \"Owner\" = 'a')",
        "ALTER FEATURE GROUP transactions ALTER COLUMN amount UNSET TAGS (pii)",
        "ALTER FEATURE GROUP transactions SET TAGS (team = 'fraud')",
        "ALTER FEATURE VIEW fraud VERSION 2 UNSET TAGS (team, pii)",
        "ALTER TRAINING DATASET fraud_td SET TAGS (gold)",
        "CREATE FEATURE GROUP t (k INT TAGS (id), v DOUBLE COMMENT 'x' TAGS (pii, a = 'b')) PRIMARY KEY (k) WITH TAGS (team = 'fraud', tier = '1')",
        "SHOW FEATURES",
        "SHOW FEATURES LIKE '%amount%'",
        "SHOW FEATURES WHERE TAG pii",
        "SHOW FEATURES LIKE 'a%' WHERE TAG team = 'fraud'",
        "SHOW LINEAGE FOR fraud_td",
        "SHOW LINEAGE FOR TRAINING DATASET fraud_td VERSION 1",
        "SHOW LINEAGE FOR FEATURE VIEW fraud",
        "SHOW DEPENDENTS OF transactions VERSION 1",
        "SHOW STATISTICS FOR transactions",
        "SHOW STATISTICS FOR FEATURE GROUP transactions VERSION 2 AS OF COMMIT '20260101120000123'",
        "SHOW STATISTICS FOR TRAINING DATASET fraud_td SPLIT train",
        "ANALYZE FEATURE GROUP transactions VERSION 1",
        "DROP FEATURE GROUP transactions CASCADE",
        "DROP FEATURE GROUP IF EXISTS transactions VERSION 2 CASCADE",
        "CREATE FEATURE GROUP t (type INT, data INT, tags INT, add INT, cascade INT) PRIMARY KEY (type)",
        "DROP FEATURE GROUP transactions",
        "DROP FEATURE GROUP IF EXISTS transactions VERSION 2",
        "SHOW FEATURE GROUPS",
        "SHOW FEATURE GROUPS LIKE 'trans%'",
        "DESCRIBE transactions",
        "DESC transactions VERSION 2",
        "DESCRIBE FEATURE GROUP transactions VERSION 1",
        "DESCRIBE FEATURE VIEW fraud_view",
        "DESCRIBE TRAINING DATASET fraud_td VERSION 3",
        "SHOW COMMITS FOR transactions",
        "SHOW COMMITS FOR transactions VERSION 1 LIMIT 10",
        // INSERT
        "INSERT INTO transactions VALUES (1, 2.5, 'a', TIMESTAMP '2026-01-01 00:00:00'), "
            + "(2, -1, NULL, TIMESTAMP '2026-01-02 00:00:00')",
        "INSERT INTO transactions VERSION 1 (cc_num, amount) SELECT cc_num, amount FROM other",
        "INSERT INTO t (a, b) VALUES (1, DEFAULT)",
        "INSERT INTO t SELECT * FROM read_csv('new.csv', header => true)",
        "INSERT INTO t WITH x AS (SELECT 1 AS a) SELECT a FROM x",
        // feature views
        "CREATE FEATURE VIEW fraud_view AS SELECT s.cc_num, s.label, t.amount FROM labels s "
            + "ASOF JOIN transactions t MATCH_CONDITION (s.ts >= t.ts) ON s.cc_num = t.cc_num",
        "CREATE FEATURE VIEW IF NOT EXISTS fraud_view VERSION 2 COMMENT 'fraud' AS\n"
            + "  SELECT s.cc_num, t.amount FROM labels s LEFT ASOF JOIN transactions t\n"
            + "  MATCH_CONDITION (s.ts >= t.ts) MAX STALENESS INTERVAL '1' DAY ON s.k = t.k",
        "CREATE FEATURE VIEW fraud_view WITH LOGGING AS SELECT 1 AS a",
        "CREATE FEATURE VIEW fraud_view COMMENT 'x' WITH LOGGING (batch_rows = 10, queue_rows = 100) AS SELECT 1 AS a",
        "DROP FEATURE VIEW fraud_view",
        "DROP FEATURE VIEW IF EXISTS fraud_view VERSION 1",
        "SHOW FEATURE VIEWS",
        "SHOW FEATURE VIEWS LIKE 'f%'",
        // training datasets
        "CREATE TRAINING DATASET td AS SELECT * FROM fraud_view",
        "CREATE TRAINING DATASET td FROM fraud_view",
        "CREATE TRAINING DATASET IF NOT EXISTS fraud_td VERSION 2 COMMENT 'td'\n"
            + "FROM fraud_view FOR SPINE (SELECT cc_num, ts, label FROM labels)\n"
            + "SPLIT RANDOM (train 0.8, test 0.2) SEED 42 FORMAT PARQUET",
        "CREATE TRAINING DATASET td FROM fraud_view VERSION 2 FOR EVENT TIME FROM "
            + "TIMESTAMP '2026-01-01 00:00:00' TO TIMESTAMP '2026-02-01 00:00:00' FORMAT CSV",
        "CREATE TRAINING DATASET td2 AS SELECT * FROM fraud_view FORMAT csv "
            + "SPLIT BY TIME ON ts (train FROM TIMESTAMP '2026-01-01 00:00:00' "
            + "TO TIMESTAMP '2026-01-20 00:00:00', test FROM TIMESTAMP '2026-01-20 00:00:00' "
            + "TO TIMESTAMP '2026-02-01 00:00:00')",
        "CREATE TRAINING DATASET td3 AS (SELECT a FROM t UNION SELECT a FROM u) "
            + "SPLIT RANDOM (a 0.5, b 0.25, c 0.25)",
        "CREATE TRAINING DATASET td4 FROM \"My View\" AS OF COMMIT 'c1' FORMAT PARQUET",
        "DROP TRAINING DATASET td2",
        "DROP TRAINING DATASET IF EXISTS td2 VERSION 1",
        "SHOW TRAINING DATASETS",
        "SHOW TRAINING DATASETS LIKE '%fraud%'",
        "RECREATE TRAINING DATASET fraud_td",
        "RECREATE TRAINING DATASET fraud_td VERSION 2",
        // EXPLAIN
        "EXPLAIN SELECT amount FROM transactions WHERE cc_num = ?",
        "EXPLAIN PLAN FOR SELECT 1",
        "EXPLAIN PLAN FOR INSERT INTO t SELECT * FROM u",
        // queries with the fsql extensions
        "SELECT * FROM transactions AS OF TIMESTAMP '2026-01-01 00:00:00'",
        "SELECT * FROM transactions AS OF TIMESTAMP TIMESTAMP '2026-01-01 00:00:00' AS t "
            + "WHERE t.amount > 1",
        "SELECT * FROM transactions VERSION 2 AS OF COMMIT '20260101000000000'",
        "SELECT * FROM transactions AS OF TIMESTAMP ? WHERE cc_num = ?",
        "SELECT * FROM transactions AS OF COMMIT ?",
        "SELECT * FROM transactions VERSION 3",
        "SELECT * FROM s.transactions VERSION 3 t",
        "SELECT * FROM transactions CHANGES SINCE COMMIT 'c1'",
        "SELECT * FROM transactions CHANGES SINCE COMMIT 'c1' UNTIL COMMIT 'c2'",
        "SELECT * FROM transactions CHANGES SINCE TIMESTAMP '2026-01-01 00:00:00' "
            + "UNTIL TIMESTAMP ?",
        "SELECT * FROM fraud_view FOR SPINE (SELECT cc_num, ts FROM labels) AS f",
        "SELECT * FROM fraud_view FOR SPINE (SELECT cc_num, ts FROM labels ORDER BY ts LIMIT 10)",
        "SELECT * FROM fraud_view FOR SPINE (SELECT a FROM x UNION SELECT b FROM y)",
        "SELECT * FROM fraud_view FOR SPINE (WITH w AS (SELECT 1 AS a) SELECT a FROM w)",
        "SELECT * FROM fraud_view FOR SPINE (VALUES (1, TIMESTAMP '2026-01-01 00:00:00'))",
        "SELECT * FROM fraud_view FOR EVENT TIME FROM CURRENT_TIMESTAMP - INTERVAL '7' DAY "
            + "TO CURRENT_TIMESTAMP",
        "SELECT * FROM fraud_view FOR EVENT TIME FROM ? TO ?",
        "SELECT * FROM fraud_td SPLIT train",
        "SELECT * FROM fraud_td VERSION 3 SPLIT \"Test\" t JOIN x ON t.a = x.a",
        "SELECT * FROM labels s ASOF JOIN transactions t MATCH_CONDITION s.ts >= t.ts "
            + "ON s.cc_num = t.cc_num",
        "SELECT * FROM labels s LEFT ASOF JOIN transactions t MATCH_CONDITION s.ts >= t.ts "
            + "MAX STALENESS INTERVAL '30' MINUTE ON s.cc_num = t.cc_num",
        "SELECT * FROM labels s ASOF JOIN transactions AS OF COMMIT 'c9' t "
            + "MATCH_CONDITION (s.ts >= t.ts) MAX STALENESS INTERVAL '2' HOUR ON s.k = t.k",
        "SELECT * FROM read_csv('data.csv', header => true) AS c",
        "SELECT * FROM read_parquet('part-0.parquet')",
        "SELECT * FROM TABLE(read_csv('data.csv'))",
        "SELECT version, commit, online, event, feature, split, format FROM t",
        "SELECT amount FROM LATEST transactions WHERE cc_num = ?",
        "SELECT * FROM LATEST g VERSION 2 AS OF COMMIT '20260101000000000' l JOIN LATEST h ON l.k = h.k",
        "ALTER FEATURE GROUP g VERSION 2 SET ONLINE",
        "ALTER FEATURE GROUP g SET OFFLINE",
        "REFRESH ONLINE g",
        "SET online_lookups = off",
        "SET online_lookups 'auto'",
        "RESET online_lookups",
        "SELECT * FROM fraud_view FOR KEYS (1, ?, 3)",
        "SELECT * FROM v VERSION 2 FOR KEYS (ROW(1, 'a'), ROW(2, 'b')) AS x",
        "SELECT a FROM t WHERE x IN (SELECT y FROM u VERSION 2 CHANGES SINCE COMMIT 'c')");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statements")
  void formatThenParseGivesTheSameStatement(String sql) {
    Statement first = PARSER.parseStatement(sql);
    String formatted = StatementFormatter.format(first);
    Statement second = PARSER.parseStatement(formatted);
    assertThat(StatementFormatter.format(second)).as("formatted twice").isEqualTo(formatted);
    assertSameTree(first, second);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statements")
  void aScriptOfFormattedStatementsParsesBack(String sql) {
    Statement first = PARSER.parseStatement(sql);
    String script = "-- a script\n" + StatementFormatter.format(first) + ";\n\n"
        + StatementFormatter.format(first) + "\n;";
    var statements = PARSER.parseScript(script);
    assertThat(statements).hasSize(2);
    assertSameTree(first, statements.get(0));
    assertSameTree(first, statements.get(1));
  }
}
