package io.fsql.sql.tree;

/** How a training dataset is split: at random, or by time ranges. */
public sealed interface SplitSpec permits RandomSplit, TimeSplit {
  NodeLocation location();
}
