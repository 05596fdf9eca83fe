package io.fsql.planner.engine;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.ValidationReport;
import io.fsql.planner.offline.CommitInfo;
import io.fsql.planner.offline.ExpectationCheck;
import io.fsql.planner.offline.RuleResult;
import io.fsql.sql.tree.ViolationPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The expectations of one INSERT: compiled before the write, given what the offline store
 * measured, and recorded as the attempt's validation report once the INSERT committed or failed.
 */
final class InsertValidation {
  private final FsqlEngine engine;
  private final FeatureGroup group;
  private final List<ExpectationCheck> checks;
  private List<RuleResult> results;

  InsertValidation(FsqlEngine engine, FeatureGroup group) {
    this.engine = engine;
    this.group = group;
    this.checks = group.expectations().isEmpty()
        ? List.of() : new ExpectationCommands(engine).compile(group);
  }

  List<ExpectationCheck> checks() {
    return checks;
  }

  /** What the offline store measured, before it wrote anything. */
  void evaluated(List<RuleResult> measured) {
    this.results = List.copyOf(measured);
  }

  /** Records the report of an INSERT that committed (or wrote nothing: no rows left). */
  void committed(CommitInfo commit) {
    record(commit.id(), commit.id() == null ? "NO_ROWS" : "COMMITTED");
  }

  /** Records the report of an INSERT that failed after its rows were checked. */
  void failed() {
    boolean rejected = results != null && results.stream()
        .anyMatch(r -> !r.passed() && r.check().policy() == ViolationPolicy.REJECT);
    try {
      record(null, rejected ? "REJECTED" : "FAILED");
    } catch (RuntimeException e) {
      // the INSERT's own failure is what the user must see
      org.slf4j.LoggerFactory.getLogger(InsertValidation.class)
          .warn("could not record the validation report of a failed INSERT into {}", group.displayName(), e);
    }
  }

  private void record(String commitId, String insertOutcome) {
    if (results == null || results.isEmpty()) {
      return; // no expectations, or the rows were never checked
    }
    Instant now = Instant.now();
    List<ValidationReport> reports = new ArrayList<>();
    for (RuleResult r : results) {
      ExpectationCheck c = r.check();
      reports.add(new ValidationReport(group.id(), group.name(), group.version(), 0, c.name(),
          c.rule(), c.policy().name(), r.passed() ? "PASS" : "FAIL", r.rowsChecked(),
          r.rowsViolating(), r.observed(), commitId, insertOutcome, now));
    }
    engine.catalog().recordValidations(group.id(), reports);
  }

  /** For the INSERT's message: the rules that warned or dropped rows; empty when none did. */
  String summary() {
    if (results == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (RuleResult r : results) {
      if (r.passed()) {
        continue;
      }
      if (r.check().policy() == ViolationPolicy.DROP) {
        parts.add("dropped " + r.rowsViolating() + (r.rowsViolating() == 1 ? " row" : " rows")
            + " breaking " + r.check().display());
      } else if (r.check().policy() == ViolationPolicy.WARN) {
        parts.add("warning: " + r.check().display() + " failed: " + r.finding());
      }
    }
    long passed = results.stream().filter(RuleResult::passed).count();
    return "; expectations: " + passed + " of " + results.size() + " passed"
        + (parts.isEmpty() ? "" : "; " + String.join("; ", parts));
  }
}
