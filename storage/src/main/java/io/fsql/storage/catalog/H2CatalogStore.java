package io.fsql.storage.catalog;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.CatalogKind;
import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.catalog.LineageEdge;
import io.fsql.planner.catalog.ObjectRef;
import io.fsql.planner.catalog.ObjectTag;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.ExpectationDef;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.catalog.TrainingDataset;
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

  /** A piece of catalog work that uses the connection. */
  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
  private <T> T transaction(Work<T> work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run();
      io.fsql.planner.engine.CrashPoints.reach(io.fsql.planner.engine.CrashPoints.CATALOG_BEFORE_COMMIT);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** The statement that selects one version of a named object, or its latest version. */
  private PreparedStatement selectVersion(String table, String name, OptionalInt version) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(version.isPresent()
        ? "SELECT * FROM " + table + " WHERE name = ? AND version = ?"
        : "SELECT * FROM " + table + " WHERE name = ? ORDER BY version DESC LIMIT 1");
    ps.setString(1, name);
    if (version.isPresent()) {
      ps.setInt(2, version.getAsInt());
    }
    return ps;
  }

  private static <T> Optional<T> first(List<T> list) {
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  @Override
  public synchronized Optional<FeatureGroup> findGroup(String name, OptionalInt version) {
    try (PreparedStatement ps = selectVersion("feature_group", name, version)) {
      return first(readGroups(ps));
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
        "SELECT name, condition, policy FROM group_expectation WHERE group_id = ? ORDER BY ordinal")) {
      ps.setLong(1, g.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          expectations.add(new ExpectationDef(rs.getString(1), rs.getString(2),
              io.fsql.sql.tree.ViolationPolicy.valueOf(rs.getString(3))));
        }
      }
    }
    return new FeatureGroup(g.id(), g.name(), g.version(), columns, new ArrayList<>(key.values()),
        g.eventTime(), g.online(), g.description(), props, expectations, g.createdAt(), g.location());
  }

  @Override
  public synchronized FeatureGroup createGroup(FeatureGroup draft, LocationAllocator locations) {
    try {
      return transaction(() -> {
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
        insertColumns(id, draft);
        writeProperties(id, draft.properties());
        writeExpectations(id, draft.expectations());
        return draft.withId(id, created, location);
      });
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new FsqlException(ErrorCode.ALREADY_EXISTS,
            "feature group " + draft.displayName() + " already exists");
      }
      throw failure("creating feature group " + draft.displayName(), e);
    }
  }

  private void insertColumns(long id, FeatureGroup group) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO feature_column (group_id, ordinal, name, data_type, nullable, key_position, comment)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int ordinal = 0;
      for (Column c : group.columns()) {
        ps.setLong(1, id);
        ps.setInt(2, ordinal++);
        ps.setString(3, c.name());
        ps.setString(4, c.type().sql());
        ps.setBoolean(5, c.nullable());
        int kp = group.primaryKey().indexOf(c.name());
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
  }

  private void writeExpectations(long id, List<ExpectationDef> expectations) throws SQLException {
    try (PreparedStatement del = connection.prepareStatement("DELETE FROM group_expectation WHERE group_id = ?")) {
      del.setLong(1, id);
      del.executeUpdate();
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO group_expectation (group_id, ordinal, name, condition, policy) VALUES (?, ?, ?, ?, ?)")) {
      int ordinal = 0;
      for (ExpectationDef e : expectations) {
        ps.setLong(1, id);
        ps.setInt(2, ordinal++);
        ps.setString(3, e.name());
        ps.setString(4, e.rule());
        ps.setString(5, e.policy().name());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public synchronized FeatureGroup replaceExpectations(FeatureGroup group) {
    try {
      return transaction(() -> {
        writeExpectations(group.id(), group.expectations());
        return group;
      });
    } catch (SQLException e) {
      throw failure("changing the expectations of " + group.displayName(), e);
    }
  }

  @Override
  public synchronized long recordValidations(long groupId, List<io.fsql.planner.catalog.ValidationReport> reports) {
    try {
      return transaction(() -> ValidationReports.insert(connection, groupId, reports));
    } catch (SQLException e) {
      throw failure("recording a validation report", e);
    }
  }

  @Override
  public synchronized List<io.fsql.planner.catalog.ValidationReport> listValidations(java.util.OptionalLong groupId) {
    try {
      return ValidationReports.list(connection, groupId);
    } catch (SQLException e) {
      throw failure("reading validation reports", e);
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
    try {
      return transaction(() -> {
        forget(CatalogKind.GROUP, id);
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM feature_group WHERE id = ?")) {
          ps.setLong(1, id);
          return ps.executeUpdate() > 0;
        }
      });
    } catch (SQLException e) {
      throw failure("dropping feature group " + id, e);
    }
  }

  @Override
  public synchronized FeatureGroup updateGroup(FeatureGroup group) {
    try {
      return transaction(() -> {
        try (PreparedStatement ps = connection.prepareStatement(
            "UPDATE feature_group SET description = ?, online = ? WHERE id = ?")) {
          ps.setString(1, group.description());
          ps.setBoolean(2, group.online());
          ps.setLong(3, group.id());
          if (ps.executeUpdate() == 0) {
            throw new FsqlException(ErrorCode.UNKNOWN_OBJECT,
                "feature group " + group.displayName() + " does not exist");
          }
        }
        writeProperties(group.id(), group.properties());
        return group;
      });
    } catch (SQLException e) {
      throw failure("updating feature group " + group.displayName(), e);
    }
  }

  // ------------------------------------------------------------------ feature views

  @Override
  public synchronized Optional<FeatureView> findView(String name, OptionalInt version) {
    try (PreparedStatement ps = selectVersion("feature_view", name, version)) {
      return first(readViews(ps));
    } catch (SQLException e) {
      throw failure("reading feature view " + name, e);
    }
  }

  @Override
  public synchronized List<FeatureView> listViews() {
    try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM feature_view ORDER BY name, version")) {
      return readViews(ps);
    } catch (SQLException e) {
      throw failure("listing feature views", e);
    }
  }

  private static List<FeatureView> readViews(PreparedStatement ps) throws SQLException {
    List<FeatureView> views = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        views.add(new FeatureView(rs.getLong("id"), rs.getString("name"), rs.getInt("version"),
            rs.getString("description"), rs.getString("query_text"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant()));
      }
    }
    return views;
  }

  @Override
  public synchronized FeatureView createView(FeatureView draft) {
    Instant created = Instant.now();
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO feature_view (name, version, description, query_text, created_at) VALUES (?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, draft.name());
      ps.setInt(2, draft.version());
      ps.setString(3, draft.description());
      ps.setString(4, draft.queryText());
      ps.setObject(5, created.atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return draft.withId(keys.getLong(1), created);
      }
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new FsqlException(ErrorCode.ALREADY_EXISTS, "feature view " + draft.displayName() + " already exists");
      }
      throw failure("creating feature view " + draft.displayName(), e);
    }
  }

  @Override
  public synchronized boolean dropView(long id) {
    try {
      return transaction(() -> {
        forget(CatalogKind.VIEW, id);
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM feature_view WHERE id = ?")) {
          ps.setLong(1, id);
          return ps.executeUpdate() > 0;
        }
      });
    } catch (SQLException e) {
      throw failure("dropping feature view " + id, e);
    }
  }

  // ------------------------------------------------------------------ training datasets

  @Override
  public synchronized Optional<TrainingDataset> findDataset(String name, OptionalInt version) {
    try (PreparedStatement ps = selectVersion("training_dataset", name, version)) {
      return first(readDatasets(ps));
    } catch (SQLException e) {
      throw failure("reading training dataset " + name, e);
    }
  }

  @Override
  public synchronized List<TrainingDataset> listDatasets() {
    try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM training_dataset ORDER BY name, version")) {
      return readDatasets(ps);
    } catch (SQLException e) {
      throw failure("listing training datasets", e);
    }
  }

  private List<TrainingDataset> readDatasets(PreparedStatement ps) throws SQLException {
    List<TrainingDataset> heads = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long seed = rs.getLong("split_seed");
        Long seedValue = rs.wasNull() ? null : seed;
        heads.add(new TrainingDataset(rs.getLong("id"), rs.getString("name"), rs.getInt("version"),
            rs.getString("description"), rs.getString("query_text"), rs.getString("statement_text"),
            rs.getString("format"), rs.getString("location"), List.of(),
            new TrainingDataset.Split(rs.getString("split_kind"), seedValue, rs.getString("split_column")),
            List.of(), List.of(), rs.getObject("created_at", OffsetDateTime.class).toInstant()));
      }
    }
    List<TrainingDataset> out = new ArrayList<>();
    for (TrainingDataset d : heads) {
      List<Column> columns = new ArrayList<>();
      try (PreparedStatement q = connection.prepareStatement(
          "SELECT name, data_type, nullable FROM training_dataset_column WHERE dataset_id = ? ORDER BY ordinal")) {
        q.setLong(1, d.id());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            columns.add(new Column(rs.getString(1), ColumnType.parse(rs.getString(2)), rs.getBoolean(3), null));
          }
        }
      }
      List<TrainingDataset.SplitPart> parts = readParts(d.id());
      List<TrainingDataset.GroupCommit> commits = new ArrayList<>();
      try (PreparedStatement q = connection.prepareStatement(
          "SELECT group_id, group_name, group_version, commit_id FROM training_dataset_commit"
              + " WHERE dataset_id = ? ORDER BY group_name, group_version")) {
        q.setLong(1, d.id());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            commits.add(new TrainingDataset.GroupCommit(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
          }
        }
      }
      out.add(new TrainingDataset(d.id(), d.name(), d.version(), d.description(), d.queryText(),
          d.statementText(), d.format(), d.location(), columns, d.split(), parts, commits, d.createdAt()));
    }
    return out;
  }

  private List<TrainingDataset.SplitPart> readParts(long id) throws SQLException {
    List<TrainingDataset.SplitPart> parts = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT name, fraction, range_from, range_to, directory, row_count FROM training_dataset_split"
            + " WHERE dataset_id = ? ORDER BY ordinal")) {
      q.setLong(1, id);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          double f = rs.getDouble(2);
          Double fraction = rs.wasNull() ? null : f;
          parts.add(new TrainingDataset.SplitPart(rs.getString(1), fraction, rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getLong(6)));
        }
      }
    }
    return parts;
  }

  @Override
  public synchronized TrainingDataset createDataset(TrainingDataset d) {
    try {
      return transaction(() -> {
        Instant created = Instant.now();
        long id;
        try (PreparedStatement ps = connection.prepareStatement(
            "INSERT INTO training_dataset (name, version, description, query_text, statement_text, format,"
                + " location, split_kind, split_seed, split_column, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
          ps.setString(1, d.name());
          ps.setInt(2, d.version());
          ps.setString(3, d.description());
          ps.setString(4, d.queryText());
          ps.setString(5, d.statementText());
          ps.setString(6, d.format());
          ps.setString(7, d.location());
          ps.setString(8, d.split().kind());
          if (d.split().seed() == null) {
            ps.setNull(9, java.sql.Types.BIGINT);
          } else {
            ps.setLong(9, d.split().seed());
          }
          ps.setString(10, d.split().column());
          ps.setObject(11, created.atOffset(ZoneOffset.UTC));
          ps.executeUpdate();
          try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            id = keys.getLong(1);
          }
        }
        try (PreparedStatement ps = connection.prepareStatement(
            "INSERT INTO training_dataset_column (dataset_id, ordinal, name, data_type, nullable) VALUES (?, ?, ?, ?, ?)")) {
          int i = 0;
          for (Column c : d.columns()) {
            ps.setLong(1, id);
            ps.setInt(2, i++);
            ps.setString(3, c.name());
            ps.setString(4, c.type().sql());
            ps.setBoolean(5, c.nullable());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        writeParts(id, d.parts());
        try (PreparedStatement ps = connection.prepareStatement(
            "INSERT INTO training_dataset_commit (dataset_id, group_id, group_name, group_version, commit_id)"
                + " VALUES (?, ?, ?, ?, ?)")) {
          for (TrainingDataset.GroupCommit c : d.commits()) {
            ps.setLong(1, id);
            ps.setLong(2, c.groupId());
            ps.setString(3, c.groupName());
            ps.setInt(4, c.groupVersion());
            ps.setString(5, c.commitId());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        return d.withIdentity(id, created, d.location(), d.parts());
      });
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new FsqlException(ErrorCode.ALREADY_EXISTS, "training dataset " + d.displayName() + " already exists");
      }
      throw failure("creating training dataset " + d.displayName(), e);
    }
  }

  private void writeParts(long id, List<TrainingDataset.SplitPart> parts) throws SQLException {
    try (PreparedStatement del = connection.prepareStatement("DELETE FROM training_dataset_split WHERE dataset_id = ?")) {
      del.setLong(1, id);
      del.executeUpdate();
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO training_dataset_split (dataset_id, ordinal, name, fraction, range_from, range_to, directory,"
            + " row_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = 0;
      for (TrainingDataset.SplitPart p : parts) {
        ps.setLong(1, id);
        ps.setInt(2, i++);
        ps.setString(3, p.name());
        if (p.fraction() == null) {
          ps.setNull(4, java.sql.Types.DOUBLE);
        } else {
          ps.setDouble(4, p.fraction());
        }
        ps.setString(5, p.from());
        ps.setString(6, p.to());
        ps.setString(7, p.directory());
        ps.setLong(8, p.rows());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public synchronized TrainingDataset replaceDatasetFiles(long id, String location, List<TrainingDataset.SplitPart> parts) {
    try {
      transaction(() -> {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE training_dataset SET location = ? WHERE id = ?")) {
          ps.setString(1, location);
          ps.setLong(2, id);
          if (ps.executeUpdate() == 0) {
            throw new FsqlException(ErrorCode.UNKNOWN_OBJECT, "training dataset " + id + " does not exist");
          }
        }
        writeParts(id, parts);
        return null;
      });
      try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM training_dataset WHERE id = ?")) {
        ps.setLong(1, id);
        return readDatasets(ps).get(0);
      }
    } catch (SQLException e) {
      throw failure("updating training dataset " + id, e);
    }
  }

  @Override
  public synchronized boolean dropDataset(long id) {
    try {
      return transaction(() -> {
        forget(CatalogKind.DATASET, id);
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM training_dataset WHERE id = ?")) {
          ps.setLong(1, id);
          return ps.executeUpdate() > 0;
        }
      });
    } catch (SQLException e) {
      throw failure("dropping training dataset " + id, e);
    }
  }

  /** Removes the tags of an object, the reads it made and its statistics. */
  private void forget(CatalogKind kind, long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "DELETE FROM column_statistics WHERE object_kind = ? AND object_id = ?")) {
      ps.setString(1, kind.name());
      ps.setLong(2, id);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "DELETE FROM object_tag WHERE object_kind = ? AND object_id = ?")) {
      ps.setString(1, kind.name());
      ps.setLong(2, id);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "DELETE FROM lineage_edge WHERE reader_kind = ? AND reader_id = ?")) {
      ps.setString(1, kind.name());
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  // ------------------------------------------------------------------ schema evolution

  @Override
  public synchronized FeatureGroup replaceColumns(FeatureGroup group) {
    try {
      return transaction(() -> {
        try (PreparedStatement del = connection.prepareStatement(
            "DELETE FROM feature_column WHERE group_id = ?")) {
          del.setLong(1, group.id());
          if (del.executeUpdate() == 0) {
            throw new FsqlException(ErrorCode.UNKNOWN_OBJECT,
                "feature group " + group.displayName() + " does not exist");
          }
        }
        insertColumns(group.id(), group);
        return group;
      });
    } catch (SQLException e) {
      throw failure("changing the columns of feature group " + group.displayName(), e);
    }
  }

  // ------------------------------------------------------------------ tags

  @Override
  public synchronized List<ObjectTag> listTags() {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT object_kind, object_id, column_name, tag_name, tag_value FROM object_tag"
            + " ORDER BY object_kind, object_id, column_name, tag_name");
        ResultSet rs = ps.executeQuery()) {
      List<ObjectTag> tags = new ArrayList<>();
      while (rs.next()) {
        tags.add(new ObjectTag(CatalogKind.valueOf(rs.getString(1)), rs.getLong(2), rs.getString(3),
            rs.getString(4), rs.getString(5)));
      }
      return tags;
    } catch (SQLException e) {
      throw failure("listing tags", e);
    }
  }

  @Override
  public synchronized void setTags(CatalogKind kind, long objectId, String column, Map<String, String> tags) {
    try {
      transaction(() -> {
        try (PreparedStatement ps = connection.prepareStatement(
            "MERGE INTO object_tag (object_kind, object_id, column_name, tag_name, tag_value)"
                + " KEY (object_kind, object_id, column_name, tag_name) VALUES (?, ?, ?, ?, ?)")) {
          for (Map.Entry<String, String> t : tags.entrySet()) {
            ps.setString(1, kind.name());
            ps.setLong(2, objectId);
            ps.setString(3, column);
            ps.setString(4, t.getKey());
            ps.setString(5, t.getValue());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        return null;
      });
    } catch (SQLException e) {
      throw failure("setting tags", e);
    }
  }

  @Override
  public synchronized void unsetTags(CatalogKind kind, long objectId, String column,
      java.util.Collection<String> names) {
    try {
      transaction(() -> {
        try (PreparedStatement ps = connection.prepareStatement(
            "DELETE FROM object_tag WHERE object_kind = ? AND object_id = ? AND column_name = ?"
                + " AND tag_name = ?")) {
          for (String name : names) {
            ps.setString(1, kind.name());
            ps.setLong(2, objectId);
            ps.setString(3, column);
            ps.setString(4, name);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        return null;
      });
    } catch (SQLException e) {
      throw failure("removing tags", e);
    }
  }

  // ------------------------------------------------------------------ lineage

  @Override
  public synchronized void recordSources(ObjectRef reader, List<ObjectRef> sources) {
    try {
      transaction(() -> {
        try (PreparedStatement del = connection.prepareStatement(
            "DELETE FROM lineage_edge WHERE reader_kind = ? AND reader_id = ?")) {
          del.setString(1, reader.kind().name());
          del.setLong(2, reader.id());
          del.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
            "MERGE INTO lineage_edge (reader_kind, reader_id, reader_name, reader_version,"
                + " source_kind, source_id, source_name, source_version)"
                + " KEY (reader_kind, reader_id, source_kind, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (ObjectRef source : sources) {
            ps.setString(1, reader.kind().name());
            ps.setLong(2, reader.id());
            ps.setString(3, reader.name());
            ps.setInt(4, reader.version());
            ps.setString(5, source.kind().name());
            ps.setLong(6, source.id());
            ps.setString(7, source.name());
            ps.setInt(8, source.version());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        return null;
      });
    } catch (SQLException e) {
      throw failure("recording what " + reader.displayName() + " read", e);
    }
  }

  @Override
  public synchronized List<LineageEdge> listLineage() {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT * FROM lineage_edge ORDER BY reader_kind, reader_name, reader_version, source_kind,"
            + " source_name, source_version");
        ResultSet rs = ps.executeQuery()) {
      List<LineageEdge> edges = new ArrayList<>();
      while (rs.next()) {
        edges.add(new LineageEdge(
            new ObjectRef(CatalogKind.valueOf(rs.getString("reader_kind")), rs.getLong("reader_id"),
                rs.getString("reader_name"), rs.getInt("reader_version")),
            new ObjectRef(CatalogKind.valueOf(rs.getString("source_kind")), rs.getLong("source_id"),
                rs.getString("source_name"), rs.getInt("source_version"))));
      }
      return edges;
    } catch (SQLException e) {
      throw failure("listing lineage", e);
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
  // ------------------------------------------------------------------ statistics

  @Override
  public synchronized void saveStatistics(io.fsql.planner.stats.StatisticsSet set) {
    try {
      transaction(() -> {
        try (PreparedStatement del = connection.prepareStatement("DELETE FROM column_statistics"
            + " WHERE object_kind = ? AND object_id = ? AND part = ? AND scope = ?")) {
          del.setString(1, set.kind().name());
          del.setLong(2, set.objectId());
          del.setString(3, set.part());
          del.setString(4, set.scope());
          del.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO column_statistics (object_kind,"
            + " object_id, part, scope, ordinal, computed_at, column_name, column_type, row_count, null_count,"
            + " distinct_approx, min_value, max_value, mean_value, stddev_value, quantiles, histogram, top_values,"
            + " drift_profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          int ordinal = 0;
          for (io.fsql.planner.stats.ColumnStatistics c : set.columns()) {
            ps.setString(1, set.kind().name());
            ps.setLong(2, set.objectId());
            ps.setString(3, set.part());
            ps.setString(4, set.scope());
            ps.setInt(5, ordinal++);
            ps.setObject(6, set.computedAt().atOffset(ZoneOffset.UTC));
            ps.setString(7, c.column());
            ps.setString(8, c.type());
            ps.setLong(9, c.count());
            ps.setLong(10, c.nulls());
            ps.setObject(11, c.distinctApprox());
            ps.setString(12, c.min());
            ps.setString(13, c.max());
            ps.setObject(14, c.mean());
            ps.setObject(15, c.stddev());
            ps.setString(16, c.quantiles());
            ps.setString(17, c.histogram());
            ps.setString(18, c.topValues());
            ps.setString(19, c.driftProfile());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        return null;
      });
    } catch (SQLException e) {
      throw failure("storing statistics", e);
    }
  }

  @Override
  public synchronized List<io.fsql.planner.stats.StatisticsSet> listStatistics(CatalogKind kind, long objectId) {
    String where = kind == null ? "" : " WHERE object_kind = ? AND object_id = ?";
    try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM column_statistics" + where
        + " ORDER BY object_kind, object_id, computed_at, part, scope, ordinal")) {
      if (kind != null) {
        ps.setString(1, kind.name());
        ps.setLong(2, objectId);
      }
      List<io.fsql.planner.stats.StatisticsSet> sets = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        String key = null;
        List<io.fsql.planner.stats.ColumnStatistics> columns = null;
        while (rs.next()) {
          String k = rs.getString("object_kind") + "/" + rs.getLong("object_id") + "/" + rs.getString("part")
              + "/" + rs.getString("scope");
          if (!k.equals(key)) {
            key = k;
            columns = new ArrayList<>();
            sets.add(new io.fsql.planner.stats.StatisticsSet(CatalogKind.valueOf(rs.getString("object_kind")),
                rs.getLong("object_id"), rs.getString("part"), rs.getString("scope"),
                rs.getObject("computed_at", OffsetDateTime.class).toInstant(), List.of()));
          }
          columns.add(new io.fsql.planner.stats.ColumnStatistics(rs.getString("column_name"),
              rs.getString("column_type"), rs.getLong("row_count"), rs.getLong("null_count"),
              rs.getObject("distinct_approx", Long.class), rs.getString("min_value"), rs.getString("max_value"),
              rs.getObject("mean_value", Double.class), rs.getObject("stddev_value", Double.class),
              rs.getString("quantiles"), rs.getString("histogram"), rs.getString("top_values"),
              rs.getString("drift_profile")));
          io.fsql.planner.stats.StatisticsSet last = sets.get(sets.size() - 1);
          sets.set(sets.size() - 1, new io.fsql.planner.stats.StatisticsSet(last.kind(), last.objectId(),
              last.part(), last.scope(), last.computedAt(), columns));
        }
      }
      return sets;
    } catch (SQLException e) {
      throw failure("reading statistics", e);
    }
  }
}
