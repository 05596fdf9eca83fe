package io.fsql.storage.catalog;

import io.fsql.planner.catalog.ValidationReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The table {@code validation_report}: one row per expectation per INSERT attempt. */
final class ValidationReports {
  private ValidationReports() {}

  /** Stores one attempt's reports as the group's next attempt; returns its number. */
  static long insert(Connection c, long groupId, List<ValidationReport> reports) throws SQLException {
    long attempt;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COALESCE(MAX(attempt), 0) + 1 FROM validation_report WHERE group_id = ?")) {
      ps.setLong(1, groupId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        attempt = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO validation_report (group_id, attempt,"
        + " ordinal, expectation, rule, policy, outcome, rows_checked, rows_violating, observed,"
        + " commit_id, insert_outcome, validated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int ordinal = 0;
      for (ValidationReport r : reports) {
        ps.setLong(1, groupId);
        ps.setLong(2, attempt);
        ps.setInt(3, ordinal++);
        ps.setString(4, r.expectation());
        ps.setString(5, r.rule());
        ps.setString(6, r.policy());
        ps.setString(7, r.outcome());
        ps.setLong(8, r.rowsChecked());
        if (r.rowsViolating() == null) {
          ps.setNull(9, Types.BIGINT);
        } else {
          ps.setLong(9, r.rowsViolating());
        }
        if (r.observed() == null || r.observed().isNaN() || r.observed().isInfinite()) {
          ps.setNull(10, Types.DOUBLE);
        } else {
          ps.setDouble(10, r.observed());
        }
        ps.setString(11, r.commitId());
        ps.setString(12, r.insertOutcome());
        ps.setObject(13, r.validatedAt().atOffset(ZoneOffset.UTC));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return attempt;
  }

  static List<ValidationReport> list(Connection c, OptionalLong groupId) throws SQLException {
    String sql = "SELECT r.*, g.name AS group_name, g.version AS group_version FROM validation_report r"
        + " JOIN feature_group g ON g.id = r.group_id"
        + (groupId.isPresent() ? " WHERE r.group_id = ?" : "")
        + " ORDER BY g.name, g.version, r.attempt DESC, r.ordinal";
    List<ValidationReport> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (groupId.isPresent()) {
        ps.setLong(1, groupId.getAsLong());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long violating = rs.getLong("rows_violating");
          Long rowsViolating = rs.wasNull() ? null : violating;
          double observed = rs.getDouble("observed");
          Double obs = rs.wasNull() ? null : observed;
          out.add(new ValidationReport(rs.getLong("group_id"), rs.getString("group_name"),
              rs.getInt("group_version"), rs.getLong("attempt"), rs.getString("expectation"),
              rs.getString("rule"), rs.getString("policy"), rs.getString("outcome"),
              rs.getLong("rows_checked"), rowsViolating, obs, rs.getString("commit_id"),
              rs.getString("insert_outcome"),
              rs.getObject("validated_at", OffsetDateTime.class).toInstant()));
        }
      }
    }
    return out;
  }
}
