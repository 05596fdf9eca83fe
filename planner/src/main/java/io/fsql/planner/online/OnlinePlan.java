package io.fsql.planner.online;

import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import java.util.List;

/**
 * A query answered from the online store alone, without Spark: key lookups of online groups and
 * what the query does with the rows found (projections, filters, expressions, joins, ordering).
 * Planned once; {@link #execute} binds the parameters and reads the store.
 */
public interface OnlinePlan {

  /** The online groups it reads (all must be caught up for the plan to be used). */
  List<FeatureGroup> groups();

  List<ResultColumn> columns();

  QueryResult execute(OnlineStore store, List<?> params);

  /** For EXPLAIN, one line per step, indented by depth. */
  List<String> describe();
}
