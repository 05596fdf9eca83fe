package io.fsql.server.flight;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.engine.Session;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The catalog as Flight SQL metadata: feature groups are tables ({@code TABLE}), feature views
 * {@code VIEW}s, training datasets {@code TRAINING DATASET}s; the latest version of each. fsql has
 * no catalogs or schemas: objects have a null catalog and schema (as in the embedded JDBC driver),
 * and GetCatalogs / GetDbSchemas list that one unnamed catalog and schema as the empty name, which
 * the metadata filters match, so that clients that walk catalogs, then schemas, then tables (ADBC's
 * getObjects) find the objects.
 */
final class CatalogMetadata {
  static final String TABLE = "TABLE";
  static final String VIEW = "VIEW";
  static final String DATASET = "TRAINING DATASET";
  static final List<String> TABLE_TYPES = List.of(DATASET, TABLE, VIEW);

  private CatalogMetadata() {}

  /** A described object: its name, table type and (when known) its columns. */
  private record Entry(String name, String type, List<Column> columns) {}

  /** The one catalog: unnamed. */
  static List<Object[]> catalogs() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {""});
    return rows;
  }

  /** The one schema, unnamed, of the one catalog, when the command's filters allow it. */
  static List<Object[]> schemas(org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas command) {
    List<Object[]> rows = new ArrayList<>();
    if (command.hasCatalog() && !command.getCatalog().isEmpty()
        || command.hasDbSchemaFilterPattern() && !like(command.getDbSchemaFilterPattern()).matcher("").matches()) {
      return rows;
    }
    rows.add(new Object[] {"", ""});
    return rows;
  }

  static List<Object[]> tables(EngineSession es, CommandGetTables command) {
    Pattern name = like(command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null);
    List<String> types = command.getTableTypesCount() == 0 ? null : command.getTableTypesList();
    if (command.hasCatalog() && !command.getCatalog().isEmpty()
        || command.hasDbSchemaFilterPattern() && !like(command.getDbSchemaFilterPattern()).matcher("").matches()) {
      return List.of();
    }
    Session session = es.session();
    List<Entry> entries = new ArrayList<>();
    synchronized (es) {
      for (FeatureGroup g : latest(session.featureGroups(), FeatureGroup::name, FeatureGroup::version).values()) {
        entries.add(new Entry(g.name(), TABLE, g.columns()));
      }
      for (TrainingDataset d : latest(session.trainingDatasets(), TrainingDataset::name, TrainingDataset::version).values()) {
        entries.add(new Entry(d.name(), DATASET, d.columns()));
      }
      for (FeatureView v : latest(session.featureViews(), FeatureView::name, FeatureView::version).values()) {
        entries.add(new Entry(v.name(), VIEW, null));
      }
    }
    entries.sort((a, b) -> a.type().equals(b.type()) ? a.name().compareTo(b.name()) : a.type().compareTo(b.type()));
    List<Object[]> rows = new ArrayList<>();
    for (Entry e : entries) {
      if (!name.matcher(e.name()).matches() || types != null && !types.contains(e.type())) {
        continue;
      }
      if (command.getIncludeSchema()) {
        List<Column> columns = e.columns() != null ? e.columns() : viewColumns(es, e.name());
        rows.add(new Object[] {null, null, e.name(), e.type(), serialize(ArrowTypes.tableSchema(e.name(), columns))});
      } else {
        rows.add(new Object[] {null, null, e.name(), e.type()});
      }
    }
    return rows;
  }

  /** A view's columns: the shape of {@code SELECT * FROM view} (planned, not run to completion). */
  private static List<Column> viewColumns(EngineSession es, String view) {
    List<Column> columns = new ArrayList<>();
    try {
      io.fsql.planner.engine.StatementResult r =
          es.execute(es.parse("SELECT * FROM " + view + " LIMIT 0"), List.of());
      try (QueryResult rows = r.rows()) {
        for (ResultColumn c : rows.columns()) {
          columns.add(new Column(c.name(), c.type(), c.nullable(), null));
        }
      }
    } catch (RuntimeException e) {
      // A view that no longer plans (a dropped group) has no columns to show.
    }
    return columns;
  }

  static List<Object[]> primaryKeys(EngineSession es, CommandGetPrimaryKeys command) {
    List<Object[]> rows = new ArrayList<>();
    if (command.hasCatalog() && !command.getCatalog().isEmpty()
        || command.hasDbSchema() && !command.getDbSchema().isEmpty()) {
      return rows;
    }
    FeatureGroup g = latest(es.featureGroups(), FeatureGroup::name, FeatureGroup::version).get(command.getTable());
    if (g == null) {
      return rows;
    }
    int seq = 1;
    for (String k : g.primaryKey()) {
      rows.add(new Object[] {null, null, g.name(), k, seq++, "pk_" + g.name()});
    }
    return rows;
  }

  static List<Object[]> tableTypes() {
    List<Object[]> rows = new ArrayList<>();
    for (String t : TABLE_TYPES) {
      rows.add(new Object[] {t});
    }
    return rows;
  }

  /** GetXdbcTypeInfo: one row per fsql type, optionally only those of one JDBC type. */
  static List<Object[]> typeInfo(CommandGetXdbcTypeInfo command) {
    List<Object[]> rows = new ArrayList<>();
    for (DataType.Kind kind : DataType.Kind.values()) {
      ColumnType t = kind == DataType.Kind.DECIMAL ? ColumnType.decimal(38, 0) : ColumnType.of(kind);
      int jdbc = ArrowTypes.jdbcType(t);
      if (command.hasDataType() && command.getDataType() != jdbc) {
        continue;
      }
      boolean text = kind == DataType.Kind.VARCHAR;
      boolean numeric = switch (kind) {
        case INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> true;
        default -> false;
      };
      String prefix = switch (kind) {
        case VARCHAR -> "'";
        case DATE -> "DATE '";
        case TIMESTAMP -> "TIMESTAMP '";
        default -> null;
      };
      String suffix = text || kind == DataType.Kind.DATE || kind == DataType.Kind.TIMESTAMP ? "'" : null;
      Integer size = ArrowTypes.columnSize(t);
      rows.add(new Object[] {
          kind.name(), jdbc, size, prefix, suffix, null,
          DatabaseMetaData.typeNullable, text, DatabaseMetaData.typeSearchable,
          numeric ? Boolean.FALSE : null, kind == DataType.Kind.DECIMAL, numeric ? Boolean.FALSE : null,
          kind.name(),
          scale(kind, 0), scale(kind, 38), jdbc, null, numeric ? Integer.valueOf(10) : null, null});
    }
    rows.sort((a, b) -> Integer.compare((Integer) a[1], (Integer) b[1]));
    return rows;
  }

  /** Minimum / maximum scale: {@code decimal} for DECIMAL, 6 for TIMESTAMP, else none. */
  private static Integer scale(DataType.Kind kind, int decimal) {
    if (kind == DataType.Kind.DECIMAL) {
      return decimal;
    }
    return kind == DataType.Kind.TIMESTAMP ? Integer.valueOf(6) : null;
  }

  private static <T> Map<String, T> latest(List<T> all, java.util.function.Function<T, String> name,
      java.util.function.ToIntFunction<T> version) {
    Map<String, T> latest = new TreeMap<>();
    for (T t : all) {
      latest.merge(name.apply(t), t, (a, b) -> version.applyAsInt(a) >= version.applyAsInt(b) ? a : b);
    }
    return latest;
  }

  private static Pattern like(String pattern) {
    return io.fsql.planner.LikePatterns.toRegex(pattern, false);
  }

  /** A schema in the IPC form Flight SQL uses for table_schema, dataset_schema, parameter_schema. */
  static byte[] serialize(Schema schema) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
