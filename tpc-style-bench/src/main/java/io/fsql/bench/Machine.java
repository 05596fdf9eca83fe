package io.fsql.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the report says about the machine, the JVM and the engine's source version. */
final class Machine {
  private Machine() {}

  static String describe() {
    int cores = Runtime.getRuntime().availableProcessors();
    double heapGiB = Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0 / 1024.0;
    return cores + " cores (" + cpuModel() + "), " + memTotal() + " RAM, JVM max heap "
        + Report.fmt(heapGiB, 1) + " GiB, " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + " " + System.getProperty("os.arch");
  }

  static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "unknown CPU";
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return Report.fmt(kb / 1024.0 / 1024.0, 1) + " GiB";
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "unknown";
  }

  /** The repository's HEAD and how many files differ from it (other engineers' work in progress). */
  static String engineVersion() {
    Path root = Options.repoRoot();
    String head = git(root, "rev-parse", "--short", "HEAD");
    String status = git(root, "status", "--porcelain", "--untracked-files=all");
    if (head == null) {
      return "unknown (not a git checkout)";
    }
    long changed = status == null ? -1 : status.lines().filter(l -> !l.isBlank())
        .filter(l -> !l.substring(3).startsWith("tpc-style-bench/")).count();
    return "git " + head + (changed > 0 ? " + " + changed + " uncommitted file(s) outside tpc-style-bench/"
        : changed == 0 ? " (clean outside tpc-style-bench/)" : "");
  }

  private static String git(Path root, String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }
}
