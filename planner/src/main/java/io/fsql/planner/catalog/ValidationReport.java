package io.fsql.planner.catalog;

import java.time.Instant;

/**
 * What one expectation gave on one INSERT attempt into a group (rejected attempts too).
 *
 * @param attempt the attempt's number within the group (1, 2, ...; the catalog assigns it)
 * @param outcome {@code PASS} or {@code FAIL}
 * @param policy the expectation's policy ({@code REJECT}, {@code WARN}, {@code DROP})
 * @param rowsChecked the rows the INSERT gave
 * @param rowsViolating rows that broke a row rule, or repeated a value for UNIQUE; null for other
 *     commit rules
 * @param observed a commit rule's measured value (null for row rules, or when there is none)
 * @param commitId the commit the attempt made, null when it made none
 * @param insertOutcome what the INSERT did: {@code COMMITTED}, {@code REJECTED} (by an
 *     expectation) or {@code FAILED} (for another reason)
 */
public record ValidationReport(
    long groupId,
    String groupName,
    int groupVersion,
    long attempt,
    String expectation,
    String rule,
    String policy,
    String outcome,
    long rowsChecked,
    Long rowsViolating,
    Double observed,
    String commitId,
    String insertOutcome,
    Instant validatedAt) {}
