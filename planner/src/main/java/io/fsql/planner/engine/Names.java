package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.sql.tree.ObjectName;
import java.util.OptionalInt;

/**
 * Feature groups, feature views and training datasets share one namespace in queries: a name
 * belongs to one kind of object (its versions are all of that kind).
 */
final class Names {
  enum Kind { GROUP, VIEW, DATASET }

  private Names() {}

  static void checkFree(FsqlEngine engine, ObjectName name, Kind creating) {
    String n = name.name();
    String taken = null;
    if (creating != Kind.GROUP && engine.catalog().findGroup(n, OptionalInt.empty()).isPresent()) {
      taken = "a feature group";
    } else if (creating != Kind.VIEW && engine.catalog().findView(n, OptionalInt.empty()).isPresent()) {
      taken = "a feature view";
    } else if (creating != Kind.DATASET && engine.catalog().findDataset(n, OptionalInt.empty()).isPresent()) {
      taken = "a training dataset";
    }
    if (taken != null) {
      throw new FsqlException(ErrorCode.ALREADY_EXISTS,
          "the name '" + n + "' is taken by " + taken + " (groups, views and datasets share one namespace)",
          name.location().line(), name.location().column());
    }
  }
}
