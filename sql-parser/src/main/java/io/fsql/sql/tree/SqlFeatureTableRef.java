package io.fsql.sql.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A table name with an fsql decoration, in a FROM clause:
 *
 * <ul>
 *   <li>{@code name VERSION n}
 *   <li>{@code name [VERSION n] AS OF TIMESTAMP t} / {@code AS OF COMMIT 'c'} (time travel)
 *   <li>{@code name [VERSION n] CHANGES SINCE point [UNTIL point]} (incremental read)
 *   <li>{@code name [VERSION n] FOR SPINE (query)} (a feature view against a spine)
 *   <li>{@code name [VERSION n] FOR EVENT TIME FROM a TO b} (event-time range, half-open)
 *   <li>{@code name [VERSION n] SPLIT part} (one split of a training dataset)
 *   <li>{@code LATEST name [VERSION n] [AS OF ...]} (the latest row per primary key)
 *   <li>{@code name [VERSION n] FOR KEYS (k, ...)} (a feature view's vectors for entity keys now)
 * </ul>
 *
 * <p>A plain table name is never one of these: it stays a {@link SqlIdentifier}. At most one of
 * AS OF, CHANGES, FOR SPINE, FOR EVENT TIME and SPLIT is present.
 *
 * <p>{@link #getOperandList()} has twelve slots (absent parts are null), so that Calcite visitors
 * and shuttles reach every expression, including {@code ?} parameters:
 * 0 name, 1 version literal, 2 AS OF kind (a symbol literal of {@link TimeTravel.Kind}), 3 AS OF
 * value, 4 SINCE kind, 5 SINCE value, 6 UNTIL kind, 7 UNTIL value, 8 spine query, 9 event-time
 * from, 10 event-time to, 11 split name (a simple identifier), 12 LATEST (a TRUE literal, or null), 13 FOR KEYS
 * values (a list).
 */
public final class SqlFeatureTableRef extends SqlCall {

  /** The operator of every {@link SqlFeatureTableRef}. */
  public static final SqlSpecialOperator OPERATOR = new Operator();

  private static final int OPERAND_COUNT = 14;

  private final SqlNode[] operands = new SqlNode[OPERAND_COUNT];

  /** Creates a decorated table reference; at most one decoration besides the version. */
  public SqlFeatureTableRef(
      SqlParserPos pos,
      SqlIdentifier name,
      OptionalInt version,
      Optional<TimeTravel> asOf,
      Optional<Changes> changes,
      Optional<SqlNode> spine,
      Optional<SqlNode> eventTimeFrom,
      Optional<SqlNode> eventTimeTo,
      Optional<String> split) {
    this(pos, name, version, asOf, changes, spine, eventTimeFrom, eventTimeTo, split, false);
  }

  /** Creates a decorated table reference, {@code LATEST name ...} when {@code latest}. */
  public SqlFeatureTableRef(
      SqlParserPos pos,
      SqlIdentifier name,
      OptionalInt version,
      Optional<TimeTravel> asOf,
      Optional<Changes> changes,
      Optional<SqlNode> spine,
      Optional<SqlNode> eventTimeFrom,
      Optional<SqlNode> eventTimeTo,
      Optional<String> split,
      boolean latest) {
    this(pos, name, version, asOf, changes, spine, eventTimeFrom, eventTimeTo, split, latest, Optional.empty());
  }

  /** Creates a decorated table reference, {@code name FOR KEYS (...)} when {@code keys} is given. */
  public SqlFeatureTableRef(
      SqlParserPos pos,
      SqlIdentifier name,
      OptionalInt version,
      Optional<TimeTravel> asOf,
      Optional<Changes> changes,
      Optional<SqlNode> spine,
      Optional<SqlNode> eventTimeFrom,
      Optional<SqlNode> eventTimeTo,
      Optional<String> split,
      boolean latest,
      Optional<org.apache.calcite.sql.SqlNodeList> keys) {
    super(pos);
    operands[0] = Objects.requireNonNull(name, "name");
    if (version.isPresent()) {
      operands[1] = SqlLiteral.createExactNumeric(
          Integer.toString(version.getAsInt()), name.getParserPosition());
    }
    asOf.ifPresent(t -> {
      operands[2] = kindLiteral(t);
      operands[3] = t.value();
    });
    changes.ifPresent(c -> {
      operands[4] = kindLiteral(c.since());
      operands[5] = c.since().value();
      c.until().ifPresent(u -> {
        operands[6] = kindLiteral(u);
        operands[7] = u.value();
      });
    });
    operands[8] = spine.orElse(null);
    operands[9] = eventTimeFrom.orElse(null);
    operands[10] = eventTimeTo.orElse(null);
    if (eventTimeFrom.isPresent() != eventTimeTo.isPresent()) {
      throw new IllegalArgumentException("FOR EVENT TIME needs both FROM and TO");
    }
    operands[11] = split.map(s -> new SqlIdentifier(s, pos)).orElse(null);
    operands[12] = latest ? SqlLiteral.createBoolean(true, pos) : null;
    operands[13] = keys.orElse(null);
    checkDecorations();
  }

  private SqlFeatureTableRef(SqlParserPos pos, List<? extends @Nullable SqlNode> nodes) {
    super(pos);
    if (nodes.size() != OPERAND_COUNT) {
      throw new IllegalArgumentException(
          "expected " + OPERAND_COUNT + " operands, got " + nodes.size());
    }
    for (int i = 0; i < OPERAND_COUNT; i++) {
      operands[i] = nodes.get(i);
    }
    Objects.requireNonNull(operands[0], "name");
    checkDecorations();
  }

  private static SqlLiteral kindLiteral(TimeTravel t) {
    return SqlLiteral.createSymbol(t.kind(), t.value().getParserPosition());
  }

  private void checkDecorations() {
    int count = 0;
    count += operands[3] != null ? 1 : 0;
    count += operands[5] != null ? 1 : 0;
    count += operands[8] != null ? 1 : 0;
    count += operands[9] != null ? 1 : 0;
    count += operands[11] != null ? 1 : 0;
    count += operands[13] != null ? 1 : 0;
    if (count > 1) {
      throw new IllegalArgumentException(
          "a table reference takes at most one of AS OF, CHANGES, FOR SPINE, FOR EVENT TIME, SPLIT");
    }
    if (operands[12] != null && count > 0 && operands[3] == null) {
      throw new IllegalArgumentException("LATEST takes only VERSION and AS OF");
    }
    if (operands[7] != null && operands[5] == null) {
      throw new IllegalArgumentException("UNTIL needs CHANGES SINCE");
    }
  }

  /** The key values of {@code FOR KEYS (...)}, if given: one expression (or ROW) per key. */
  public Optional<org.apache.calcite.sql.SqlNodeList> keys() {
    return Optional.ofNullable((org.apache.calcite.sql.SqlNodeList) operands[13]);
  }

  /** Whether this is {@code LATEST name}: the latest row per primary key. */
  public boolean latest() {
    return operands[12] != null;
  }

  /** The table, view or dataset name. */
  public SqlIdentifier name() {
    return (SqlIdentifier) Objects.requireNonNull(operands[0]);
  }

  /** {@code VERSION n}, if given. */
  public OptionalInt version() {
    SqlNode v = operands[1];
    return v == null ? OptionalInt.empty() : OptionalInt.of(((SqlLiteral) v).intValue(true));
  }

  /** {@code AS OF TIMESTAMP t} or {@code AS OF COMMIT 'c'}, if given. */
  public Optional<TimeTravel> asOf() {
    return travel(2, 3);
  }

  /** {@code CHANGES SINCE ... [UNTIL ...]}, if given. */
  public Optional<Changes> changes() {
    return travel(4, 5).map(since -> new Changes(since, travel(6, 7)));
  }

  /** The spine query of {@code FOR SPINE (query)}, if given. */
  public Optional<SqlNode> spine() {
    return Optional.ofNullable(operands[8]);
  }

  /** The (inclusive) start of {@code FOR EVENT TIME FROM a TO b}, if given. */
  public Optional<SqlNode> eventTimeFrom() {
    return Optional.ofNullable(operands[9]);
  }

  /** The (exclusive) end of {@code FOR EVENT TIME FROM a TO b}, if given. */
  public Optional<SqlNode> eventTimeTo() {
    return Optional.ofNullable(operands[10]);
  }

  /** The split name of {@code SPLIT name}, if given. */
  public Optional<String> split() {
    SqlNode s = operands[11];
    return s == null ? Optional.empty() : Optional.of(((SqlIdentifier) s).getSimple());
  }

  private Optional<TimeTravel> travel(int kindIndex, int valueIndex) {
    SqlNode value = operands[valueIndex];
    if (value == null) {
      return Optional.empty();
    }
    SqlLiteral kind = (SqlLiteral) Objects.requireNonNull(operands[kindIndex]);
    return Optional.of(new TimeTravel(kind.getValueAs(TimeTravel.Kind.class), value));
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public SqlKind getKind() {
    return OPERATOR.getKind();
  }

  @SuppressWarnings("nullness")
  @Override
  public List<SqlNode> getOperandList() {
    return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(operands)));
  }

  @Override
  public void setOperand(int i, @Nullable SqlNode operand) {
    if (i < 0 || i >= OPERAND_COUNT) {
      throw new IndexOutOfBoundsException(i);
    }
    if (i == 0 && !(operand instanceof SqlIdentifier)) {
      throw new IllegalArgumentException("the name must be an identifier");
    }
    operands[i] = operand;
  }

  /** The operator: builds {@link SqlFeatureTableRef}s and prints fsql syntax. */
  private static final class Operator extends SqlSpecialOperator {
    Operator() {
      // Binds tighter than anything around a table reference: never parenthesized.
      super("FEATURE_TABLE_REF", SqlKind.OTHER, 100);
    }

    @Override
    public SqlCall createCall(
        @Nullable SqlLiteral functionQualifier, SqlParserPos pos,
        @Nullable SqlNode... operands) {
      return new SqlFeatureTableRef(pos, Arrays.asList(operands));
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlFeatureTableRef ref = (SqlFeatureTableRef) call;
      if (ref.latest()) {
        writer.keyword("LATEST");
      }
      ref.name().unparse(writer, 0, 0);
      SqlNode[] ops = ref.operands;
      if (ops[1] != null) {
        writer.keyword("VERSION");
        ops[1].unparse(writer, 0, 0);
      }
      ref.asOf().ifPresent(t -> {
        writer.keyword("AS OF");
        unparseTravel(writer, t);
      });
      ref.changes().ifPresent(c -> {
        writer.keyword("CHANGES SINCE");
        unparseTravel(writer, c.since());
        c.until().ifPresent(u -> {
          writer.keyword("UNTIL");
          unparseTravel(writer, u);
        });
      });
      ref.spine().ifPresent(s -> {
        writer.keyword("FOR SPINE");
        unparseQuery(writer, s);
      });
      if (ops[9] != null && ops[10] != null) {
        writer.keyword("FOR EVENT TIME FROM");
        ops[9].unparse(writer, 0, 0);
        writer.keyword("TO");
        ops[10].unparse(writer, 0, 0);
      }
      ref.split().ifPresent(s -> {
        writer.keyword("SPLIT");
        writer.identifier(s, true);
      });
      ref.keys().ifPresent(keys -> {
        writer.keyword("FOR KEYS");
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
        for (SqlNode k : keys) {
          writer.sep(",");
          k.unparse(writer, 0, 0);
        }
        writer.endList(frame);
      });
    }

    private static void unparseTravel(SqlWriter writer, TimeTravel travel) {
      writer.keyword(travel.kind().name());
      travel.value().unparse(writer, 0, 0);
    }

    /** Prints a query in parentheses (queries add them themselves when they are sub-queries). */
    static void unparseQuery(SqlWriter writer, SqlNode query) {
      if (query.getKind() == SqlKind.SELECT) {
        query.unparse(writer, 0, 0);
      } else {
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.SUB_QUERY, "(", ")");
        query.unparse(writer, 0, 0);
        writer.endList(frame);
      }
    }
  }
}
