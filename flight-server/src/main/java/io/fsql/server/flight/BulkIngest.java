package io.fsql.server.flight;

import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;

/** Bulk ingest of an Arrow stream into a feature group. */
final class BulkIngest {
  private final SessionRegistry sessions;
  private final java.nio.file.Path scratch;

  BulkIngest(SessionRegistry sessions, java.nio.file.Path scratch) {
    this.sessions = sessions;
    this.scratch = scratch;
  }

  long ingest(EngineSession session, CommandStatementIngest command, FlightStream stream) {
    throw CallStatus.UNIMPLEMENTED.withDescription("bulk ingest is not available yet").toRuntimeException();
  }
}
