package io.fsql.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed input: each gives one ParsingException with an exact message and position. */
class NegativeTest {
  private static final FsqlParser PARSER = new FsqlParser();

  static Stream<Arguments> errors() {
    return Stream.of(
        // misspelled keywords, missing or extra tokens
        arguments("SELEC a FROM t",
            "line 1:1: mismatched input 'SELEC'. Expecting: 'ALTER', 'ANALYZE', 'CREATE', "
                + "'DESC', 'DESCRIBE', 'DROP', 'EXPLAIN', 'INSERT', ..."),
        arguments("SELECT a FORM t",
            "line 1:15: mismatched input 't'. Expecting: ',', ';', 'EXCEPT', 'FETCH', 'FROM', "
                + "'INTERSECT', 'LIMIT', 'OFFSET', ..."),
        arguments("SELECT a, b\nFROM t\nWHERE x = 1 GRUOP BY a",
            "line 3:13: mismatched input 'GRUOP'. Expecting: ';', 'EXCEPT', 'FETCH', 'GROUP', "
                + "'HAVING', 'INTERSECT', 'LIMIT', 'OFFSET', ..."),
        arguments("SELECT * FROM t WHERE",
            "line 1:22: mismatched input '<EOF>'. Expecting: <expression>"),
        arguments("SELECT (1 + 2 FROM t",
            "line 1:15: mismatched input 'FROM'. Expecting: ')', ','"),
        arguments("SELECT count(* FROM t",
            "line 1:16: mismatched input 'FROM'. Expecting: ')'"),
        arguments("SELECT a FROM t extra garbage",
            "line 1:23: mismatched input 'garbage'. Expecting: '(', ',', ';', 'ASOF', 'CROSS', "
                + "'EXCEPT', 'FETCH', 'FULL', ..."),
        arguments("SELECT 1;;", "line 1:10: mismatched input ';'. Expecting: <EOF>"),
        arguments("SELECT a FROM t; SELECT b FROM u",
            "line 1:18: mismatched input 'SELECT'. Expecting: <EOF>"),
        arguments("SELECT 1 +", "line 1:11: mismatched input '<EOF>'. Expecting: <expression>"),
        arguments("SELECT a FROM t WHERE a IS",
            "line 1:27: mismatched input '<EOF>'. Expecting: 'DISTINCT', 'FALSE', 'NOT', 'NULL', "
                + "'TRUE', 'UNKNOWN'"),
        arguments("SELECT * FROM t LIMIT",
            "line 1:22: mismatched input '<EOF>'. Expecting: '?', 'ALL', <number>"),
        arguments("SELECT a\nFROM t\nWHERE x IN (1, 2\nORDER BY a",
            "line 4:1: mismatched input 'ORDER'. Expecting: ')', ','"),
        arguments("CREATE TABLE t (a INT)",
            "line 1:8: mismatched input 'TABLE'. Expecting: 'FEATURE', 'TRAINING'"),
        arguments("SHOW TABLES",
            "line 1:6: mismatched input 'TABLES'. Expecting: 'COMMITS', 'DEPENDENTS', 'DRIFT', 'EXPECTATIONS', 'FEATURE', 'FEATURES', 'LINEAGE', 'STATISTICS', ..."),
        arguments("INSERT t VALUES (1)", "line 1:8: mismatched input 't'. Expecting: 'INTO'"),
        arguments("INSERT INTO t",
            "line 1:14: mismatched input '<EOF>'. Expecting: '(', 'VERSION', <query>"),
        arguments("SELECT interval '1' FROM t",
            "line 1:21: mismatched input 'FROM'. Expecting: <time unit>"),
        arguments("SELECT * FROM fg AS OF TIMESTAMP",
            "line 1:33: mismatched input '<EOF>'. Expecting: '?', 'TIMESTAMP', <string>"),
        arguments("SELECT a, FROM t",
            "line 1:11: mismatched input 'FROM'. Expecting: '*', <expression>"),
        // lexical errors, reported where the token starts
        arguments("SELECT 'abc", "line 1:8: unterminated string literal"),
        arguments("SELECT a\nFROM t\nWHERE b = 'unterminated\nAND c = 1",
            "line 3:11: unterminated string literal"),
        arguments("SELECT a FROM t /* never closed", "line 1:17: unterminated block comment"),
        arguments("SELECT \"abc FROM t", "line 1:8: unterminated quoted identifier"),
        arguments("SELECT \"\" FROM t", "line 1:8: zero-length quoted identifier"),
        arguments("SELECT a FROM t WHERE b = `x`",
            "line 1:27: backquotes are not identifier quotes; quote names with double quotes "
                + "(\"name\")"),
        arguments("SELECT a # b FROM t", "line 1:10: unexpected character '#'"),
        // empty input
        arguments("", "line 1:1: empty statement"),
        arguments("   -- just a comment\n  /* and another */ ", "line 1:1: empty statement"),
        arguments(";", "line 1:1: empty statement"),
        // reserved words as names
        arguments("CREATE FEATURE GROUP order (a INT) PRIMARY KEY (a)",
            "line 1:22: 'order' is a reserved word; quote it as \"order\" to use it as a name"),
        arguments("SELECT * FROM order",
            "line 1:15: 'order' is a reserved word; quote it as \"order\" to use it as a name"),
        arguments("SELECT id, Select FROM t",
            "line 1:12: 'select' is a reserved word; quote it as \"select\" to use it as a name"),
        // feature group clauses
        arguments("CREATE FEATURE GROUP g (a INT)", "line 1:1: PRIMARY KEY is required"),
        arguments("CREATE FEATURE GROUP g (a INT) PRIMARY KEY (a) ONLINE PRIMARY KEY (a)",
            "line 1:55: PRIMARY KEY is specified more than once"),
        arguments("CREATE FEATURE GROUP g (a INT) ONLINE ONLINE PRIMARY KEY (a)",
            "line 1:39: ONLINE is specified more than once"),
        arguments("CREATE FEATURE GROUP g (a INT) PRIMARY KEY (a) COMMENT 'x' COMMENT 'y'",
            "line 1:60: COMMENT is specified more than once"),
        arguments("CREATE FEATURE GROUP g (a INT) PRIMARY KEY (a) WITH (k = 1) WITH (k = 2)",
            "line 1:61: WITH is specified more than once"),
        arguments("CREATE FEATURE GROUP g (a INT, ts TIMESTAMP) PRIMARY KEY (a) EVENT TIME ts\n"
                + "  EVENT TIME ts",
            "line 2:3: EVENT TIME is specified more than once"),
        arguments("CREATE FEATURE GROUP g (a INT, a BIGINT) PRIMARY KEY (a)",
            "line 1:32: column 'a' is defined more than once"),
        arguments("CREATE FEATURE GROUP g (a INT) PRIMARY KEY (b)",
            "line 1:45: PRIMARY KEY column 'b' is not a column of the feature group"),
        arguments("CREATE FEATURE GROUP g (a INT) PRIMARY KEY (a) EVENT TIME ts",
            "line 1:59: EVENT TIME column 'ts' is not a column of the feature group"),
        arguments("CREATE FEATURE GROUP g (a INT) PRIMARY KEY (a) WITH (k = 1, K = 2)",
            "line 1:61: property 'k' is specified more than once"),
        // types
        arguments("CREATE FEATURE GROUP g (a MONEY) PRIMARY KEY (a)",
            "line 1:27: unknown type 'MONEY'; supported types: BOOLEAN, INTEGER, BIGINT, REAL, "
                + "DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP"),
        arguments("CREATE FEATURE GROUP g (a TIME) PRIMARY KEY (a)",
            "line 1:27: unknown type 'TIME'; supported types: BOOLEAN, INTEGER, BIGINT, REAL, "
                + "DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP"),
        arguments("CREATE FEATURE GROUP g (a DECIMAL(0)) PRIMARY KEY (a)",
            "line 1:27: DECIMAL precision must be between 1 and 38, not 0"),
        arguments("CREATE FEATURE GROUP g (a DECIMAL(39, 2)) PRIMARY KEY (a)",
            "line 1:27: DECIMAL precision must be between 1 and 38, not 39"),
        arguments("CREATE FEATURE GROUP g (a NUMERIC(5, 6)) PRIMARY KEY (a)",
            "line 1:27: DECIMAL scale must be between 0 and the precision (5), not 6"),
        arguments("CREATE FEATURE GROUP g (a DECIMAL(5, -1)) PRIMARY KEY (a)",
            "line 1:27: DECIMAL scale must be between 0 and the precision (5), not -1"),
        arguments("CREATE FEATURE GROUP g (a INT(10)) PRIMARY KEY (a)",
            "line 1:27: type INTEGER takes no parameters"),
        arguments("CREATE FEATURE GROUP g (a VARCHAR(0)) PRIMARY KEY (a)",
            "line 1:27: VARCHAR length must be positive, not 0"),
        arguments("CREATE FEATURE GROUP g (ts TIMESTAMP WITH TIME ZONE) PRIMARY KEY (ts)",
            "line 1:38: TIMESTAMP WITH TIME ZONE is not supported: fsql TIMESTAMP values are UTC,"
                + " without a time zone"),
        arguments("SELECT CAST(a AS MONEY) FROM t",
            "line 1:18: unknown type 'MONEY'; supported types: BOOLEAN, TINYINT, SMALLINT, "
                + "INTEGER, BIGINT, REAL, FLOAT, DOUBLE, DECIMAL, CHAR, VARCHAR, BINARY, VARBINARY, "
                + "DATE, TIME, TIMESTAMP"),
        // versions
        arguments("CREATE FEATURE GROUP g VERSION 0 (a INT) PRIMARY KEY (a)",
            "line 1:32: VERSION must be a positive integer"),
        arguments("SELECT * FROM fg VERSION 0", "line 1:26: VERSION must be a positive integer"),
        arguments("SELECT * FROM fg VERSION -1", "line 1:26: VERSION must be a positive integer"),
        arguments("DROP FEATURE VIEW v VERSION 99999999999",
            "line 1:29: VERSION must be a positive integer"),
        // ASOF joins and decorations
        arguments("SELECT * FROM a ASOF JOIN b ON a.k = b.k",
            "line 1:29: ASOF JOIN missing MATCH_CONDITION"),
        arguments("SELECT * FROM a LEFT ASOF JOIN b USING (k)",
            "line 1:34: ASOF JOIN missing MATCH_CONDITION"),
        arguments("SELECT * FROM a ASOF JOIN b",
            "line 1:17: ASOF JOIN missing MATCH_CONDITION"),
        arguments("SELECT * FROM a LEFT JOIN b MATCH_CONDITION a.t >= b.t ON a.k = b.k",
            "line 1:29: MATCH_CONDITION only allowed with ASOF JOIN"),
        arguments("SELECT * FROM a ASOF JOIN b MATCH_CONDITION (a.t >= b.t)",
            "line 1:57: mismatched input '<EOF>'. Expecting: 'MAX', 'ON'"),
        arguments("SELECT * FROM a ASOF JOIN b MATCH_CONDITION a.t >= b.t\n"
                + "  MAX STALENESS INTERVAL -'1' DAY ON a.k = b.k",
            "line 2:17: MAX STALENESS must be a positive interval"),
        arguments("SELECT *\nFROM fg\n  AS OF TIMESTAMP '2026-01-01 00:00:00' AS OF COMMIT 'c1'",
            "line 3:41: a table reference takes only one of AS OF, CHANGES SINCE, FOR SPINE, "
                + "FOR EVENT TIME, FOR KEYS and SPLIT"),
        arguments("SELECT * FROM fg AS OF COMMIT 'c1' SPLIT train",
            "line 1:36: a table reference takes only one of AS OF, CHANGES SINCE, FOR SPINE, "
                + "FOR EVENT TIME, FOR KEYS and SPLIT"),
        arguments("SELECT * FROM (a JOIN b ON a.k = b.k) AS j",
            "line 1:39: an alias cannot follow a parenthesized join"),
        arguments("SELECT * FROM (t x) AS s",
            "line 1:15: expected a query or a join in parentheses"),
        arguments("SELECT interval '2''2' hour FROM t",
            "line 1:17: invalid INTERVAL literal '2'2' for HOUR"),
        arguments("SELECT interval '1-13' year to month FROM t",
            "line 1:17: invalid INTERVAL literal '1-13' for YEAR TO MONTH"),
        arguments("SELECT interval '100' day(2) FROM t",
            "line 1:17: Interval field value 100 exceeds precision of DAY(2) field"),
        // training datasets
        arguments("CREATE TRAINING DATASET d FROM v FORMAT JSON",
            "line 1:41: unknown format 'JSON'; supported formats: PARQUET, CSV"),
        arguments("CREATE TRAINING DATASET d FROM v FORMAT CSV FORMAT PARQUET",
            "line 1:45: FORMAT is specified more than once"),
        arguments("CREATE TRAINING DATASET d FROM v SPLIT RANDOM (train 0.8, test 0.3)",
            "line 1:34: the split fractions add up to 1.1, not 1"),
        arguments("CREATE TRAINING DATASET d FROM v SPLIT RANDOM (train 0.8, train 0.2)",
            "line 1:59: split 'train' is defined more than once"),
        arguments("CREATE TRAINING DATASET d FROM v SPLIT RANDOM (a 0.5, b 0.5)\n"
                + "SPLIT RANDOM (a 1)",
            "line 2:1: SPLIT is specified more than once"),
        arguments("CREATE TRAINING DATASET d FROM v SPLIT RANDOM (a 1.5)",
            "line 1:50: a split fraction must be greater than 0 and at most 1"),
        // other semantic checks
        arguments("EXPLAIN DROP FEATURE GROUP g",
            "line 1:9: EXPLAIN supports only queries and INSERT statements"),
        arguments("SELECT interval '1' day to year FROM t",
            "line 1:21: invalid interval qualifier DAY TO YEAR"),
        arguments("SELECT a FROM t WHERE a BETWEEN 1",
            "line 1:25: BETWEEN without AND: use x BETWEEN low AND high"),
        arguments("SELECT a FROM t ORDER BY a LIMIT 1 OFFSET ALL",
            "line 1:43: ALL is only allowed in LIMIT"),
        arguments("SHOW COMMITS FOR g LIMIT 99999999999999999999",
            "line 1:26: LIMIT value is too large"),
        arguments("SELECT a FROM t WHERE a LIKE 'x' ESCAPE '!' ESCAPE '?'",
            "line 1:45: ESCAPE must follow a LIKE or SIMILAR TO pattern"),
        arguments("INSERT INTO t (a, b, A) VALUES (1, 2, 3)",
            "line 1:22: column 'a' is listed more than once"),
        // schema evolution, tags, search, lineage
        arguments("ALTER FEATURE GROUP g ADD COLUMN c INT NOT NULL",
            "line 1:40: ADD COLUMN adds a nullable column only"
                + ": the rows written before have no value for it (drop NOT NULL, or create a new VERSION of the group with the column NOT NULL)"),
        arguments("ALTER FEATURE GROUP g ADD COLUMN",
            "line 1:33: mismatched input '<EOF>'. Expecting: <identifier>"),
        arguments("ALTER FEATURE GROUP g ADD c INT",
            "line 1:27: mismatched input 'c'. Expecting: 'COLUMN', 'EXPECTATION'"),
        arguments("ALTER FEATURE GROUP g ALTER COLUMN c SET DATA INT",
            "line 1:47: mismatched input 'INT'. Expecting: 'TYPE'"),
        arguments("ALTER FEATURE GROUP g ALTER COLUMN c SET DATA TYPE TIME",
            "line 1:52: unknown type 'TIME'"
                + "; supported types: BOOLEAN, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP"),
        arguments("ALTER FEATURE GROUP g ALTER COLUMN c UNSET TAGS (pii = 'x')",
            "line 1:54: UNSET TAGS takes tag names only, without values"),
        arguments("ALTER FEATURE GROUP g SET TAGS (pii, PII)",
            "line 1:38: tag 'pii' is listed more than once"),
        arguments("ALTER FEATURE GROUP g SET TAGS (team = fraud)",
            "line 1:40: mismatched input 'fraud'. Expecting: <string>"),
        arguments("ALTER FEATURE GROUP g SET TAGS ()",
            "line 1:33: mismatched input ')'. Expecting: <identifier>"),
        arguments("CREATE FEATURE GROUP t (k INT) PRIMARY KEY (k) WITH TAGS (a) WITH TAGS (b)",
            "line 1:62: WITH TAGS is specified more than once"),
        arguments("CREATE FEATURE GROUP t (k INT TAGS pii) PRIMARY KEY (k)",
            "line 1:36: mismatched input 'pii'. Expecting: '('"),
        arguments("SHOW FEATURES WHERE pii",
            "line 1:21: mismatched input 'pii'. Expecting: 'TAG'"),
        arguments("SHOW FEATURES WHERE TAG pii = 1",
            "line 1:31: mismatched input '1'. Expecting: <string>"),
        arguments("SHOW LINEAGE fraud_td",
            "line 1:14: mismatched input 'fraud_td'. Expecting: 'FOR'"),
        arguments("SHOW DEPENDENTS transactions",
            "line 1:17: mismatched input 'transactions'. Expecting: 'OF'"),
        arguments("DROP FEATURE GROUP g CASCADE CASCADE",
            "line 1:30: mismatched input 'CASCADE'. Expecting: ';', <EOF>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("errors")
  void rejected(String sql, String message) {
    assertThatThrownBy(() -> PARSER.parseStatement(sql))
        .isInstanceOf(ParsingException.class)
        .hasMessage(message);
  }

  @Test
  void exceptionParts() {
    ParsingException e = catchParsing(() -> PARSER.parseStatement("SELECT *\nFROM t\nWHERE"));
    assertThat(e.getLine()).isEqualTo(3);
    assertThat(e.getColumn()).isEqualTo(6);
    assertThat(e.getErrorMessage()).isEqualTo("mismatched input '<EOF>'. Expecting: <expression>");
    assertThat(e.getMessage()).isEqualTo("line 3:6: " + e.getErrorMessage());
  }

  @Test
  void queryAndExpressionEntryPoints() {
    assertThat(catchParsing(() -> PARSER.parseQuery("SHOW FEATURE GROUPS")).getMessage())
        .isEqualTo("line 1:1: mismatched input 'SHOW'. Expecting: <query>");
    assertThat(catchParsing(() -> PARSER.parseQuery("  ")).getMessage())
        .isEqualTo("line 1:1: empty query");
    assertThat(catchParsing(() -> PARSER.parseExpression("a +")).getMessage())
        .isEqualTo("line 1:4: mismatched input '<EOF>'. Expecting: <expression>");
    assertThat(catchParsing(() -> PARSER.parseExpression("a b")).getMessage())
        .startsWith("line 1:3: mismatched input 'b'");
  }

  @Test
  void deeplyNestedInputIsAParsingException() {
    String sql = "SELECT " + "(".repeat(3000) + "1" + ")".repeat(3000);
    ParsingException e = catchParsing(() -> PARSER.parseStatement(sql));
    assertThat(e.getMessage()).isEqualTo(
        "line 1:1: statement is too large (stack overflow while parsing)");
  }

  private static ParsingException catchParsing(Runnable r) {
    try {
      r.run();
    } catch (ParsingException e) {
      return e;
    }
    throw new AssertionError("no ParsingException");
  }
}
