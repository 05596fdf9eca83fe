package io.fsql.tests;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM on the test class path with the test JVM's {@code --add-opens} and {@code -D} flags
 * (what fsql needs to run Spark), for tests that kill or halt a process and open its home again.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** The command that runs {@code mainClass} with {@code args}, after {@code jvmArgs}. */
  public static List<String> command(String mainClass, List<String> jvmArgs, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-D") && !arg.startsWith("-Dfsql.test.")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Xmx1g");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /** Starts {@code mainClass} with stdout and stderr to {@code log}. */
  public static Process start(String mainClass, List<String> jvmArgs, List<String> args, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(mainClass, jvmArgs, args)).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }
}
