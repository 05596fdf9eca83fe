package io.fsql.planner.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A feature group as the catalog knows it: name and version, typed columns, primary key, optional
 * event time, online flag, description, properties, expectations, and where its offline table lives.
 */
public record FeatureGroup(
    long id,
    String name,
    int version,
    List<Column> columns,
    List<String> primaryKey,
    Optional<String> eventTime,
    boolean online,
    String description,
    Map<String, String> properties,
    List<ExpectationDef> expectations,
    Instant createdAt,
    String location) {

  public FeatureGroup {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    properties = Map.copyOf(properties);
    expectations = List.copyOf(expectations);
  }

  /** The columns that identify an offline row: the primary key, then the event time if any. */
  public List<String> recordKey() {
    List<String> key = new ArrayList<>(primaryKey);
    eventTime.ifPresent(key::add);
    return key;
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** {@code name v<version>}, as shown in messages. */
  public String displayName() {
    return name + " v" + version;
  }

  public FeatureGroup withId(long newId, Instant created, String newLocation) {
    return new FeatureGroup(newId, name, version, columns, primaryKey, eventTime, online,
        description, properties, expectations, created, newLocation);
  }

  public FeatureGroup withOnline(boolean newOnline) {
    return new FeatureGroup(id, name, version, columns, primaryKey, eventTime, newOnline,
        description, properties, expectations, createdAt, location);
  }

  public FeatureGroup withExpectations(List<ExpectationDef> newExpectations) {
    return new FeatureGroup(id, name, version, columns, primaryKey, eventTime, online,
        description, properties, newExpectations, createdAt, location);
  }

  public FeatureGroup withProperties(Map<String, String> newProperties, String newDescription) {
    return new FeatureGroup(id, name, version, columns, primaryKey, eventTime, online,
        newDescription, newProperties, expectations, createdAt, location);
  }
}
