package io.fsql.planner.online;

/**
 * Thrown while an online plan runs when the online store cannot give the exact answer for the
 * rows at hand (e.g. a point-in-time join whose stored latest row is newer than the spine time):
 * the engine then runs the query offline.
 */
public final class OnlineFallback extends RuntimeException {
  public OnlineFallback(String reason) {
    super(reason, null, false, false);
  }
}
