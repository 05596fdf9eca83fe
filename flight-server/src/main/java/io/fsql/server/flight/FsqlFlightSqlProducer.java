package io.fsql.server.flight;

import static com.google.protobuf.Any.pack;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.fsql.planner.engine.DatasetRead;
import io.fsql.planner.engine.StatementResult;
import io.fsql.planner.exec.QueryResult;
import io.fsql.sql.tree.Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flight SQL over the fsql engine. A query runs when its FlightInfo is asked for (so errors and
 * the exact result schema come back at once); its rows wait under a one-use ticket until the
 * client fetches them and then stream out batch by batch. Updates (DDL, INSERT) run in DoPut and
 * answer with their update count. Prepared statements hold their session, parsed statement and
 * bound parameter rows.
 */
final class FsqlFlightSqlProducer extends NoOpFlightSqlProducer {
  private static final Logger LOG = LoggerFactory.getLogger(FsqlFlightSqlProducer.class);
  /** Results never fetched are closed after this long. */
  private static final long UNFETCHED_RESULT_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final BufferAllocator allocator;
  private final SessionRegistry sessions;
  private final PreparedStatements prepared = new PreparedStatements();
  private final BulkIngest ingest;
  private final Map<ByteString, PendingResult> results = new ConcurrentHashMap<>();
  private final SqlInfoBuilder sqlInfo;
  private final java.util.concurrent.ExecutorService streams = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fsql-flight-stream");
    t.setDaemon(true);
    return t;
  });
  private final DatasetFilePrefetch prefetch;

  /** A query's rows waiting for their client, or being streamed to it. */
  private static final class PendingResult {
    final QueryResult rows;
    final Schema schema;
    final long created = System.nanoTime();
    volatile boolean cancelled;
    volatile boolean streaming;

    PendingResult(QueryResult rows, Schema schema) {
      this.rows = rows;
      this.schema = schema;
    }
  }

  FsqlFlightSqlProducer(BufferAllocator allocator, SessionRegistry sessions, BulkIngest ingest) {
    this.allocator = allocator;
    this.sessions = sessions;
    this.ingest = ingest;
    this.prefetch = new DatasetFilePrefetch(allocator, streams);
    this.sqlInfo = new SqlInfoBuilder()
        .withFlightSqlServerName("fsql")
        .withFlightSqlServerVersion(FlightSqlServer.VERSION)
        .withFlightSqlServerArrowVersion(org.apache.arrow.vector.types.pojo.Schema.class.getPackage().getImplementationVersion() == null
            ? "18.3.0" : org.apache.arrow.vector.types.pojo.Schema.class.getPackage().getImplementationVersion())
        .withFlightSqlServerReadOnly(false)
        .withFlightSqlServerSql(true)
        .withFlightSqlServerSubstrait(false)
        .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
        .withFlightSqlServerCancel(true)
        .withFlightSqlServerBulkIngestion(true)
        .withFlightSqlServerBulkIngestionTransaction(false)
        .withSqlIdentifierQuoteChar("\"")
        .withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_LOWERCASE)
        .withSqlQuotedIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
        .withSqlDdlCatalog(false)
        .withSqlDdlSchema(false)
        .withSqlDdlTable(true)
        .withSqlTransactionsSupported(false)
        .withSqlSupportsColumnAliasing(true)
        .withSqlSupportsNonNullableColumns(true)
        .withSqlSupportsTableCorrelationNames(true)
        .withSqlSupportsExpressionsInOrderBy(true)
        .withSqlBatchUpdatesSupported(true)
        .withSqlNamedParametersSupported(false)
        .withSqlAllTablesAreSelectable(true)
        .withSqlSchemaTerm("schema")
        .withSqlCatalogTerm("catalog")
        .withSqlKeywords(new String[] {"ASOF", "MATCH_CONDITION", "STALENESS", "FEATURE", "GROUP", "VIEW",
            "TRAINING", "DATASET", "COMMIT", "CHANGES", "SPINE", "SPLIT", "EVENT"});
  }

  // ------------------------------------------------------------------ statements

  @Override
  public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context,
      FlightDescriptor descriptor) {
    try {
      EngineSession session = sessions.of(context);
      Statement statement = session.parse(command.getQuery());
      return run(session, statement, List.of(), descriptor, true);
    } catch (RuntimeException e) {
      throw FlightErrors.toFlight(e);
    }
  }

  @Override
  public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context,
      FlightDescriptor descriptor) {
    try {
      EngineSession session = sessions.of(context);
      PreparedStatements.Prepared p = prepared.prepare(session, command.getQuery());
      return new SchemaResult(p.datasetSchema);
    } catch (RuntimeException e) {
      throw FlightErrors.toFlight(e);
    }
  }

  /**
   * Runs a statement and keeps its rows (an empty result for a statement without rows) for DoGet;
   * or, when {@code files} allows it and the statement is a plain read of a training dataset,
   * answers with one endpoint per file of the dataset instead of running it.
   */
  private FlightInfo run(EngineSession session, Statement statement, List<Object> params, FlightDescriptor descriptor,
      boolean files) {
    if (files) {
      java.util.Optional<DatasetRead> read = session.datasetRead(statement, params);
      if (read.isPresent() && !read.get().files().isEmpty()
          && read.get().files().stream().allMatch(DatasetFileStreamer::readable)) {
        return datasetInfo(read.get(), descriptor);
      }
    }
    StatementResult result = session.execute(statement, params);
    QueryResult rows = result.hasRows() ? result.rows() : QueryResult.of(List.of(), List.of());
    Schema schema = ArrowTypes.schema(rows.columns());
    ByteString handle = ByteString.copyFrom(UUID.randomUUID().toString(), StandardCharsets.UTF_8);
    results.put(handle, new PendingResult(rows, schema));
    Ticket ticket = new Ticket(pack(TicketStatementQuery.newBuilder().setStatementHandle(handle).build()).toByteArray());
    return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
  }

  /**
   * One endpoint per file; each ticket names its file and the columns to read (see
   * {@link DatasetFileTicket}). The first file starts opening at once (see {@link DatasetFilePrefetch}).
   */
  private FlightInfo datasetInfo(DatasetRead read, FlightDescriptor descriptor) {
    Schema schema = ArrowTypes.schema(read.resultColumns());
    List<FlightEndpoint> endpoints = new ArrayList<>();
    List<DatasetFileTicket> tickets = new ArrayList<>();
    for (String file : read.files()) {
      DatasetFileTicket t = new DatasetFileTicket(read.dataset().id(), read.dataset().name(), read.dataset().version(),
          read.dataset().location(), file, read.columns(), schema);
      tickets.add(t);
    }
    String[] columns;
    try {
      columns = tickets.get(0).check(read.dataset());
    } catch (RuntimeException e) {
      columns = null; // the streams report it
    }
    List<DatasetFilePrefetch.Planned> planned = new ArrayList<>();
    DatasetFilePrefetch.Planned next = null;
    List<ByteString> handles = new ArrayList<>();
    for (DatasetFileTicket t : tickets) {
      handles.add(ByteString.copyFrom(t.encode()));
    }
    for (int i = tickets.size() - 1; i >= 0; i--) {
      next = new DatasetFilePrefetch.Planned(handles.get(i), tickets.get(i).file(), columns, next);
      planned.add(0, next);
    }
    for (ByteString handle : handles) {
      Ticket ticket = new Ticket(pack(TicketStatementQuery.newBuilder().setStatementHandle(handle).build()).toByteArray());
      endpoints.add(new FlightEndpoint(ticket));
    }
    if (columns != null) {
      prefetch.plan(planned);
    }
    return new FlightInfo(schema, descriptor, endpoints, -1, read.rows());
  }

  private void streamDatasetFile(DatasetFileTicket t, ByteString handle, CallContext context,
      ServerStreamListener listener) {
    EngineSession session = sessions.of(context);
    String[] columns = t.check(session.trainingDataset(t.dataset(), t.version()).orElse(null));
    java.util.function.Supplier<org.apache.arrow.flight.FlightRuntimeException> changed = () -> {
      try {
        t.check(session.trainingDataset(t.dataset(), t.version()).orElse(null));
        return null;
      } catch (org.apache.arrow.flight.FlightRuntimeException e) {
        return e;
      } catch (RuntimeException e) {
        return null;
      }
    };
    java.util.concurrent.CompletableFuture<DatasetFileStreamer.OpenFile> ahead = prefetch.claim(handle);
    try {
      streams.execute(() -> DatasetFileStreamer.stream(t.file(), columns, t.schema(), allocator, listener,
          () -> false, changed, opened(ahead)));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      if (ahead != null) {
        ahead.thenAccept(DatasetFileStreamer.OpenFile::close);
      }
      throw e;
    }
  }

  /** The file opened ahead, once it is open; null when none was or its opening failed (the stream opens it then). */
  private static DatasetFileStreamer.OpenFile opened(java.util.concurrent.CompletableFuture<DatasetFileStreamer.OpenFile> ahead) {
    if (ahead == null) {
      return null;
    }
    try {
      return ahead.join();
    } catch (RuntimeException e) {
      LOG.debug("a file opened ahead failed; opening it again", e);
      return null;
    }
  }

  @Override
  public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
    byte[] handle = ticket.getStatementHandle().toByteArray();
    if (DatasetFileTicket.is(handle)) {
      try {
        streamDatasetFile(DatasetFileTicket.decode(handle), ticket.getStatementHandle(), context, listener);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        listener.error(CallStatus.UNAVAILABLE.withDescription("the server is shutting down").toRuntimeException());
      } catch (RuntimeException e) {
        listener.error(FlightErrors.toFlight(e));
      }
      return;
    }
    PendingResult r = results.get(ticket.getStatementHandle());
    if (r == null || r.streaming) {
      listener.error(FlightErrors.notFound("this result was already fetched, cancelled or expired"));
      return;
    }
    r.streaming = true;
    long inMemory = r.rows.rowsInMemory();
    if (inMemory >= 0 && inMemory <= ResultStreamer.BATCH_ROWS && listener.isReady()) {
      // One batch already computed (a key lookup's rows) and a client ready for it: sent from
      // this thread, which saves a hand-off per call; nothing here waits for the client.
      try {
        ResultStreamer.stream(r.rows, r.schema, allocator, listener, () -> r.cancelled);
      } finally {
        results.remove(ticket.getStatementHandle());
      }
      return;
    }
    // Off the gRPC thread: the client's flow-control signals (onReady) arrive on that thread, so
    // a stream waiting for them there would wait forever.
    try {
      streams.execute(() -> {
        try {
          ResultStreamer.stream(r.rows, r.schema, allocator, listener, () -> r.cancelled);
        } finally {
          results.remove(ticket.getStatementHandle());
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      results.remove(ticket.getStatementHandle());
      r.rows.close();
      listener.error(CallStatus.UNAVAILABLE.withDescription("the server is shutting down").toRuntimeException());
    }
  }

  @Override
  public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context,
      FlightStream flightStream, StreamListener<PutResult> ackStream) {
    return () -> {
      try {
        EngineSession session = sessions.of(context);
        long count = update(session, session.parse(command.getQuery()), List.of());
        sendUpdateCount(ackStream, count);
      } catch (RuntimeException e) {
        ackStream.onError(FlightErrors.toFlight(e));
      }
    };
  }

  private static long update(EngineSession session, Statement statement, List<Object> params) {
    StatementResult r = session.execute(statement, params);
    if (r.hasRows()) {
      r.rows().close();
      return 0;
    }
    return Math.max(0, r.updateCount());
  }

  private void sendUpdateCount(StreamListener<PutResult> ackStream, long count) {
    DoPutUpdateResult result = DoPutUpdateResult.newBuilder().setRecordCount(count).build();
    byte[] bytes = result.toByteArray();
    try (ArrowBuf buffer = allocator.buffer(bytes.length)) {
      buffer.writeBytes(bytes);
      ackStream.onNext(PutResult.metadata(buffer));
    }
    ackStream.onCompleted();
  }

  // ------------------------------------------------------------------ prepared statements

  @Override
  public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
      StreamListener<Result> listener) {
    try {
      EngineSession session = sessions.of(context);
      PreparedStatements.Prepared p = prepared.prepare(session, request.getQuery());
      String handle = prepared.register(p);
      ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
          .setPreparedStatementHandle(ByteString.copyFrom(handle, StandardCharsets.UTF_8))
          .setDatasetSchema(ByteString.copyFrom(CatalogMetadata.serialize(p.datasetSchema)))
          .setParameterSchema(ByteString.copyFrom(CatalogMetadata.serialize(PreparedStatements.parameterSchema(
              p.parameterTypes, ClientPreferences.microsecondTimestamps(context)))))
          .build();
      listener.onNext(new Result(pack(result).toByteArray()));
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.toFlight(e));
    }
  }

  @Override
  public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
      StreamListener<Result> listener) {
    prepared.close(request.getPreparedStatementHandle().toStringUtf8());
    listener.onCompleted();
  }

  @Override
  public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
      FlightStream flightStream, StreamListener<PutResult> ackStream) {
    return () -> {
      try {
        PreparedStatements.Prepared p = prepared.get(command.getPreparedStatementHandle().toStringUtf8());
        p.parameterRows = readParameters(flightStream);
        ackStream.onCompleted();
      } catch (RuntimeException e) {
        ackStream.onError(FlightErrors.toFlight(e));
      }
    };
  }

  @Override
  public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
      FlightDescriptor descriptor) {
    return preparedInfo(command, descriptor, true);
  }

  private FlightInfo preparedInfo(CommandPreparedStatementQuery command, FlightDescriptor descriptor, boolean files) {
    try {
      PreparedStatements.Prepared p = prepared.get(command.getPreparedStatementHandle().toStringUtf8());
      List<List<Object>> rows = p.parameterRows;
      if (rows.size() > 1) {
        throw FlightErrors.invalid("a prepared query takes one row of parameter values, not " + rows.size());
      }
      List<Object> params = rows.isEmpty() ? List.of() : p.values(rows.get(0));
      return run(p.session, p.freshStatement(), params, descriptor, files);
    } catch (RuntimeException e) {
      throw FlightErrors.toFlight(e);
    }
  }

  @Override
  public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
      FlightDescriptor descriptor) {
    try {
      return new SchemaResult(prepared.get(command.getPreparedStatementHandle().toStringUtf8()).datasetSchema);
    } catch (RuntimeException e) {
      throw FlightErrors.toFlight(e);
    }
  }

  @Override
  public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
      ServerStreamListener listener) {
    // Tickets this server hands out name results, not prepared statements; a client that builds
    // its own ticket from the command gets the statement run now.
    try {
      // One stream: the rows through the engine, not one endpoint per file.
      FlightInfo info = preparedInfo(command, FlightDescriptor.command(new byte[0]), false);
      TicketStatementQuery t = TicketStatementQuery.parseFrom(
          Any.parseFrom(info.getEndpoints().get(0).getTicket().getBytes()).getValue());
      getStreamStatement(t, context, listener);
    } catch (InvalidProtocolBufferException e) {
      listener.error(FlightErrors.toFlight(e));
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  @Override
  public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command, CallContext context,
      FlightStream flightStream, StreamListener<PutResult> ackStream) {
    return () -> {
      try {
        PreparedStatements.Prepared p = prepared.get(command.getPreparedStatementHandle().toStringUtf8());
        if (p.bulkTarget != null && flightStream.next()) {
          // INSERT ... VALUES (?, ...): one row runs as it is; a batch of rows is one INSERT of
          // all of them (one commit).
          VectorSchemaRoot root = flightStream.getRoot();
          List<List<Object>> first = new ArrayList<>();
          boolean loaded = true;
          if (root.getRowCount() <= 1) {
            for (int i = 0; i < root.getRowCount(); i++) {
              first.add(ArrowValues.row(root, i));
            }
            loaded = false;
            if (!flightStream.next()) {
              long count = update(p.session, p.freshStatement(), first.isEmpty() ? List.of() : p.values(first.get(0)));
              sendUpdateCount(ackStream, count);
              return;
            }
            loaded = true;
          }
          long count = ingest.insert(p.session, p.bulkTarget, p.bulkColumns, flightStream, first, loaded);
          sendUpdateCount(ackStream, count);
          return;
        }
        List<List<Object>> rows = readParameters(flightStream);
        long count = 0;
        if (rows.isEmpty()) {
          count = update(p.session, p.freshStatement(), List.of());
        } else {
          for (List<Object> row : rows) {
            count += update(p.session, p.freshStatement(), p.values(row));
          }
        }
        sendUpdateCount(ackStream, count);
      } catch (RuntimeException e) {
        ackStream.onError(FlightErrors.toFlight(e));
      }
    };
  }

  private static List<List<Object>> readParameters(FlightStream stream) {
    List<List<Object>> rows = new ArrayList<>();
    while (stream.next()) {
      VectorSchemaRoot root = stream.getRoot();
      for (int i = 0; i < root.getRowCount(); i++) {
        rows.add(ArrowValues.row(root, i));
      }
    }
    return rows;
  }

  // ------------------------------------------------------------------ bulk ingest

  @Override
  public Runnable acceptPutStatementBulkIngest(CommandStatementIngest command, CallContext context,
      FlightStream flightStream, StreamListener<PutResult> ackStream) {
    return () -> {
      try {
        EngineSession session = sessions.of(context);
        long count = ingest.ingest(session, command, flightStream);
        sendUpdateCount(ackStream, count);
      } catch (RuntimeException e) {
        ackStream.onError(FlightErrors.toFlight(e));
      }
    };
  }

  // ------------------------------------------------------------------ cancel and sessions

  @Override
  public void cancelFlightInfo(CancelFlightInfoRequest request, CallContext context,
      StreamListener<CancelStatus> listener) {
    CancelStatus status = CancelStatus.NOT_CANCELLABLE;
    for (FlightEndpoint endpoint : request.getInfo().getEndpoints()) {
      try {
        Any any = Any.parseFrom(endpoint.getTicket().getBytes());
        if (!any.is(TicketStatementQuery.class)) {
          continue;
        }
        ByteString handle = any.unpack(TicketStatementQuery.class).getStatementHandle();
        PendingResult r = results.get(handle);
        if (r != null) {
          r.cancelled = true;
          if (!r.streaming && results.remove(handle, r)) {
            r.rows.close();
          }
          status = CancelStatus.CANCELLED;
        }
      } catch (InvalidProtocolBufferException e) {
        // not one of this server's tickets
      }
    }
    listener.onNext(status);
    listener.onCompleted();
  }

  @Override
  public void closeSession(CloseSessionRequest request, CallContext context, StreamListener<CloseSessionResult> listener) {
    sessions.close(context);
    listener.onNext(new CloseSessionResult(CloseSessionResult.Status.CLOSED));
    listener.onCompleted();
  }

  /** Closes results nobody fetched and sessions nobody uses. */
  void sweep() {
    long now = System.nanoTime();
    results.entrySet().removeIf(e -> {
      PendingResult r = e.getValue();
      if (!r.streaming && now - r.created > UNFETCHED_RESULT_NANOS) {
        r.rows.close();
        return true;
      }
      return false;
    });
    sessions.sweep();
    prefetch.sweep();
  }

  // ------------------------------------------------------------------ metadata

  private FlightInfo metadataInfo(Message command, FlightDescriptor descriptor, Schema schema) {
    Ticket ticket = new Ticket(pack(command).toByteArray());
    return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
  }

  @Override
  public FlightInfo getFlightInfoSqlInfo(CommandGetSqlInfo request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_SQL_INFO_SCHEMA);
  }

  @Override
  public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
    sqlInfo.send(command.getInfoList(), listener);
  }

  @Override
  public FlightInfo getFlightInfoTypeInfo(CommandGetXdbcTypeInfo request, CallContext context,
      FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_TYPE_INFO_SCHEMA);
  }

  @Override
  public void getStreamTypeInfo(CommandGetXdbcTypeInfo request, CallContext context, ServerStreamListener listener) {
    try {
      MetadataTables.send(FlightSqlProducer.Schemas.GET_TYPE_INFO_SCHEMA, CatalogMetadata.typeInfo(request),
          allocator, listener);
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  @Override
  public FlightInfo getFlightInfoCatalogs(CommandGetCatalogs request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_CATALOGS_SCHEMA);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    MetadataTables.send(FlightSqlProducer.Schemas.GET_CATALOGS_SCHEMA, CatalogMetadata.catalogs(), allocator, listener);
  }

  @Override
  public FlightInfo getFlightInfoSchemas(CommandGetDbSchemas request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_SCHEMAS_SCHEMA);
  }

  @Override
  public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
    MetadataTables.send(FlightSqlProducer.Schemas.GET_SCHEMAS_SCHEMA, CatalogMetadata.schemas(command), allocator,
        listener);
  }

  @Override
  public FlightInfo getFlightInfoTables(CommandGetTables request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, request.getIncludeSchema()
        ? FlightSqlProducer.Schemas.GET_TABLES_SCHEMA : FlightSqlProducer.Schemas.GET_TABLES_SCHEMA_NO_SCHEMA);
  }

  @Override
  public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
    try {
      List<Object[]> rows = CatalogMetadata.tables(sessions.of(context), command);
      MetadataTables.send(command.getIncludeSchema()
          ? FlightSqlProducer.Schemas.GET_TABLES_SCHEMA : FlightSqlProducer.Schemas.GET_TABLES_SCHEMA_NO_SCHEMA,
          rows, allocator, listener);
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  @Override
  public FlightInfo getFlightInfoTableTypes(CommandGetTableTypes request, CallContext context,
      FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_TABLE_TYPES_SCHEMA);
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    MetadataTables.send(FlightSqlProducer.Schemas.GET_TABLE_TYPES_SCHEMA, CatalogMetadata.tableTypes(),
        allocator, listener);
  }

  @Override
  public FlightInfo getFlightInfoPrimaryKeys(CommandGetPrimaryKeys request, CallContext context,
      FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_PRIMARY_KEYS_SCHEMA);
  }

  @Override
  public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
    try {
      MetadataTables.send(FlightSqlProducer.Schemas.GET_PRIMARY_KEYS_SCHEMA,
          CatalogMetadata.primaryKeys(sessions.of(context), command), allocator, listener);
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  @Override
  public FlightInfo getFlightInfoExportedKeys(CommandGetExportedKeys request, CallContext context,
      FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_EXPORTED_KEYS_SCHEMA);
  }

  @Override
  public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context, ServerStreamListener listener) {
    MetadataTables.send(FlightSqlProducer.Schemas.GET_EXPORTED_KEYS_SCHEMA, List.of(), allocator, listener);
  }

  @Override
  public FlightInfo getFlightInfoImportedKeys(CommandGetImportedKeys request, CallContext context,
      FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_IMPORTED_KEYS_SCHEMA);
  }

  @Override
  public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context, ServerStreamListener listener) {
    MetadataTables.send(FlightSqlProducer.Schemas.GET_IMPORTED_KEYS_SCHEMA, List.of(), allocator, listener);
  }

  @Override
  public FlightInfo getFlightInfoCrossReference(CommandGetCrossReference request, CallContext context,
      FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_CROSS_REFERENCE_SCHEMA);
  }

  @Override
  public void getStreamCrossReference(CommandGetCrossReference command, CallContext context,
      ServerStreamListener listener) {
    MetadataTables.send(FlightSqlProducer.Schemas.GET_CROSS_REFERENCE_SCHEMA, List.of(), allocator, listener);
  }

  @Override
  public void close() {
    prefetch.close();
    streams.shutdownNow();
    try {
      streams.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (PendingResult r : results.values()) {
      try {
        r.rows.close();
      } catch (RuntimeException e) {
        LOG.debug("closing a pending result", e);
      }
    }
    results.clear();
  }

  int filesOpenAhead() {
    return prefetch.open();
  }

  int openResults() {
    return results.size();
  }
}
