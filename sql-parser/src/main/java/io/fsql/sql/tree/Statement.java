package io.fsql.sql.tree;

/** A parsed fsql statement. Every implementation is an immutable record. */
public sealed interface Statement
    permits QueryStatement, Explain, CreateFeatureGroup, AlterFeatureGroup, DropFeatureGroup,
        ShowFeatureGroups, Describe, ShowCommits, Insert, CreateFeatureView, DropFeatureView,
        ShowFeatureViews, CreateTrainingDataset, DropTrainingDataset, ShowTrainingDatasets,
        RecreateTrainingDataset {

  /** The location of the statement's first token. */
  NodeLocation location();
}
