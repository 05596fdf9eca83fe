package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.CatalogKind;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.sql.tree.AddColumn;
import io.fsql.sql.tree.AlterColumn;
import io.fsql.sql.tree.ColumnDefinition;
import io.fsql.sql.tree.DataType.Kind;
import io.fsql.sql.tree.DropColumn;
import io.fsql.sql.tree.NodeLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Changes a feature group's schema in place: ADD COLUMN (nullable; rows written before read NULL
 * for it) and ALTER COLUMN ... SET DATA TYPE to a wider type whose values read the old ones
 * exactly (INTEGER to BIGINT, REAL to DOUBLE, DECIMAL to a larger precision with the same scale,
 * VARCHAR to a longer or unbounded VARCHAR). Every read, AS OF an old commit included, uses the
 * group's current schema. Anything else (dropping, narrowing, another type) needs a new VERSION.
 */
final class SchemaEvolution {
  private final FsqlEngine engine;
  private final CatalogCommands catalog;

  SchemaEvolution(FsqlEngine engine) {
    this.engine = engine;
    this.catalog = new CatalogCommands(engine);
  }

  StatementResult add(AddColumn add) {
    return underLocks(add.name(), g -> {
      ColumnDefinition def = add.column();
      NodeLocation at = def.location();
      if (g.column(def.name()).isPresent()) {
        throw new FsqlException(ErrorCode.ALREADY_EXISTS, "feature group " + g.displayName()
            + " already has a column '" + def.name() + "'", at.line(), at.column());
      }
      CatalogCommands.checkColumnName(def);
      List<Column> columns = new ArrayList<>(g.columns());
      columns.add(new Column(def.name(), ColumnType.from(def.type()), true, def.comment().orElse(null)));
      engine.catalog().replaceColumns(withColumns(g, columns));
      if (!def.tags().isEmpty()) {
        engine.catalog().setTags(CatalogKind.GROUP, g.id(), def.name(), TagCommands.values(def.tags()));
      }
      return StatementResult.update(0, "added column " + def.name() + " " + ColumnType.from(def.type())
          + " to feature group " + g.displayName() + "; rows written before read NULL for it");
    });
  }

  StatementResult drop(DropColumn drop) {
    FeatureGroup g = catalog.resolve(drop.name());
    NodeLocation at = drop.columnLocation();
    column(g, drop.column(), at);
    throw new FsqlException(ErrorCode.NOT_SUPPORTED, "cannot drop column '" + drop.column()
        + "' of feature group " + g.displayName() + ": its commits keep the column (AS OF reads them); "
        + "create a new version without it: " + nextVersion(g), at.line(), at.column());
  }

  StatementResult alter(AlterColumn alter) {
    return underLocks(alter.name(), g -> {
      NodeLocation at = alter.columnLocation();
      Column old = column(g, alter.column(), at);
      List<Column> columns = new ArrayList<>(g.columns());
      int i = columns.indexOf(old);
      if (alter.comment().isPresent()) {
        columns.set(i, new Column(old.name(), old.type(), old.nullable(), alter.comment().get()));
        engine.catalog().replaceColumns(withColumns(g, columns));
        return StatementResult.update(0, "set the comment of column " + old.name() + " of feature group "
            + g.displayName());
      }
      ColumnType wanted = ColumnType.from(alter.type().orElseThrow());
      NodeLocation typeAt = alter.type().get().location();
      if (wanted.equals(old.type())) {
        return StatementResult.update(0, "column " + old.name() + " of feature group " + g.displayName()
            + " is " + wanted + " already");
      }
      if (g.recordKey().contains(old.name())) {
        throw new FsqlException(ErrorCode.NOT_SUPPORTED, "cannot change the type of "
            + (g.primaryKey().contains(old.name()) ? "primary-key" : "event-time") + " column '"
            + old.name() + "' of feature group " + g.displayName() + ": it identifies the stored rows; "
            + "create a new version instead: " + nextVersion(g), typeAt.line(), typeAt.column());
      }
      if (!widens(old.type(), wanted)) {
        throw new FsqlException(ErrorCode.NOT_SUPPORTED, "cannot change column '" + old.name()
            + "' of feature group " + g.displayName() + " from " + old.type() + " to " + wanted
            + ": only widening is done in place (INTEGER to BIGINT, REAL to DOUBLE, DECIMAL(p,s) to a "
            + "larger precision with the same scale, VARCHAR to a longer VARCHAR); for other changes "
            + "create a new version: " + nextVersion(g), typeAt.line(), typeAt.column());
      }
      columns.set(i, new Column(old.name(), wanted, old.nullable(), old.comment()));
      FeatureGroup evolved = engine.catalog().replaceColumns(withColumns(g, columns));
      String message = "changed column " + old.name() + " of feature group " + g.displayName() + " from "
          + old.type() + " to " + wanted;
      if (evolved.online() && old.type().kind() == Kind.REAL) {
        // online rows hold a REAL in 4 bytes, a DOUBLE in 8: load them again, widened (INTEGER
        // and BIGINT, and DECIMALs of one scale, are stored alike)
        long keys = engine.onlineSync().refresh(evolved);
        message += "; reloaded " + keys + (keys == 1 ? " key" : " keys") + " into the online store";
      }
      return StatementResult.update(0, message);
    });
  }

  /** Whether every value of {@code from} is a value of {@code to}, read back unchanged. */
  static boolean widens(ColumnType from, ColumnType to) {
    Kind a = from.kind();
    Kind b = to.kind();
    if (a == Kind.INTEGER && b == Kind.BIGINT || a == Kind.REAL && b == Kind.DOUBLE) {
      return true;
    }
    if (a == Kind.DECIMAL && b == Kind.DECIMAL) {
      return to.scale() == from.scale() && to.precision() > from.precision();
    }
    if (a == Kind.VARCHAR && b == Kind.VARCHAR) {
      return to.precision() < 0 || from.precision() > 0 && to.precision() > from.precision();
    }
    return false;
  }

  private String nextVersion(FeatureGroup g) {
    int latest = engine.catalog().findGroup(g.name(), OptionalInt.empty())
        .map(FeatureGroup::version).orElse(g.version());
    return "CREATE FEATURE GROUP " + g.name() + " VERSION " + (latest + 1) + " (...)";
  }

  private static Column column(FeatureGroup g, String name, NodeLocation at) {
    return g.column(name).orElseThrow(() -> new FsqlException(ErrorCode.UNKNOWN_COLUMN,
        "feature group " + g.displayName() + " has no column '" + name + "'", at.line(), at.column()));
  }

  static FeatureGroup withColumns(FeatureGroup g, List<Column> columns) {
    return new FeatureGroup(g.id(), g.name(), g.version(), columns, g.primaryKey(), g.eventTime(),
        g.online(), g.description(), g.properties(), g.expectations(), g.createdAt(), g.location());
  }

  private interface Change {
    StatementResult apply(FeatureGroup group);
  }

  /** Runs a change with the catalog and the group locked (no INSERT runs meanwhile). */
  private StatementResult underLocks(io.fsql.sql.tree.ObjectName name, Change change) {
    ReentrantLock lock = engine.catalogLock();
    lock.lock();
    try {
      FeatureGroup g = catalog.resolve(name);
      ReentrantLock groupLock = engine.groupLock(g.name(), g.version());
      groupLock.lock();
      try {
        return change.apply(catalog.resolve(name));
      } finally {
        groupLock.unlock();
      }
    } finally {
      lock.unlock();
    }
  }
}
