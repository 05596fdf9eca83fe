package io.fsql.storage;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The log file of a home, {@code <home>/fsql.log}: fsql's own messages at INFO and above while the
 * home is open (commits, recovery repairs, and the full trace of every failed statement, which
 * users only see as a one-line error). Nothing here when logging is not Log4j 2.
 */
final class HomeLog {
  /** Where the full traces of failed statements are logged (only to the home's log file). */
  static final String TRACES = "io.fsql.trace";
  private static final String[] LOGGERS = {"io.fsql", TRACES};

  private HomeLog() {}

  /** Starts logging to the home's log file; the returned action stops it. */
  static Runnable attach(Path home) {
    if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
      return () -> { };
    }
    Configuration config = ctx.getConfiguration();
    PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config)
        .withPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%t] %c{1}: %msg%n").build();
    FileAppender appender = FileAppender.newBuilder()
        .setName("fsql-home-" + home)
        .withFileName(home.resolve("fsql.log").toString())
        .withAppend(true)
        .withImmediateFlush(true)
        .setLayout(layout)
        .setConfiguration(config)
        .build();
    if (appender == null) {
      return () -> { };
    }
    appender.start();
    config.addAppender(appender);
    for (String name : LOGGERS) {
      LoggerConfig logger = config.getLoggerConfig(name);
      if (!logger.getName().equals(name)) {
        logger = new LoggerConfig(name, Level.INFO, true);
        config.addLogger(name, logger);
      }
      logger.addAppender(appender, Level.INFO, null);
    }
    ctx.updateLoggers();
    return () -> {
      for (String name : LOGGERS) {
        LoggerConfig logger = config.getLoggerConfig(name);
        if (logger.getName().equals(name)) {
          logger.removeAppender(appender.getName());
        }
      }
      ctx.updateLoggers();
      appender.stop();
    };
  }
}
