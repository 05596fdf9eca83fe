package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.ExpectationDef;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.ValidationReport;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.offline.ExpectationCheck;
import io.fsql.sql.tree.AddExpectation;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.DropExpectation;
import io.fsql.sql.tree.Expectation;
import io.fsql.sql.tree.ExpectationRule;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ShowExpectations;
import io.fsql.sql.tree.ShowValidations;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A feature group's expectations: checked against its columns when declared (CREATE, ALTER ...
 * ADD EXPECTATION), compiled for the offline engine at each INSERT, listed (SHOW EXPECTATIONS) and
 * their history shown (SHOW VALIDATIONS).
 */
final class ExpectationCommands {
  private static final ColumnType VARCHAR = ColumnType.of(DataType.Kind.VARCHAR);
  private static final ColumnType BIGINT = ColumnType.of(DataType.Kind.BIGINT);
  private static final ColumnType DOUBLE = ColumnType.of(DataType.Kind.DOUBLE);
  private static final ColumnType TIMESTAMP = ColumnType.of(DataType.Kind.TIMESTAMP);

  private final FsqlEngine engine;

  ExpectationCommands(FsqlEngine engine) {
    this.engine = engine;
  }

  /**
   * Checks expectations against {@code group}'s columns (errors at the offending position) and
   * returns them as the catalog stores them.
   */
  List<ExpectationDef> define(FeatureGroup group, List<Expectation> expectations) {
    Set<String> names = new HashSet<>();
    List<ExpectationDef> defs = new ArrayList<>();
    for (Expectation e : expectations) {
      if (!names.add(e.name())) {
        throw new FsqlException(ErrorCode.ALREADY_EXISTS, "expectation '" + e.name()
            + "' is defined more than once", e.location().line(), e.location().column());
      }
      check(group, e.rule());
      defs.add(new ExpectationDef(e.name(), e.rule().text(), e.policy()));
    }
    return defs;
  }

  private void check(FeatureGroup group, ExpectationRule rule) {
    if (rule.rowRule() && rule.kind() != ExpectationRule.Kind.MATCHES) {
      engine.planner().compileRowRule(group, rule.condition());
      return;
    }
    if (rule.column().isEmpty()) {
      return;
    }
    NodeLocation at = rule.columnLocation();
    Column c = group.column(rule.column().get()).orElseThrow(() -> new FsqlException(
        ErrorCode.UNKNOWN_COLUMN, "column '" + rule.column().get() + "' does not exist in feature group "
            + group.displayName(), at.line(), at.column()));
    DataType.Kind kind = c.type().kind();
    switch (rule.kind()) {
      case MATCHES -> {
        if (kind != DataType.Kind.VARCHAR) {
          throw new FsqlException(ErrorCode.TYPE_MISMATCH, "MATCHES needs a VARCHAR column; '"
              + c.name() + "' is " + c.type().sql(), at.line(), at.column());
        }
      }
      case MEAN, MIN, MAX, STDDEV -> {
        if (!numeric(kind)) {
          throw new FsqlException(ErrorCode.TYPE_MISMATCH, rule.kind().keyword()
              + " needs a numeric column; '" + c.name() + "' is " + c.type().sql(), at.line(), at.column());
        }
      }
      default -> { }
    }
  }

  private static boolean numeric(DataType.Kind kind) {
    return switch (kind) {
      case INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  /** The group's expectations compiled for the offline engine (its rules parsed back from the catalog). */
  List<ExpectationCheck> compile(FeatureGroup group) {
    List<ExpectationCheck> checks = new ArrayList<>();
    for (ExpectationDef def : group.expectations()) {
      ExpectationRule rule = engine.parser().parseExpectationRule(def.rule());
      String condition = rule.rowRule() && rule.kind() != ExpectationRule.Kind.MATCHES
          ? engine.planner().compileRowRule(group, rule.condition()) : null;
      checks.add(new ExpectationCheck(def.name(), def.rule(), def.policy(), rule.kind(),
          rule.column().orElse(null), condition, rule.pattern(), rule.bound()));
    }
    return checks;
  }

  StatementResult add(AddExpectation add) {
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      FeatureGroup g = new CatalogCommands(engine).resolve(add.name());
      Expectation e = add.expectation();
      if (g.expectations().stream().anyMatch(x -> x.name().equals(e.name()))) {
        throw new FsqlException(ErrorCode.ALREADY_EXISTS, "feature group " + g.displayName()
            + " has an expectation '" + e.name() + "' already (DROP EXPECTATION it first)",
            e.location().line(), e.location().column());
      }
      List<ExpectationDef> all = new ArrayList<>(g.expectations());
      all.addAll(define(g, List.of(e)));
      engine.catalog().replaceExpectations(g.withExpectations(all));
      return StatementResult.update(0, "added expectation " + e.name() + " to " + g.displayName());
    } finally {
      lock.unlock();
    }
  }

  StatementResult drop(DropExpectation drop) {
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      FeatureGroup g = new CatalogCommands(engine).resolve(drop.name());
      List<ExpectationDef> kept = g.expectations().stream()
          .filter(x -> !x.name().equals(drop.expectation())).toList();
      if (kept.size() == g.expectations().size()) {
        NodeLocation at = drop.expectationLocation();
        throw new FsqlException(ErrorCode.UNKNOWN_OBJECT, "feature group " + g.displayName()
            + " has no expectation '" + drop.expectation() + "' (SHOW EXPECTATIONS FOR "
            + g.name() + " lists them)", at.line(), at.column());
      }
      engine.catalog().replaceExpectations(g.withExpectations(kept));
      return StatementResult.update(0, "dropped expectation " + drop.expectation() + " from "
          + g.displayName());
    } finally {
      lock.unlock();
    }
  }

  QueryResult show(ShowExpectations show) {
    FeatureGroup g = new CatalogCommands(engine).resolve(show.name());
    List<Object[]> rows = new ArrayList<>();
    for (ExpectationDef e : g.expectations()) {
      ExpectationRule rule = engine.parser().parseExpectationRule(e.rule());
      rows.add(new Object[] {e.name(), e.rule(), rule.rowRule() ? "ROW" : "COMMIT", e.policy().name()});
    }
    return QueryResult.of(List.of(
        new ResultColumn("name", VARCHAR, false),
        new ResultColumn("rule", VARCHAR, false),
        new ResultColumn("scope", VARCHAR, false),
        new ResultColumn("policy", VARCHAR, false)), rows);
  }

  /** The columns of SHOW VALIDATIONS (information_schema.validations adds the group's name and version). */
  static List<ResultColumn> validationColumns() {
    return List.of(
        new ResultColumn("attempt", BIGINT, false),
        new ResultColumn("validated_at", TIMESTAMP, false),
        new ResultColumn("expectation", VARCHAR, false),
        new ResultColumn("rule", VARCHAR, false),
        new ResultColumn("policy", VARCHAR, false),
        new ResultColumn("outcome", VARCHAR, false),
        new ResultColumn("rows_checked", BIGINT, false),
        new ResultColumn("rows_violating", BIGINT, true),
        new ResultColumn("observed", DOUBLE, true),
        new ResultColumn("commit_id", VARCHAR, true),
        new ResultColumn("insert_outcome", VARCHAR, false));
  }

  /** The validation history of a group, newest attempt first; with LIMIT n, the n newest attempts. */
  QueryResult showValidations(ShowValidations show) {
    FeatureGroup g = new CatalogCommands(engine).resolve(show.name());
    List<Object[]> rows = new ArrayList<>();
    Set<Long> attempts = new HashSet<>();
    for (ValidationReport r : engine.catalog().listValidations(OptionalLong.of(g.id()))) {
      if (!attempts.contains(r.attempt())) {
        if (show.limit().isPresent() && attempts.size() >= show.limit().getAsLong()) {
          break;
        }
        attempts.add(r.attempt());
      }
      rows.add(new Object[] {r.attempt(), LocalDateTime.ofInstant(r.validatedAt(), ZoneOffset.UTC),
          r.expectation(), r.rule(), r.policy(), r.outcome(), r.rowsChecked(), r.rowsViolating(),
          r.observed(), r.commitId(), r.insertOutcome()});
    }
    return QueryResult.of(validationColumns(), rows);
  }
}
