package io.fsql.storage.arrow;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.DatasetRead;
import io.fsql.planner.exec.BatchedQueryResult;
import io.fsql.planner.exec.ColumnBatch;
import io.fsql.planner.exec.QueryResult;
import io.fsql.planner.exec.ResultColumn;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows of a plain read of Parquet files (a training dataset's, {@code SELECT * | columns FROM
 * td}, or a feature group's snapshot), read by Arrow's native Parquet reader (arrow-dataset) with
 * only the columns asked for, and handed on as {@link ColumnBatch}es: no Spark job, no rows.
 *
 * <p>All files are read by one scan of one dataset, in the order given (arrow-dataset keeps the
 * order of its fragments): each file's footer is parsed once, and the native reader decodes the
 * next file while the current one is converted. Opening a scan per file cost about 5 ms of CPU a
 * file, which a feature group's many small files (a sorted table's files hold a few MiB) paid
 * dozens of times.
 *
 * <p>The files are decoded ahead of the reader: a thread of the result's own reads and
 * converts the next batches while the caller consumes the current one (on two cores the decode and
 * the client's reads overlap). Errors of that thread reach the reader at the batch they happened.
 *
 * <p>Memory: at most {@link #AHEAD} + 1 converted batches of at most {@link #BATCH_ROWS} rows, and
 * what the native scan holds ahead of them (a bounded number of batches and row groups).
 */
public final class DatasetFileBatches extends BatchedQueryResult {
  static final int BATCH_ROWS = 64 * 1024;
  /** Converted batches the read-ahead thread may hold before the reader takes them. */
  static final int AHEAD = 2;
  /** {@code -Dfsql.results.dataset-read-ahead=false} decodes on the reader's thread (as before). */
  private static final boolean READ_AHEAD =
      !"false".equalsIgnoreCase(System.getProperty("fsql.results.dataset-read-ahead"));
  private static final Object END = new Object();
  private static final RootAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

  private final List<String> files;
  private final String[] names;
  private final String what;
  private final BufferAllocator allocator = ROOT.newChildAllocator("fsql-dataset-read", 0, Long.MAX_VALUE);
  private FileSystemDatasetFactory factory;
  private Dataset dataset;
  private Scanner scanner;
  private ArrowReader reader;
  private volatile boolean closed;
  private ArrayBlockingQueue<Object> ahead;
  private Thread reading;

  private DatasetFileBatches(List<ResultColumn> columns, List<String> files, String[] names, String what) {
    super(columns);
    this.files = files;
    this.names = names;
    this.what = what;
  }

  /**
   * The rows of {@code read}, or empty when a file is not a local file or a column's type in the
   * files is not the one the query has (the caller then runs the query). Opens the first file.
   */
  public static Optional<QueryResult> open(DatasetRead read) {
    List<ResultColumn> columns = read.resultColumns();
    String[] names = new String[columns.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = read.dataset().columns().get(read.columns().get(i)).name();
    }
    return open(read.files(), names, columns,
        "training dataset " + read.dataset().name() + " version " + read.dataset().version());
  }

  /**
   * The rows of the Parquet {@code files} (URIs), their columns {@code names} typed as {@code
   * columns}, or empty when a file is not a local file or a column's type in the first file is not
   * the one the query has (files written together share their schema; a caller with files of
   * several schemas checks each with {@link #carries}). {@code what} names the files in errors.
   * Opens the first file.
   */
  public static Optional<QueryResult> open(List<String> files, String[] names, List<ResultColumn> columns,
      String what) {
    return open(files, names, columns, what, null);
  }

  /**
   * As {@link #open(List, String[], List, String)}, with the first file's schema known to the
   * caller ({@link #schemaOf} of a file written together with it; null: read from its footer).
   */
  public static Optional<QueryResult> open(List<String> files, String[] names, List<ResultColumn> columns,
      String what, Schema firstFileSchema) {
    for (String f : files) {
      if (!local(f)) {
        return Optional.empty();
      }
    }
    DatasetFileBatches result = new DatasetFileBatches(columns, files, names.clone(), what);
    try {
      if (!result.openScan(firstFileSchema)) {
        result.close();
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      result.close();
      throw e;
    }
    return Optional.of(result);
  }

  /**
   * The Arrow schema of a local Parquet file (a URI), read from its footer, without the file's
   * key-value metadata (a Hudi file's holds its bloom filter, ~0.9 MB of text per file).
   */
  public static Schema schemaOf(String file) {
    try (FileSystemDatasetFactory f = new FileSystemDatasetFactory(ROOT, NativeMemoryPool.getDefault(),
        FileFormat.PARQUET, Path.of(URI.create(file)).toUri().toString())) {
      return new Schema(f.inspect().getFields());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing the schema read of " + file, e);
    }
  }

  /** Whether a file of {@code schema} has each column of {@code names} as {@code columns} reads it. */
  public static boolean carries(Schema schema, String[] names, List<ResultColumn> columns) {
    for (int i = 0; i < names.length; i++) {
      Field f;
      try {
        f = schema.findField(names[i]);
      } catch (IllegalArgumentException e) {
        return false;
      }
      if (!ArrowColumnArrays.carries(f.getType(), columns.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean local(String file) {
    try {
      return "file".equals(URI.create(file).getScheme());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Opens the scan of all files; false when a column's type in the first file is not what the
   * query has (files written together share their schema; callers with files of several schemas
   * check each with {@link #carries} first). A missing file fails here, before any row.
   */
  private boolean openScan(Schema known) {
    String[] uris = new String[files.size()];
    for (int i = 0; i < uris.length; i++) {
      Path path = Path.of(URI.create(files.get(i)));
      if (!java.nio.file.Files.isRegularFile(path)) {
        throw new FsqlException(ErrorCode.DATA_ERROR, "reading the files of " + what + " failed at " + files.get(i)
            + ": the file does not exist");
      }
      uris[i] = path.toUri().toString();
    }
    try {
      factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(), FileFormat.PARQUET, uris);
      Schema schema = known != null ? known : factory.inspect();
      if (!carries(schema, names, columns())) {
        return false;
      }
      // The schema without the file's key-value metadata (a Hudi file's holds its bloom filter,
      // ~0.9 MB of text): finish() would inspect the footer again and hand that text back to the
      // native side.
      dataset = factory.finish(new Schema(schema.getFields()));
      scanner = dataset.newScan(new ScanOptions(BATCH_ROWS, Optional.of(names)));
      reader = scanner.scanBatches();
      return true;
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** An error of the native scan, which names the file it was reading in its first line. */
  private FsqlException failed(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return new FsqlException(ErrorCode.DATA_ERROR, "reading the files of " + what + " failed: "
        + (nl < 0 ? m : m.substring(0, nl)));
  }

  @Override
  protected ColumnBatch readBatch() {
    if (closed) {
      return null;
    }
    if (!READ_AHEAD) {
      return decodeBatch();
    }
    if (reading == null) {
      ahead = new ArrayBlockingQueue<>(AHEAD);
      reading = new Thread(this::readAhead, "fsql-dataset-read");
      reading.setDaemon(true);
      reading.start();
    }
    Object next;
    try {
      next = ahead.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FsqlException(ErrorCode.DATA_ERROR, "reading the files of " + what + " was interrupted");
    }
    if (next == END) {
      ahead.offer(END); // later calls see the end again
      return null;
    }
    if (next instanceof FsqlException f) {
      ahead.offer(f);
      throw f;
    }
    return (ColumnBatch) next;
  }

  /**
   * The read-ahead thread: decodes and converts batches into {@link #ahead} until the files end,
   * a read fails (the error is queued) or the result is closed; closes the native scan itself.
   */
  private void readAhead() {
    try {
      boolean more = true;
      while (more && !closed) {
        Object item;
        try {
          ColumnBatch b = decodeBatch();
          item = b == null ? END : b;
        } catch (FsqlException e) {
          item = e;
        } catch (RuntimeException | Error e) {
          item = new FsqlException(ErrorCode.DATA_ERROR, "reading the files of " + what + " failed: " + e);
        }
        more = item instanceof ColumnBatch;
        while (!closed && !ahead.offer(item, 50, TimeUnit.MILLISECONDS)) {
          // the reader is slower than the files: wait for room, or for close()
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        closeScan();
      } catch (RuntimeException e) {
        // the reader has every batch or its error already; a failed native close frees nothing more
      }
    }
  }

  /** The next converted batch decoded from the files, or null after the last file. */
  private ColumnBatch decodeBatch() {
    try {
      if (reader == null || !reader.loadNextBatch()) {
        closeScan();
        return null;
      }
      return ArrowColumnArrays.batch(reader.getVectorSchemaRoot(), columns());
    } catch (java.io.IOException | RuntimeException e) {
      if (e instanceof FsqlException f) {
        throw f;
      }
      throw failed(e);
    }
  }

  private void closeScan() {
    try {
      if (reader != null) {
        reader.close();
      }
      if (scanner != null) {
        scanner.close();
      }
      if (dataset != null) {
        dataset.close();
      }
      if (factory != null) {
        factory.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("closing a dataset file read", e);
    } finally {
      reader = null;
      scanner = null;
      dataset = null;
      factory = null;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (reading != null) {
        // the thread sees closed within one batch's decode and closes the scan itself
        ahead.clear();
        boolean interrupted = false;
        while (true) {
          try {
            reading.join();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        ahead.clear();
      } else {
        closeScan();
      }
    } finally {
      allocator.close();
    }
  }
}
