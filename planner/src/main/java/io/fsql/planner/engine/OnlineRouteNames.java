package io.fsql.planner.engine;

import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Whether a query could be an online lookup at all, told before planning it: only a query that
 * names an online feature group or a feature view (which may read one) can be, so a query naming
 * neither skips the planning the online route needs (a second Calcite planning of every ad-hoc
 * query otherwise). Conservative: any identifier equal to such a name, ignoring case, counts.
 * The names are read from the catalog once per catalog generation.
 */
final class OnlineRouteNames {
  private record Names(long generation, Set<String> names) {}

  private final CatalogStore catalog;
  private final LongSupplier generation;
  private volatile Names names;

  OnlineRouteNames(CatalogStore catalog, LongSupplier generation) {
    this.catalog = catalog;
    this.generation = generation;
  }

  /** Whether {@code query} names an online group or a feature view. */
  boolean mayRoute(SqlNode query) {
    Set<String> known = current();
    if (known.isEmpty()) {
      return false;
    }
    boolean[] found = new boolean[1];
    query.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        for (String part : id.names) {
          if (known.contains(part.toLowerCase(Locale.ROOT))) {
            found[0] = true;
          }
        }
        return null;
      }
    });
    return found[0];
  }

  private Set<String> current() {
    long now = generation.getAsLong();
    Names n = names;
    if (n == null || n.generation() != now) {
      Set<String> s = new HashSet<>();
      for (FeatureGroup g : catalog.listGroups()) {
        if (g.online()) {
          s.add(g.name().toLowerCase(Locale.ROOT));
        }
      }
      for (FeatureView v : catalog.listViews()) {
        s.add(v.name().toLowerCase(Locale.ROOT));
      }
      n = new Names(now, Set.copyOf(s));
      names = n;
    }
    return n.names();
  }
}
