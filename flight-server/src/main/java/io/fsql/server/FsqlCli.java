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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sqlline.SqlLine;

/** The {@code fsql} command: {@code fsql sql} (the SQL shell) and {@code fsql serve}. */
@Command(name = "fsql", mixinStandardHelpOptions = true, version = "fsql 0.1.0",
    description = "fsql: a SQL-first feature store engine.",
    subcommands = {FsqlCli.Sql.class, FsqlCli.Serve.class, FsqlCli.Users.class})
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

  /** Options every subcommand shares. */
  static class HomeOption {
    @Option(names = "--home", paramLabel = "DIR",
        description = "fsql home directory (default: $FSQL_HOME, else ~/.fsql)")
    String home;

    Path resolve() {
      return FsqlHome.resolve(home);
    }
  }

  @Command(name = "sql", mixinStandardHelpOptions = true,
      description = {
          "Opens an interactive SQL shell (SQLLine) on the embedded engine,",
          "or runs statements from -e or -f, printing results as tables and",
          "stopping with a non-zero exit code at the first error."})
  static final class Sql implements Callable<Integer> {
    @CommandLine.Mixin
    HomeOption home = new HomeOption();

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "statements to run, separated by ';'")
    String execute;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "a SQL script to run")
    File file;

    @Override
    public Integer call() throws IOException {
      Path dir = home.resolve();
      String url = FsqlDriver.EMBEDDED_PREFIX + dir;
      List<String> args = new ArrayList<>(List.of(
          "-d", FsqlDriver.class.getName(), "-u", url, "-n", "fsql", "-p", "",
          "--outputFormat=table", "--fastConnect=true", "--showNestedErrs=false", "--verbose=false",
          "--maxWidth=" + terminalWidth(), "--incremental=false", "--isolation=TRANSACTION_NONE"));
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
        try (Connection c = DriverManager.getConnection(url)) {
          return new ScriptRunner(c, System.out, System.err, source).run(script);
        } catch (SQLException e) {
          System.err.println("ERROR: " + e.getMessage());
          return 1;
        }
      }
      args.add("--showWarnings=true");
      System.out.println("fsql " + "0.1.0" + " on " + dir + " (embedded engine). Type !help for shell commands, !quit to leave.");
      SqlLine.Status status = SqlLine.start(args.toArray(new String[0]), null, true);
      return status == SqlLine.Status.OK ? 0 : 1;
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
