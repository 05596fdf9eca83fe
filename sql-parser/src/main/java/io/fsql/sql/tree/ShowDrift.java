package io.fsql.sql.tree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code SHOW DRIFT FOR reference AGAINST current [WITH (option = value, ...)]}: per shared
 * feature, how far the current side's distribution is from the reference side's.
 *
 * @param reference the reference side (a training dataset, optionally a split, or a group at
 *     some point or commit range)
 * @param current the newer side: a relation like the reference, or the served-vector log of a
 *     feature view
 * @param options the WITH options (thresholds, bins), in order
 */
public record ShowDrift(NodeLocation location, DriftSide.Relation reference, DriftSide current,
    List<Property> options) implements Statement {
  public ShowDrift {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    options = List.copyOf(options);
  }

  @Override
  public <R, C> R accept(StatementVisitor<R, C> visitor, C context) {
    return visitor.visitShowDrift(this, context);
  }

  /** One side of a drift comparison. */
  public sealed interface DriftSide {

    /**
     * A training dataset or feature group, as a table reference ({@code name [VERSION n]
     * [SPLIT s | AS OF ... | CHANGES SINCE ... [UNTIL ...]]}): the rows of {@code SELECT * FROM
     * relation}.
     *
     * @param name the object the relation reads
     * @param relation the table reference (a Calcite identifier or {@link SqlFeatureTableRef})
     * @param text the reference as written
     */
    record Relation(ObjectName name, org.apache.calcite.sql.SqlNode relation, String text)
        implements DriftSide {
      public Relation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(text, "text");
      }
    }

    /**
     * {@code SERVED view [VERSION n] [SINCE TIMESTAMP 'ts']}: the vectors that online lookups
     * over the view returned (its served-vector log), since a lookup time when given.
     */
    record Served(ObjectName view, Optional<String> since, NodeLocation sinceLocation)
        implements DriftSide {
      public Served {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(sinceLocation, "sinceLocation");
      }
    }
  }
}
