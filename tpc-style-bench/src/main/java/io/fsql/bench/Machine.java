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
    double initialGiB = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit()
        / 1024.0 / 1024.0 / 1024.0;
    return cores + " cores (" + cpuModel() + "), " + memTotal() + " RAM, JVM max heap "
        + Report.fmt(heapGiB, 1) + " GiB (initial " + Report.fmt(initialGiB, 1) + " GiB), " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + " " + System.getProperty("os.arch");
  }

  /** The 1, 5 and 15 minute load averages (other processes compete for the same cores). */
  static String load() {
    try {
      String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
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
    head = head == null ? null : head.trim();
    String status = git(root, "status", "--porcelain", "--untracked-files=all");
    if (head == null) {
      return "unknown (not a git checkout)";
    }
    long changed = status == null ? -1 : status.lines().filter(l -> !l.isBlank())
        .filter(l -> !l.substring(3).startsWith("tpc-style-bench/")).count();
    return "git " + head + (changed > 0 ? " + " + changed + " uncommitted file(s) outside tpc-style-bench/"
        : changed == 0 ? " (clean outside tpc-style-bench/)" : "") + "; engine jars used: " + engineJars();
  }

  /** The fsql module jars on the class path and when they were built (UTC). */
  private static String engineJars() {
    List<String> jars = new java.util.ArrayList<>();
    java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .withZone(java.time.ZoneOffset.UTC);
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Paths.get(e);
      String n = p.getFileName() == null ? "" : p.getFileName().toString();
      if (n.startsWith("fsql-") && n.endsWith(".jar") && !n.startsWith("fsql-tpc-style-bench")) {
        try {
          jars.add(n.replace("-0.1.0-SNAPSHOT.jar", "").replace("fsql-", "") + " "
              + f.format(Files.getLastModifiedTime(p).toInstant()));
        } catch (IOException ex) {
          jars.add(n);
        }
      }
    }
    java.util.Collections.sort(jars);
    return jars.isEmpty() ? "none found" : String.join(", ", jars) + " UTC";
  }

  private static String git(Path root, String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      // Not trimmed: a porcelain status line starts with its status columns, which may be blank.
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }
}
