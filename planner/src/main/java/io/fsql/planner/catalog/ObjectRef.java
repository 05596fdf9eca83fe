package io.fsql.planner.catalog;

import java.util.Objects;

/** One version of a catalog object, by kind, id, name and version. */
public record ObjectRef(CatalogKind kind, long id, String name, int version) {
  public ObjectRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static ObjectRef of(FeatureGroup g) {
    return new ObjectRef(CatalogKind.GROUP, g.id(), g.name(), g.version());
  }

  public static ObjectRef of(FeatureView v) {
    return new ObjectRef(CatalogKind.VIEW, v.id(), v.name(), v.version());
  }

  public static ObjectRef of(TrainingDataset d) {
    return new ObjectRef(CatalogKind.DATASET, d.id(), d.name(), d.version());
  }

  /** {@code feature group name v1}, as shown in messages. */
  public String displayName() {
    return kind.label() + " " + name + " v" + version;
  }
}
