package io.fsql.tests.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fsql serve} (what bin/fsql starts) in a child JVM on the test class path, with the
 * environment a user would set; it stops when its standard input closes, so it cannot outlive
 * the test JVM.
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile(" on 127\\.0\\.0\\.1:(\\d+)");
  private final Process process;
  private final Path log;
  private final OutputStream stdin;
  private int port;

  private ServeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.stdin = process.getOutputStream();
  }

  /** Starts the server on {@code home} with {@code env} added to the environment. */
  static ServeProcess start(Path home, Path log, Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+Ignore") || arg.startsWith("-Djdk.")
          || arg.startsWith("-Dio.netty") || arg.startsWith("-Djol.") || arg.startsWith("-Duser.timezone")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Xmx1g");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.fsql.server.FsqlCli");
    cmd.addAll(List.of("serve", "--home", home.toString(), "--port", "0", "--stop-on-stdin-close"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("FSQL_HOME");
    pb.environment().remove("FSQL_SPARK_MASTER");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    return new ServeProcess(pb.start(), log);
  }

  /** The server's port, once it has printed it (bounded wait). */
  int awaitPort(int timeoutSeconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (port == 0) {
      Matcher m = SERVING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      } else if (!process.isAlive()) {
        throw new IllegalStateException("fsql serve exited: " + log());
      } else if (System.nanoTime() > deadline) {
        throw new IllegalStateException("fsql serve did not start within " + timeoutSeconds + " s: " + log());
      } else {
        Thread.sleep(100);
      }
    }
    return port;
  }

  String log() {
    try {
      String all = Files.readString(log, StandardCharsets.UTF_8);
      return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      stdin.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
