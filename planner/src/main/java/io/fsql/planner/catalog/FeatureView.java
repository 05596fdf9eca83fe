package io.fsql.planner.catalog;

import java.time.Instant;

/**
 * A feature view: a named, versioned query over feature groups (point-in-time joined to a spine)
 * plus label columns. It is read like a table; {@code FOR SPINE (...)} replaces its spine and
 * {@code FOR EVENT TIME FROM a TO b} restricts its spine's event times.
 */
public record FeatureView(long id, String name, int version, String description, String queryText,
    Instant createdAt) {

  public String displayName() {
    return name + " v" + version;
  }

  public FeatureView withId(long newId, Instant created) {
    return new FeatureView(newId, name, version, description, queryText, created);
  }
}
