package io.fsql.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * The fsql JDBC driver.
 *
 * <ul>
 *   <li>{@code jdbc:fsql://host:port[?user=U&password=P&tls=true&trustStore=..]}: connects to an
 *       fsql server ({@code fsql serve}) over Arrow Flight SQL. Needs only this driver and the
 *       planner on the class path. TLS is off unless {@code tls=true}.</li>
 *   <li>{@code jdbc:fsql:embedded:<home>}: runs the engine in this process on the fsql home
 *       directory {@code <home>} (created on first use). {@code jdbc:fsql:embedded:} alone uses
 *       the default home ({@code $FSQL_HOME}, else {@code ~/.fsql}). Connections to one home in
 *       one process share one engine. Needs fsql-storage on the class path.</li>
 * </ul>
 */
public final class FsqlDriver extends UnregisteredDriver {
  public static final String PREFIX = "jdbc:fsql:";
  public static final String EMBEDDED_PREFIX = PREFIX + "embedded:";
  static final String HOME_PROPERTY = "fsql.home";

  static {
    new FsqlDriver().register();
  }

  public FsqlDriver() {
    super();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return FsqlJdbcFactory.class.getName();
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("fsql JDBC driver", "0.1.0", "fsql", "0.1.0", true, 0, 1, 0, 1);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null || !url.startsWith(PREFIX)) {
      return null;
    }
    if (RemoteUrl.accepts(url)) {
      return RemoteConnector.connect(url, info);
    }
    if (!url.startsWith(EMBEDDED_PREFIX)) {
      throw new SQLException("unsupported fsql URL '" + RemoteUrl.redact(url) + "': use " + RemoteUrl.FORM
          + " or " + EMBEDDED_PREFIX + "<home directory>", "08001");
    }
    EmbeddedEngineLookup.require();
    Properties props = new Properties();
    if (info != null) {
      props.putAll(info);
    }
    props.setProperty(HOME_PROPERTY, url.substring(EMBEDDED_PREFIX.length()));
    try {
      AvaticaConnection connection = factory.newConnection(this, factory, url, props);
      handler.onConnectionInit(connection);
      return connection;
    } catch (RuntimeException e) {
      throw JdbcErrors.toSql(e);
    }
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new FsqlMeta((FsqlConnection) connection);
  }
}
