package io.fsql.server;

import io.fsql.jdbc.FsqlDriver;
import io.fsql.storage.FsqlHome;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sqlline.SqlLine;

/** The {@code fsql} command: {@code fsql sql} (the SQL shell) and {@code fsql serve}. */
@Command(name = "fsql", mixinStandardHelpOptions = true, version = "fsql 0.1.0",
    description = "fsql: a SQL-first feature store engine.",
    subcommands = {FsqlCli.Sql.class, FsqlCli.Serve.class, FsqlCli.Users.class, FsqlCli.Report.class})
public final class FsqlCli implements Callable<Integer> {

  @Override
  public Integer call() {
    CommandLine.usage(this, System.out);
    return 2;
  }

  public static void main(String[] args) {
    int code = new CommandLine(new FsqlCli()).execute(args);
    System.exit(code);
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = {"Writes one self-contained HTML file about a feature group or training dataset:",
          "per feature its statistics and a histogram, the commit history, the validation",
          "history and, with --drift-against, the drift table."})
  static final class Report implements Callable<Integer> {
    @CommandLine.Mixin
    HomeOption home = new HomeOption();

    @CommandLine.Parameters(paramLabel = "NAME", description = "the feature group or training dataset")
    String name;

    @Option(names = "--out", paramLabel = "FILE.html", required = true, description = "the HTML file to write")
    Path out;

    @Option(names = "--drift-against", paramLabel = "SOURCE",
        description = "what SHOW DRIFT compares NAME with (the text after AGAINST, e.g. a group name)")
    String driftAgainst;

    @Override
    public Integer call() throws IOException {
      Path dir = home.resolve();
      io.fsql.planner.engine.FsqlEngine engine;
      try {
        engine = io.fsql.storage.EmbeddedEngines.acquire(dir);
      } catch (io.fsql.planner.FsqlException e) {
        System.err.println("ERROR: " + e.getMessage());
        return 1;
      }
      try (io.fsql.planner.engine.Session session = engine.openSession()) {
        String html = new io.fsql.server.report.ReportBuilder(session).build(name, driftAgainst);
        Files.writeString(out, html, StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
        return 0;
      } catch (io.fsql.planner.FsqlException | IllegalArgumentException e) {
        System.err.println("ERROR: " + e.getMessage());
        return 1;
      } finally {
        io.fsql.storage.EmbeddedEngines.release(dir);
      }
    }
  }

  /** Options every subcommand shares. */
  static class HomeOption {
    @Option(names = "--home", paramLabel = "DIR",
        description = "fsql home directory (default: $FSQL_HOME, else ~/.fsql)")
    String home;

    @Option(names = "--online", paramLabel = "SPEC",
        description = "online store: rocksdb (default, in the home) or aerospike://host:port[,host:port]/namespace"
            + " (default: $FSQL_ONLINE, else 'online' in <home>/fsql.properties)")
    String online;

    @Option(names = "--offline-root", paramLabel = "URI",
        description = "where a new home keeps its offline store: a Hadoop file-system URI such as"
            + " hdfs://namenode:8020/fsql or s3a://bucket/fsql (default: $FSQL_OFFLINE_ROOT, else the one"
            + " recorded in <home>/fsql.properties, else <home>/offline)")
    String offlineRoot;

    Path resolve() {
      if (online != null && !online.isBlank()) {
        System.setProperty("fsql.online", online);
      }
      if (offlineRoot != null && !offlineRoot.isBlank()) {
        System.setProperty("fsql.offline.root", offlineRoot);
      }
      return FsqlHome.resolve(home);
    }
  }

  @Command(name = "sql", mixinStandardHelpOptions = true,
      description = {
          "Opens an interactive SQL shell (SQLLine) on the embedded engine, or on an fsql",
          "server with --connect (then another process may hold the home), or runs",
          "statements from -e or -f, printing results as tables and stopping with a",
          "non-zero exit code at the first error."})
  static final class Sql implements Callable<Integer> {
    @CommandLine.Mixin
    HomeOption home = new HomeOption();

    @Option(names = "--connect", paramLabel = "HOST:PORT",
        description = "run on the fsql server at HOST:PORT (fsql serve) instead of the embedded engine")
    String connect;

    @Option(names = "--user", paramLabel = "USER", description = "user name for --connect")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "file holding the password for --user (first line); without it the password is prompted for")
    File passwordFile;

    @Option(names = "--tls", description = "use TLS for --connect (the server's certificate must be trusted by Java)")
    boolean tls;

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "statements to run, separated by ';'")
    String execute;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "a SQL script to run")
    File file;

    @Option(names = "--progress", description = "with -e or -f: show a progress line on standard error while"
        + " Spark jobs run (the interactive shell on the embedded engine shows it on a terminal always)")
    boolean progress;

    /** Progress of Spark jobs on stderr, when they run in this process (the embedded engine). */
    private Watch progressLine(boolean wanted) {
      if (!wanted || connect != null) {
        return () -> { };
      }
      return io.fsql.storage.spark.SparkProgress.watch(new ProgressLine(System.err), 1000, 200)::close;
    }

    /** Something watched until closed. */
    private interface Watch extends AutoCloseable {
      @Override
      void close();
    }

    @Override
    public Integer call() throws IOException {
      String url;
      String where;
      Properties credentials = new Properties();
      if (connect != null) {
        if (home.home != null) {
          System.err.println("ERROR: use --home (embedded engine) or --connect (server), not both");
          return 2;
        }
        if (!connect.matches("(\\[[0-9A-Fa-f:.]+\\]|[^:/?\\s]+):\\d{1,5}")) {
          System.err.println("ERROR: --connect expects HOST:PORT, not '" + connect + "'");
          return 2;
        }
        url = "jdbc:fsql://" + connect + (tls ? "?tls=true" : "");
        where = "server " + connect;
        if (user != null) {
          String password = password();
          if (password == null) {
            return 2;
          }
          credentials.setProperty("user", user);
          credentials.setProperty("password", password);
        }
      } else {
        if (user != null || passwordFile != null || tls) {
          System.err.println("ERROR: --user, --password-file and --tls go with --connect HOST:PORT");
          return 2;
        }
        Path dir = home.resolve();
        url = FsqlDriver.EMBEDDED_PREFIX + dir;
        where = dir + " (embedded engine)";
      }
      if (execute != null || file != null) {
        String script;
        String source = null;
        if (file != null) {
          if (!file.canRead()) {
            System.err.println("ERROR: cannot read " + file);
            return 1;
          }
          script = Files.readString(file.toPath(), StandardCharsets.UTF_8);
          source = file.toString();
        } else {
          script = execute;
        }
        try (Connection c = DriverManager.getConnection(url, credentials);
             Watch line = progressLine(progress)) {
          return new ScriptRunner(c, System.out, System.err, source).run(script);
        } catch (SQLException e) {
          System.err.println("ERROR: " + e.getMessage());
          return 1;
        }
      }
      List<String> args = new ArrayList<>(List.of(
          "-d", FsqlDriver.class.getName(), "-u", url,
          "-n", credentials.getProperty("user", connect == null ? "fsql" : ""),
          "-p", credentials.getProperty("password", ""),
          "--outputFormat=table", "--fastConnect=true", "--showNestedErrs=false", "--verbose=false",
          "--maxWidth=" + terminalWidth(), "--incremental=false", "--isolation=TRANSACTION_NONE",
          "--showWarnings=true"));
      System.out.println("fsql " + "0.1.0" + " on " + where + ". Type !help for shell commands, !quit to leave.");
      if (connect == null) {
        warmUpSpark();
      }
      SqlLine shell = new SqlLine();
      shell.setErrorStream(new StatementMessages(System.err, System.out));
      try (Watch line = progressLine(progress || System.console() != null)) {
        SqlLine.Status status = shell.begin(args.toArray(new String[0]), null, true);
        return status == SqlLine.Status.OK ? 0 : 1;
      }
    }

    /**
     * Starts Spark in the background while the user types: the shell's first query over a feature
     * group then finds it running. Statements that need no Spark never wait for it; a failure
     * here is reported by the first statement that needs Spark.
     */
    private static void warmUpSpark() {
      Thread t = new Thread(() -> {
        try {
          io.fsql.storage.spark.SparkRuntime.session();
        } catch (Throwable e) {
          // reported by the first statement that needs Spark
        }
      }, "fsql-spark-warm-up");
      t.setDaemon(true);
      t.start();
    }

    /**
     * The shell's error stream. SQLLine prints every SQLWarning there as
     * {@code Warning: <message> (state=01000,code=0)} (a format fixed in its resource bundle); the
     * fsql driver's warnings with SQLSTATE 01000 are statement outcomes ("created feature group g
     * v1"), so they go to the output as the plain message. Everything else passes through.
     */
    static final class StatementMessages extends java.io.OutputStream {
      private static final java.util.regex.Pattern OUTCOME =
          java.util.regex.Pattern.compile("Warning: (.*) \\(state=01000,code=0\\)");
      private final java.io.PrintStream err;
      private final java.io.PrintStream out;
      private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

      StatementMessages(java.io.PrintStream err, java.io.PrintStream out) {
        this.err = err;
        this.out = out;
      }

      @Override
      public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
          flushLine();
        }
      }

      @Override
      public synchronized void flush() {
        if (line.size() > 0) {
          flushLine();
        }
        err.flush();
      }

      private void flushLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        java.util.regex.Matcher m = OUTCOME.matcher(text.stripTrailing());
        if (m.matches()) {
          out.println(m.group(1));
          out.flush();
        } else {
          err.print(text);
          err.flush();
        }
      }
    }

    /** The password for --user: from --password-file, else typed at the terminal; null after an error. */
    private String password() throws IOException {
      if (passwordFile != null) {
        if (!passwordFile.canRead()) {
          System.err.println("ERROR: cannot read the password file " + passwordFile);
          return null;
        }
        String content = Files.readString(passwordFile.toPath(), StandardCharsets.UTF_8);
        return content.lines().findFirst().orElse("");
      }
      java.io.Console console = System.console();
      if (console == null) {
        System.err.println("ERROR: --user " + user + " needs --password-file FILE when there is no terminal to prompt on");
        return null;
      }
      char[] typed = console.readPassword("Password for %s: ", user);
      return typed == null ? "" : new String(typed);
    }

    private static int terminalWidth() {
      String cols = System.getenv("COLUMNS");
      try {
        return cols == null ? 200 : Math.max(80, Integer.parseInt(cols));
      } catch (NumberFormatException e) {
        return 200;
      }
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = {
          "Starts the Arrow Flight SQL server on the home: any Flight SQL client (Arrow's Flight SQL",
          "JDBC driver, ADBC, jdbc:fsql://host:port) can connect. Stops on SIGTERM, Ctrl-C or when",
          "its standard input closes (with --stop-on-stdin-close)."})
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin
    HomeOption home = new HomeOption();

    @Option(names = "--port", paramLabel = "PORT", description = "port to listen on (default: 32010; 0: any free port)")
    int port = io.fsql.server.flight.ServerOptions.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDR",
        description = "address to listen on (default: 127.0.0.1; a non-loopback address needs --users)")
    String bind = "127.0.0.1";

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain) for TLS")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key for TLS")
    Path tlsKey;

    @Option(names = "--users", paramLabel = "FILE",
        description = "users file (see 'fsql users add'): clients must log in with user name and password")
    Path users;

    @Option(names = "--allow-files", paramLabel = "DIR",
        description = "a directory remote sessions may read with read_csv/read_parquet (repeatable; default: none)")
    List<Path> allowFiles = new ArrayList<>();

    @Option(names = "--stop-on-stdin-close", description = "stop when standard input reaches its end")
    boolean stopOnStdinClose;

    @Override
    public Integer call() throws Exception {
      if ((tlsCert == null) != (tlsKey == null)) {
        System.err.println("ERROR: TLS needs both --tls-cert and --tls-key");
        return 2;
      }
      io.fsql.server.flight.ServerOptions options = io.fsql.server.flight.ServerOptions.defaults()
          .bind(bind).port(port).users(users);
      if (tlsCert != null) {
        options.tls(tlsCert, tlsKey);
      }
      for (Path dir : allowFiles) {
        if (!Files.isDirectory(dir)) {
          System.err.println("ERROR: --allow-files " + dir + " is not a directory");
          return 2;
        }
        options.allowFiles(dir);
      }
      Path dir = home.resolve();
      io.fsql.server.flight.FlightSqlServer server;
      try {
        server = io.fsql.server.flight.FlightSqlServer.start(dir, options);
      } catch (IllegalArgumentException | io.fsql.planner.FsqlException | IOException e) {
        System.err.println("ERROR: " + e.getMessage());
        return 1;
      }
      java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
      Thread hook = new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "fsql-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      System.out.println("fsql " + io.fsql.server.flight.FlightSqlServer.VERSION + " serving " + dir
          + " on " + server.host() + ":" + server.port()
          + (server.authenticated() ? " (users: " + users + ")" : " (no authentication: loopback only)")
          + "; connect with " + server.flightJdbcUrl() + " or " + server.fsqlJdbcUrl());
      System.out.flush();
      if (stopOnStdinClose) {
        Thread watcher = new Thread(() -> {
          try {
            while (System.in.read() >= 0) {
              // keep reading until end of input
            }
          } catch (IOException ignored) {
            // treat as closed
          }
          server.close();
          stopped.countDown();
        }, "fsql-serve-stdin");
        watcher.setDaemon(true);
        watcher.start();
      }
      stopped.await();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // already shutting down
      }
      return 0;
    }
  }

  @Command(name = "users", mixinStandardHelpOptions = true,
      description = "Manages the users file of 'fsql serve --users FILE'.",
      subcommands = {Users.Add.class})
  static final class Users implements Callable<Integer> {
    @Override
    public Integer call() {
      CommandLine.usage(this, System.out);
      return 2;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a user: reads the password from the terminal (asked twice) or, when",
            "standard input is not a terminal, from its first line; appends a salted PBKDF2 hash."})
    static final class Add implements Callable<Integer> {
      @Option(names = "--file", paramLabel = "FILE", required = true, description = "the users file (created if absent)")
      Path file;

      @CommandLine.Parameters(paramLabel = "USER", description = "the user name")
      String user;

      @Override
      public Integer call() throws IOException {
        String password;
        java.io.Console console = System.console();
        if (console != null) {
          char[] a = console.readPassword("password for %s: ", user);
          char[] b = console.readPassword("again: ");
          if (a == null || b == null || !java.util.Arrays.equals(a, b)) {
            System.err.println("ERROR: the passwords differ");
            return 1;
          }
          password = new String(a);
        } else {
          java.io.BufferedReader in = new java.io.BufferedReader(
              new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
          password = in.readLine();
          if (password == null) {
            System.err.println("ERROR: no password on standard input");
            return 1;
          }
        }
        try {
          io.fsql.server.flight.UsersFile.add(file, user, password);
        } catch (IllegalArgumentException e) {
          System.err.println("ERROR: " + e.getMessage());
          return 1;
        }
        System.out.println("added user " + user + " to " + file);
        return 0;
      }
    }
  }
}
