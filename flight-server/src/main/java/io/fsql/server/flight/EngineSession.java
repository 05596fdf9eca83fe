package io.fsql.server.flight;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import io.fsql.sql.tree.Statement;
import java.util.List;

/** One client's engine {@link Session}: statements run one at a time, as the engine expects. */
final class EngineSession {
  private final String id;
  private final Session session;
  private volatile long lastUsed = System.nanoTime();

  EngineSession(String id, Session session) {
    this.id = id;
    this.session = session;
  }

  String id() {
    return id;
  }

  synchronized Statement parse(String sql) {
    touch();
    return session.parse(sql);
  }

  synchronized StatementResult execute(Statement statement, List<?> params) {
    touch();
    return session.execute(statement, params);
  }

  synchronized java.util.Optional<io.fsql.planner.engine.DatasetRead> datasetRead(Statement statement, List<?> params) {
    touch();
    return session.datasetRead(statement, params);
  }

  synchronized java.util.Optional<io.fsql.planner.catalog.TrainingDataset> trainingDataset(String name, int version) {
    touch();
    return session.trainingDataset(name, version);
  }

  synchronized List<FeatureGroup> featureGroups() {
    touch();
    return session.featureGroups();
  }

  synchronized Session session() {
    touch();
    return session;
  }

  long idleNanos() {
    return System.nanoTime() - lastUsed;
  }

  void touch() {
    lastUsed = System.nanoTime();
  }

  void close() {
    session.close();
  }
}
