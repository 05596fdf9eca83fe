package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.calcite.QueryPlanner;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.drift.DriftMath;
import io.fsql.planner.drift.DriftProfiles;
import io.fsql.planner.drift.QuantileSketch;
import io.fsql.planner.drift.SideProfile;
import io.fsql.planner.drift.ValueCounts;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.Property;
import io.fsql.sql.tree.ShowDrift;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SHOW DRIFT}: plans both sides as queries, profiles each with one aggregation job
 * ({@link DriftProfiles}) and compares every feature the two sides share by name (keys, event
 * times and the commit column of a changes read excluded): PSI and KS for numeric features,
 * Jensen-Shannon distance for VARCHAR and BOOLEAN ones, each against its threshold. A side whose
 * rows stored statistics describe exactly is taken from their drift profiles without reading it
 * ({@link StoredDriftSides}); the {@code reference_source} and {@code current_source} columns say
 * which way each side was computed ({@value #SCANNED} or {@code statistics (...)}).
 */
final class DriftCommands {
  private static final ColumnType VARCHAR = ColumnType.of(DataType.Kind.VARCHAR);
  private static final ColumnType DOUBLE = ColumnType.of(DataType.Kind.DOUBLE);
  private static final ColumnType BOOLEAN = ColumnType.of(DataType.Kind.BOOLEAN);
  private static final ColumnType BIGINT = ColumnType.of(DataType.Kind.BIGINT);
  private static final String COMMIT_COLUMN = "_commit";
  /** The source column's value for a side whose rows were read (see {@link StoredDriftSides}). */
  static final String SCANNED = "scan";

  private final FsqlEngine engine;

  DriftCommands(FsqlEngine engine) {
    this.engine = engine;
  }

  /**
   * The thresholds and bin count of one SHOW DRIFT, and whether a side may be taken from stored
   * statistics ({@code use_statistics = false} reads both sides' rows).
   */
  record Options(double psi, double ks, double js, int bins, boolean useStatistics) {
    static Options of(List<Property> properties) {
      double psi = 0.2;
      double ks = 0.1;
      double js = 0.1;
      int bins = 10;
      boolean useStatistics = true;
      for (Property p : properties) {
        if (p.key().equalsIgnoreCase("use_statistics")) {
          if (!(p.value() instanceof SqlLiteral l) || !(l.getValue() instanceof Boolean b)) {
            throw bad(p, "option 'use_statistics' takes TRUE or FALSE");
          }
          useStatistics = b;
          continue;
        }
        BigDecimal v = number(p);
        switch (p.key().toLowerCase(Locale.ROOT)) {
          case "threshold_psi" -> psi = nonNegative(p, v);
          case "threshold_ks" -> ks = fraction(p, v);
          case "threshold_js" -> js = fraction(p, v);
          case "bins" -> {
            if (v.stripTrailingZeros().scale() > 0 || v.compareTo(BigDecimal.valueOf(2)) < 0
                || v.compareTo(BigDecimal.valueOf(100)) > 0) {
              throw bad(p, "bins must be an integer from 2 to 100");
            }
            bins = v.intValueExact();
          }
          default -> throw bad(p, "unknown SHOW DRIFT option '" + p.key()
              + "' (threshold_psi, threshold_ks, threshold_js, bins and use_statistics are known)");
        }
      }
      return new Options(psi, ks, js, bins, useStatistics);
    }

    private static BigDecimal number(Property p) {
      if (p.value() instanceof SqlLiteral l && l.getValue() instanceof BigDecimal) {
        return l.getValueAs(BigDecimal.class);
      }
      throw bad(p, "option '" + p.key() + "' takes a number");
    }

    private static double nonNegative(Property p, BigDecimal v) {
      if (v.signum() < 0) {
        throw bad(p, p.key() + " must not be negative");
      }
      return v.doubleValue();
    }

    private static double fraction(Property p, BigDecimal v) {
      if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
        throw bad(p, p.key() + " must be from 0 to 1");
      }
      return v.doubleValue();
    }

    private static FsqlException bad(Property p, String message) {
      return new FsqlException(ErrorCode.INVALID_ARGUMENT, message, p.location().line(),
          p.location().column());
    }
  }

  /** One side: its planned rows, what it is called in messages, and the columns not compared. */
  private record Side(String label, QueryPlanner.PlannedQuery plan, Set<String> excluded) {}

  QueryResult show(ShowDrift drift) {
    Options options = Options.of(drift.options());
    Side reference = relation(drift.reference());
    Side current = drift.current() instanceof ShowDrift.DriftSide.Relation r
        ? relation(r) : served((ShowDrift.DriftSide.Served) drift.current());
    Map<String, ColumnType> refColumns = columns(reference);
    Map<String, ColumnType> curColumns = columns(current);
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (Map.Entry<String, ColumnType> c : refColumns.entrySet()) {
      String name = c.getKey();
      ColumnType other = curColumns.get(name);
      if (other == null || reference.excluded().contains(name) || current.excluded().contains(name)) {
        continue;
      }
      Kind a = kind(c.getValue());
      Kind b = kind(other);
      if (a == Kind.OTHER || b == Kind.OTHER) {
        continue;
      }
      if (a != b) {
        NodeLocation at = drift.location();
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "column " + name + " is "
            + c.getValue().sql() + " in " + reference.label() + " but " + other.sql() + " in "
            + current.label() + ": drift compares numbers with numbers and categories with categories",
            at.line(), at.column());
      }
      (a == Kind.NUMERIC ? numeric : categorical).add(name);
    }
    if (numeric.isEmpty() && categorical.isEmpty()) {
      NodeLocation at = drift.location();
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, reference.label() + " and "
          + current.label() + " share no numeric, VARCHAR or BOOLEAN feature column (keys and "
          + "event times excluded); " + reference.label() + " has " + String.join(", ", refColumns.keySet())
          + ", " + current.label() + " has " + String.join(", ", curColumns.keySet()),
          at.line(), at.column());
    }
    DriftProfiles profiles = engine.offline().driftProfiles();
    StoredDriftSides stored = new StoredDriftSides(engine);
    Optional<StoredDriftSides.Stored> refStored = options.useStatistics()
        ? stored.profile(drift.reference(), numeric, categorical) : Optional.empty();
    Optional<StoredDriftSides.Stored> curStored = options.useStatistics()
        && drift.current() instanceof ShowDrift.DriftSide.Relation r
        ? stored.profile(r, numeric, categorical) : Optional.empty();
    SideProfile ref = refStored.map(StoredDriftSides.Stored::profile).orElseGet(() ->
        profiles.profile(reference.plan().offline(), names(reference), numeric, categorical));
    SideProfile cur = curStored.map(StoredDriftSides.Stored::profile).orElseGet(() ->
        profiles.profile(current.plan().offline(), names(current), numeric, categorical));
    String refSource = refStored.map(StoredDriftSides.Stored::source).orElse(SCANNED);
    String curSource = curStored.map(StoredDriftSides.Stored::source).orElse(SCANNED);
    List<Object[]> rows = new ArrayList<>();
    for (String name : refColumns.keySet()) {
      if (numeric.contains(name)) {
        QuantileSketch r = ref.numeric().get(name);
        QuantileSketch c = cur.numeric().get(name);
        boolean both = !r.isEmpty() && !c.isEmpty();
        if (both && r.resolution() != c.resolution()) {  // a stored side is coarser: compare both at its resolution
          int common = Math.min(r.resolution(), c.resolution());
          r = r.coarsen(common);
          c = c.coarsen(common);
        }
        String type = refColumns.get(name).sql();
        rows.add(row(name, type, "psi", both ? DriftMath.psi(r, c, options.bins()) : null,
            options.psi(), ref, cur, refSource, curSource));
        rows.add(row(name, type, "ks", both ? DriftMath.ks(r, c) : null, options.ks(), ref, cur, refSource,
            curSource));
      } else if (categorical.contains(name)) {
        ValueCounts r = ref.categorical().get(name);
        ValueCounts c = cur.categorical().get(name);
        boolean both = r.total() > 0 && c.total() > 0;
        rows.add(row(name, refColumns.get(name).sql(), "js",
            both ? DriftMath.jsDistance(r, c) : null, options.js(), ref, cur, refSource, curSource));
      }
    }
    return QueryResult.of(List.of(
        new ResultColumn("feature", VARCHAR, false),
        new ResultColumn("type", VARCHAR, false),
        new ResultColumn("metric", VARCHAR, false),
        new ResultColumn("value", DOUBLE, true),
        new ResultColumn("threshold", DOUBLE, false),
        new ResultColumn("drifted", BOOLEAN, true),
        new ResultColumn("reference_rows", BIGINT, false),
        new ResultColumn("current_rows", BIGINT, false),
        new ResultColumn("reference_source", VARCHAR, false),
        new ResultColumn("current_source", VARCHAR, false)), rows);
  }

  private static Object[] row(String feature, String type, String metric, Double value,
      double threshold, SideProfile ref, SideProfile cur, String refSource, String curSource) {
    return new Object[] {feature, type, metric, value, threshold,
        value == null ? null : value > threshold, ref.rows(), cur.rows(), refSource, curSource};
  }

  private enum Kind { NUMERIC, CATEGORICAL, OTHER }

  private static Kind kind(ColumnType type) {
    return switch (type.kind()) {
      case INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> Kind.NUMERIC;
      case VARCHAR, BOOLEAN -> Kind.CATEGORICAL;
      default -> Kind.OTHER;
    };
  }

  private static Map<String, ColumnType> columns(Side side) {
    Map<String, ColumnType> columns = new LinkedHashMap<>();
    for (ResultColumn c : side.plan().columns()) {
      if (!c.name().equals(COMMIT_COLUMN)) {
        columns.putIfAbsent(c.name(), c.type());
      }
    }
    return columns;
  }

  private static List<String> names(Side side) {
    return side.plan().columns().stream().map(ResultColumn::name).toList();
  }

  /** A dataset or group side: SELECT * FROM the relation as written. */
  private Side relation(ShowDrift.DriftSide.Relation side) {
    ObjectName name = side.name();
    Set<String> excluded = new HashSet<>();
    Optional<FeatureGroup> group = engine.catalog().findGroup(name.name(), name.version());
    String label;
    if (group.isPresent()) {
      excluded.addAll(keyAndTime(group.get()));
      label = "feature group " + group.get().displayName();
    } else {
      Optional<TrainingDataset> dataset = engine.catalog().findDataset(name.name(), name.version());
      if (dataset.isEmpty()) {
        NodeLocation at = name.location();
        throw new FsqlException(ErrorCode.UNKNOWN_OBJECT, "'" + name.name() + "'"
            + name.version().stream().mapToObj(v -> " version " + v).findFirst().orElse("")
            + " is neither a training dataset nor a feature group", at.line(), at.column());
      }
      label = "training dataset " + dataset.get().displayName();
      for (TrainingDataset.GroupCommit read : dataset.get().commits()) {
        engine.catalog().findGroup(read.groupName(), OptionalInt.of(read.groupVersion()))
            .ifPresent(g -> excluded.addAll(keyAndTime(g)));
      }
    }
    SqlParserPos pos = SqlParserPos.ZERO;
    SqlSelect select = new SqlSelect(pos, new SqlNodeList(pos),
        new SqlNodeList(List.of(SqlIdentifier.star(pos)), pos), side.relation(),
        null, null, null, null, null, null, null, null, new SqlNodeList(pos));
    return new Side(label, engine.planner().planQuery(select, List.of()), excluded);
  }

  /** The served-vector log of a feature view, since a lookup time when given. */
  private Side served(ShowDrift.DriftSide.Served side) {
    FeatureView view = engine.catalog().findView(side.view().name(), side.view().version())
        .orElseThrow(() -> {
          NodeLocation at = side.view().location();
          return new FsqlException(ErrorCode.UNKNOWN_OBJECT, "feature view '" + side.view().name()
              + "' does not exist (SHOW FEATURE VIEWS lists them)", at.line(), at.column());
        });
    FeatureGroup log = ServedLogs.findLog(engine, view).orElseThrow(() -> {
      NodeLocation at = side.view().location();
      return new FsqlException(ErrorCode.INVALID_ARGUMENT, "feature view " + view.displayName()
          + " has no served-vector log (ALTER FEATURE VIEW " + view.name()
          + " SET LOGGING starts one)", at.line(), at.column());
    });
    StringBuilder sql = new StringBuilder("SELECT * FROM \"").append(log.name()).append("\" VERSION ")
        .append(log.version());
    if (side.since().isPresent()) {
      String since = side.since().get().trim();
      try {
        java.sql.Timestamp.valueOf(since.length() == 10 ? since + " 00:00:00" : since);
      } catch (IllegalArgumentException e) {
        NodeLocation at = side.sinceLocation();
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "SINCE takes a timestamp "
            + "'yyyy-mm-dd hh:mm:ss[.fffffffff]', not '" + since + "'", at.line(), at.column());
      }
      sql.append(" WHERE \"").append(ServedLogs.SERVED_AT).append("\" >= TIMESTAMP '")
          .append(since.length() == 10 ? since + " 00:00:00" : since).append('\'');
    }
    SqlNode query = engine.parser().parseQuery(sql.toString());
    return new Side("the served-vector log of " + view.displayName(),
        engine.planner().planQuery(query, List.of()), keyAndTime(log));
  }

  private static Set<String> keyAndTime(FeatureGroup g) {
    Set<String> s = new HashSet<>(g.primaryKey());
    g.eventTime().ifPresent(s::add);
    return s;
  }
}
