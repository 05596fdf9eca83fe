package io.fsql.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress on stderr (stdout carries only the Markdown report). */
final class Log {
  private static final DateTimeFormatter T = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Log() {}

  static void info(String bench, String message) {
    System.err.println(LocalTime.now().format(T) + " [" + bench + "] " + message);
    System.err.flush();
  }
}
