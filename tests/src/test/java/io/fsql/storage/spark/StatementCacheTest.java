package io.fsql.storage.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/**
 * Rows fsql persists for one statement (an INSERT's rows, a training dataset's split) are kept in
 * Spark's columnar cache uncompressed: building the compressed cache cost more than the statement
 * saved by reading it (tpc-style-bench ingest, 1M rows: 0.5 s of a 4 s INSERT).
 */
class StatementCacheTest {

  /** Bytes in memory of {@code rows} persisted, counted and read back in {@code spark}. */
  private static long cachedBytes(SparkSession spark, Dataset<Row> rows) {
    Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      assertThat(persisted.agg(org.apache.spark.sql.functions.sum("v"), org.apache.spark.sql.functions.count("v"))
          .collectAsList().get(0).toSeq().mkString(",")).isEqualTo("450000,100000");
      // this dataset's cached blocks only (another test's cache may still be going away)
      int id = spark.sharedState().cacheManager().lookupCachedData(persisted).get()
          .cachedRepresentation().cacheBuilder().cachedColumnBuffers().id();
      long bytes = -1;
      for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
        if (info.id() == id) {
          bytes = info.memSize();
        }
      }
      assertThat(bytes).as("cached blocks of RDD %s", id).isPositive();
      return bytes;
    } finally {
      persisted.unpersist(true);
    }
  }

  @Test
  void rowsPersistedForAStatementAreCachedUncompressed() {
    SparkSession statement = SparkRuntime.newSession();
    assertThat(statement.conf().get("spark.sql.inMemoryColumnarStorage.compressed")).isEqualTo("false");
    // 100,000 longs cycling 0..9: delta encoding keeps about a byte of each, plain 8 bytes
    long plain = cachedBytes(statement, statement.range(0, 100_000, 1, 2).select(col("id").mod(10).as("v")));
    assertThat(plain).isGreaterThanOrEqualTo(100_000L * Long.BYTES);

    SparkSession compressing = SparkRuntime.newSession();
    compressing.conf().set("spark.sql.inMemoryColumnarStorage.compressed", "true");
    long compressed = cachedBytes(compressing, compressing.range(0, 100_000, 1, 2).select(col("id").mod(10).as("v")));
    assertThat(compressed).isLessThan(plain / 4);
  }
}
