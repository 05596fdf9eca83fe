package io.fsql.server.flight;

import io.fsql.planner.FsqlException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** fsql errors as Flight status codes carrying fsql's one-line message (with line:column). */
final class FlightErrors {
  private static final Logger LOG = LoggerFactory.getLogger(FlightErrors.class);

  private FlightErrors() {}

  /** The Flight error a client sees for {@code e}. */
  static FlightRuntimeException toFlight(Throwable e) {
    if (e instanceof FlightRuntimeException f) {
      return f;
    }
    FsqlException fsql = FsqlException.find(e);
    if (fsql == null) {
      LOG.warn("unexpected server error", e);
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return CallStatus.INTERNAL.withDescription("internal error: " + m).withCause(e).toRuntimeException();
    }
    ErrorFlightMetadata md = new ErrorFlightMetadata();
    md.insert("fsql-sqlstate", fsql.code().sqlState());
    md.insert("fsql-error-code", fsql.code().name());
    return status(fsql).withDescription(fsql.getMessage()).withMetadata(md).toRuntimeException();
  }

  private static CallStatus status(FsqlException e) {
    switch (e.code()) {
      case UNKNOWN_OBJECT:
        return CallStatus.NOT_FOUND;
      case ALREADY_EXISTS:
        return CallStatus.ALREADY_EXISTS;
      case NOT_SUPPORTED:
        return CallStatus.UNIMPLEMENTED;
      case HOME_IN_USE:
      case CLOSED:
        return CallStatus.UNAVAILABLE;
      case IO_ERROR:
      case INTERNAL:
        return CallStatus.INTERNAL;
      case SYNTAX_ERROR:
      case UNKNOWN_COLUMN:
      case TYPE_MISMATCH:
      case INVALID_QUERY:
      case NULL_NOT_ALLOWED:
      case CONSTRAINT_VIOLATION:
      case INVALID_ARGUMENT:
      case DATA_ERROR:
      case HISTORY_NOT_RETAINED:
      default:
        return CallStatus.INVALID_ARGUMENT;
    }
  }

  static FlightRuntimeException invalid(String message) {
    return CallStatus.INVALID_ARGUMENT.withDescription(message).toRuntimeException();
  }

  static FlightRuntimeException notFound(String message) {
    return CallStatus.NOT_FOUND.withDescription(message).toRuntimeException();
  }
}
