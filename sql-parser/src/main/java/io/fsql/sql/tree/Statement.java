package io.fsql.sql.tree;

/** A parsed fsql statement. Every implementation is an immutable record. */
public sealed interface Statement
    permits QueryStatement, Explain, CreateFeatureGroup, AlterFeatureGroup, DropFeatureGroup,
        ShowFeatureGroups, Describe, ShowCommits, Insert, CreateFeatureView, DropFeatureView,
        ShowFeatureViews, CreateTrainingDataset, DropTrainingDataset, ShowTrainingDatasets,
        RecreateTrainingDataset, SetOnline, RefreshOnline, SetOption, AddColumn, DropColumn,
        AlterColumn, AlterTags, ShowFeatures, ShowLineage, ShowDependents,
        AddExpectation, DropExpectation, ShowExpectations, ShowValidations,
        ShowStatistics, AnalyzeFeatureGroup, ShowDrift, SetViewLogging {

  /** The location of the statement's first token. */
  NodeLocation location();

  /** Calls the visitor's method for this kind of statement. */
  <R, C> R accept(StatementVisitor<R, C> visitor, C context);
}
