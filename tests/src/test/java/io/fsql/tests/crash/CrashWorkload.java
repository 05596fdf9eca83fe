package io.fsql.tests.crash;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The mixed workload the fault-injection tests crash: CREATE, INSERT (first and later commits, an
 * online group), a feature view, a training dataset with RECREATE, and DROPs, run one statement at
 * a time. Each statement that returns is acknowledged by one line in an ack file, forced to disk
 * before the next statement starts; a statement without its line was in flight when the process
 * died (or never started).
 *
 * <p>Every group has a batch column {@code b}: an INSERT writes rows of one batch, so a group's
 * state is its row count per batch, and a commit that is whole or absent shows as exactly the
 * counts before or after it. {@link #expected} replays the workload on that model.
 *
 * <p>Run as a child JVM: {@code CrashWorkload <home> <ack file> [<step to arm at> <crash point>]}:
 * the crash point (fsql.test.crashAt) is armed just before that step runs.
 */
public final class CrashWorkload {
  /** One statement and what it does to the model (object name to its content summary). */
  record Step(String sql, Consumer<Map<String, String>> effect) {}

  static final List<Step> STEPS = List.of(
      new Step("CREATE FEATURE GROUP a (k INT NOT NULL, b INT, t TIMESTAMP) PRIMARY KEY (k) EVENT TIME t ONLINE",
          m -> m.put("group a", "{}")),
      new Step(insert("a", 1, 20, 1, true), m -> m.put("group a", "{1=20}")),
      new Step("CREATE FEATURE GROUP c (k INT NOT NULL, b INT) PRIMARY KEY (k)", m -> m.put("group c", "{}")),
      new Step(insert("c", 1, 10, 1, false), m -> m.put("group c", "{1=10}")),
      new Step("CREATE FEATURE VIEW va AS SELECT k, b FROM a", m -> m.put("view va", "exists")),
      // keys 11..20 are updated (same key and event time), 21..30 are new
      new Step(insert("a", 11, 30, 2, true), m -> m.put("group a", "{1=10, 2=20}")),
      new Step("CREATE TRAINING DATASET da AS SELECT k, b FROM a SPLIT RANDOM (train 0.5, test 0.5) SEED 3",
          m -> m.put("dataset da", "rows=30")),
      new Step("RECREATE TRAINING DATASET da", m -> { }),
      new Step("CREATE FEATURE GROUP tmp (k INT NOT NULL, b INT) PRIMARY KEY (k)", m -> m.put("group tmp", "{}")),
      new Step(insert("tmp", 1, 5, 1, false), m -> m.put("group tmp", "{1=5}")),
      new Step("DROP FEATURE GROUP tmp", m -> m.remove("group tmp")),
      new Step("DROP FEATURE VIEW va", m -> m.remove("view va")),
      new Step("DROP TRAINING DATASET da", m -> m.remove("dataset da")),
      new Step(insert("c", 1, 10, 2, false), m -> m.put("group c", "{2=10}")));

  private CrashWorkload() {}

  private static String insert(String group, int from, int to, int batch, boolean eventTime) {
    return "INSERT INTO " + group + " VALUES " + IntStream.rangeClosed(from, to)
        .mapToObj(k -> "(" + k + ", " + batch + (eventTime ? ", TIMESTAMP '2026-01-01 00:00:00'" : "") + ")")
        .collect(Collectors.joining(", "));
  }

  /** The model after the first {@code steps} steps. */
  static Map<String, String> expected(int steps) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < steps; i++) {
      STEPS.get(i).effect().accept(m);
    }
    return m;
  }

  public static void main(String[] args) throws IOException {
    Path home = Path.of(args[0]);
    Path ack = Path.of(args[1]);
    int armAt = args.length > 3 ? Integer.parseInt(args[2]) : -1;
    int done = Files.exists(ack) ? Files.readAllLines(ack).size() : 0;
    try (FsqlEngine engine = FsqlHome.open(home);
        FileChannel acks = FileChannel.open(ack, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      Session s = engine.openSession();
      for (int i = done; i < STEPS.size(); i++) {
        if (i == armAt) {
          System.setProperty("fsql.test.crashAt", args[3]);
        }
        s.execute(STEPS.get(i).sql());
        acks.write(ByteBuffer.wrap((i + "\n").getBytes(StandardCharsets.UTF_8)));
        acks.force(true);
      }
    }
  }

  /** The acknowledged steps in an ack file, in order. */
  static List<Integer> acknowledged(Path ack) throws IOException {
    List<Integer> out = new ArrayList<>();
    if (Files.exists(ack)) {
      for (String line : Files.readAllLines(ack)) {
        if (!line.isBlank()) {
          out.add(Integer.parseInt(line.trim()));
        }
      }
    }
    return out;
  }
}
