package io.fsql.planner.pit;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.ImmutableIntList;

/**
 * A point-in-time join: for each row of the spine (left input) with key k and time t, the row of
 * the right input with the same key whose time e is the closest to t on the allowed side
 * ({@code e <= t}, or {@code e < t} when strict, for a backward join; {@code e >= t} /
 * {@code e > t} for a forward one), or none; never a row from the other side. With a max
 * staleness s, only rows with {@code |t - e| <= s} match. A left join keeps spine rows without a
 * match (right columns NULL); every spine row, duplicates included, gives exactly one output row
 * (left) or at most one (inner). Rows with a NULL key or time never match.
 *
 * <p>Calcite's {@code LogicalAsofJoin} is deliberately not used: fsql plans this operator onto its
 * own partitioned, indexed algorithm on Spark, and Calcite's enumerable implementation was measured to
 * return wrong rows for some spellings of the match condition.
 */
public final class PointInTimeJoin extends BiRel {
  private final ImmutableIntList leftKeys;
  private final ImmutableIntList rightKeys;
  private final int leftTime;
  private final int rightTime;
  private final boolean backward;
  private final boolean strict;
  private final Long maxStalenessMicros;
  private final boolean keepUnmatched;

  public PointInTimeJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right,
      List<Integer> leftKeys, List<Integer> rightKeys, int leftTime, int rightTime,
      boolean backward, boolean strict, Long maxStalenessMicros, boolean keepUnmatched) {
    super(cluster, traits, left, right);
    this.leftKeys = ImmutableIntList.copyOf(leftKeys);
    this.rightKeys = ImmutableIntList.copyOf(rightKeys);
    this.leftTime = leftTime;
    this.rightTime = rightTime;
    this.backward = backward;
    this.strict = strict;
    this.maxStalenessMicros = maxStalenessMicros;
    this.keepUnmatched = keepUnmatched;
  }

  public ImmutableIntList leftKeys() {
    return leftKeys;
  }

  public ImmutableIntList rightKeys() {
    return rightKeys;
  }

  /** The index of the spine's time among the left input's fields. */
  public int leftTime() {
    return leftTime;
  }

  /** The index of the feature rows' time among the right input's fields. */
  public int rightTime() {
    return rightTime;
  }

  /** True when the match is the latest right row at or before the spine time. */
  public boolean backward() {
    return backward;
  }

  /** True when equal times do not match ({@code >} or {@code <}). */
  public boolean strict() {
    return strict;
  }

  /** The max staleness in microseconds, or null. */
  public Long maxStalenessMicros() {
    return maxStalenessMicros;
  }

  /** True for LEFT ASOF JOIN. */
  public boolean keepUnmatched() {
    return keepUnmatched;
  }

  @Override
  protected RelDataType deriveRowType() {
    return SqlValidatorUtil.deriveJoinRowType(left.getRowType(), right.getRowType(),
        keepUnmatched ? JoinRelType.LEFT : JoinRelType.INNER, getCluster().getTypeFactory(), null, List.of());
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new PointInTimeJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), leftKeys,
        rightKeys, leftTime, rightTime, backward, strict, maxStalenessMicros, keepUnmatched);
  }

  /** The match as text, e.g. {@code right.ts <= left.ts}. */
  public String matchDescription() {
    String l = left.getRowType().getFieldNames().get(leftTime);
    String r = right.getRowType().getFieldNames().get(rightTime);
    String op = backward ? (strict ? "<" : "<=") : (strict ? ">" : ">=");
    return "right." + r + " " + op + " left." + l;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < leftKeys.size(); i++) {
      if (i > 0) {
        keys.append(", ");
      }
      keys.append("left.").append(left.getRowType().getFieldNames().get(leftKeys.get(i)))
          .append(" = right.").append(right.getRowType().getFieldNames().get(rightKeys.get(i)));
    }
    return super.explainTerms(pw)
        .item("type", keepUnmatched ? "left" : "inner")
        .item("keys", keys.toString())
        .item("match", matchDescription())
        .itemIf("maxStalenessMicros", maxStalenessMicros, maxStalenessMicros != null);
  }
}
