package io.fsql.server.flight;

import java.util.Locale;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * What a client asks for in the headers of its calls. {@value #TIMESTAMP_PARAMETERS}:
 * {@code microsecond} makes the server declare TIMESTAMP parameters of prepared statements as
 * Timestamp(MICROSECOND) instead of Timestamp(MILLISECOND). fsql's JDBC driver asks for it; plain
 * Arrow Flight SQL JDBC clients do not, since that driver writes a parameter's epoch milliseconds
 * into the declared vector without scaling them to its unit.
 */
final class ClientPreferences implements FlightServerMiddleware {
  static final String TIMESTAMP_PARAMETERS = "fsql-timestamp-parameters";
  static final Key<ClientPreferences> KEY = Key.of("fsql-client-preferences");

  private final boolean microsecondTimestamps;

  private ClientPreferences(boolean microsecondTimestamps) {
    this.microsecondTimestamps = microsecondTimestamps;
  }

  /** Whether the client of {@code context}'s call binds TIMESTAMP parameters in microseconds. */
  static boolean microsecondTimestamps(CallContext context) {
    ClientPreferences p = context == null ? null : context.getMiddleware(KEY);
    return p != null && p.microsecondTimestamps;
  }

  static final class Factory implements FlightServerMiddleware.Factory<ClientPreferences> {
    @Override
    public ClientPreferences onCallStarted(CallInfo info, CallHeaders headers, RequestContext context) {
      String unit = headers.get(TIMESTAMP_PARAMETERS);
      return new ClientPreferences(unit != null && unit.trim().toLowerCase(Locale.ROOT).startsWith("micro"));
    }
  }

  @Override
  public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {}

  @Override
  public void onCallCompleted(CallStatus status) {}

  @Override
  public void onCallErrored(Throwable err) {}
}
