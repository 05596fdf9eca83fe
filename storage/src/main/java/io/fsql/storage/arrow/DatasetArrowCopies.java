package io.fsql.storage.arrow;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Arrow IPC copies of a Parquet training dataset's files: next to each Parquet file
 * {@code part-....parquet} of a split's directory, a hidden file {@code .part-....parquet.arrow}
 * with the same rows as Arrow record batches of {@link #BATCH_ROWS} rows (all columns, uncompressed),
 * written when the dataset is created. The Flight bulk read sends these batches as they are instead
 * of decoding Parquet for every read (issue 10: decoding Parquet costs ~4x what loading Arrow IPC
 * costs, and it was what the server spent its core on).
 *
 * <p>A copy is an optional accelerator, never the data: Spark and the catalog's file listing skip
 * hidden files, a dataset's files never change (each creation writes a new directory), a copy is
 * written under a temporary name and renamed into place when complete (a crash leaves no half copy
 * under the final name), and a reader that finds no copy, or cannot open it, reads the Parquet
 * file. {@code -Dfsql.datasets.arrow-copies=false} writes none.
 */
public final class DatasetArrowCopies {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetArrowCopies.class);
  /** Rows per record batch of a copy: the Flight bulk path's batch size. */
  public static final int BATCH_ROWS = 64 * 1024;
  static final String SUFFIX = ".arrow";
  private static final RootAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

  private DatasetArrowCopies() {}

  /** Whether datasets get Arrow copies ({@code fsql.datasets.arrow-copies}, default true). */
  public static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty("fsql.datasets.arrow-copies"));
  }

  /**
   * Writes the Arrow copy of every Parquet file in the directory {@code dir} (a path or a file
   * URI); does nothing for a directory that is not local. A copy that fails is left out (logged):
   * its file is then read from Parquet.
   */
  public static void writeAll(String dir) {
    Optional<Path> local = localPath(dir);
    if (local.isEmpty() || !Files.isDirectory(local.get())) {
      return;
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(local.get())) {
      files = listed.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_");
      }).sorted().toList();
    } catch (IOException e) {
      LOG.warn("listing {} for its Arrow copies failed: {}", dir, e.toString());
      return;
    }
    for (Path f : files) {
      try {
        write(f);
      } catch (Exception e) {
        LOG.warn("writing the Arrow copy of {} failed (it is read from Parquet): {}", f, e.toString());
      }
    }
  }

  /** Writes the copy of one Parquet file: to a temporary name first, renamed when complete. */
  static void write(Path parquet) throws Exception {
    Path copy = copyPath(parquet);
    Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
    try (BufferAllocator allocator = ROOT.newChildAllocator("fsql-dataset-copy", 0, Long.MAX_VALUE);
        FileSystemDatasetFactory factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(),
            FileFormat.PARQUET, parquet.toUri().toString());
        Dataset dataset = factory.finish();
        Scanner scanner = dataset.newScan(new ScanOptions(BATCH_ROWS));
        ArrowReader reader = scanner.scanBatches();
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
        ArrowFileWriter writer = new ArrowFileWriter(reader.getVectorSchemaRoot(), null, out)) {
      writer.start();
      while (reader.loadNextBatch()) {
        if (reader.getVectorSchemaRoot().getRowCount() > 0) {
          writer.writeBatch();
        }
      }
      writer.end();
      out.force(true);
    } catch (Exception | Error e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The Arrow copy of the Parquet file {@code file} (a URI), if it has one. */
  public static Optional<Path> copyOf(String file) {
    Optional<Path> parquet = localPath(file);
    if (parquet.isEmpty()) {
      return Optional.empty();
    }
    Path copy = copyPath(parquet.get());
    return Files.isRegularFile(copy) ? Optional.of(copy) : Optional.empty();
  }

  static Path copyPath(Path parquet) {
    return parquet.resolveSibling("." + parquet.getFileName() + SUFFIX);
  }

  private static Optional<Path> localPath(String location) {
    try {
      URI u = URI.create(location);
      if (u.getScheme() == null) {
        return Optional.of(Path.of(location));
      }
      return "file".equals(u.getScheme()) ? Optional.of(Path.of(u)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
