package io.fsql.bench;

import io.fsql.server.flight.FlightSqlServer;
import io.fsql.server.flight.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;

/**
 * A/B of the Arrow copies of a training dataset's files in one Flight SQL server, rounds alternating on
 * the same machine load: a serial bulk read of {@code SELECT * FROM td} with the copies present, the
 * same with them renamed away (the server reads the Parquet files), and the remote JDBC read row by
 * row. Usage, after {@code tpc-style-bench/run flight} left its home: {@code java $(cat
 * tpc-style-bench/target/jvm.options) -cp "tpc-style-bench/target/fsql-tpc-style-bench-*.jar:tpc-style-bench/target/lib/*"
 * io.fsql.bench.ArrowCopiesAB tpc-style-bench/data/flight/home 4}.
 */
public final class ArrowCopiesAB {
  private ArrowCopiesAB() {}

  public static void main(String[] a) throws Exception {
    Path home = Path.of(a[0]);
    int rounds = Integer.parseInt(a[1]);
    List<Path> copies;
    try (var w = Files.walk(home.resolve("datasets"))) { copies = w.filter(p -> p.toString().endsWith(".parquet.arrow")).toList(); }
    FlightSqlServer server = FlightSqlServer.start(home, ServerOptions.defaults().bind("127.0.0.1").port(0));
    try (RootAllocator al = new RootAllocator();
        FlightSqlClient sql = new FlightSqlClient(FlightClient.builder(al, Location.forGrpcInsecure("127.0.0.1", server.port())).build());
        Connection jdbc = DriverManager.getConnection("jdbc:fsql://127.0.0.1:" + server.port())) {
      for (int r = 0; r <= rounds; r++) {
        long t0 = System.nanoTime();
        FlightBench.Bulk on = FlightBench.readFlightSql(sql);
        long tOn = System.nanoTime() - t0;
        for (Path c : copies) Files.move(c, c.resolveSibling(c.getFileName() + ".off"));
        t0 = System.nanoTime();
        FlightBench.Bulk off = FlightBench.readFlightSql(sql);
        long tOff = System.nanoTime() - t0;
        for (Path c : copies) Files.move(c.resolveSibling(c.getFileName() + ".off"), c);
        t0 = System.nanoTime();
        FlightBench.Bulk j = FlightBench.readJdbc(jdbc);
        long tJ = System.nanoTime() - t0;
        if (!on.equals(off) || !on.equals(j)) throw new AssertionError(on + " " + off + " " + j);
        System.out.printf("%s %d: copies %.3f s, parquet %.3f s (parquet/copies %.2f), jdbc %.3f s: jdbc/copies %.2fx, jdbc/parquet %.2fx  load %s%n",
            r == 0 ? "warm-up" : "round", r, tOn / 1e9, tOff / 1e9, tOff / (double) tOn, tJ / 1e9, tJ / (double) tOn, tJ / (double) tOff,
            Files.readString(Path.of("/proc/loadavg")).trim());
      }
    } finally {
      server.close();
    }
    System.exit(0);
  }
}
