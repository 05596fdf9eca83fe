package io.fsql.sql.tree;

/** What an INSERT does when rows break an expectation ({@code ON VIOLATION ...}). */
public enum ViolationPolicy {
  /** No commit: the INSERT fails and names the rule (the default). */
  REJECT,
  /** Commit all rows and report the rule in the statement's message. */
  WARN,
  /** Commit without the violating rows (row rules only) and report how many were dropped. */
  DROP
}
