package io.fsql.tests.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JDBC driver's own runtime class path as the build wrote it at package time
 * ({@code jdbc-driver/target/runtime-classpath.txt}, from {@code dependency:build-classpath}) and
 * the driver jar: what a remote-only client puts on its class path.
 */
final class DriverClassPath {
  private DriverClassPath() {}

  static Path jdbcDriverModule() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("jdbc-driver"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find jdbc-driver/ above " + Paths.get("").toAbsolutePath());
    }
    return p.resolve("jdbc-driver");
  }

  /** The driver's dependencies (not the driver itself). */
  static List<String> dependencies() throws IOException {
    Path file = jdbcDriverModule().resolve("target/runtime-classpath.txt");
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: build jdbc-driver with 'package' first"
          + " (the tests module's verify does)");
    }
    String cp = Files.readString(file, StandardCharsets.UTF_8).trim();
    return new ArrayList<>(Arrays.asList(cp.split(java.io.File.pathSeparator)));
  }

  /** The driver's jar. */
  static Path driverJar() throws IOException {
    try (var files = Files.list(jdbcDriverModule().resolve("target"))) {
      return files.filter(f -> f.getFileName().toString().matches("fsql-jdbc-driver-.*\\.jar"))
          .filter(f -> !f.getFileName().toString().endsWith("-sources.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no fsql-jdbc-driver jar in jdbc-driver/target"));
    }
  }
}
