package io.fsql.planner.catalog;

/** A data-validation rule declared on a feature group: a boolean SQL condition every row must meet. */
public record ExpectationDef(String name, String condition) {}
