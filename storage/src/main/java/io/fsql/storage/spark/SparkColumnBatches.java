package io.fsql.storage.spark;

import io.fsql.planner.exec.BatchedQueryResult;
import io.fsql.planner.exec.ColumnBatch;
import io.fsql.planner.exec.ResultColumn;
import io.fsql.planner.exec.ResultLayout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.arrow.ArrowConverters$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;

/**
 * A query's rows brought from Spark as Arrow record batches (made on the executors by Spark's own
 * Arrow writer, as for {@code toPandas}), one partition at a time, and converted column by column
 * into {@link ColumnBatch}es: no external Row, no per-value conversion call.
 *
 * <p>Memory: the serialized batches of the partition being read and of the (at most {@link #AHEAD})
 * partitions computed ahead, plus one decoded batch.
 */
public final class SparkColumnBatches extends BatchedQueryResult {
  private static final RootAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

  /** Partitions computed ahead of the one being read (Spark runs them on its cores meanwhile). */
  private static final int AHEAD = 2;

  /**
   * Whether a plain columnar scan's result comes from its vectors ({@link ColumnarScan}); the JVM
   * property {@code fsql.results.vector-scan=false} turns it off (to compare with Spark's Arrow writer).
   */
  private static boolean vectorScans() {
    return !"false".equalsIgnoreCase(System.getProperty("fsql.results.vector-scan", "true"));
  }
  private static final java.util.concurrent.atomic.AtomicLong GROUPS = new java.util.concurrent.atomic.AtomicLong();

  private final JavaRDD<byte[]> rdd;
  private final String jobGroup = "fsql-result-" + GROUPS.incrementAndGet();
  private final java.util.ArrayDeque<CompletableFuture<List<byte[]>>> ahead = new java.util.ArrayDeque<>();
  private int nextPartition;
  private Iterator<byte[]> batches = java.util.Collections.emptyIterator();
  private final Decoder decoder;
  private final String doing;
  private boolean closed;

  /** One serialized batch, as the executors made it, to a batch of the result's columns. */
  private interface Decoder extends AutoCloseable {
    ColumnBatch decode(byte[] bytes);

    /** Whether the batches come from a columnar scan's vectors ({@link ColumnarScan}), not Spark's Arrow writer. */
    boolean fromVectors();

    @Override
    void close();
  }

  /** Arrow IPC record batches (Spark's Arrow writer over the query's rows). */
  private static final class ArrowDecoder implements Decoder {
    private final List<ResultColumn> columns;
    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private final VectorLoader loader;

    ArrowDecoder(List<ResultColumn> columns, Schema schema) {
      this.columns = columns;
      this.allocator = ROOT.newChildAllocator("fsql-result", 0, Long.MAX_VALUE);
      this.root = VectorSchemaRoot.create(schema, allocator);
      this.loader = new VectorLoader(root);
    }

    @Override
    public ColumnBatch decode(byte[] bytes) {
      try (ArrowRecordBatch batch = ArrowConverters$.MODULE$.loadBatch(bytes, allocator)) {
        loader.load(batch);
      }
      return io.fsql.storage.arrow.ArrowColumnArrays.batch(root, columns);
    }

    @Override
    public boolean fromVectors() {
      return false;
    }

    @Override
    public void close() {
      root.close();
      allocator.close();
    }
  }

  /** {@link VectorBatchCodec}'s form (a columnar scan's vectors). */
  private record VectorDecoder(List<ResultColumn> columns) implements Decoder {
    @Override
    public ColumnBatch decode(byte[] bytes) {
      return VectorBatchCodec.decode(bytes, columns);
    }

    @Override
    public boolean fromVectors() {
      return true;
    }

    @Override
    public void close() {}
  }

  private SparkColumnBatches(List<ResultColumn> columns, JavaRDD<byte[]> rdd, Decoder decoder, String doing) {
    super(columns);
    this.rdd = rdd;
    this.doing = doing;
    this.decoder = decoder;
  }

  /**
   * Whether the batches come straight from a columnar scan's vectors (the plan was a plain scan),
   * not from Spark's Arrow writer over the query's rows.
   */
  public boolean fromVectors() {
    return decoder.fromVectors();
  }

  /**
   * Whether {@code df}'s rows should come as column batches under {@code layout}: with ON and AUTO
   * always, with OFF never. (AUTO used to bring small results row by row; measured side by side,
   * the row path's {@code toLocalIterator} was slower for small results too: one Spark job per
   * partition either way, and the rows' conversion besides.)
   */
  public static boolean worthIt(Dataset<Row> df, ResultLayout layout) {
    return layout.columnar();
  }

  /**
   * The rows of {@code df} as column batches of {@code columns}, or empty when a column's Spark
   * type is not the one its fsql type maps to (the caller then reads rows). Starts the query.
   */
  public static Optional<BatchedQueryResult> open(Dataset<Row> df, List<ResultColumn> columns, String doing) {
    StructType schema = df.schema();
    if (schema.fields().length != columns.size()) {
      return Optional.empty();
    }
    for (int i = 0; i < columns.size(); i++) {
      if (!carries(schema.fields()[i].dataType(), columns.get(i))) {
        return Optional.empty();
      }
    }
    JavaRDD<byte[]> rdd;
    Decoder decoder;
    try {
      Optional<ColumnarScan> scan = vectorScans() ? ColumnarScan.of(df) : Optional.empty();
      if (scan.isPresent()) {
        rdd = scan.get().encoded(new VectorBatchCodec(columns, scan.get().vectors()));
        decoder = new VectorDecoder(columns);
      } else {
        String timeZone = df.sparkSession().conf().get("spark.sql.session.timeZone");
        rdd = df.toArrowBatchRdd().toJavaRDD();
        decoder = new ArrowDecoder(columns, ArrowUtils.toArrowSchema(schema, timeZone, true, false));
      }
    } catch (Exception e) {  // Spark throws its checked SparkException unchecked
      throw SparkErrors.translate(e, doing);
    }
    SparkColumnBatches result = new SparkColumnBatches(columns, rdd, decoder, doing);
    try {
      result.nextPartition();  // runs the query's first partition: its errors are the statement's
    } catch (RuntimeException e) {
      result.close();
      throw e;
    }
    return Optional.of(result);
  }

  /**
   * Moves to the next partition's batches, keeping up to {@link #AHEAD} further partitions being
   * computed (one Spark job each, on a thread of its own that inherits the caller's Spark
   * properties). Memory: the batches of at most 1 + AHEAD partitions. False after the last.
   */
  private boolean nextPartition() {
    int partitions = rdd.getNumPartitions();
    while (ahead.size() < AHEAD && nextPartition < partitions) {
      int p = nextPartition++;
      CompletableFuture<List<byte[]>> f = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          rdd.context().setJobGroup(jobGroup, "fsql query result", true);
          f.complete(rdd.collectPartitions(new int[] {p})[0]);
        } catch (Throwable e) {
          f.completeExceptionally(e);
        }
      }, "fsql-result-partition-" + p);
      t.setDaemon(true);
      t.start();
      ahead.add(f);
    }
    CompletableFuture<List<byte[]>> next = ahead.poll();
    if (next == null) {
      return false;
    }
    try {
      batches = next.get().iterator();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SparkErrors.translate(e, doing);
    } catch (ExecutionException e) {
      throw SparkErrors.translate(e.getCause(), doing);
    }
  }

  /** Whether Spark's Arrow vector for {@code t} holds the values of {@code column} as they are. */
  private static boolean carries(DataType t, ResultColumn column) {
    switch (column.type().kind()) {
      case BOOLEAN:
        return t == DataTypes.BooleanType;
      case INTEGER:
        return t == DataTypes.IntegerType;
      case BIGINT:
        return t == DataTypes.LongType;
      case REAL:
        return t == DataTypes.FloatType;
      case DOUBLE:
        return t == DataTypes.DoubleType;
      case DECIMAL:
        return t instanceof DecimalType;
      case VARCHAR:
        return t == DataTypes.StringType;
      case DATE:
        return t == DataTypes.DateType;
      case TIMESTAMP:
        return t == DataTypes.TimestampType || t == DataTypes.TimestampNTZType;
      default:
        return false;
    }
  }

  @Override
  protected ColumnBatch readBatch() {
    if (closed) {
      return null;
    }
    while (!batches.hasNext()) {
      if (!nextPartition()) {
        return null;
      }
    }
    return decoder.decode(batches.next());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    batches = java.util.Collections.emptyIterator();
    if (!ahead.isEmpty()) {
      rdd.context().cancelJobGroup(jobGroup);
      ahead.clear();
    }
    decoder.close();
  }
}
