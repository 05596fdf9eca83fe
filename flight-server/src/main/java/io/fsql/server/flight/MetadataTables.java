package io.fsql.server.flight;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Sends a small metadata table (rows of Java values) in one record batch. */
final class MetadataTables {
  private MetadataTables() {}

  static void send(Schema schema, List<Object[]> rows, BufferAllocator allocator, ServerStreamListener listener) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      List<FieldVector> vectors = root.getFieldVectors();
      for (int r = 0; r < rows.size(); r++) {
        Object[] row = rows.get(r);
        for (int c = 0; c < vectors.size(); c++) {
          set(vectors.get(c), r, row[c]);
        }
      }
      root.setRowCount(rows.size());
      listener.start(root);
      listener.putNext();
      listener.completed();
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  private static void set(FieldVector v, int i, Object value) {
    if (value == null) {
      v.setNull(i);
    } else if (v instanceof VarCharVector s) {
      s.setSafe(i, value.toString().getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof IntVector n) {
      n.setSafe(i, ((Number) value).intValue());
    } else if (v instanceof BitVector b) {
      b.setSafe(i, Boolean.TRUE.equals(value) ? 1 : 0);
    } else if (v instanceof VarBinaryVector b) {
      b.setSafe(i, (byte[]) value);
    } else {
      throw new IllegalStateException("no metadata writer for " + v.getClass().getSimpleName());
    }
  }
}
