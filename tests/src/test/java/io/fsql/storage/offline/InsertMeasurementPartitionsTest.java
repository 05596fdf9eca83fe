package io.fsql.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.storage.EmbeddedEngines;
import io.fsql.storage.spark.SparkRuntime;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An INSERT's rows are measured by at most as many tasks as run at once: a source of many tiny
 * partitions (an INSERT ... VALUES planned as a UNION ALL of one-row SELECTs has one per row) cost
 * each of its tasks the aggregation's code generation, minutes for a few hundred rows.
 */
class InsertMeasurementPartitionsTest {
  @TempDir
  static Path tmp;
  static FsqlEngine engine;

  @BeforeAll
  static void open() {
    engine = EmbeddedEngines.acquire(tmp.resolve("home"));
  }

  @AfterAll
  static void close() {
    EmbeddedEngines.release(tmp.resolve("home"));
  }

  @Test
  void manyTinyPartitionsAreReadByAsManyTasksAsRunAtOnceWithTheSameRows() {
    SparkSession spark = SparkRuntime.newSession();
    int tasks = SparkRuntime.parallelism();
    Dataset<Row> many = spark.range(0, 300, 1, 300).toDF("id").persist(StorageLevel.MEMORY_AND_DISK());
    try {
      assertThat(many.rdd().getNumPartitions()).isEqualTo(300);
      Dataset<Row> fewer = InsertMeasurement.fewerPartitions(many);
      assertThat(fewer.rdd().getNumPartitions()).isEqualTo(tasks);
      assertThat(fewer.agg(org.apache.spark.sql.functions.sum("id"), org.apache.spark.sql.functions.count("id"))
          .collectAsList().get(0).toSeq().mkString(",")).isEqualTo(299L * 300 / 2 + ",300");
      // few partitions already: the rows as they are
      Dataset<Row> two = spark.range(0, 10, 1, 2).toDF("id");
      assertThat(InsertMeasurement.fewerPartitions(two)).isSameAs(two);
    } finally {
      many.unpersist();
    }
  }
}
