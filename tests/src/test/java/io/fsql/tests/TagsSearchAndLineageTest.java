package io.fsql.tests;

import static io.fsql.tests.Rows.query;
import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags and comments on groups, columns, views and datasets; SHOW FEATURES over names, comments and
 * tags; and the lineage of a dataset made through a view of a view, on a catalog the test builds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TagsSearchAndLineageTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static Session s;
  static String txCommit;

  @BeforeAll
  static void catalog() {
    engine = FsqlHome.open(tmp.resolve("home"));
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP tx (cc BIGINT, amount DOUBLE COMMENT 'Amount in EUR' TAGS (pii, unit = 'EUR'),"
        + " merchant VARCHAR TAGS (pii), ts TIMESTAMP) PRIMARY KEY (cc) EVENT TIME ts WITH TAGS (team = 'fraud')");
    s.execute("CREATE FEATURE GROUP users (id BIGINT, age INT COMMENT 'age in years', signup TIMESTAMP)"
        + " PRIMARY KEY (id) EVENT TIME signup WITH TAGS (team = 'growth', tier = '1')");
    s.execute("INSERT INTO tx VALUES (1, 9.5, 'm1', TIMESTAMP '2026-01-01 00:00:00')");
    txCommit = (String) query(s, "SHOW COMMITS FOR tx").get(0).get(0);
    s.execute("CREATE FEATURE VIEW spend AS SELECT cc, amount FROM tx");
    s.execute("CREATE FEATURE VIEW spend2 AS SELECT sp.cc, sp.amount, u.age FROM spend sp LEFT JOIN users u ON sp.cc = u.id");
    s.execute("CREATE TRAINING DATASET td FROM spend2");
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  @Order(1)
  void tagsAndCommentsAreChangedAndShownByDescribe() {
    assertThat(s.execute("ALTER FEATURE GROUP tx ALTER COLUMN merchant UNSET TAGS (pii)").message())
        .isEqualTo("removed tags pii from column merchant of feature group tx v1");
    assertThat(s.execute("ALTER FEATURE GROUP tx ALTER COLUMN merchant SET TAGS (region = 'eu')").message())
        .isEqualTo("tagged column merchant of feature group tx v1 with region=eu");
    s.execute("ALTER FEATURE GROUP tx ALTER COLUMN merchant SET COMMENT 'merchant id'");
    s.execute("ALTER FEATURE GROUP users SET TAGS (tier = '2', reviewed)");
    s.execute("ALTER FEATURE GROUP users UNSET TAGS (reviewed, never_set)");
    s.execute("ALTER FEATURE VIEW spend SET TAGS (gold)");
    assertThat(s.execute("ALTER TRAINING DATASET td SET TAGS (model = 'v3', frozen)").message())
        .isEqualTo("tagged training dataset td v1 with model=v3, frozen");
    s.execute("ALTER TRAINING DATASET td UNSET TAGS (frozen)");

    List<List<Object>> d = query(s, "DESCRIBE tx");
    assertThat(d.subList(0, 4)).isEqualTo(List.of(
        row("cc", "BIGINT", "NO", "PRIMARY KEY", "", ""),
        row("amount", "DOUBLE", "YES", "", "Amount in EUR", "pii, unit=EUR"),
        row("merchant", "VARCHAR", "YES", "", "merchant id", "region=eu"),
        row("ts", "TIMESTAMP", "NO", "EVENT TIME", "", "")));
    assertThat(d).contains(row("tags", "team=fraud", "", "", "", ""));
    assertThat(query(s, "DESCRIBE users")).contains(row("tags", "team=growth, tier=2", "", "", "", ""));
    assertThat(query(s, "DESCRIBE FEATURE VIEW spend")).contains(row("tags", "gold", "", "", "", ""));
    assertThat(query(s, "DESCRIBE td")).contains(row("tags", "model=v3", "", "", "", ""));
  }

  @Test
  @Order(2)
  void showFeaturesFindsNamesCommentsAndTags() {
    assertThat(query(s, "SHOW FEATURES")).isEqualTo(List.of(
        row("tx", 1, "cc", "BIGINT", "", "", "team=fraud"),
        row("tx", 1, "amount", "DOUBLE", "Amount in EUR", "pii, unit=EUR", "team=fraud"),
        row("tx", 1, "merchant", "VARCHAR", "merchant id", "region=eu", "team=fraud"),
        row("tx", 1, "ts", "TIMESTAMP", "", "", "team=fraud"),
        row("users", 1, "id", "BIGINT", "", "", "team=growth, tier=2"),
        row("users", 1, "age", "INTEGER", "age in years", "", "team=growth, tier=2"),
        row("users", 1, "signup", "TIMESTAMP", "", "", "team=growth, tier=2")));
    assertThat(query(s, "SHOW FEATURES LIKE '%eur%'")).extracting(r -> r.get(2)).containsExactly("amount");
    assertThat(query(s, "SHOW FEATURES LIKE '%id%'")).extracting(r -> r.get(2))
        .containsExactly("merchant", "id");  // a comment word, a name
    assertThat(query(s, "SHOW FEATURES WHERE TAG pii")).extracting(r -> r.get(2)).containsExactly("amount");
    assertThat(query(s, "SHOW FEATURES WHERE TAG unit = 'USD'")).isEmpty();
    assertThat(query(s, "SHOW FEATURES LIKE 'a%' WHERE TAG team = 'growth'")).extracting(r -> r.get(2))
        .containsExactly("age");
  }

  @Test
  @Order(3)
  void lineageOfADatasetMadeThroughAViewOfAView() {
    assertThat(query(s, "SHOW LINEAGE FOR td")).isEqualTo(List.of(
        row("feature group", "tx", 1, txCommit, "spend2 v1"),
        row("feature group", "users", 1, null, "spend2 v1"),
        row("feature view", "spend", 1, null, "spend2 v1"),
        row("feature view", "spend2", 1, null, null)));
    assertThat(query(s, "SHOW LINEAGE FOR FEATURE VIEW spend2")).isEqualTo(List.of(
        row("feature group", "tx", 1, null, "spend v1"),
        row("feature group", "users", 1, null, null),
        row("feature view", "spend", 1, null, null)));
    assertThat(query(s, "SHOW DEPENDENTS OF tx")).isEqualTo(List.of(
        row("feature view", "spend", 1), row("feature view", "spend2", 1), row("training dataset", "td", 1)));
    assertThat(query(s, "SHOW DEPENDENTS OF users VERSION 1")).isEqualTo(List.of(
        row("feature view", "spend2", 1), row("training dataset", "td", 1)));
  }

  @Test
  @Order(4)
  void badNamesAreClearErrors() {
    assertThat(fails("ALTER FEATURE GROUP tx ALTER COLUMN nosuch SET TAGS (a)", ErrorCode.UNKNOWN_COLUMN, 1, 1))
        .isEqualTo("feature group tx v1 has no column 'nosuch'");
    assertThat(fails("ALTER FEATURE VIEW nosuch SET TAGS (a)", ErrorCode.UNKNOWN_OBJECT, 1, 20))
        .isEqualTo("feature view 'nosuch' does not exist (SHOW FEATURE VIEWS lists them)");
    assertThat(fails("SHOW LINEAGE FOR tx", ErrorCode.INVALID_ARGUMENT, 1, 18))
        .isEqualTo("feature group tx v1 reads no other object; SHOW DEPENDENTS OF tx lists what reads it");
    assertThat(fails("SHOW LINEAGE FOR nosuch", ErrorCode.UNKNOWN_OBJECT, 1, 18))
        .isEqualTo("no feature view or training dataset is named 'nosuch'");
    assertThat(fails("SHOW DEPENDENTS OF nosuch", ErrorCode.UNKNOWN_OBJECT, 1, 20))
        .startsWith("feature group 'nosuch' does not exist");
  }

  @Test
  @Order(5)
  void droppingAGroupThatViewsReadNeedsCascadeAndKeepsDatasets() {
    assertThat(fails("DROP FEATURE GROUP tx", ErrorCode.CONSTRAINT_VIOLATION, 1, 20))
        .isEqualTo("cannot drop feature group tx v1: feature view spend v1, feature view spend2 v1 read it"
            + " (DROP FEATURE GROUP tx VERSION 1 CASCADE drops them too)");
    assertThat(query(s, "SHOW FEATURE VIEWS")).hasSize(2);
    assertThat(s.execute("DROP FEATURE GROUP tx CASCADE").message())
        .isEqualTo("dropped feature group tx v1 and feature view spend v1, feature view spend2 v1");
    assertThat(query(s, "SHOW FEATURE VIEWS")).isEmpty();
    // the dataset is files: still readable, its lineage still names what it was made from
    assertThat(query(s, "SELECT * FROM td")).isEqualTo(List.of(row(1L, 9.5, null)));
    assertThat(query(s, "SHOW LINEAGE FOR td")).extracting(r -> r.get(1) + " " + r.get(3))
        .containsExactly("tx " + txCommit, "users null", "spend null", "spend2 null");
    assertThat(query(s, "SHOW FEATURES WHERE TAG pii")).isEmpty();
    assertThat(s.execute("DROP FEATURE GROUP users").message()).isEqualTo("dropped feature group users v1");
  }

  private static String fails(String sql, ErrorCode code, int line, int column) {
    FsqlException e = catchThrowableOfType(FsqlException.class, () -> s.execute(sql));
    assertThat(e).as(sql).isNotNull();
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.line() + ":" + e.column()).as(e.getMessage()).isEqualTo(line + ":" + column);
    return e.detail();
  }
}
