package io.fsql.storage.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.sql.tree.DataType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog database: created, migrated from older schema versions, refused when newer. */
class CatalogMigrationsTest {
  @TempDir
  Path tmp;

  private static String url(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("fsql").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  private static FeatureGroup group(String name) {
    return new FeatureGroup(0, name, 1,
        List.of(new Column("k", ColumnType.of(DataType.Kind.BIGINT), false, null),
            new Column("v", ColumnType.decimal(10, 2), true, "a value")),
        List.of("k"), Optional.empty(), false, "", Map.of("retain_commits", "7"), List.of(), null, null);
  }

  @Test
  void aNewCatalogIsAtTheCurrentVersionAndKeepsWhatItIsGiven() {
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      assertThat(store.schemaVersion()).isEqualTo(CatalogMigrations.current()).isEqualTo(6);
      FeatureGroup g = store.createGroup(group("g"), (n, v, id) -> "file:/x/" + n + "_" + id);
      assertThat(g.location()).isEqualTo("file:/x/g_" + g.id());
    }
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      FeatureGroup g = store.findGroup("g", OptionalInt.empty()).orElseThrow();
      assertThat(g.columns()).isEqualTo(group("g").columns());
      assertThat(g.primaryKey()).isEqualTo(List.of("k"));
      assertThat(g.properties()).isEqualTo(Map.of("retain_commits", "7"));
    }
  }

  @Test
  void aVersionOneCatalogIsMigratedKeepingItsGroups() throws Exception {
    try (Connection c = DriverManager.getConnection(url(tmp), "fsql", "");
         Statement s = c.createStatement();
         InputStream in = CatalogMigrations.class.getResourceAsStream("V1__feature_groups.sql")) {
      s.execute("CREATE TABLE catalog_schema_version (version INT PRIMARY KEY, script VARCHAR(256) NOT NULL,"
          + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      for (String stmt : new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "").split(";")) {
        if (!stmt.isBlank()) {
          s.execute(stmt);
        }
      }
      s.execute("INSERT INTO catalog_schema_version VALUES (1, 'V1__feature_groups.sql', CURRENT_TIMESTAMP)");
      s.execute("INSERT INTO feature_group (name, version, online, description, location, created_at)"
          + " VALUES ('old', 1, FALSE, 'from v1', 'file:/old', CURRENT_TIMESTAMP)");
      s.execute("SHUTDOWN");
    }
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      assertThat(store.findGroup("old", OptionalInt.of(1)).orElseThrow().description()).isEqualTo("from v1");
      FeatureView v = store.createView(new FeatureView(0, "v", 1, "", "SELECT 1", null));
      assertThat(store.listViews().stream().map(FeatureView::displayName).toList()).containsExactly("v v1");
    }
  }

  @Test
  void statisticsStoredBeforeVersionSixStayReadableWithoutADriftProfile() throws Exception {
    try (Connection c = DriverManager.getConnection(url(tmp), "fsql", ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE catalog_schema_version (version INT PRIMARY KEY, script VARCHAR(256) NOT NULL,"
          + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      for (int v = 1; v <= 5; v++) {
        String script = CatalogMigrations.SCRIPTS.get(v - 1);
        try (InputStream in = CatalogMigrations.class.getResourceAsStream(script)) {
          for (String stmt : new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "")
              .split(";")) {
            if (!stmt.isBlank()) {
              s.execute(stmt);
            }
          }
        }
        s.execute("INSERT INTO catalog_schema_version VALUES (" + v + ", '" + script + "', CURRENT_TIMESTAMP)");
      }
      s.execute("INSERT INTO column_statistics VALUES ('GROUP', 7, '20260101000000000', 'ANALYZE', 0,"
          + " CURRENT_TIMESTAMP, 'x', 'DOUBLE', 10, 1, 9, '1.0', '9.0', 5.0, 2.5, '{\"p50\": 5}',"
          + " '{\"lower\": 1, \"upper\": 9, \"counts\": [9]}', NULL)");
      s.execute("SHUTDOWN");
    }
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      io.fsql.planner.stats.ColumnStatistics x = store.listStatistics(io.fsql.planner.catalog.CatalogKind.GROUP, 7)
          .get(0).columns().get(0);
      assertThat(x).isEqualTo(new io.fsql.planner.stats.ColumnStatistics("x", "DOUBLE", 10, 1, 9L, "1.0", "9.0",
          5.0, 2.5, "{\"p50\": 5}", "{\"lower\": 1, \"upper\": 9, \"counts\": [9]}", null));
      assertThat(x.driftProfile()).isNull();
    }
  }

  @Test
  void aCatalogFromANewerFsqlIsRefusedUntouched() throws Exception {
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      store.createGroup(group("kept"), (n, v, id) -> "file:/x/" + n + "_" + id);
    }
    List<String> before;
    try (Connection c = DriverManager.getConnection(url(tmp), "fsql", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO catalog_schema_version VALUES (99, 'V99__future.sql', CURRENT_TIMESTAMP)");
      before = contents(s);
      s.execute("SHUTDOWN");
    }
    assertThat(before).contains("version 99 V99__future.sql", "group kept 1");
    FsqlException e = catchThrowableOfType(FsqlException.class, () -> H2CatalogStore.open(tmp));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
    assertThat(e.getMessage()).isEqualTo("the catalog was written by a newer fsql (schema version 99);"
        + " this fsql reads up to version 6");
    // untouched: the same tables, versions, rows and columns as before the refused open
    try (Connection c = DriverManager.getConnection(url(tmp), "fsql", ""); Statement s = c.createStatement()) {
      assertThat(contents(s)).isEqualTo(before);
    }
  }

  /** What a catalog holds, one line per table, column, schema version and group. */
  private static List<String> contents(Statement s) throws java.sql.SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (java.sql.ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
        + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
      while (rs.next()) {
        out.add("column " + rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
      }
    }
    try (java.sql.ResultSet rs = s.executeQuery("SELECT version, script FROM catalog_schema_version ORDER BY version")) {
      while (rs.next()) {
        out.add("version " + rs.getInt(1) + " " + rs.getString(2));
      }
    }
    try (java.sql.ResultSet rs = s.executeQuery("SELECT name, version FROM feature_group ORDER BY id")) {
      while (rs.next()) {
        out.add("group " + rs.getString(1) + " " + rs.getInt(2));
      }
    }
    return out;
  }
}
