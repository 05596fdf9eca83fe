package io.fsql.server.flight;

import io.fsql.storage.arrow.DatasetArrowCopies;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Parquet file of a training dataset as Arrow record batches: loaded from the file's
 * Arrow copy when it has one ({@link DatasetArrowCopies}, written with the dataset), else decoded by
 * Arrow's native Parquet reader (arrow-dataset) with only the requested columns. A batch whose columns already
 * have the announced layout is handed on without copying; other columns (a timestamp written in
 * another unit, say) are converted column by column. Batches have at most {@link #BATCH_ROWS} rows
 * (fewer under a small server memory budget) and are sent when the client is ready (backpressure).
 */
final class DatasetFileStreamer {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetFileStreamer.class);
  static final int BATCH_ROWS = DatasetArrowCopies.BATCH_ROWS;
  private static final int MIN_BATCH_ROWS = 1024;
  /** A generous size of one value, to keep a batch within an eighth of the server's Arrow memory. */
  private static final long BYTES_PER_VALUE = 32;
  private static final long READY_TIMEOUT_MS = 10 * 60 * 1000L;

  private DatasetFileStreamer() {}

  /** Whether this server can read {@code file} itself (a local file). */
  static boolean readable(String file) {
    try {
      return "file".equals(URI.create(file).getScheme());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A Parquet file opened for reading with only the requested columns. Its first batch may be
   * decoded ahead ({@link #readAhead()}), before a client asks for the file: Arrow's reader decodes
   * a whole row group for the first batch, and a client reading the endpoints one after another
   * would otherwise wait for that at the start of every file.
   */
  static final class OpenFile implements AutoCloseable {
    private final String[] columns;
    /** What the reader reads from, closed after it (the native scan's parts), or empty. */
    private final AutoCloseable[] sources;
    private final ArrowReader reader;
    /** The reader reads the file's Arrow copy ({@link DatasetArrowCopies}), not its Parquet. */
    private final boolean fromCopy;
    /** The reader's root holds a batch decoded ahead and not yet handed out. */
    private boolean decodedAhead;
    private boolean ended;

    private OpenFile(String[] columns, ArrowReader reader, boolean fromCopy, AutoCloseable... sources) {
      this.columns = columns.clone();
      this.reader = reader;
      this.fromCopy = fromCopy;
      this.sources = sources;
    }

    /**
     * Opens {@code file} for {@code columns}: its Arrow copy when it has one and the server's Arrow
     * memory takes whole batches of all its columns ({@link #BATCH_ROWS} rows, the copy's), else the
     * Parquet file.
     */
    static OpenFile open(String file, String[] columns, BufferAllocator allocator) throws Exception {
      if (batchRows(allocator, columns.length) == BATCH_ROWS) {
        Optional<java.nio.file.Path> copy = DatasetArrowCopies.copyOf(file);
        if (copy.isPresent()) {
          OpenFile opened = openCopy(copy.get(), columns, allocator);
          if (opened != null) {
            return opened;
          }
        }
      }
      return openParquet(file, columns, allocator);
    }

    /**
     * The Arrow copy opened, or null when it cannot be read, lacks a column or has too many for the
     * server's Arrow memory (the Parquet file is read then).
     */
    private static OpenFile openCopy(java.nio.file.Path copy, String[] columns, BufferAllocator allocator) {
      ArrowFileReader reader = null;
      try {
        reader = new ArrowFileReader(FileChannel.open(copy, StandardOpenOption.READ), allocator);
        Schema schema = reader.getVectorSchemaRoot().getSchema();
        for (String c : columns) {
          schema.findField(c);
        }
        // a copy's batch holds all its columns, not only those read: they must fit the budget
        if (batchRows(allocator, schema.getFields().size()) < BATCH_ROWS) {
          reader.close();
          return null;
        }
        return new OpenFile(columns, reader, true);
      } catch (Exception | Error e) {
        LOG.debug("the Arrow copy {} cannot be read; reading its Parquet file", copy, e);
        if (reader != null) {
          try {
            reader.close();
          } catch (Exception x) {
            e.addSuppressed(x);
          }
        }
        return null;
      }
    }

    private static OpenFile openParquet(String file, String[] columns, BufferAllocator allocator) throws Exception {
      String uri = Path.of(URI.create(file)).toUri().toString();
      FileSystemDatasetFactory factory = null;
      Dataset dataset = null;
      Scanner scanner = null;
      try {
        factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(), FileFormat.PARQUET, uri);
        dataset = factory.finish();
        scanner = dataset.newScan(new ScanOptions(batchRows(allocator, columns.length), Optional.of(columns)));
        return new OpenFile(columns, scanner.scanBatches(), false, scanner, dataset, factory);
      } catch (Exception | Error e) {
        AutoCloseables.close(e, scanner, dataset, factory);
        throw e;
      }
    }

    /** Whether the batches come from the file's Arrow copy. */
    boolean fromCopy() {
      return fromCopy;
    }

    /** Whether this file was opened for exactly these columns. */
    boolean reads(String[] names) {
      return Arrays.equals(columns, names);
    }

    /** Decodes the first batch now. */
    synchronized void readAhead() throws IOException {
      if (!decodedAhead && !ended) {
        decodedAhead = reader.loadNextBatch();
        ended = !decodedAhead;
      }
    }

    /** Moves to the next batch (the one decoded ahead first); false at the end. */
    synchronized boolean next() throws IOException {
      if (decodedAhead) {
        decodedAhead = false;
        return true;
      }
      if (ended) {
        return false;
      }
      ended = !reader.loadNextBatch();
      return !ended;
    }

    VectorSchemaRoot root() throws IOException {
      return reader.getVectorSchemaRoot();
    }

    @Override
    public synchronized void close() {
      try {
        AutoCloseables.close(reader);
        AutoCloseables.close(sources);
      } catch (Exception e) {
        throw new IllegalStateException("closing a Parquet reader: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Streams {@code file}'s columns {@code columns} as {@code schema}, from {@code opened} when it is
   * that file already open for those columns (else it opens the file); {@code changed} gives a
   * message when the dataset changed under the read (recreated, dropped), or null. Batches go out
   * without copying their buffers (zero-copy write: the batch's memory is held until gRPC sent it).
   */
  static void stream(String file, String[] columns, Schema schema, BufferAllocator allocator,
      ServerStreamListener listener, BooleanSupplier cancelled, Supplier<FlightRuntimeException> changed,
      OpenFile opened) {
    BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
    backpressure.register(listener);
    OpenFile source = opened != null && opened.reads(columns) ? opened : null;
    if (opened != null && source == null) {
      opened.close();
    }
    try (VectorSchemaRoot out = VectorSchemaRoot.create(schema, allocator);
        OpenFile in = source != null ? source : OpenFile.open(file, columns, allocator)) {
      listener.setUseZeroCopy(true);
      listener.start(out);
      List<FieldVector> targets = out.getFieldVectors();
      while (in.next()) {
        VectorSchemaRoot batch = in.root();
        int n = batch.getRowCount();
        if (n == 0) {
          continue;
        }
        for (int c = 0; c < targets.size(); c++) {
          copy(batch.getVector(columns[c]), targets.get(c), n);
        }
        out.setRowCount(n);
        BackpressureStrategy.WaitResult ready = backpressure.waitForListener(READY_TIMEOUT_MS);
        if (ready == BackpressureStrategy.WaitResult.CANCELLED || cancelled.getAsBoolean()) {
          listener.error(CallStatus.CANCELLED.withDescription("the client cancelled the read").toRuntimeException());
          return;
        }
        if (ready == BackpressureStrategy.WaitResult.TIMEOUT) {
          listener.error(CallStatus.TIMED_OUT.withDescription("the client stopped reading the result").toRuntimeException());
          return;
        }
        listener.putNext();
      }
      listener.completed();
    } catch (FlightRuntimeException e) {
      listener.error(e);
    } catch (Exception e) {
      FlightRuntimeException why = changed.get();
      listener.error(why != null ? why
          : CallStatus.INTERNAL.withDescription("reading " + file + ": " + oneLine(e)).withCause(e).toRuntimeException());
    }
  }

  /** Rows per batch: {@link #BATCH_ROWS}, or fewer when the server's Arrow memory is small. */
  static int batchRows(BufferAllocator allocator, int columns) {
    long budget = allocator.getLimit() / 8;
    long rows = budget / (Math.max(1, columns) * BYTES_PER_VALUE);
    return (int) Math.max(MIN_BATCH_ROWS, Math.min(BATCH_ROWS, rows));
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Puts the first {@code n} values of {@code from} into {@code to}, without copying when the layouts agree. */
  static void copy(FieldVector from, FieldVector to, int n) {
    ArrowType a = from.getField().getType();
    ArrowType b = to.getField().getType();
    if (sameLayout(a, b)) {
      to.loadFieldBuffers(new ArrowFieldNode(n, from.getNullCount()), from.getFieldBuffers());
      return;
    }
    to.clear();
    if (from instanceof TimeStampVector src && to instanceof TimeStampVector dst
        && b instanceof ArrowType.Timestamp tb && tb.getUnit() == TimeUnit.MICROSECOND) {
      // INT96 timestamps (older Spark files) come as nanoseconds.
      TimeUnit unit = ((ArrowType.Timestamp) a).getUnit();
      dst.allocateNew(n);
      for (int i = 0; i < n; i++) {
        if (src.isNull(i)) {
          dst.setNull(i);
        } else {
          dst.set(i, micros(src.get(i), unit));
        }
      }
      dst.setValueCount(n);
      return;
    }
    for (int i = 0; i < n; i++) {
      ArrowTypes.set(to, i, ArrowValues.get(from, i));
    }
    to.setValueCount(n);
  }

  private static long micros(long v, TimeUnit unit) {
    switch (unit) {
      case SECOND:
        return Math.multiplyExact(v, 1_000_000L);
      case MILLISECOND:
        return Math.multiplyExact(v, 1_000L);
      case NANOSECOND:
        return Math.floorDiv(v, 1_000L);
      default:
        return v;
    }
  }

  /** Whether vectors of these types share their buffers' layout and meaning. */
  private static boolean sameLayout(ArrowType a, ArrowType b) {
    if (a.equals(b)) {
      return true;
    }
    if (a instanceof ArrowType.Timestamp ta && b instanceof ArrowType.Timestamp tb) {
      // fsql timestamps are UTC wall-clock times: with or without the zone, the same micros.
      return ta.getUnit() == tb.getUnit() && (ta.getTimezone() == null || "UTC".equals(ta.getTimezone())
          || "+00:00".equals(ta.getTimezone()));
    }
    if (a instanceof ArrowType.Decimal da && b instanceof ArrowType.Decimal db) {
      return da.getScale() == db.getScale() && da.getBitWidth() == db.getBitWidth()
          && da.getPrecision() <= db.getPrecision();
    }
    return false;
  }
}
