package io.fsql.planner.offline;

import java.time.Instant;

/**
 * One completed commit of a feature group's offline table. {@code id} is the commit's instant
 * (the Hudi requested time, e.g. {@code 20260101120000123}); {@code completedAt} is when it became
 * visible, which is what {@code AS OF TIMESTAMP} compares with.
 */
public record CommitInfo(
    String id,
    Instant startedAt,
    Instant completedAt,
    String operation,
    long rowsInserted,
    long rowsUpdated,
    long rowsWritten) {}
