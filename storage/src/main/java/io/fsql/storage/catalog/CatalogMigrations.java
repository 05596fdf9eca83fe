package io.fsql.storage.catalog;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings the catalog database to the current schema version. Each migration is a SQL script
 * {@code V<n>__<what>.sql} applied in one transaction together with its row in
 * {@code catalog_schema_version}; a database from a newer fsql is refused, never altered.
 */
final class CatalogMigrations {
  /** The scripts, in order; the index + 1 is the version each one brings the schema to. */
  static final List<String> SCRIPTS = List.of(
      "V1__feature_groups.sql",
      "V2__views_and_datasets.sql",
      "V3__tags_and_lineage.sql",
      "V4__expectation_policies_and_validation_reports.sql",
      "V5__column_statistics.sql",
      "V6__drift_profiles_in_column_statistics.sql");

  private CatalogMigrations() {}

  static int current() {
    return SCRIPTS.size();
  }

  static int migrate(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS catalog_schema_version ("
          + "version INT PRIMARY KEY, script VARCHAR(256) NOT NULL, "
          + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      c.commit();
      int version = 0;
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM catalog_schema_version")) {
        rs.next();
        version = rs.getInt(1);
      }
      if (version > current()) {
        throw new FsqlException(ErrorCode.NOT_SUPPORTED,
            "the catalog was written by a newer fsql (schema version " + version
                + "); this fsql reads up to version " + current());
      }
      for (int v = version + 1; v <= current(); v++) {
        String script = SCRIPTS.get(v - 1);
        for (String statement : statements(read(script))) {
          s.execute(statement);
        }
        try (var ps = c.prepareStatement(
            "INSERT INTO catalog_schema_version (version, script, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
          ps.setInt(1, v);
          ps.setString(2, script);
          ps.executeUpdate();
        }
        c.commit();
      }
      return current();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static String read(String script) {
    try (InputStream in = CatalogMigrations.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("missing catalog migration " + script);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> statements(String script) {
    StringBuilder clean = new StringBuilder();
    for (String line : script.split("\n")) {
      String l = line.strip();
      if (!l.startsWith("--")) {
        clean.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(clean.toString().split(";"))
        .map(String::strip).filter(x -> !x.isEmpty()).toList();
  }
}
