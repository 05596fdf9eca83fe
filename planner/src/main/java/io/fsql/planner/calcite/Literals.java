package io.fsql.planner.calcite;

import java.time.Instant;
import org.apache.calcite.sql.SqlNode;

/** Values of literals in statements (timestamps are UTC). */
public final class Literals {
  private Literals() {}

  /** The instant a TIMESTAMP/DATE literal or a timestamp string names. */
  public static Instant instant(SqlNode node) {
    return TableReferences.instant(node);
  }

  /** Microseconds since 1970-01-01 00:00 UTC. */
  public static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000L);
  }
}
