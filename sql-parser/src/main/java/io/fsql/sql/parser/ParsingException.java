package io.fsql.sql.parser;

import io.fsql.sql.tree.NodeLocation;

/**
 * Every syntax error of the fsql parser. {@link #getMessage()} is {@code "line L:C: message"}
 * with a 1-based line and column (relative to the whole script for
 * {@link FsqlParser#parseScript(String)}); {@link #getErrorMessage()} is the message alone.
 */
public final class ParsingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorMessage;
  private final int line;
  private final int column;

  public ParsingException(String errorMessage, int line, int column) {
    this(errorMessage, line, column, null);
  }

  public ParsingException(String errorMessage, int line, int column, Throwable cause) {
    super("line " + line + ":" + column + ": " + errorMessage, cause);
    this.errorMessage = errorMessage;
    this.line = line;
    this.column = column;
  }

  public ParsingException(String errorMessage, NodeLocation location) {
    this(errorMessage, location.line(), location.column());
  }

  /** The 1-based line of the error. */
  public int getLine() {
    return line;
  }

  /** The 1-based column of the error. */
  public int getColumn() {
    return column;
  }

  /** The message without the position. */
  public String getErrorMessage() {
    return errorMessage;
  }
}
