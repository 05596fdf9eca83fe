package io.fsql.tests;

import static io.fsql.tests.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog as information_schema tables, queried and joined through JDBC like any table, and
 * agreeing with the driver's DatabaseMetaData.
 */
class InformationSchemaTest {
  @TempDir
  static Path tmp;
  static Connection c;
  static Statement st;
  static String commit;

  @BeforeAll
  static void catalog() throws SQLException {
    c = DriverManager.getConnection("jdbc:fsql:embedded:" + tmp.resolve("home"));
    st = c.createStatement();
    st.execute("CREATE FEATURE GROUP g (k BIGINT, amount DOUBLE COMMENT 'in EUR' TAGS (pii), ts TIMESTAMP)"
        + " PRIMARY KEY (k) EVENT TIME ts WITH TAGS (team = 'fraud')");
    st.execute("CREATE FEATURE GROUP g VERSION 2 (k BIGINT, amount DOUBLE, extra INT) PRIMARY KEY (k)");
    st.execute("CREATE FEATURE GROUP h (id VARCHAR, score REAL) PRIMARY KEY (id) ONLINE");
    st.execute("INSERT INTO g VERSION 1 VALUES (1, 2.5, TIMESTAMP '2026-01-01 00:00:00'), (2, 3.5, TIMESTAMP '2026-01-01 00:00:00')");
    commit = rows("SHOW COMMITS FOR g VERSION 1").get(0).get(0).toString();
    st.execute("CREATE FEATURE VIEW v COMMENT 'amounts' AS SELECT k, amount FROM g VERSION 1");
    st.execute("CREATE TRAINING DATASET d FROM v");
    st.execute("ALTER TRAINING DATASET d SET TAGS (model = 'm1')");
  }

  @AfterAll
  static void close() throws SQLException {
    c.close();
  }

  static List<List<Object>> rows(String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      return Rows.of(rs);
    }
  }

  @Test
  void theCatalogIsQueryableAndJoinable() throws SQLException {
    assertThat(rows("SELECT name, version, online, primary_key, event_time, column_count, tags"
        + " FROM information_schema.feature_groups ORDER BY name, version")).isEqualTo(List.of(
            row("g", 1, false, "k", "ts", 3, "team=fraud"),
            row("g", 2, false, "k", null, 3, ""),
            row("h", 1, true, "id", null, 2, "")));
    assertThat(rows("SELECT feature_group, version, ordinal, name, type, nullable, \"key\", comment, tags"
        + " FROM information_schema.features ORDER BY feature_group, version, ordinal")).isEqualTo(List.of(
            row("g", 1, 1, "k", "BIGINT", false, "PRIMARY KEY", null, ""),
            row("g", 1, 2, "amount", "DOUBLE", true, null, "in EUR", "pii"),
            row("g", 1, 3, "ts", "TIMESTAMP", false, "EVENT TIME", null, ""),
            row("g", 2, 1, "k", "BIGINT", false, "PRIMARY KEY", null, ""),
            row("g", 2, 2, "amount", "DOUBLE", true, null, null, ""),
            row("g", 2, 3, "extra", "INTEGER", true, null, null, ""),
            row("h", 1, 1, "id", "VARCHAR", false, "PRIMARY KEY", null, ""),
            row("h", 1, 2, "score", "REAL", true, null, null, "")));
    // the features carrying a tag, through a join of two information_schema tables
    assertThat(rows("SELECT f.feature_group, f.version, f.name FROM information_schema.features f"
        + " JOIN information_schema.tags t ON t.object_kind = 'feature group' AND t.object_name = f.feature_group"
        + " AND t.object_version = f.version AND t.column_name = f.name WHERE t.tag = 'pii'"))
        .isEqualTo(List.of(row("g", 1, "amount")));
    assertThat(rows("SELECT object_kind, object_name, object_version, column_name, tag, \"value\""
        + " FROM information_schema.tags ORDER BY object_kind, object_name, tag")).isEqualTo(List.of(
            row("feature group", "g", 1, "amount", "pii", null),
            row("feature group", "g", 1, null, "team", "fraud"),
            row("training dataset", "d", 1, null, "model", "m1")));
    assertThat(rows("SELECT feature_group, version, commit_id, operation, rows_written FROM information_schema.commits"))
        .isEqualTo(List.of(row("g", 1, commit, "BULK_INSERT", 2L)));
    assertThat(rows("SELECT name, version, description, query FROM information_schema.feature_views"))
        .isEqualTo(List.of(row("v", 1, "amounts", "SELECT k, amount FROM g VERSION 1")));
    assertThat(rows("SELECT name, version, format, row_count, splits, tags FROM information_schema.training_datasets"))
        .isEqualTo(List.of(row("d", 1, "PARQUET", 2L, "all", "model=m1")));
    assertThat(rows("SELECT reader_kind, reader_name, source_kind, source_name, source_version, commit_id"
        + " FROM information_schema.lineage ORDER BY reader_kind, reader_name, source_kind")).isEqualTo(List.of(
            row("feature view", "v", "feature group", "g", 1, null),
            row("training dataset", "d", "feature group", "g", 1, commit),
            row("training dataset", "d", "feature view", "v", 1, null)));
    // which datasets read which commit, with the commit's time: lineage joined with commits
    assertThat(rows("SELECT l.reader_name, c.rows_written FROM information_schema.lineage l"
        + " JOIN information_schema.commits c ON l.commit_id = c.commit_id")).isEqualTo(List.of(row("d", 2L)));
  }

  @Test
  void jdbcMetadataAgreesWithTheInformationSchema() throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    List<List<Object>> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(row(rs.getString("TABLE_NAME")));
      }
    }
    assertThat(tables).containsExactlyInAnyOrderElementsOf(rows("SELECT DISTINCT name FROM information_schema.feature_groups"
        + " UNION ALL SELECT DISTINCT name FROM information_schema.training_datasets")).hasSize(3);
    List<List<Object>> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
      while (rs.next()) {
        columns.add(row(rs.getString("TABLE_NAME"), rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME"),
            rs.getString("IS_NULLABLE")));
      }
    }
    assertThat(columns).isEqualTo(rows("SELECT f.feature_group, f.ordinal, f.name,"
        + " CASE WHEN f.nullable THEN 'YES' ELSE 'NO' END FROM information_schema.features f"
        + " WHERE f.version = (SELECT MAX(g.version) FROM information_schema.feature_groups g"
        + " WHERE g.name = f.feature_group) ORDER BY f.feature_group, f.ordinal"));
    assertThat(columns).hasSize(5);
  }
}
