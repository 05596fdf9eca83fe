package io.fsql.planner;

/** What went wrong, with the SQLSTATE that JDBC clients see. */
public enum ErrorCode {
  SYNTAX_ERROR("42601"),
  UNKNOWN_OBJECT("42704"),
  UNKNOWN_COLUMN("42703"),
  ALREADY_EXISTS("42710"),
  TYPE_MISMATCH("42804"),
  INVALID_QUERY("42000"),
  NULL_NOT_ALLOWED("23502"),
  CONSTRAINT_VIOLATION("23514"),
  INVALID_ARGUMENT("22023"),
  DATA_ERROR("22000"),
  NOT_SUPPORTED("0A000"),
  HISTORY_NOT_RETAINED("22008"),
  HOME_IN_USE("55006"),
  IO_ERROR("58030"),
  CLOSED("08003"),
  INTERNAL("XX000");

  private final String sqlState;

  ErrorCode(String sqlState) {
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
