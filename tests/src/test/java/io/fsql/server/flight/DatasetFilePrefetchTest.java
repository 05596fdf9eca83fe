package io.fsql.server.flight;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of a training dataset read opened ahead of their client: how many at once for a given
 * Arrow memory budget, and that each file handed out reads exactly its own rows. Real Parquet
 * files (written by DuckDB), read by arrow-dataset.
 */
class DatasetFilePrefetchTest {
  private static final int ROWS = 1000;
  private static final String[] COLUMNS = {"id", "x"};

  @TempDir
  static Path tmp;
  static List<DatasetFilePrefetch.Planned> files;
  static ExecutorService executor;

  @BeforeAll
  static void write() throws Exception {
    List<String> uris = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      for (int k = 0; k < 3; k++) {
        Path f = tmp.resolve("part-" + k + ".parquet");
        s.execute("COPY (SELECT i AS id, i * 0.5 AS x FROM range(" + k * ROWS + ", " + (k + 1) * ROWS
            + ") t(i)) TO '" + f + "' (FORMAT PARQUET)");
        uris.add(f.toUri().toString());
      }
    }
    DatasetFilePrefetch.Planned next = null;
    List<DatasetFilePrefetch.Planned> planned = new ArrayList<>();
    for (int k = uris.size() - 1; k >= 0; k--) {
      next = new DatasetFilePrefetch.Planned(ByteString.copyFromUtf8("file-" + k), uris.get(k), COLUMNS, next);
      planned.add(0, next);
    }
    files = planned;
    executor = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() throws Exception {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void theFirstTwoFilesOpenAheadThenTheOneAfterEachFileRead() throws Exception {
    try (BufferAllocator allocator = new RootAllocator(DatasetFilePrefetch.MIN_MEMORY_TWO)) {
      DatasetFilePrefetch prefetch = new DatasetFilePrefetch(allocator, executor);
      try {
        prefetch.plan(files);
        assertThat(prefetch.open()).isEqualTo(2);
        assertThat(firstAndCount(prefetch, 0)).containsExactly(0L, ROWS);
        // the second file was already open: nothing more starts
        assertThat(prefetch.open()).isEqualTo(1);
        assertThat(firstAndCount(prefetch, 1)).containsExactly((long) ROWS, ROWS);
        // reading the second file opened the third
        assertThat(prefetch.open()).isEqualTo(1);
        assertThat(firstAndCount(prefetch, 2)).containsExactly(2L * ROWS, ROWS);
        assertThat(prefetch.open()).isZero();
      } finally {
        prefetch.close();
      }
    }
  }

  @Test
  void lessArrowMemoryOpensOneFileAheadOrNone() throws Exception {
    try (BufferAllocator allocator = new RootAllocator(DatasetFilePrefetch.MIN_MEMORY_TWO - 1)) {
      DatasetFilePrefetch prefetch = new DatasetFilePrefetch(allocator, executor);
      try {
        prefetch.plan(files);
        assertThat(prefetch.open()).isEqualTo(1);
        assertThat(firstAndCount(prefetch, 0)).containsExactly(0L, ROWS);
        // reading the first file opened the second, and so on
        assertThat(prefetch.open()).isEqualTo(1);
        assertThat(firstAndCount(prefetch, 1)).containsExactly((long) ROWS, ROWS);
        assertThat(firstAndCount(prefetch, 2)).containsExactly(2L * ROWS, ROWS);
        assertThat(prefetch.open()).isZero();
      } finally {
        prefetch.close();
      }
    }
    try (BufferAllocator allocator = new RootAllocator(DatasetFilePrefetch.MIN_MEMORY - 1)) {
      DatasetFilePrefetch prefetch = new DatasetFilePrefetch(allocator, executor);
      prefetch.plan(files);
      assertThat(prefetch.open()).isZero();
      assertThat(prefetch.claim(files.get(0).handle())).isNull();
      prefetch.close();
    }
  }

  /** Claims file {@code k} (it must have been opened ahead), reads it whole: its first id and its row count. */
  private static long[] firstAndCount(DatasetFilePrefetch prefetch, int k) throws Exception {
    var ahead = prefetch.claim(files.get(k).handle());
    assertThat(ahead).as("file %d opened ahead", k).isNotNull();
    try (DatasetFileStreamer.OpenFile file = ahead.get(30, TimeUnit.SECONDS)) {
      long first = -1;
      long rows = 0;
      while (file.next()) {
        VectorSchemaRoot root = file.root();
        BigIntVector id = (BigIntVector) root.getVector("id");
        if (first < 0 && root.getRowCount() > 0) {
          first = id.get(0);
        }
        for (int i = 0; i < root.getRowCount(); i++) {
          assertThat(id.get(i)).isEqualTo(k * (long) ROWS + rows + i);
        }
        rows += root.getRowCount();
      }
      return new long[] {first, rows};
    }
  }
}
