package io.fsql.planner;

/**
 * The one error type the engine reports to its clients: a code, a one-line message naming the
 * problem, and where in the statement it is (line and column, 1-based) when that is known.
 * {@link #getMessage()} reads {@code line 3:15: unknown column 'amout' in feature group 'tx'}.
 */
public class FsqlException extends RuntimeException {
  private final ErrorCode code;
  private final int line;
  private final int column;
  private final String detail;

  public FsqlException(ErrorCode code, String message) {
    this(code, message, 0, 0, null);
  }

  public FsqlException(ErrorCode code, String message, Throwable cause) {
    this(code, message, 0, 0, cause);
  }

  public FsqlException(ErrorCode code, String message, int line, int column) {
    this(code, message, line, column, null);
  }

  public FsqlException(ErrorCode code, String message, int line, int column, Throwable cause) {
    super(line > 0 ? "line " + line + ":" + column + ": " + oneLine(message) : oneLine(message), cause);
    this.code = code;
    this.line = line;
    this.column = column;
    this.detail = oneLine(message);
  }

  /** Messages are one line: line breaks (from a cause's message) become spaces. */
  private static String oneLine(String message) {
    return message == null || message.indexOf('\n') < 0 && message.indexOf('\r') < 0 ? message
        : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  public ErrorCode code() {
    return code;
  }

  /** 1-based line of the problem in the statement text, or 0 when not known. */
  public int line() {
    return line;
  }

  /** 1-based column, or 0 when not known. */
  public int column() {
    return column;
  }

  /** The message without its position. */
  public String detail() {
    return detail;
  }

  /** The first FsqlException in a chain of causes, or null. */
  public static FsqlException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FsqlException f) {
        return f;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The same error placed at a position (used when the position becomes known higher up). */
  public FsqlException at(int atLine, int atColumn) {
    if (line > 0 || atLine <= 0) {
      return this;
    }
    return new FsqlException(code, detail, atLine, atColumn, getCause());
  }
}
