package io.fsql.server.flight;

import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.Session;
import io.fsql.planner.engine.StatementResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Flight SQL bulk ingest into an existing feature group as one commit, checked exactly as an
 * INSERT: the Arrow stream is written batch by batch to a Parquet file in the home's scratch
 * directory, then {@code INSERT INTO g (columns) SELECT columns FROM read_parquet(file)} runs; the
 * file is deleted whatever happens. A failed INSERT commits nothing.
 */
final class BulkIngest {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private final SessionRegistry sessions;
  private final Path scratch;

  BulkIngest(SessionRegistry sessions, Path scratch) {
    this.sessions = sessions;
    this.scratch = scratch;
  }

  /** CommandStatementIngest: the stream's columns, by name, appended to an existing group. */
  long ingest(EngineSession session, CommandStatementIngest command, FlightStream stream) {
    String table = command.getTable();
    checkOptions(command, table);
    return insert(session, table, null, stream, List.of(), false);
  }

  /**
   * Inserts every row of {@code stream} into {@code target} ({@code name} or {@code name VERSION
   * n}) as one INSERT, its columns named {@code columns} in order (null: the stream's own names).
   * {@code leading} rows (already read from the stream) go first; {@code loaded} says the stream's
   * root holds a batch not yet written.
   */
  long insert(EngineSession session, String target, List<String> columns, FlightStream stream,
      List<List<Object>> leading, boolean loaded) {
    Path dir = scratch.resolve(UUID.randomUUID().toString());
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("batch.parquet");
      Written written = write(stream, file, columns, leading, loaded);
      if (written.rows == 0) {
        return 0;
      }
      String names = String.join(", ", written.columns);
      String sql = "INSERT INTO " + target + " (" + names + ") SELECT " + names
          + " FROM read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
      // The file is the server's own: read it in an unrestricted session, one statement at a time
      // with the client's other statements.
      Session internal = sessions.internal();
      synchronized (session) {
        StatementResult r = internal.execute(sql);
        return Math.max(0, r.updateCount());
      }
    } catch (FsqlException e) {
      // The INSERT is the server's, not the client's: its text and positions mean nothing to them.
      throw new FsqlException(e.code(), "ingest into " + target + ": " + e.detail()
          .replace(dir.toString(), "<ingested rows>"), e);
    } catch (IOException e) {
      throw new UncheckedIOException("bulk ingest could not write its scratch file: " + e.getMessage(), e);
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void checkOptions(CommandStatementIngest command, String table) {
    if (!IDENTIFIER.matcher(table).matches()) {
      throw FlightErrors.invalid("bulk ingest needs a feature group name, not '" + table + "'");
    }
    if (command.hasCatalog() && !command.getCatalog().isEmpty()
        || command.hasSchema() && !command.getSchema().isEmpty()) {
      throw FlightErrors.invalid("fsql has no catalogs or schemas: ingest into '" + table + "' without them");
    }
    if (command.getTemporary()) {
      throw CallStatus.UNIMPLEMENTED.withDescription("fsql has no temporary tables").toRuntimeException();
    }
    if (command.hasTransactionId()) {
      throw CallStatus.UNIMPLEMENTED.withDescription("fsql has no transactions: each ingest is one commit")
          .toRuntimeException();
    }
    TableDefinitionOptions options = command.getTableDefinitionOptions();
    if (options.getIfExists() == TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_REPLACE) {
      throw CallStatus.UNIMPLEMENTED.withDescription("bulk ingest appends to a feature group; it does not replace one")
          .toRuntimeException();
    }
    if (options.getIfExists() == TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_FAIL
        || options.getIfNotExist() == TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE) {
      throw CallStatus.UNIMPLEMENTED.withDescription("bulk ingest only appends to an existing feature group"
          + " (create it with CREATE FEATURE GROUP, then ingest in append mode)").toRuntimeException();
    }
  }

  private record Written(List<String> columns, long rows) {}

  /** Writes the stream to a Parquet file with the columns' own types; the INSERT checks them. */
  private static Written write(FlightStream stream, Path file, List<String> columns,
      List<List<Object>> leading, boolean loaded) throws IOException {
    List<Field> fields = stream.getSchema().getFields();
    if (fields.isEmpty()) {
      throw FlightErrors.invalid("bulk ingest needs at least one column");
    }
    if (columns != null && columns.size() != fields.size()) {
      throw FlightErrors.invalid("the statement takes " + columns.size() + " parameters but "
          + fields.size() + " columns of values came");
    }
    List<String> names = new ArrayList<>();
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      String name = (columns != null ? columns.get(i) : f.getName()).toLowerCase(Locale.ROOT);
      if (!IDENTIFIER.matcher(name).matches()) {
        throw FlightErrors.invalid("bulk ingest column '" + f.getName() + "' is not a plain column name");
      }
      if (names.contains(name)) {
        throw FlightErrors.invalid("bulk ingest column '" + name + "' appears twice");
      }
      names.add(name);
      addField(builder, f, name);
    }
    MessageType schema = builder.named("ingest");
    long rows = 0;
    Configuration conf = new Configuration(false);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
        .withConf(conf)
        .withType(schema)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
        .build()) {
      for (List<Object> row : leading) {
        Group g = new SimpleGroup(schema);
        for (int c = 0; c < row.size(); c++) {
          if (row.get(c) != null) {
            addValue(g, c, row.get(c));
          }
        }
        writer.write(g);
        rows++;
      }
      boolean more = loaded || stream.next();
      while (more) {
        VectorSchemaRoot root = stream.getRoot();
        List<FieldVector> vectors = root.getFieldVectors();
        for (int r = 0; r < root.getRowCount(); r++) {
          Group g = new SimpleGroup(schema);
          for (int c = 0; c < vectors.size(); c++) {
            Object v = ArrowValues.get(vectors.get(c), r);
            if (v != null) {
              addValue(g, c, v);
            }
          }
          writer.write(g);
          rows++;
        }
        more = stream.next();
      }
    }
    return new Written(names, rows);
  }

  private static void addField(Types.MessageTypeBuilder b, Field f, String name) {
    ArrowType t = f.getType();
    if (t instanceof ArrowType.Bool) {
      b.optional(PrimitiveTypeName.BOOLEAN).named(name);
    } else if (t instanceof ArrowType.Int i) {
      if (i.getBitWidth() <= 32 && i.getIsSigned()) {
        b.optional(PrimitiveTypeName.INT32).named(name);
      } else {
        b.optional(PrimitiveTypeName.INT64).named(name);
      }
    } else if (t instanceof ArrowType.FloatingPoint fp) {
      b.optional(fp.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE
          ? PrimitiveTypeName.FLOAT : PrimitiveTypeName.DOUBLE).named(name);
    } else if (t instanceof ArrowType.Decimal d) {
      b.optional(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.decimalType(d.getScale(), d.getPrecision())).named(name);
    } else if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
      b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    } else if (t instanceof ArrowType.Date) {
      b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
    } else if (t instanceof ArrowType.Timestamp) {
      b.optional(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
    } else {
      throw FlightErrors.invalid("bulk ingest column '" + name + "' has Arrow type " + t
          + ", which fsql does not store (use boolean, integers, floats, decimal, utf8, date or timestamp)");
    }
  }

  private static void addValue(Group g, int c, Object v) {
    if (v instanceof Boolean b) {
      g.add(c, b);
    } else if (v instanceof Integer i) {
      g.add(c, i);
    } else if (v instanceof Long l) {
      g.add(c, l);
    } else if (v instanceof Float f) {
      g.add(c, f);
    } else if (v instanceof Double d) {
      g.add(c, d);
    } else if (v instanceof BigDecimal d) {
      g.add(c, Binary.fromConstantByteArray(d.unscaledValue().toByteArray()));
    } else if (v instanceof String s) {
      g.add(c, Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8)));
    } else if (v instanceof LocalDate d) {
      g.add(c, (int) d.toEpochDay());
    } else if (v instanceof LocalDateTime t) {
      g.add(c, ArrowTypes.micros(t));
    } else {
      throw FlightErrors.invalid("bulk ingest cannot store a value of type " + v.getClass().getSimpleName());
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: the scratch directory is the server's own
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
