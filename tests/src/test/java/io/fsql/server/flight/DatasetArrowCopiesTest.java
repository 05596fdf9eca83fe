package io.fsql.server.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.planner.exec.QueryResult;
import io.fsql.storage.FsqlHome;
import io.fsql.storage.arrow.DatasetArrowCopies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Arrow copies of a Parquet training dataset's files: each file of each split gets a hidden
 * copy when the dataset is created, the server reads the copy (same rows as the Parquet file, in
 * the same order), Spark and the engine's own reads do not see the copies, and a damaged, partial
 * or missing copy, or too little Arrow memory for the copy's batches, reads the Parquet file.
 */
class DatasetArrowCopiesTest {
  private static final int ROWS = 300;
  private static final String[] COLUMNS = {"s", "id", "x", "ts"};
  /** Arrow memory that takes whole batches of these 4 columns. */
  private static final long ENOUGH = 1L << 30;
  /** Arrow memory under which the server reads smaller batches than the copy has. */
  private static final long SMALL = 32L << 20;

  @TempDir
  static Path tmp;
  static FsqlEngine engine;
  static List<Path> parquet;

  @BeforeAll
  static void create() throws Exception {
    engine = FsqlHome.open(tmp.resolve("home"));
    try (Session s = engine.openSession()) {
      s.execute("CREATE FEATURE GROUP g (id BIGINT NOT NULL, x DOUBLE, s VARCHAR, ts TIMESTAMP NOT NULL)"
          + " PRIMARY KEY (id) EVENT TIME ts", List.of());
      StringBuilder insert = new StringBuilder("INSERT INTO g VALUES ");
      for (int k = 0; k < ROWS; k++) {
        insert.append(k == 0 ? "" : ", ").append('(').append(k).append(", ")
            .append(k % 9 == 4 ? "NULL" : Double.toString(k / 8.0)).append(", ")
            .append(k % 10 == 5 ? "NULL" : "'seg-" + k % 13 + "'").append(", ")
            .append("TIMESTAMP '2026-03-01 10:00:00." + String.format("%06d", k * 1001 % 1_000_000) + "')");
      }
      s.execute(insert.toString(), List.of());
      s.execute("CREATE TRAINING DATASET td AS SELECT * FROM g SPLIT RANDOM (train 0.6, test 0.4) SEED 3", List.of());
    }
    try (Stream<Path> walk = Files.walk(tmp.resolve("home"))) {
      parquet = walk.filter(p -> p.getFileName().toString().startsWith("part-")
          && p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  @AfterAll
  static void close() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void everyFileHasACompleteHiddenCopyWithItsRows() throws Exception {
    assertThat(parquet).hasSizeGreaterThanOrEqualTo(2);
    long rows = 0;
    for (Path f : parquet) {
      Path copy = f.resolveSibling("." + f.getFileName() + ".arrow");
      assertThat(copy).isRegularFile();
      assertThat(copy.resolveSibling(copy.getFileName() + ".tmp")).doesNotExist();
      assertThat(DatasetArrowCopies.copyOf(f.toUri().toString())).contains(copy);
      List<List<Object>> fromCopy = read(f, ENOUGH, true);
      assertThat(fromCopy).isEqualTo(read(f, SMALL, false));
      rows += fromCopy.size();
    }
    assertThat(rows).isEqualTo(ROWS);
    // A projection reads the copy's whole batches: with memory for whole batches of one column but
    // not of the copy's four, the Parquet file is read.
    String[] id = {"id"};
    assertThat(read(parquet.get(0), id, SMALL, false)).isEqualTo(read(parquet.get(0), id, ENOUGH, true))
        .hasSize(read(parquet.get(0), ENOUGH, true).size());
    // Spark (COUNT runs through it) and the engine's own file reads skip the hidden copies.
    try (Session s = engine.openSession()) {
      assertThat(count(s.execute("SELECT COUNT(*), COUNT(x), COUNT(s) FROM td", List.of()).rows()))
          .containsExactly(List.of((long) ROWS, (long) ROWS - 33, (long) ROWS - 30));
      assertThat(count(s.execute("SELECT * FROM td", List.of()).rows())).hasSize(ROWS);
    }
  }

  @Test
  void aDamagedOrMissingCopyIsReadFromParquet() throws Exception {
    Path f = parquet.get(0);
    Path copy = f.resolveSibling("." + f.getFileName() + ".arrow");
    Path saved = tmp.resolve("saved.arrow");
    Files.copy(copy, saved, StandardCopyOption.REPLACE_EXISTING);
    try {
      List<List<Object>> expected = read(f, SMALL, false);
      assertThat(expected).isNotEmpty();
      byte[] whole = Files.readAllBytes(saved);
      // cut short (a copy is renamed into place only when complete, but a disk can still lose its end)
      Files.write(copy, java.util.Arrays.copyOf(whole, whole.length / 2));
      assertThat(read(f, ENOUGH, false)).isEqualTo(expected);
      Files.write(copy, "not an Arrow file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(read(f, ENOUGH, false)).isEqualTo(expected);
      Files.delete(copy);
      assertThat(DatasetArrowCopies.copyOf(f.toUri().toString())).isEmpty();
      assertThat(read(f, ENOUGH, false)).isEqualTo(expected);
      // written again, it is read again
      Files.copy(saved, copy);
      assertThat(read(f, ENOUGH, true)).isEqualTo(expected);
    } finally {
      Files.copy(saved, copy, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The rows of {@code file} as the server reads them with this much Arrow memory, checking where they came from. */
  private static List<List<Object>> read(Path file, long memory, boolean fromCopy) throws Exception {
    return read(file, COLUMNS, memory, fromCopy);
  }

  private static List<List<Object>> read(Path file, String[] columns, long memory, boolean fromCopy)
      throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator(memory);
        DatasetFileStreamer.OpenFile in = DatasetFileStreamer.OpenFile.open(file.toUri().toString(), columns,
            allocator)) {
      assertThat(in.fromCopy()).as("%s read from its copy", file.getFileName()).isEqualTo(fromCopy);
      while (in.next()) {
        VectorSchemaRoot root = in.root();
        for (int i = 0; i < root.getRowCount(); i++) {
          List<Object> row = new ArrayList<>();
          for (String c : columns) {
            Object o = root.getVector(c).getObject(i);
            row.add(o instanceof Text t ? t.toString() : o);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static List<List<Object>> count(QueryResult rows) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    try (rows) {
      while (rows.hasNext()) {
        out.add(java.util.Arrays.asList(rows.next()));
      }
    }
    return out;
  }
}
