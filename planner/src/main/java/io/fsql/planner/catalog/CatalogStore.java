package io.fsql.planner.catalog;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where fsql keeps its metadata: a transactional store of feature groups (and later feature views
 * and training datasets). Every method is atomic: it changes everything it says or nothing.
 */
public interface CatalogStore extends AutoCloseable {

  /** The group with this name and version, or the latest version when {@code version} is empty. */
  Optional<FeatureGroup> findGroup(String name, OptionalInt version);

  /** Every version of every group, ordered by name then version. */
  List<FeatureGroup> listGroups();

  /**
   * Stores a new group and returns it with its id, creation time and location filled in.
   *
   * @throws io.fsql.planner.FsqlException ALREADY_EXISTS if that name and version exist
   */
  FeatureGroup createGroup(FeatureGroup draft, LocationAllocator locations);

  /** Removes a group; returns false when it did not exist. */
  boolean dropGroup(long id);

  /** Replaces the description, properties and online flag of a group. */
  FeatureGroup updateGroup(FeatureGroup group);

  /** The view with this name and version, or the latest version when {@code version} is empty. */
  Optional<FeatureView> findView(String name, OptionalInt version);

  /** Every version of every feature view, ordered by name then version. */
  List<FeatureView> listViews();

  /** Stores a new feature view and returns it with its id and creation time. */
  FeatureView createView(FeatureView draft);

  /** Removes a feature view; returns false when it did not exist. */
  boolean dropView(long id);

  /** The dataset with this name and version, or the latest version when {@code version} is empty. */
  Optional<TrainingDataset> findDataset(String name, OptionalInt version);

  /** Every version of every training dataset, ordered by name then version. */
  List<TrainingDataset> listDatasets();

  /**
   * Stores a training dataset whose files are already written; {@code draft.id()} is ignored.
   * The location, parts and commits are stored as given.
   */
  TrainingDataset createDataset(TrainingDataset draft);

  /** Points a dataset at newly written files (its parts and location), atomically. */
  TrainingDataset replaceDatasetFiles(long id, String location, List<TrainingDataset.SplitPart> parts);

  /** Removes a training dataset; returns false when it did not exist. */
  boolean dropDataset(long id);

  /**
   * Replaces the columns of a group (schema evolution: added columns, widened types, comments);
   * the primary key and event time stay as they are.
   */
  FeatureGroup replaceColumns(FeatureGroup group);

  /** Every tag on every object and column, ordered by kind, object id, column and tag name. */
  List<ObjectTag> listTags();

  /**
   * Sets tags on an object ({@code column} empty) or a group column: each name gets the given
   * value (null for none), replacing a value it had.
   */
  void setTags(CatalogKind kind, long objectId, String column, java.util.Map<String, String> tags);

  /** Removes the named tags from an object or a group column (names it does not carry are ignored). */
  void unsetTags(CatalogKind kind, long objectId, String column, java.util.Collection<String> names);

  /** Records what {@code reader} (a view or dataset) read, replacing anything recorded for it. */
  void recordSources(ObjectRef reader, List<ObjectRef> sources);

  /** Every recorded read. Dropping an object removes the reads it made (not those of it). */
  List<LineageEdge> listLineage();

  /** Replaces the expectations of a group (ALTER ... ADD | DROP EXPECTATION). */
  FeatureGroup replaceExpectations(FeatureGroup group);

  /**
   * Stores the reports of one INSERT attempt into a group (one per expectation), numbering the
   * attempt after the group's last; returns the attempt's number.
   */
  long recordValidations(long groupId, List<ValidationReport> reports);

  /**
   * The stored validation reports of a group, or of every group when {@code groupId} is empty,
   * newest attempt first, then in the order of the group's expectations.
   */
  List<ValidationReport> listValidations(java.util.OptionalLong groupId);

  /**
   * Stores the statistics of one set of rows, replacing any stored for the same object, part and
   * scope. Dropping the object removes its statistics.
   */
  void saveStatistics(io.fsql.planner.stats.StatisticsSet statistics);

  /**
   * The stored statistics of one object (every part and scope) or, with {@code kind} null, of every
   * object; ordered by kind, object id, computation time, part and scope.
   */
  List<io.fsql.planner.stats.StatisticsSet> listStatistics(CatalogKind kind, long objectId);

  /** The schema version of the catalog database (migrations bring it to the current one). */
  int schemaVersion();

  @Override
  void close();

  /** Gives a new group its storage location once its id is known. */
  @FunctionalInterface
  interface LocationAllocator {
    String locationFor(String name, int version, long id);
  }
}
