package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.Property;
import io.fsql.sql.tree.SetViewLogging;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.calcite.sql.SqlLiteral;

/**
 * {@code ALTER FEATURE VIEW v SET | UNSET LOGGING}: creates the view's served-vector group on
 * first use (its columns: {@code served_id}, {@code served_at}, {@code lookup_keys}, then the
 * view's) and records in its properties whether logging is on and how it is batched. UNSET keeps
 * the log (SHOW DRIFT ... AGAINST SERVED still reads it) and writes what is buffered.
 */
final class ViewLoggingCommands {
  static final int DEFAULT_ROWS = 1000;
  static final int DEFAULT_SECONDS = 5;
  private final FsqlEngine engine;

  ViewLoggingCommands(FsqlEngine engine) {
    this.engine = engine;
  }

  /** The batching and queue of one SET LOGGING or WITH LOGGING. */
  record Batching(int rows, int seconds, int queue) {
    static Batching of(List<Property> options) {
      int rows = DEFAULT_ROWS;
      int seconds = DEFAULT_SECONDS;
      Integer queue = null;
      Property queueOption = null;
      for (Property p : options) {
        switch (p.key().toLowerCase(Locale.ROOT)) {
          case "batch_rows" -> rows = positive(p, 1_000_000);
          case "batch_seconds" -> seconds = positive(p, 86_400);
          case "queue_rows" -> {
            queue = positive(p, 10_000_000);
            queueOption = p;
          }
          default -> throw bad(p, "unknown LOGGING option '" + p.key()
              + "' (batch_rows, batch_seconds and queue_rows are known)");
        }
      }
      if (queue != null && queue < rows) {
        throw bad(queueOption, "queue_rows (" + queue + ") must be at least batch_rows (" + rows + ")");
      }
      return new Batching(rows, seconds, queue == null ? Math.max(ServedLogs.DEFAULT_QUEUE_ROWS, rows) : queue);
    }
  }

  StatementResult alter(SetViewLogging alter) {
    Batching batching = Batching.of(alter.options());
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      FeatureView view = engine.catalog().findView(alter.view().name(), alter.view().version())
          .orElseThrow(() -> {
            NodeLocation at = alter.view().location();
            return new FsqlException(ErrorCode.UNKNOWN_OBJECT, "feature view '" + alter.view().name()
                + "' does not exist (SHOW FEATURE VIEWS lists them)", at.line(), at.column());
          });
      Optional<FeatureGroup> existing = ServedLogs.findLog(engine, view);
      if (!alter.enabled()) {
        if (existing.isEmpty() || !"on".equals(existing.get().properties().get(ServedLogs.LOGGING))) {
          return StatementResult.update(0, "feature view " + view.displayName() + " does not log its served vectors");
        }
        engine.servedLogger().flush();
        Map<String, String> props = new LinkedHashMap<>(existing.get().properties());
        props.put(ServedLogs.LOGGING, "off");
        engine.catalog().updateGroup(existing.get().withProperties(props, existing.get().description()));
        return StatementResult.update(0, "feature view " + view.displayName()
            + " stops logging its served vectors; feature group " + existing.get().displayName() + " keeps them");
      }
      return StatementResult.update(0, enable(view, batching, alter.view().location()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts logging {@code view}'s served vectors (creating its log group on first use), under the
   * catalog lock; returns what to tell the user.
   */
  String enable(FeatureView view, Batching batching, NodeLocation at) {
    Optional<FeatureGroup> existing = ServedLogs.findLog(engine, view);
    if (existing.isPresent() && !view.name().equals(existing.get().properties().get(ServedLogs.VIEW))) {
      throw nameTaken(view, at);  // a group of the user's, not a log: never written to
    }
    FeatureGroup log = existing.orElseGet(() -> createLog(view, at));
    Map<String, String> props = new LinkedHashMap<>(log.properties());
    props.put(ServedLogs.VIEW, view.name());
    props.put(ServedLogs.LOGGING, "on");
    props.put(ServedLogs.BATCH_ROWS, Integer.toString(batching.rows()));
    props.put(ServedLogs.BATCH_SECONDS, Integer.toString(batching.seconds()));
    props.put(ServedLogs.QUEUE_ROWS, Integer.toString(batching.queue()));
    engine.catalog().updateGroup(log.withProperties(props, log.description()));
    int seconds = batching.seconds();
    return "feature view " + view.displayName() + " logs the vectors its online lookups"
        + " return into feature group " + log.displayName() + ", one commit per " + batching.rows() + " rows or "
        + seconds + (seconds == 1 ? " second" : " seconds");
  }

  private FeatureGroup createLog(FeatureView view, NodeLocation at) {
    String name = ServedLogs.logName(view);
    if (engine.catalog().findGroup(name, java.util.OptionalInt.empty()).isPresent()
        || engine.catalog().findView(name, java.util.OptionalInt.empty()).isPresent()
        || engine.catalog().findDataset(name, java.util.OptionalInt.empty()).isPresent()) {
      throw nameTaken(view, at);
    }
    List<ResultColumn> columns = engine.planner().planQuery(engine.parser().parseQuery(
        "SELECT * FROM \"" + view.name() + "\" VERSION " + view.version()), List.of()).columns();
    StringBuilder ddl = new StringBuilder("CREATE FEATURE GROUP \"").append(name).append("\" VERSION ")
        .append(view.version()).append(" (").append(ServedLogs.SERVED_ID).append(" BIGINT NOT NULL, ")
        .append(ServedLogs.SERVED_AT).append(" TIMESTAMP NOT NULL, ").append(ServedLogs.LOOKUP_KEYS).append(" VARCHAR");
    Set<String> reserved = Set.of(ServedLogs.SERVED_ID, ServedLogs.SERVED_AT, ServedLogs.LOOKUP_KEYS);
    for (ResultColumn c : columns) {
      if (reserved.contains(c.name())) {
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "feature view " + view.displayName() + " has a column "
            + c.name() + ", a name its served-vector log uses for itself; rename it in the view", at.line(), at.column());
      }
      ddl.append(", \"").append(c.name().replace("\"", "\"\"")).append("\" ").append(c.type().sql());
    }
    ddl.append(") PRIMARY KEY (").append(ServedLogs.SERVED_ID).append(") EVENT TIME ").append(ServedLogs.SERVED_AT)
        .append(" COMMENT 'vectors served by online lookups of feature view ").append(view.displayName()).append('\'');
    new CatalogCommands(engine).create((io.fsql.sql.tree.CreateFeatureGroup) engine.parser().parseStatement(ddl.toString()));
    return ServedLogs.findLog(engine, view).orElseThrow();
  }

  private static FsqlException nameTaken(FeatureView view, NodeLocation at) {
    String name = ServedLogs.logName(view);
    return new FsqlException(ErrorCode.INVALID_ARGUMENT, "the served-vector log of " + view.displayName()
        + " would be feature group " + name + " version " + view.version() + ", but the name " + name
        + " is taken by another object", at.line(), at.column());
  }

  private static int positive(Property p, int max) {
    if (p.value() instanceof SqlLiteral l && l.getValue() instanceof BigDecimal) {
      BigDecimal v = l.getValueAs(BigDecimal.class);
      if (v.signum() > 0 && v.stripTrailingZeros().scale() <= 0 && v.compareTo(BigDecimal.valueOf(max)) <= 0) {
        return v.intValueExact();
      }
    }
    return throwBad(p, p.key() + " must be an integer from 1 to " + max);
  }

  private static int throwBad(Property p, String message) {
    throw bad(p, message);
  }

  private static FsqlException bad(Property p, String message) {
    return new FsqlException(ErrorCode.INVALID_ARGUMENT, message, p.location().line(), p.location().column());
  }
}
