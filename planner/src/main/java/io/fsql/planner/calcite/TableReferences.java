package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.catalog.TrainingDataset;
import org.apache.calcite.schema.Table;
import io.fsql.planner.offline.HistoryResolver;
import io.fsql.planner.offline.OfflineStore;
import io.fsql.planner.offline.ReadSpec;
import io.fsql.sql.tree.Changes;
import io.fsql.sql.tree.SqlFeatureTableRef;
import io.fsql.sql.tree.TimeTravel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.TimestampString;

/**
 * Resolves fsql's decorated table references ({@code name VERSION n}, {@code AS OF ...},
 * {@code CHANGES SINCE ...}) before validation: each becomes a synthetic table name registered in
 * the statement's schema, aliased by the group's name unless the query gives an alias.
 */
final class TableReferences extends SqlShuttle {
  /** Parses the timestamp forms users write: {@code 2026-01-01 10:00:00[.ffffff]} and ISO-8601. */
  static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd[[ ]['T']HH:mm[:ss]]")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
      .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
      .toFormatter();

  private static int next;
  private final Planning planning;
  private final CatalogStore catalog;
  private final OfflineStore offline;
  private final FsqlSchema schema;

  TableReferences(Planning planning) {
    this.planning = planning;
    this.catalog = planning.catalog;
    this.offline = planning.offline;
    this.schema = planning.schema;
  }

  private static synchronized int nextId() {
    return next++;
  }

  SqlNode rewrite(SqlNode node) {
    return node == null ? null : node.accept(this);
  }

  @Override
  public SqlNode visit(SqlCall call) {
    if (call.getKind() == SqlKind.AS && call.operand(0) instanceof SqlFeatureTableRef ref) {
      List<SqlNode> operands = new ArrayList<>(call.getOperandList());
      operands.set(0, resolve(ref));
      return SqlStdOperatorTable.AS.createCall(call.getParserPosition(), operands);
    }
    if (call instanceof SqlFeatureTableRef ref) {
      SqlParserPos pos = ref.getParserPosition();
      List<String> names = ref.name().names;
      return SqlStdOperatorTable.AS.createCall(pos, resolve(ref),
          new SqlIdentifier(names.get(names.size() - 1), pos));
    }
    if (call.getOperator() instanceof org.apache.calcite.sql.SqlUnresolvedFunction fn
        && !FileTableMacro.parameterNames(fn.getName().toLowerCase(java.util.Locale.ROOT)).isEmpty()) {
      String function = fn.getName().toLowerCase(java.util.Locale.ROOT);
      List<String> params = FileTableMacro.parameterNames(function);
      SqlCall named = call.getOperandList().stream().anyMatch(o -> o != null && o.getKind() == SqlKind.ARGUMENT_ASSIGNMENT)
          ? namePositionalArguments(call, params) : call;
      openFile(function, named, params);
      return super.visit(named);
    }
    return super.visit(call);
  }

  /**
   * Reads a file's schema now, where the call's position is known, so that a missing file or a
   * bad option is reported at the call (validation then finds the table already made).
   */
  private void openFile(String function, SqlCall call, List<String> params) {
    Object[] args = new Object[params.size()];
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      SqlNode o = operands.get(i);
      int index = i;
      if (o != null && o.getKind() == SqlKind.ARGUMENT_ASSIGNMENT) {
        index = params.indexOf(((SqlIdentifier) ((SqlCall) o).operand(1)).getSimple().toLowerCase(java.util.Locale.ROOT));
        o = ((SqlCall) o).operand(0);
      }
      if (index < 0 || index >= args.length || !(o instanceof SqlLiteral lit)) {
        return;   // not all literals: validation reports what is wrong
      }
      Object v = lit.getValue();
      args[index] = v instanceof org.apache.calcite.util.NlsString n ? n.getValue() : v;
    }
    if (args[0] == null) {
      return;
    }
    try {
      schema.fileMacro(function).apply(java.util.Arrays.asList(args));
    } catch (FsqlException e) {
      SqlParserPos p = call.getParserPosition();
      throw e.at(p.getLineNum(), p.getColumnNum());
    }
  }

  /**
   * {@code read_csv('f.csv', header => false)}: SQL lets positional arguments precede named ones,
   * Calcite wants all or none named; name the positional ones after the parameters they fill.
   */
  private static SqlCall namePositionalArguments(SqlCall call, List<String> names) {
    List<SqlNode> operands = new ArrayList<>(call.getOperandList());
    for (int i = 0; i < operands.size(); i++) {
      SqlNode o = operands.get(i);
      if (o.getKind() == SqlKind.ARGUMENT_ASSIGNMENT) {
        continue;
      }
      if (i >= names.size()) {
        SqlParserPos p = o.getParserPosition();
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "too many arguments for " + call.getOperator().getName(), p.getLineNum(), p.getColumnNum());
      }
      operands.set(i, SqlStdOperatorTable.ARGUMENT_ASSIGNMENT.createCall(o.getParserPosition(), o,
          new SqlIdentifier(names.get(i), o.getParserPosition())));
    }
    return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(),
        operands.toArray(new SqlNode[0]));
  }

  private SqlIdentifier resolve(SqlFeatureTableRef ref) {
    SqlParserPos pos = ref.getParserPosition();
    SqlIdentifier nameId = ref.name();
    SqlParserPos namePos = nameId.getParserPosition();
    if (!nameId.isSimple()) {
      throw new FsqlException(ErrorCode.UNKNOWN_OBJECT,
          "'" + nameId + "' does not exist (names have one part)", namePos.getLineNum(), namePos.getColumnNum());
    }
    String name = nameId.getSimple();
    OptionalInt version = ref.version();
    Table table;
    java.util.Optional<FeatureGroup> group = catalog.findGroup(name, version);
    if (group.isPresent()) {
      table = groupTable(ref, group.get());
    } else if (ref.latest()) {
      throw new FsqlException(ErrorCode.INVALID_QUERY,
          exists(name) ? "LATEST applies to feature groups; '" + name + "' is not one"
              : "no feature group is named '" + name + "'",
          namePos.getLineNum(), namePos.getColumnNum());
    } else {
      java.util.Optional<FeatureView> view = catalog.findView(name, version);
      java.util.Optional<TrainingDataset> dataset = view.isPresent()
          ? java.util.Optional.empty() : catalog.findDataset(name, version);
      if (view.isPresent()) {
        table = viewTable(ref, view.get());
      } else if (dataset.isPresent()) {
        table = datasetTable(ref, dataset.get());
      } else {
        throw new FsqlException(ErrorCode.UNKNOWN_OBJECT,
            version.isPresent() && exists(name)
                ? "'" + name + "' has no version " + version.getAsInt()
                : "no feature group, feature view or training dataset is named '" + name + "'",
            namePos.getLineNum(), namePos.getColumnNum());
      }
    }
    String synthetic = "$" + name + "#" + nextId();
    schema.register(synthetic, table);
    return new SqlIdentifier(synthetic, namePos);
  }

  private boolean exists(String name) {
    return catalog.findGroup(name, OptionalInt.empty()).isPresent()
        || catalog.findView(name, OptionalInt.empty()).isPresent()
        || catalog.findDataset(name, OptionalInt.empty()).isPresent();
  }

  private Table groupTable(SqlFeatureTableRef ref, FeatureGroup group) {
    notFor(ref, ref.keys().isPresent(), "FOR KEYS", "feature views", "feature group " + group.displayName());
    notFor(ref, ref.spine().isPresent() || ref.eventTimeFrom().isPresent(), "FOR SPINE and FOR EVENT TIME",
        "feature views", "feature group " + group.displayName());
    notFor(ref, ref.split().isPresent(), "SPLIT", "training datasets", "feature group " + group.displayName());
    ReadSpec spec = planning.pins.latest(group);
    SqlNode at = null;
    if (ref.asOf().isPresent()) {
      spec = toSpec(ref.asOf().get());
      at = ref.asOf().get().value();
    } else if (ref.changes().isPresent()) {
      Changes ch = ref.changes().get();
      spec = new ReadSpec.Changes(bound(ch.since()), ch.until().map(this::bound));
      at = ch.since().value();
    }
    if (at != null) {
      try {
        spec = HistoryResolver.resolve(group, spec, offline.history(group));
      } catch (FsqlException e) {
        SqlParserPos p = at.getParserPosition();
        throw e.at(p.getLineNum(), p.getColumnNum());
      }
      planning.pins.noteExplicit(group, spec);
    }
    return ref.latest() ? FeatureGroupTable.latest(group, spec) : new FeatureGroupTable(group, spec);
  }

  private Table viewTable(SqlFeatureTableRef ref, FeatureView view) {
    notFor(ref, ref.asOf().isPresent() || ref.changes().isPresent(), "AS OF and CHANGES",
        "feature groups", "feature view " + view.displayName());
    notFor(ref, ref.split().isPresent(), "SPLIT", "training datasets", "feature view " + view.displayName());
    SqlNode query = FsqlSchema.parseView(view);
    try {
      if (ref.spine().isPresent()) {
        query = FeatureViews.withSpine(query, ref.spine().get(), view);
      } else if (ref.eventTimeFrom().isPresent()) {
        query = FeatureViews.withEventTimeRange(query, ref.eventTimeFrom().get(), ref.eventTimeTo().get(), view);
      } else if (ref.keys().isPresent()) {
        query = FeatureViews.withKeys(query, ref.keys().get(), view, this::rowType);
      }
    } catch (FsqlException e) {
      SqlParserPos p = ref.getParserPosition();
      throw e.at(p.getLineNum(), p.getColumnNum());
    }
    return new FeatureViewTable(view, query, planning);
  }

  /** The row type of a query over this statement's tables (resolved and validated on a copy). */
  private org.apache.calcite.rel.type.RelDataType rowType(SqlNode query) {
    SqlNode resolved = rewrite(query);
    org.apache.calcite.sql.validate.SqlValidator v = planning.newValidator();
    try {
      return v.getValidatedNodeType(v.validate(resolved));
    } catch (RuntimeException e) {
      throw CalciteErrors.translate(e);
    }
  }

  private Table datasetTable(SqlFeatureTableRef ref, TrainingDataset dataset) {
    String what = "training dataset " + dataset.displayName();
    notFor(ref, ref.asOf().isPresent() || ref.changes().isPresent(), "AS OF and CHANGES", "feature groups", what);
    notFor(ref, ref.spine().isPresent() || ref.eventTimeFrom().isPresent() || ref.keys().isPresent(),
        "FOR SPINE, FOR EVENT TIME and FOR KEYS", "feature views", what);
    try {
      return ref.split().isPresent() ? DatasetTable.split(dataset, ref.split().get()) : DatasetTable.all(dataset);
    } catch (FsqlException e) {
      SqlParserPos p = ref.getParserPosition();
      throw e.at(p.getLineNum(), p.getColumnNum());
    }
  }

  private static void notFor(SqlFeatureTableRef ref, boolean present, String clause, String appliesTo, String what) {
    if (present) {
      SqlParserPos p = ref.getParserPosition();
      throw new FsqlException(ErrorCode.INVALID_QUERY,
          clause + " apply to " + appliesTo + "; " + what + " is not one", p.getLineNum(), p.getColumnNum());
    }
  }

  private ReadSpec toSpec(TimeTravel tt) {
    if (tt.kind() == TimeTravel.Kind.COMMIT) {
      return new ReadSpec.AsOfCommit(commitId(tt.value()));
    }
    return new ReadSpec.AsOfTime(instant(tt.value()));
  }

  private ReadSpec.Bound bound(TimeTravel tt) {
    if (tt.kind() == TimeTravel.Kind.COMMIT) {
      return ReadSpec.Bound.commit(commitId(tt.value()));
    }
    return ReadSpec.Bound.time(instant(tt.value()));
  }

  private static String commitId(SqlNode value) {
    if (value instanceof SqlLiteral lit && lit.getValue() != null) {
      String s = lit.getValueAs(String.class).trim();
      if (!s.isEmpty()) {
        return s;
      }
    }
    SqlParserPos pos = value.getParserPosition();
    throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
        "a commit id must be a string literal such as '20260101120000000' (SHOW COMMITS FOR <group> lists them)",
        pos.getLineNum(), pos.getColumnNum());
  }

  /** The instant a timestamp literal or string names; TIMESTAMP values are UTC. */
  static Instant instant(SqlNode value) {
    SqlParserPos pos = value.getParserPosition();
    if (value instanceof org.apache.calcite.sql.SqlUnknownLiteral u) {
      // TIMESTAMP '...' / DATE '...' before validation: the tag and the text.
      return parseInstant(u.getValue().toString().trim(), pos);
    }
    if (value instanceof SqlLiteral lit && lit.getValue() != null) {
      Object v = lit.getValue();
      if (v instanceof TimestampString ts) {
        return Instant.ofEpochMilli(ts.getMillisSinceEpoch())
            .plusNanos(nanosBelowMillis(ts.toString()));
      }
      if (v instanceof org.apache.calcite.util.DateString ds) {
        return LocalDate.parse(ds.toString()).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (v instanceof org.apache.calcite.util.NlsString s) {
        return parseInstant(s.getValue().trim(), pos);
      }
    }
    throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
        "AS OF TIMESTAMP needs a timestamp literal such as TIMESTAMP '2026-01-01 00:00:00' (UTC)",
        pos.getLineNum(), pos.getColumnNum());
  }

  static Instant parseInstant(String s, SqlParserPos pos) {
    try {
      if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
      }
      return LocalDateTime.parse(s, TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
          "'" + s + "' is not a timestamp; write it as 'yyyy-MM-dd HH:mm:ss[.ffffff]' (UTC)",
          pos.getLineNum(), pos.getColumnNum());
    }
  }

  private static long nanosBelowMillis(String ts) {
    int dot = ts.indexOf('.');
    if (dot < 0) {
      return 0;
    }
    String frac = (ts.substring(dot + 1) + "000000000").substring(0, 9);
    return Long.parseLong(frac) % 1_000_000L;
  }
}
