package io.fsql.planner.catalog;

import java.util.Objects;

/**
 * One recorded read: a feature view read a feature group (or another view), or a training dataset
 * was made through a feature view. Which commit of each group a dataset read is in its
 * {@link TrainingDataset#commits()}.
 */
public record LineageEdge(ObjectRef reader, ObjectRef source) {
  public LineageEdge {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
  }
}
