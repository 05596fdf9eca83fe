package io.fsql.planner.exec;

import io.fsql.planner.catalog.ColumnType;

/** A column of a result: its label and type as the planner derived them. */
public record ResultColumn(String name, ColumnType type, boolean nullable) {}
