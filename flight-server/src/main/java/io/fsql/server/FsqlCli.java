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
    subcommands = {FsqlCli.Sql.class, FsqlCli.Serve.class})
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
      description = "Starts the Arrow Flight SQL server (not available in this release).")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin
    HomeOption home = new HomeOption();

    @Override
    public Integer call() {
      System.err.println("fsql serve: the Arrow Flight SQL server is not part of this release yet;"
          + " use 'fsql sql' or the JDBC URL " + FsqlDriver.EMBEDDED_PREFIX + home.resolve());
      return 2;
    }
  }
}
