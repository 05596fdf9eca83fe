package io.fsql.planner.engine;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.SetOption;
import java.util.Locale;

/**
 * A session's settings, changed with {@code SET name = value} and {@code RESET name}.
 *
 * <ul>
 *   <li>{@code online_lookups}: {@code auto} (default) runs key lookups on online groups in the
 *       online store; {@code off} runs every query offline on Spark (same results: use it to
 *       compare the two routes).
 *   <li>{@code local_evaluation}: {@code auto} (default) evaluates queries that read no data
 *       (constants, VALUES) in the planner without Spark; {@code off} runs them on Spark too
 *       (same results: use it to compare the two).
 * </ul>
 */
public final class SessionSettings {
  private volatile boolean onlineLookups = true;
  private volatile boolean localEvaluation = true;

  public boolean localEvaluation() {
    return localEvaluation;
  }

  public boolean onlineLookups() {
    return onlineLookups;
  }

  StatementResult apply(SetOption set) {
    NodeLocation at = set.location();
    switch (set.name()) {
      case "online_lookups": {
        String v = set.value().orElse("auto").toLowerCase(Locale.ROOT);
        switch (v) {
          case "auto":
          case "on":
          case "true":
            onlineLookups = true;
            break;
          case "off":
          case "false":
            onlineLookups = false;
            break;
          default:
            throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
                "online_lookups is 'auto' or 'off', not '" + v + "'", at.line(), at.column());
        }
        return StatementResult.update(0, "online_lookups = " + (onlineLookups ? "auto" : "off"));
      }
      case "local_evaluation": {
        String v = set.value().orElse("auto").toLowerCase(Locale.ROOT);
        switch (v) {
          case "auto":
          case "on":
          case "true":
            localEvaluation = true;
            break;
          case "off":
          case "false":
            localEvaluation = false;
            break;
          default:
            throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
                "local_evaluation is 'auto' or 'off', not '" + v + "'", at.line(), at.column());
        }
        return StatementResult.update(0, "local_evaluation = " + (localEvaluation ? "auto" : "off"));
      }
      default:
        throw new FsqlException(ErrorCode.INVALID_ARGUMENT,
            "unknown setting '" + set.name() + "' (settings: online_lookups, local_evaluation)",
            at.line(), at.column());
    }
  }
}
