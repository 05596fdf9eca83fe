package io.fsql.storage.offline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.ExpectationCheck;
import io.fsql.planner.offline.RuleResult;
import io.fsql.sql.tree.ExpectationRule.Kind;
import io.fsql.sql.tree.ViolationPolicy;
import io.fsql.storage.spark.SparkErrors;
import io.fsql.storage.spark.SparkTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A group's expectations as Spark aggregate columns, all computed in one aggregation over the
 * rows of an INSERT (with any other aggregates the caller adds to that pass, such as the
 * statistics): per row rule the count of rows breaking it, per commit rule its measure. The exact
 * distinct counts of DISTINCT COUNT and UNIQUE need a shuffle by value: the caller counts
 * {@link #distinctValues()} in its value-count job (see {@link ValueCounts}) rather than as
 * COUNT(DISTINCT) in the aggregation (which Spark expands into one copy of every row per distinct
 * column, each group holding every other aggregate's buffer). Then the decision: reject (no
 * commit, with up to 5 example rows per failed rule, read by a second small job only then), leave
 * out the rows that DROP rules found, or only report (WARN).
 *
 * <p>Row-rule expressions come from the planner (Calcite to Spark SQL over the group's columns,
 * which may be qualified by {@value #INPUT}).
 */
final class ExpectationEvaluator {
  /** The name the planner's rule expressions may qualify the group's columns with. */
  static final String INPUT = "__in0";
  /** The boolean column {@link #project} adds when there are DROP rules: TRUE for a row kept. */
  static final String KEPT = "__fsql_kept";
  private static final String VIOLATION = "__fsql_violates_";
  private static final int EXAMPLES = 5;

  private final FeatureGroup group;
  private final List<ExpectationCheck> checks;

  ExpectationEvaluator(FeatureGroup group, List<ExpectationCheck> checks) {
    this.group = group;
    this.checks = List.copyOf(checks);
  }

  boolean isEmpty() {
    return checks.isEmpty();
  }

  /** The rows, named as the rule expressions expect. */
  static Dataset<Row> input(Dataset<Row> rows) {
    return rows.alias(INPUT);
  }

  /** Whether a DROP rule could leave rows out (then {@link #project} adds {@link #KEPT}). */
  boolean hasDropRules() {
    return checks.stream().anyMatch(c -> c.rowRule() && c.policy() == ViolationPolicy.DROP);
  }

  /**
   * The rows with, per row rule, a boolean column TRUE where the row breaks it (each rule's
   * expression evaluated once per row, however many aggregates read it), and with DROP rules
   * {@link #KEPT}: the aggregation input of {@link #aggregates}.
   */
  Dataset<Row> project(Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    columns.add(col("*"));
    Column dropped = null;
    for (int i = 0; i < checks.size(); i++) {
      ExpectationCheck c = checks.get(i);
      if (c.rowRule()) {
        columns.add(violation(c).as(VIOLATION + i));
        if (c.policy() == ViolationPolicy.DROP) {
          Column v = col(VIOLATION + i);
          dropped = dropped == null ? v : dropped.or(v);
        }
      }
    }
    Dataset<Row> projected = input(rows).select(columns.toArray(new Column[0]));
    return dropped == null ? projected : projected.withColumn(KEPT, not(dropped));
  }

  /** The columns whose exact distinct counts the checks need, for {@link #read}, in order. */
  List<Column> distinctValues() {
    List<Column> values = new ArrayList<>();
    for (ExpectationCheck c : checks) {
      if (c.kind() == Kind.DISTINCT_COUNT || c.kind() == Kind.UNIQUE) {
        values.add(col(c.column()));
      }
    }
    return values;
  }

  /** The names of the columns of {@link #distinctValues()}, in the same order. */
  List<String> distinctColumns() {
    List<String> names = new ArrayList<>();
    for (ExpectationCheck c : checks) {
      if (c.kind() == Kind.DISTINCT_COUNT || c.kind() == Kind.UNIQUE) {
        names.add(c.column());
      }
    }
    return names;
  }

  /** TRUE for a row breaking a row rule (never NULL). */
  private static Column violation(ExpectationCheck c) {
    Column holds = c.kind() == Kind.MATCHES
        ? col(c.column()).rlike(c.pattern())
        : expr(c.conditionSql());
    return not(coalesce(holds, lit(true)));
  }

  /**
   * The aggregate columns, to compute over {@link #project}: the row count first, then one per
   * check; {@link #read} reads them back from the same offset.
   */
  List<Column> aggregates() {
    List<Column> a = new ArrayList<>();
    a.add(count(lit(1)));
    for (int i = 0; i < checks.size(); i++) {
      ExpectationCheck c = checks.get(i);
      Column value = c.column() == null ? null : col(c.column());
      switch (c.kind()) {
        case ROW_COUNT, DISTINCT_COUNT, UNIQUE -> a.add(lit(0L));
        case NULL_FRACTION -> a.add(sum(when(value.isNull(), 1L).otherwise(0L)));
        case MEAN -> a.add(avg(value.cast("double")));
        case MIN -> a.add(min(value.cast("double")));
        case MAX -> a.add(max(value.cast("double")));
        case STDDEV -> a.add(stddev_samp(value.cast("double")));
        default -> a.add(sum(when(col(VIOLATION + i), 1L).otherwise(0L)));
      }
    }
    return a;
  }

  /** Whether the aggregation's row at {@code offset} says a DROP rule found rows to leave out. */
  boolean drops(Row row, int offset) {
    for (int i = 0; i < checks.size(); i++) {
      ExpectationCheck c = checks.get(i);
      if (c.rowRule() && c.policy() == ViolationPolicy.DROP && !row.isNullAt(offset + 1 + i)
          && row.getLong(offset + 1 + i) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a REJECT rule measured in the aggregation (all but DISTINCT COUNT and UNIQUE) failed:
   * the INSERT is rejected whatever the distinct counts say.
   */
  boolean rejects(Row row, int offset) {
    return read(row, offset, null).stream().anyMatch(r -> !r.passed() && r.check().policy() == ViolationPolicy.REJECT);
  }

  /** The number of columns {@link #aggregates} gives. */
  int width() {
    return checks.size() + 1;
  }

  /**
   * What every check gave, from the aggregation's row at {@code offset} and the counts of
   * {@link #distinctValues()} (null: not counted, those checks read as passed).
   */
  List<RuleResult> read(Row row, int offset, List<ValueCounts.Distinct> distinct) {
    long rows = row.getLong(offset);
    List<RuleResult> results = new ArrayList<>();
    int d = 0;
    for (int i = 0; i < checks.size(); i++) {
      ExpectationCheck c = checks.get(i);
      int at = offset + 1 + i;
      Double number = row.isNullAt(at) ? null : ((Number) row.get(at)).doubleValue();
      if (c.kind() == Kind.DISTINCT_COUNT || c.kind() == Kind.UNIQUE) {
        ValueCounts.Distinct counted = distinct == null ? null : distinct.get(d++);
        number = counted == null ? null
            : (double) (c.kind() == Kind.UNIQUE ? counted.repeats() : counted.values());
      }
      RuleResult r;
      if (c.rowRule() || c.kind() == Kind.UNIQUE) {
        long violating = number == null ? 0 : number.longValue();
        r = new RuleResult(c, rows, violating, c.rowRule() ? null : (double) violating,
            violating == 0, List.of());
      } else {
        Double observed = switch (c.kind()) {
          case ROW_COUNT -> (double) rows;
          case NULL_FRACTION -> rows == 0 ? null : number / rows;
          default -> number;
        };
        boolean passed = observed == null || observed.isNaN() || c.bound().contains(observed);
        r = new RuleResult(c, rows, null, observed, passed, List.of());
      }
      results.add(r);
    }
    return results;
  }

  /**
   * Reports the results, then fails the INSERT if a REJECT rule failed (naming every failed rule
   * with its count and examples), else returns the rows to write: without those that failed DROP rules.
   */
  Dataset<Row> decide(Dataset<Row> rows, List<RuleResult> results, Consumer<List<RuleResult>> report) {
    boolean rejected = results.stream()
        .anyMatch(r -> !r.passed() && r.check().policy() == ViolationPolicy.REJECT);
    if (rejected) {
      List<RuleResult> withExamples = new ArrayList<>();
      for (RuleResult r : results) {
        withExamples.add(r.passed() ? r : r.withExamples(examples(rows, r.check())));
      }
      report.accept(withExamples);
      throw new FsqlException(ErrorCode.CONSTRAINT_VIOLATION, rejection(withExamples));
    }
    report.accept(results);
    Column dropped = null;
    for (RuleResult r : results) {
      if (!r.passed() && r.check().policy() == ViolationPolicy.DROP) {
        Column v = violation(r.check());
        dropped = dropped == null ? v : dropped.or(v);
      }
    }
    return dropped == null ? rows : input(rows).where(not(dropped));
  }

  private String rejection(List<RuleResult> results) {
    List<String> failed = new ArrayList<>();
    for (RuleResult r : results) {
      if (!r.passed()) {
        String s = r.check().display() + " [" + r.check().policy() + "]: " + r.finding();
        if (!r.examples().isEmpty()) {
          s += ", e.g. " + String.join(", ", r.examples());
        }
        failed.add(s);
      }
    }
    return "INSERT into " + group.displayName() + " rejected: " + failed.size()
        + (failed.size() == 1 ? " expectation failed: " : " expectations failed: ")
        + String.join("; ", failed) + "; nothing was committed";
  }

  /** Up to 5 rows breaking a row rule (their keys and the rule's column), or repeated values for UNIQUE. */
  private List<String> examples(Dataset<Row> rows, ExpectationCheck c) {
    try {
      if (c.kind() == Kind.UNIQUE) {
        List<Row> repeated = rows.where(col(c.column()).isNotNull()).groupBy(col(c.column()))
            .count().where(col("count").gt(1)).limit(EXAMPLES).collectAsList();
        List<String> out = new ArrayList<>();
        for (Row r : repeated) {
          out.add(c.column() + "=" + value(c.column(), r.get(0)) + " (" + r.getLong(1) + " rows)");
        }
        return out;
      }
      if (!c.rowRule()) {
        return List.of();
      }
      List<String> shown = new ArrayList<>(group.recordKey());
      if (c.column() != null && !shown.contains(c.column())) {
        shown.add(c.column());
      } else if (c.column() == null) {
        group.columns().stream().map(io.fsql.planner.catalog.Column::name)
            .filter(n -> !shown.contains(n)).forEach(shown::add);
      }
      List<Row> found = input(rows).where(violation(c))
          .select(shown.stream().map(n -> col(n)).toArray(Column[]::new))
          .limit(EXAMPLES).collectAsList();
      List<String> out = new ArrayList<>();
      for (Row r : found) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
          parts.add(shown.get(i) + "=" + value(shown.get(i), r.get(i)));
        }
        out.add("(" + String.join(", ", parts) + ")");
      }
      return out;
    } catch (FsqlException e) {
      throw e;
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, "reading the rows that broke " + c.name());
    }
  }

  private String value(String column, Object sparkValue) {
    Object v = SparkTypes.toJava(sparkValue,
        new ResultColumn(column, group.column(column).orElseThrow().type(), true));
    if (v == null) {
      return "NULL";
    }
    return v instanceof String s ? "'" + s.replace("'", "''") + "'" : v.toString();
  }

  /** For logs: the checks' names. */
  @Override
  public String toString() {
    return checks.stream().map(ExpectationCheck::name).collect(Collectors.joining(", "));
  }
}
