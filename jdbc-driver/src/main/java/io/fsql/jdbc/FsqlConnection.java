package io.fsql.jdbc;

import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.UnregisteredDriver;

/** A JDBC connection to fsql. */
public final class FsqlConnection extends AvaticaConnection {
  FsqlConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    super(driver, factory, url, info);
  }

  private volatile java.util.TimeZone timeZone;

  /** The connection's time zone, read from its properties once (Avatica reads them on every execute). */
  @Override
  public java.util.TimeZone getTimeZone() {
    java.util.TimeZone tz = timeZone;
    if (tz == null) {
      tz = super.getTimeZone();
      timeZone = tz;
    }
    return tz;
  }

  Properties properties() {
    return info;
  }

  /** What the last statement run by JDBC statement {@code id} reported, as a warning. */
  java.sql.SQLWarning warning(int id) {
    return ((FsqlMeta) meta).message(id);
  }

  /** The column-batch cursor of JDBC statement {@code id}'s open result, if it has one (see FsqlMeta). */
  ColumnBatchCursor takeBatches(int id) {
    return ((FsqlMeta) meta).takeBatches(id);
  }

  void clearWarning(int id) {
    ((FsqlMeta) meta).clearMessage(id);
  }
}
