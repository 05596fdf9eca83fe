package io.fsql.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs bin/fsql as a user would, in a child process. */
final class Launcher {
  record Result(int exitCode, String out, String err, long millis) {}

  private Launcher() {}

  static Path root() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("bin/fsql"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find bin/fsql above " + Paths.get("").toAbsolutePath());
    }
    return p;
  }

  static Result run(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(root().resolve("bin/fsql").toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("COLUMNS", "200");
    pb.environment().remove("FSQL_HOME");
    Path out = Files.createTempFile("fsql-out", ".txt");
    Path err = Files.createTempFile("fsql-err", ".txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("bin/fsql did not finish: " + args);
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), millis);
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }
}
