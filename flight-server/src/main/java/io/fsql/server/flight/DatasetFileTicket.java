package io.fsql.server.flight;

import io.fsql.planner.catalog.TrainingDataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The ticket of one endpoint of a training dataset read: which dataset (id, name, version and
 * the location its files had when the query was planned), which file, which of its columns, and
 * the result schema the FlightInfo announced. A ticket is self-contained, so a client can fetch
 * the endpoints of one FlightInfo in parallel, in any order, as often as it likes, while the
 * dataset is unchanged; the server checks it against the catalog before reading.
 */
record DatasetFileTicket(long datasetId, String dataset, int version, String location, String file,
    List<Integer> columns, Schema schema) {
  /** How a handle of this kind starts (other handles are UUIDs of pending results). */
  private static final byte[] PREFIX = "fsql-dataset-file/1:".getBytes(StandardCharsets.UTF_8);

  DatasetFileTicket {
    columns = List.copyOf(columns);
  }

  static boolean is(byte[] handle) {
    return handle.length >= PREFIX.length && Arrays.equals(handle, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
  }

  byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.write(PREFIX);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeLong(datasetId);
      out.writeUTF(dataset);
      out.writeInt(version);
      out.writeUTF(location);
      out.writeUTF(file);
      out.writeInt(columns.size());
      for (int c : columns) {
        out.writeInt(c);
      }
      byte[] s = CatalogMetadata.serialize(schema);
      out.writeInt(s.length);
      out.write(s);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DatasetFileTicket decode(byte[] handle) {
    try {
      DataInputStream in = new DataInputStream(
          new ByteArrayInputStream(handle, PREFIX.length, handle.length - PREFIX.length));
      long id = in.readLong();
      String name = in.readUTF();
      int version = in.readInt();
      String location = in.readUTF();
      String file = in.readUTF();
      int n = in.readInt();
      if (n < 0 || n > 100_000) {
        throw new IOException("bad column count " + n);
      }
      List<Integer> columns = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        columns.add(in.readInt());
      }
      int size = in.readInt();
      if (size < 0 || size > handle.length) {
        throw new IOException("bad schema size " + size);
      }
      byte[] s = in.readNBytes(size);
      Schema schema = MessageSerializer.deserializeSchema(new ReadChannel(Channels.newChannel(new ByteArrayInputStream(s))));
      return new DatasetFileTicket(id, name, version, location, file, columns, schema);
    } catch (IOException | RuntimeException e) {
      throw FlightErrors.invalid("not a ticket of this server (a training dataset file): " + e.getMessage());
    }
  }

  /**
   * Checks the ticket against the dataset as the catalog has it now: the same dataset (not dropped,
   * not recreated since), a file under its location, columns it has with the announced types.
   * Returns the names of the columns to read from the file.
   */
  String[] check(TrainingDataset now) {
    String what = "training dataset " + dataset + " v" + version;
    if (now == null) {
      throw FlightErrors.notFound(what + " was dropped after this query was planned");
    }
    if (now.id() != datasetId || !now.location().equals(location)) {
      throw FlightErrors.notFound(what + " was recreated or replaced after this query was planned"
          + " (its files changed): run the query again");
    }
    URI f = URI.create(file).normalize();
    URI base = URI.create(location + "/").normalize();
    if (!f.toString().startsWith(base.toString()) || f.getPath() == null || f.getPath().contains("/../")) {
      throw FlightErrors.invalid("the ticket names a file outside " + what);
    }
    if (columns.size() != schema.getFields().size()) {
      throw FlightErrors.invalid("the ticket's columns and schema disagree");
    }
    String[] names = new String[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      int c = columns.get(i);
      if (c < 0 || c >= now.columns().size()) {
        throw FlightErrors.invalid("the ticket names column " + c + " of " + what + ", which has "
            + now.columns().size());
      }
      io.fsql.planner.catalog.Column column = now.columns().get(c);
      if (!ArrowTypes.arrowType(column.type()).equals(schema.getFields().get(i).getType())) {
        throw FlightErrors.notFound("column " + column.name() + " of " + what + " is not of the type"
            + " this query was planned with: run the query again");
      }
      names[i] = column.name();
    }
    return names;
  }
}
