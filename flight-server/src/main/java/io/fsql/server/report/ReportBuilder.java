package io.fsql.server.report;

import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.Session;
import io.fsql.sql.tree.StatementFormatter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Gathers what a report shows through the engine's SQL: SHOW STATISTICS, SHOW COMMITS (groups),
 * SHOW VALIDATIONS (when this fsql has it) and, when asked, SHOW DRIFT.
 */
public final class ReportBuilder {
  private final Session session;

  public ReportBuilder(Session session) {
    this.session = session;
  }

  /**
   * The report of the feature group or training dataset {@code name}; {@code driftAgainst}, when not
   * null, is what SHOW DRIFT compares it with (the text after AGAINST).
   */
  public String build(String name, String driftAgainst) {
    String quoted = StatementFormatter.formatName(name);
    boolean group = session.featureGroups().stream().anyMatch(g -> g.name().equals(name));
    boolean dataset = !group && session.trainingDatasets().stream().anyMatch(d -> d.name().equals(name));
    if (!group && !dataset) {
      throw new IllegalArgumentException("no feature group or training dataset is named '" + name + "'");
    }
    String kind = group ? "FEATURE GROUP" : "TRAINING DATASET";
    ResultTable stats = ResultTable.of(session.execute("SHOW STATISTICS FOR " + kind + " " + quoted));
    ResultTable commits = group ? ResultTable.of(session.execute("SHOW COMMITS FOR " + quoted)) : null;
    ResultTable validations = null;
    if (group) {
      try {
        validations = ResultTable.of(session.execute("SHOW VALIDATIONS FOR " + quoted));
      } catch (FsqlException e) {
        validations = null; // an fsql without validation history: "no validations recorded"
      }
    }
    ResultTable drift = null;
    String driftNote = null;
    if (driftAgainst != null) {
      try {
        drift = ResultTable.of(session.execute("SHOW DRIFT FOR " + quoted + " AGAINST " + driftAgainst));
      } catch (FsqlException e) {
        driftNote = "drift not available: " + e.getMessage();
      }
    }
    return HtmlReport.render(new HtmlReport.Content(group ? "feature group" : "training dataset", name,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), stats, commits, validations, drift, driftNote));
  }
}
