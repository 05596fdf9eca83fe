package io.fsql.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsql.storage.spark.SparkRuntime;
import java.util.Arrays;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * The broadcast sides of a point-in-time join are read by one Spark job (local mode: the tasks
 * hand their parts over in the process): the merged index finds the rows of every side; a side
 * whose read fails fails the collection with Spark's error, and neither a failed nor a successful
 * collection leaves parts behind.
 */
class PitSideCollectionTest {
  private static final DataType[] KEYS = {DataTypes.LongType};
  private static final DataType[][] COLUMNS = {{DataTypes.DoubleType}, {DataTypes.DoubleType}, {DataTypes.LongType}};

  @Test
  void oneJobReadsEverySideAndAFailingSideLeavesNothingBehind() {
    SparkSession spark = SparkRuntime.session();
    SparkContext sc = spark.sparkContext();
    // (k, t, v): 1,000 rows over 10 keys in 4 partitions; the third side is not broadcast (null).
    RDD<InternalRow> first = spark.range(0, 1000, 1, 4)
        .selectExpr("id % 10 AS k", "id AS t", "CAST(id AS DOUBLE) AS v").queryExecution().toRdd();
    RDD<InternalRow> second = spark.range(0, 1000, 1, 3)
        .selectExpr("id % 7 AS k", "id * 2 AS t", "CAST(-id AS DOUBLE) AS v").queryExecution().toRdd();
    int handOversBefore = PitSidePart.handOvers();

    PitBroadcastSides sides = PitBroadcastSides.collect(sc, KEYS, DataTypes.LongType, COLUMNS,
        Arrays.asList(first, second, null));
    assertThat(PitSidePart.handOvers()).as("hand-overs left").isEqualTo(handOversBefore);
    assertThat(sides.index(2)).isNull();
    UnsafeRow found = new UnsafeRow(1);
    // key 3 at time 999: side 0's latest row of key 3 at or before 999 is 993; side 1's (t = 2 id,
    // id % 7 = 3) is id 493 (t 986), the next one (id 500) is at t 1000.
    int id = sides.ids().find(new GenericInternalRow(new Object[] {3L}));
    assertThat(sides.index(0).row(sides.index(0).match(id, 999, true, false, null), found).getDouble(0))
        .isEqualTo(993.0);
    assertThat(sides.index(1).row(sides.index(1).match(id, 999, true, false, null), found).getDouble(0))
        .isEqualTo(-493.0);
    assertThat(sides.index(1).row(sides.index(1).match(id, 999, false, false, null), found).getDouble(0))
        .isEqualTo(-500.0);
    assertThat(sides.ids().find(new GenericInternalRow(new Object[] {11L}))).as("a key no row has").isEqualTo(-1);

    // The second side fails in one of its tasks (ANSI integral division by zero at id 500).
    RDD<InternalRow> failing = spark.range(0, 1000, 1, 3)
        .selectExpr("id % 7 AS k", "id AS t", "CAST(id div (id - 500) AS DOUBLE) AS v").queryExecution().toRdd();
    assertThatThrownBy(() -> PitBroadcastSides.collect(sc, KEYS, DataTypes.LongType, COLUMNS,
        Arrays.asList(first, failing, null)))
        .isInstanceOf(SparkException.class).hasMessageContaining("DIVIDE_BY_ZERO");
    assertThat(PitSidePart.handOvers()).as("hand-overs left after a failure").isEqualTo(handOversBefore);
  }
}
