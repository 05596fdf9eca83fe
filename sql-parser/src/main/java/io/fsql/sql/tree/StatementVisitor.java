package io.fsql.sql.tree;

/**
 * Visits the statement kinds: one method per kind, each answering, by default,
 * {@link #visitStatement}. Dispatch is {@link Statement#accept}.
 *
 * @param <R> what a visit returns
 * @param <C> the context passed along
 */
public interface StatementVisitor<R, C> {

  /** What every kind answers unless its own method is overridden. */
  R visitStatement(Statement statement, C context);

  default R visitQueryStatement(QueryStatement statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitExplain(Explain statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitCreateFeatureGroup(CreateFeatureGroup statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitAlterFeatureGroup(AlterFeatureGroup statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitDropFeatureGroup(DropFeatureGroup statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowFeatureGroups(ShowFeatureGroups statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitDescribe(Describe statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowCommits(ShowCommits statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitInsert(Insert statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitCreateFeatureView(CreateFeatureView statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitDropFeatureView(DropFeatureView statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowFeatureViews(ShowFeatureViews statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitCreateTrainingDataset(CreateTrainingDataset statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitDropTrainingDataset(DropTrainingDataset statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowTrainingDatasets(ShowTrainingDatasets statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitRecreateTrainingDataset(RecreateTrainingDataset statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitSetOnline(SetOnline statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitRefreshOnline(RefreshOnline statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitSetOption(SetOption statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitAddColumn(AddColumn statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitDropColumn(DropColumn statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitAlterColumn(AlterColumn statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitAlterTags(AlterTags statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowFeatures(ShowFeatures statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowLineage(ShowLineage statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowDependents(ShowDependents statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitAddExpectation(AddExpectation statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitDropExpectation(DropExpectation statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowExpectations(ShowExpectations statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowValidations(ShowValidations statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitShowStatistics(ShowStatistics statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitAnalyzeFeatureGroup(AnalyzeFeatureGroup statement, C context) {
    return visitStatement(statement, context);
  }
  default R visitShowDrift(ShowDrift statement, C context) {
    return visitStatement(statement, context);
  }

  default R visitSetViewLogging(SetViewLogging statement, C context) {
    return visitStatement(statement, context);
  }

}
