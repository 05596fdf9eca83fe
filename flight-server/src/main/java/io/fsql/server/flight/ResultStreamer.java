package io.fsql.server.flight;

import io.fsql.planner.exec.BatchedQueryResult;
import io.fsql.planner.exec.ColumnBatch;
import io.fsql.planner.exec.QueryResult;
import java.util.List;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Sends a query's rows to a Flight client as record batches while the engine yields them: one
 * batch of at most {@link #BATCH_ROWS} rows (or one of the engine's column batches, when it yields
 * them) in memory at a time, waiting while the client is not
 * ready (backpressure), stopping when it cancels.
 */
final class ResultStreamer {
  static final int BATCH_ROWS = 4096;
  /** How long a stream waits for a client that stopped reading before giving up. */
  private static final long READY_TIMEOUT_MS = 10 * 60 * 1000L;

  private ResultStreamer() {}

  static void stream(QueryResult rows, Schema schema, BufferAllocator allocator, ServerStreamListener listener,
      java.util.function.BooleanSupplier cancelled) {
    BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
    backpressure.register(listener);
    try (rows; VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      listener.start(root);
      List<FieldVector> vectors = root.getFieldVectors();
      int width = vectors.size();
      boolean more = rows.hasNext();
      while (more) {
        root.allocateNew();
        int n = 0;
        if (rows instanceof BatchedQueryResult batched) {
          // the engine's column batches, written column by column (see ArrowColumns)
          ColumnBatch batch = batched.nextBatch();
          more = batch != null;
          if (more) {
            ArrowColumns.write(batch, vectors);
            n = batch.rowCount();
          }
        }
        while (!(rows instanceof BatchedQueryResult) && n < BATCH_ROWS && (more = rows.hasNext())) {
          Object[] row = rows.next();
          for (int c = 0; c < width; c++) {
            ArrowTypes.set(vectors.get(c), n, row[c]);
          }
          n++;
        }
        if (n == 0) {
          break;
        }
        root.setRowCount(n);
        BackpressureStrategy.WaitResult ready = backpressure.waitForListener(READY_TIMEOUT_MS);
        if (ready == BackpressureStrategy.WaitResult.CANCELLED || cancelled.getAsBoolean()) {
          listener.error(CallStatus.CANCELLED.withDescription("the client cancelled the query").toRuntimeException());
          return;
        }
        if (ready == BackpressureStrategy.WaitResult.TIMEOUT) {
          listener.error(CallStatus.TIMED_OUT.withDescription("the client stopped reading the result").toRuntimeException());
          return;
        }
        listener.putNext();
      }
      listener.completed();
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }
}
