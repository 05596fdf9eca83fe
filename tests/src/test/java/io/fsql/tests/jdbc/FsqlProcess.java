package io.fsql.tests.jdbc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the fsql command ({@code FsqlCli}, what bin/fsql starts) in a child JVM on the test class path. */
final class FsqlProcess {
  record Result(int exitCode, String out, String err) {}

  private FsqlProcess() {}

  static Result run(Path work, String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-D") || arg.startsWith("-XX:+Ignore")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Xmx1g");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.fsql.server.FsqlCli");
    cmd.addAll(List.of(args));
    Files.createDirectories(work);
    Path in = Files.createTempFile(work, "stdin", ".txt");
    Path out = Files.createTempFile(work, "stdout", ".txt");
    Path err = Files.createTempFile(work, "stderr", ".txt");
    Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(in.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("COLUMNS", "120");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("FSQL_HOME");
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("fsql " + String.join(" ", args) + " did not finish in 3 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
