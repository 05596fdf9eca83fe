package io.fsql.planner.catalog;

/** The kinds of catalog objects that carry tags and take part in lineage. */
public enum CatalogKind {
  GROUP("feature group"), VIEW("feature view"), DATASET("training dataset");

  private final String label;

  CatalogKind(String label) {
    this.label = label;
  }

  /** How messages and SHOW output name the kind, e.g. {@code feature group}. */
  public String label() {
    return label;
  }
}
