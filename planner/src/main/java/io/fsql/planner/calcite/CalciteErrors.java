package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;

/** Turns Calcite's validation errors into fsql's one-line errors with their position. */
final class CalciteErrors {
  private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']*)' not found.*");
  private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']*)' not found");
  private static final Pattern COLUMN_NOT_FOUND_IN_TABLE =
      Pattern.compile("Column '([^']*)' not found in table '([^']*)'");
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']*)' not found in any table");
  private static final Pattern NO_MATCH_FUNCTION =
      Pattern.compile("No match found for function signature (.*)");

  private CalciteErrors() {}

  static FsqlException translate(RuntimeException e) {
    FsqlException fsql = FsqlException.find(e);
    CalciteContextException ctx = findContext(e);
    int line = ctx == null ? 0 : ctx.getPosLine();
    int col = ctx == null ? 0 : ctx.getPosColumn();
    if (fsql != null) {
      return fsql.at(line, col);
    }
    String message = ctx != null && ctx.getCause() != null
        ? ctx.getCause().getMessage()
        : e.getMessage();
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    message = message.trim();
    Matcher m;
    if ((m = OBJECT_NOT_FOUND.matcher(message)).matches()
        || (m = TABLE_NOT_FOUND.matcher(message)).matches()) {
      return new FsqlException(ErrorCode.UNKNOWN_OBJECT,
          "no feature group, feature view or training dataset is named '" + m.group(1) + "'",
          line, col, e);
    }
    if ((m = COLUMN_NOT_FOUND_IN_TABLE.matcher(message)).matches()) {
      return new FsqlException(ErrorCode.UNKNOWN_COLUMN,
          "column '" + m.group(1) + "' does not exist in '" + m.group(2) + "'", line, col, e);
    }
    if ((m = COLUMN_NOT_FOUND.matcher(message)).matches()) {
      return new FsqlException(ErrorCode.UNKNOWN_COLUMN,
          "column '" + m.group(1) + "' does not exist", line, col, e);
    }
    if ((m = NO_MATCH_FUNCTION.matcher(message)).matches()) {
      return new FsqlException(ErrorCode.INVALID_QUERY,
          "no function matches " + m.group(1), line, col, e);
    }
    if (message.startsWith("Cannot assign to target field")) {
      return new FsqlException(ErrorCode.TYPE_MISMATCH, message, line, col, e);
    }
    if (message.contains("Cannot apply") || message.contains("cannot be cast")
        || message.contains("Type mismatch")) {
      return new FsqlException(ErrorCode.TYPE_MISMATCH, message, line, col, e);
    }
    return new FsqlException(ErrorCode.INVALID_QUERY, message, line, col, e);
  }

  private static CalciteContextException findContext(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CalciteContextException c) {
        return c;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
