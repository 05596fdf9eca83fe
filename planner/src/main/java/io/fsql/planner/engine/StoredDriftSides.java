package io.fsql.planner.engine;

import io.fsql.planner.catalog.CatalogKind;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.drift.DriftProfiles;
import io.fsql.planner.drift.QuantileSketch;
import io.fsql.planner.drift.SideProfile;
import io.fsql.planner.drift.ValueCounts;
import io.fsql.planner.offline.CommitInfo;
import io.fsql.planner.stats.ColumnStatistics;
import io.fsql.planner.stats.DriftProfileJson;
import io.fsql.planner.stats.StatisticsSet;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.ShowDrift;
import io.fsql.sql.tree.SqlFeatureTableRef;
import io.fsql.sql.tree.TimeTravel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * A SHOW DRIFT side taken from stored statistics instead of its rows, when the catalog holds the
 * drift profiles ({@link DriftProfileJson}) of exactly that side's rows:
 *
 * <ul>
 *   <li>{@code td [VERSION n] SPLIT s}: the split's statistics;
 *   <li>{@code td [VERSION n]}: the statistics of all its splits, combined
 *       ({@link QuantileSketch#mixture}, {@link ValueCounts#sum});
 *   <li>{@code g [VERSION n]} and {@code g [VERSION n] AS OF COMMIT 'c'}: the ANALYZE statistics of
 *       the group's snapshot at its latest commit, or at c.
 * </ul>
 *
 * Any other side (CHANGES SINCE, AS OF TIMESTAMP, a commit or split without statistics, statistics
 * from before drift profiles were stored, a compared column without a profile) is read instead.
 * A CHANGES SINCE range is never taken from per-commit statistics: a key written by two commits in
 * the range is one row of the range but counted by both commits' statistics.
 */
final class StoredDriftSides {
  private final FsqlEngine engine;

  StoredDriftSides(FsqlEngine engine) {
    this.engine = engine;
  }

  /** A stored side's profile and which statistics it came from (for SHOW DRIFT's source column). */
  record Stored(SideProfile profile, String source) {}

  Optional<Stored> profile(ShowDrift.DriftSide.Relation side, List<String> numeric, List<String> categorical) {
    SqlNode relation = side.relation();
    Optional<String> split = Optional.empty();
    Optional<String> commit = Optional.empty();
    if (relation instanceof SqlFeatureTableRef ref) {
      if (ref.latest() || ref.changes().isPresent() || ref.spine().isPresent() || ref.eventTimeFrom().isPresent()
          || ref.keys().isPresent()) {
        return Optional.empty();
      }
      if (ref.asOf().isPresent()) {
        TimeTravel t = ref.asOf().get();
        if (t.kind() != TimeTravel.Kind.COMMIT || !(t.value() instanceof SqlCharStringLiteral s)) {
          return Optional.empty();
        }
        commit = Optional.of(s.getNlsString().getValue());
      }
      split = ref.split();
    } else if (!(relation instanceof SqlIdentifier)) {
      return Optional.empty();
    }
    ObjectName name = side.name();
    try {
      Optional<FeatureGroup> group = engine.catalog().findGroup(name.name(), name.version());
      if (group.isPresent()) {
        return split.isPresent() ? Optional.empty() : analyzed(group.get(), commit, numeric, categorical);
      }
      Optional<TrainingDataset> dataset = engine.catalog().findDataset(name.name(), name.version());
      if (dataset.isEmpty() || commit.isPresent()) {
        return Optional.empty();
      }
      return splits(dataset.get(), split, numeric, categorical);
    } catch (RuntimeException e) {  // unreadable stored profile: read the rows instead
      return Optional.empty();
    }
  }

  private Optional<Stored> analyzed(FeatureGroup g, Optional<String> asOf, List<String> numeric,
      List<String> categorical) {
    String commit;
    if (asOf.isPresent()) {
      commit = asOf.get();
    } else {
      List<CommitInfo> commits = engine.offline().history(g).commits();
      if (commits.isEmpty()) {
        return Optional.empty();
      }
      commit = commits.get(commits.size() - 1).id();
    }
    for (StatisticsSet s : engine.catalog().listStatistics(CatalogKind.GROUP, g.id())) {
      if (s.scope().equals(StatisticsSet.ANALYZE) && s.part().equals(commit)) {
        return combine(List.of(s), numeric, categorical)
            .map(p -> new Stored(p, "statistics (ANALYZE at commit " + commit + ")"));
      }
    }
    return Optional.empty();
  }

  private Optional<Stored> splits(TrainingDataset d, Optional<String> split, List<String> numeric,
      List<String> categorical) {
    Map<String, StatisticsSet> byPart = new HashMap<>();
    for (StatisticsSet s : engine.catalog().listStatistics(CatalogKind.DATASET, d.id())) {
      if (s.scope().equals(StatisticsSet.SPLIT)) {
        byPart.put(s.part(), s);
      }
    }
    List<StatisticsSet> sets = new ArrayList<>();
    for (TrainingDataset.SplitPart part : d.parts()) {
      if (split.isPresent() && !split.get().equalsIgnoreCase(part.name())) {
        continue;
      }
      StatisticsSet s = byPart.get(part.name());
      if (s == null || (!s.columns().isEmpty() && s.columns().get(0).count() != part.rows())) {
        return Optional.empty();
      }
      sets.add(s);
    }
    if (sets.isEmpty()) {
      return Optional.empty();
    }
    String what = split.isPresent() ? "split " + sets.get(0).part()
        : sets.size() == 1 ? "the dataset" : sets.size() + " splits combined";
    return combine(sets, numeric, categorical).map(p -> new Stored(p, "statistics (" + what + ")"));
  }

  /** The profile of the union of these sets of rows, when each has a profile of every column compared. */
  private static Optional<SideProfile> combine(List<StatisticsSet> sets, List<String> numeric,
      List<String> categorical) {
    long rows = 0;
    Map<String, List<QuantileSketch>> sketches = new HashMap<>();
    Map<String, List<ValueCounts>> counts = new HashMap<>();
    for (StatisticsSet set : sets) {
      Map<String, ColumnStatistics> byName = new HashMap<>();
      set.columns().forEach(c -> byName.put(c.column(), c));
      if (set.columns().isEmpty()) {
        return Optional.empty();
      }
      rows += set.columns().get(0).count();
      for (String n : numeric) {
        ColumnStatistics c = byName.get(n);
        if (c == null || c.driftProfile() == null) {
          return Optional.empty();
        }
        DriftProfileJson.Numeric p = DriftProfileJson.readNumeric(c.driftProfile());
        sketches.computeIfAbsent(n, k -> new ArrayList<>())
            .add(p.count() == 0 ? QuantileSketch.empty() : new QuantileSketch(p.count(), p.quantiles()));
      }
      for (String n : categorical) {
        ColumnStatistics c = byName.get(n);
        if (c == null || c.driftProfile() == null) {
          return Optional.empty();
        }
        DriftProfileJson.Categorical p = DriftProfileJson.readCategorical(c.driftProfile());
        counts.computeIfAbsent(n, k -> new ArrayList<>()).add(new ValueCounts(p.top(), p.other()));
      }
    }
    Map<String, QuantileSketch> numericProfiles = new HashMap<>();
    sketches.forEach((n, parts) -> numericProfiles.put(n, QuantileSketch.mixture(parts, DriftProfiles.RESOLUTION)));
    Map<String, ValueCounts> categoricalProfiles = new HashMap<>();
    counts.forEach((n, parts) -> categoricalProfiles.put(n, ValueCounts.sum(parts)));
    return Optional.of(new SideProfile(rows, numericProfiles, categoricalProfiles));
  }
}
