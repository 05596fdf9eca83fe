package io.fsql.storage.catalog;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.ExpectationDef;
import io.fsql.planner.catalog.FeatureGroup;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The catalog in an embedded H2 database under the fsql home ({@code catalog/fsql.mv.db}):
 * transactional, durable at every commit, schema-versioned by {@link CatalogMigrations}.
 * One connection, used by one thread at a time.
 */
public final class H2CatalogStore implements CatalogStore {
  private final Connection connection;
  private final int schemaVersion;

  private H2CatalogStore(Connection connection, int schemaVersion) {
    this.connection = connection;
    this.schemaVersion = schemaVersion;
  }

  /** Opens (creating or migrating as needed) the catalog in {@code directory}. */
  public static H2CatalogStore open(Path directory) {
    String url = "jdbc:h2:file:" + directory.resolve("fsql").toAbsolutePath()
        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    try {
      Connection c = DriverManager.getConnection(url, "fsql", "");
      try {
        int version = CatalogMigrations.migrate(c);
        return new H2CatalogStore(c, version);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new FsqlException(ErrorCode.IO_ERROR,
          "cannot open the catalog database in " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int schemaVersion() {
    return schemaVersion;
  }

  @Override
  public synchronized Optional<FeatureGroup> findGroup(String name, OptionalInt version) {
    String sql = version.isPresent()
        ? "SELECT * FROM feature_group WHERE name = ? AND version = ?"
        : "SELECT * FROM feature_group WHERE name = ? ORDER BY version DESC LIMIT 1";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, name);
      if (version.isPresent()) {
        ps.setInt(2, version.getAsInt());
      }
      List<FeatureGroup> groups = readGroups(ps);
      return groups.isEmpty() ? Optional.empty() : Optional.of(groups.get(0));
    } catch (SQLException e) {
      throw failure("reading feature group " + name, e);
    }
  }

  @Override
  public synchronized List<FeatureGroup> listGroups() {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT * FROM feature_group ORDER BY name, version")) {
      return readGroups(ps);
    } catch (SQLException e) {
      throw failure("listing feature groups", e);
    }
  }

  private List<FeatureGroup> readGroups(PreparedStatement ps) throws SQLException {
    List<FeatureGroup> groups = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long id = rs.getLong("id");
        groups.add(new FeatureGroup(id, rs.getString("name"), rs.getInt("version"),
            List.of(), List.of(), Optional.ofNullable(rs.getString("event_time")),
            rs.getBoolean("online"), rs.getString("description"), Map.of(), List.of(),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("location")));
      }
    }
    List<FeatureGroup> complete = new ArrayList<>();
    for (FeatureGroup g : groups) {
      complete.add(withDetails(g));
    }
    return complete;
  }

  private FeatureGroup withDetails(FeatureGroup g) throws SQLException {
    List<Column> columns = new ArrayList<>();
    TreeMap<Integer, String> key = new TreeMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT * FROM feature_column WHERE group_id = ? ORDER BY ordinal")) {
      ps.setLong(1, g.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString("name");
          columns.add(new Column(name, ColumnType.parse(rs.getString("data_type")),
              rs.getBoolean("nullable"), rs.getString("comment")));
          int kp = rs.getInt("key_position");
          if (!rs.wasNull()) {
            key.put(kp, name);
          }
        }
      }
    }
    Map<String, String> props = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT prop_key, prop_value FROM group_property WHERE group_id = ? ORDER BY prop_key")) {
      ps.setLong(1, g.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          props.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    List<ExpectationDef> expectations = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT name, condition FROM group_expectation WHERE group_id = ? ORDER BY ordinal")) {
      ps.setLong(1, g.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          expectations.add(new ExpectationDef(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return new FeatureGroup(g.id(), g.name(), g.version(), columns, new ArrayList<>(key.values()),
        g.eventTime(), g.online(), g.description(), props, expectations, g.createdAt(), g.location());
  }

  @Override
  public synchronized FeatureGroup createGroup(FeatureGroup draft, LocationAllocator locations) {
    try {
      connection.setAutoCommit(false);
      try {
        Instant created = Instant.now();
        long id;
        try (PreparedStatement ps = connection.prepareStatement(
            "INSERT INTO feature_group (name, version, event_time, online, description, location, created_at)"
                + " VALUES (?, ?, ?, ?, ?, '', ?)",
            Statement.RETURN_GENERATED_KEYS)) {
          ps.setString(1, draft.name());
          ps.setInt(2, draft.version());
          ps.setString(3, draft.eventTime().orElse(null));
          ps.setBoolean(4, draft.online());
          ps.setString(5, draft.description());
          ps.setObject(6, created.atOffset(ZoneOffset.UTC));
          ps.executeUpdate();
          try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            id = keys.getLong(1);
          }
        }
        String location = locations.locationFor(draft.name(), draft.version(), id);
        try (PreparedStatement ps = connection.prepareStatement(
            "UPDATE feature_group SET location = ? WHERE id = ?")) {
          ps.setString(1, location);
          ps.setLong(2, id);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
            "INSERT INTO feature_column (group_id, ordinal, name, data_type, nullable, key_position, comment)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          int ordinal = 0;
          for (Column c : draft.columns()) {
            ps.setLong(1, id);
            ps.setInt(2, ordinal++);
            ps.setString(3, c.name());
            ps.setString(4, c.type().sql());
            ps.setBoolean(5, c.nullable());
            int kp = draft.primaryKey().indexOf(c.name());
            if (kp >= 0) {
              ps.setInt(6, kp);
            } else {
              ps.setNull(6, java.sql.Types.INTEGER);
            }
            ps.setString(7, c.comment());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        writeProperties(id, draft.properties());
        try (PreparedStatement ps = connection.prepareStatement(
            "INSERT INTO group_expectation (group_id, ordinal, name, condition) VALUES (?, ?, ?, ?)")) {
          int ordinal = 0;
          for (ExpectationDef e : draft.expectations()) {
            ps.setLong(1, id);
            ps.setInt(2, ordinal++);
            ps.setString(3, e.name());
            ps.setString(4, e.condition());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        connection.commit();
        return draft.withId(id, created, location);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new FsqlException(ErrorCode.ALREADY_EXISTS,
            "feature group " + draft.displayName() + " already exists");
      }
      throw failure("creating feature group " + draft.displayName(), e);
    }
  }

  private void writeProperties(long id, Map<String, String> properties) throws SQLException {
    try (PreparedStatement del = connection.prepareStatement("DELETE FROM group_property WHERE group_id = ?")) {
      del.setLong(1, id);
      del.executeUpdate();
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO group_property (group_id, prop_key, prop_value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> p : properties.entrySet()) {
        ps.setLong(1, id);
        ps.setString(2, p.getKey());
        ps.setString(3, p.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public synchronized boolean dropGroup(long id) {
    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM feature_group WHERE id = ?")) {
      ps.setLong(1, id);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw failure("dropping feature group " + id, e);
    }
  }

  @Override
  public synchronized FeatureGroup updateGroup(FeatureGroup group) {
    try {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement ps = connection.prepareStatement(
            "UPDATE feature_group SET description = ? WHERE id = ?")) {
          ps.setString(1, group.description());
          ps.setLong(2, group.id());
          if (ps.executeUpdate() == 0) {
            throw new FsqlException(ErrorCode.UNKNOWN_OBJECT,
                "feature group " + group.displayName() + " does not exist");
          }
        }
        writeProperties(group.id(), group.properties());
        connection.commit();
        return group;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("updating feature group " + group.displayName(), e);
    }
  }

  private static FsqlException failure(String doing, SQLException e) {
    return new FsqlException(ErrorCode.IO_ERROR, "catalog error while " + doing + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    try {
      if (!connection.isClosed()) {
        try (Statement s = connection.createStatement()) {
          s.execute("SHUTDOWN");
        } catch (SQLException ignored) {
          // already shut down
        }
        connection.close();
      }
    } catch (SQLException e) {
      throw failure("closing", e);
    }
  }
}
