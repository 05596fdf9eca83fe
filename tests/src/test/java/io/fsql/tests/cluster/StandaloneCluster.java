package io.fsql.tests.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
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
 * A Spark standalone cluster on loopback for tests: a Master and a Worker (1 core, 1 GiB), each a
 * JVM of its own, started from a Spark "distribution" made of the test class path's jars less
 * the Hudi bundle and fsql's own (what a Spark installation has: Spark, Scala, Hadoop client), so
 * that whatever else executors need must come from fsql itself. Everything it starts is stopped
 * by {@link #close()} (bounded), also at JVM exit if a test never gets there.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final int START_TIMEOUT_SECONDS = 90;
  private final Path dir;
  private final Path sparkHome;
  private final int masterPort;
  private final int masterUiPort;
  private Process master;
  private Process worker;
  private int workerStarts;
  private final Thread exitHook = new Thread(this::close, "standalone-cluster-stop");

  private StandaloneCluster(Path dir) throws IOException {
    this.dir = dir;
    this.sparkHome = dir.resolve("spark-home");
    this.masterPort = freePort();
    this.masterUiPort = freePort();
    Files.createDirectories(sparkHome.resolve("jars"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      String name = jar.getFileName().toString();
      if (!name.endsWith(".jar") || name.startsWith("hudi-") || name.startsWith("fsql-")
          || !Files.isRegularFile(jar) || Files.exists(sparkHome.resolve("jars").resolve(name))) {
        continue;
      }
      Files.createSymbolicLink(sparkHome.resolve("jars").resolve(name), jar.toAbsolutePath());
    }
  }

  /** A cluster to be started in {@code dir}: its ports and its Spark installation. */
  static StandaloneCluster create(Path dir) throws IOException {
    return new StandaloneCluster(dir);
  }

  /** Starts the Master and one Worker and returns once the Worker has registered. */
  synchronized StandaloneCluster start() throws Exception {
    Runtime.getRuntime().addShutdownHook(exitHook);
    try {
      master = launch("master", "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", Integer.toString(masterPort),
          "--webui-port", Integer.toString(masterUiPort));
      startWorker();
      return this;
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Starts the Worker (again) and waits until the Master counts it alive. */
  void startWorker() throws Exception {
    int before = aliveWorkers(false);
    Path work = dir.resolve("worker-" + (++workerStarts));
    Files.createDirectories(work.resolve("local"));
    worker = launch("worker-" + workerStarts, "org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--webui-port", "0", "--cores", "1", "--memory", "1g",
        "--work-dir", work.toString(), masterUrl());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    while (aliveWorkers(true) <= before) {
      if (!worker.isAlive()) {
        throw new IllegalStateException("the Spark worker exited: " + log("worker-" + workerStarts));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Spark worker did not register within " + START_TIMEOUT_SECONDS
            + " s: " + log("worker-" + workerStarts));
      }
      Thread.sleep(200);
    }
  }

  /** Kills the Worker and its executors at once (SIGKILL), as a lost machine would. */
  void killWorker() throws InterruptedException {
    kill(worker);
    worker = null;
  }

  /** The Master's count of alive workers (from its web UI's JSON), 0 while it is not up yet. */
  private int aliveWorkers(boolean tolerateDown) throws IOException {
    try {
      HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + masterUiPort + "/json/").openConnection();
      http.setConnectTimeout(2000);
      http.setReadTimeout(5000);
      try (InputStream in = http.getInputStream()) {
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
      }
    } catch (IOException e) {
      if (!master.isAlive()) {
        throw new IllegalStateException("the Spark master exited: " + log("master"));
      }
      return 0;
    }
  }

  private Process launch(String name, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+Ignore")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("jars") + File.separator + "*");
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
    env.remove("SPARK_CONF_DIR");
    env.remove("FSQL_SPARK_MASTER");
    return pb.start();
  }

  String log(String name) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Every file the executors of the cluster's applications wrote (stdout, stderr, fetched jars). */
  List<Path> executorFiles() throws IOException {
    try (var s = Files.walk(dir)) {
      return s.filter(p -> p.toString().contains("/app-") && Files.isRegularFile(p)).toList();
    }
  }

  private static void kill(Process p) throws InterruptedException {
    if (p == null) {
      return;
    }
    List<ProcessHandle> children = p.descendants().toList();
    p.destroyForcibly();
    for (ProcessHandle h : children) {
      h.destroyForcibly();
    }
    p.waitFor(20, TimeUnit.SECONDS);
    for (ProcessHandle h : children) {
      h.onExit().completeOnTimeout(h, 20, TimeUnit.SECONDS).join();
    }
  }

  private static void stop(Process p) {
    if (p == null) {
      return;
    }
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    try {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle h : children) {
      h.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop(worker);
    worker = null;
    stop(master);
    master = null;
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException e) {
      // the JVM is exiting: this is the hook
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
