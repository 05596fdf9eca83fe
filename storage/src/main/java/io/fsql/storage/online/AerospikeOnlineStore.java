package io.fsql.storage.online;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.InfoPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.online.OnlineStore;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The online store on an Aerospike cluster. Each feature group is a set {@code fsql_g<id>} of the
 * configured namespace, with one record per primary key (user key = {@link KeyCodec} encoding) and
 * one bin per column named by position ({@code c0}, {@code c1}, ...: Aerospike bin names have at
 * most 15 bytes), plus {@code et} (the event time, microseconds or days) and {@code cm} (the commit
 * that wrote the row). The late-event rule runs on the server: every row is written with the
 * filter expression "no stored event time, or stored event time &lt;= this row's", so a concurrent
 * or replayed older write can never overwrite a newer row. Rows go in batches; the watermark (set
 * {@code fsql_watermarks}, one record per group) is written after all of them.
 */
public final class AerospikeOnlineStore implements OnlineStore {
  static final String EVENT_TIME_BIN = "et";
  static final String COMMIT_BIN = "cm";
  static final String WATERMARK_SET = "fsql_watermarks";
  static final String WATERMARK_BIN = "commit";
  private static final int CHUNK = 2000;

  private final AerospikeAddress address;
  /** The scope of this store's sets: one per fsql home, so that homes sharing a namespace never mix. */
  private final String scope;
  private final AerospikeClient client;
  private final Policy readPolicy;
  private final BatchPolicy batchReadPolicy;
  private final BatchPolicy batchWritePolicy;
  private final WritePolicy writePolicy;
  private final ConcurrentHashMap<Long, GroupLayout> layouts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, ReentrantLock> writeLocks = new ConcurrentHashMap<>();

  public AerospikeOnlineStore(String spec) {
    this(AerospikeAddress.parse(spec), null);
  }

  /**
   * @param scope names this store's sets ({@code fsql_<scope>_g<id>}, watermarks in
   *     {@code fsql_<scope>_wm}); null for the unscoped sets {@code fsql_g<id>} and
   *     {@code fsql_watermarks}. Group ids are unique within one fsql home only, so every home
   *     that uses a namespace needs its own scope ({@link OnlineStores} keeps one per home).
   */
  public AerospikeOnlineStore(String spec, String scope) {
    this(AerospikeAddress.parse(spec), scope);
  }

  AerospikeOnlineStore(AerospikeAddress address) {
    this(address, null);
  }

  AerospikeOnlineStore(AerospikeAddress address, String scope) {
    this.address = address;
    this.scope = scope;
    ClientPolicy policy = new ClientPolicy();
    policy.timeout = 3000;
    policy.loginTimeout = 3000;
    policy.failIfNotConnected = true;
    policy.tendInterval = 1000;
    Host[] hosts = address.hosts().stream()
        .map(h -> new Host(h.host(), h.port())).toArray(Host[]::new);
    try {
      client = new AerospikeClient(policy, hosts);
    } catch (AerospikeException e) {
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot reach the Aerospike online store at "
          + address.hostList() + ": " + reason(e), e);
    }
    try {
      checkNamespace();
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    readPolicy = new Policy();
    readPolicy.connectTimeout = 2000;
    readPolicy.socketTimeout = 1000;
    readPolicy.totalTimeout = 3000;
    readPolicy.maxRetries = 2;
    batchReadPolicy = BatchPolicy.ReadDefault();
    batchReadPolicy.connectTimeout = 2000;
    batchReadPolicy.socketTimeout = 3000;
    batchReadPolicy.totalTimeout = 10000;
    batchReadPolicy.maxRetries = 2;
    batchWritePolicy = BatchPolicy.WriteDefault();
    batchWritePolicy.connectTimeout = 2000;
    batchWritePolicy.socketTimeout = 5000;
    batchWritePolicy.totalTimeout = 15000;
    // Retrying a row is harmless: the filter makes a repeated write a no-op or the same write.
    batchWritePolicy.maxRetries = 2;
    writePolicy = new WritePolicy();
    writePolicy.connectTimeout = 2000;
    writePolicy.socketTimeout = 3000;
    writePolicy.totalTimeout = 5000;
    writePolicy.maxRetries = 2;
    writePolicy.expiration = -1;
  }

  private void checkNamespace() {
    Node[] nodes = client.getNodes();
    if (nodes.length == 0) {
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot reach the Aerospike online store at "
          + address.hostList() + ": no node of the cluster answered");
    }
    InfoPolicy info = new InfoPolicy();
    info.timeout = 3000;
    String namespaces;
    try {
      namespaces = Info.request(info, nodes[0], "namespaces");
    } catch (AerospikeException e) {
      throw new FsqlException(ErrorCode.IO_ERROR, "cannot reach the Aerospike online store at "
          + address.hostList() + ": " + reason(e), e);
    }
    if (namespaces == null || !Arrays.asList(namespaces.trim().split(";"))
        .contains(address.namespace())) {
      throw new FsqlException(ErrorCode.INVALID_ARGUMENT, "the Aerospike online store at "
          + address.hostList() + " has no namespace '" + address.namespace() + "' (it has: "
          + (namespaces == null ? "" : namespaces.trim().replace(";", ", ")) + ")");
    }
  }

  static String reason(Exception e) {
    String m = e instanceof AerospikeException a ? a.getBaseMessage() : e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    m = m.replaceAll("\\s+", " ").trim();
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  private String setName(long groupId) {
    return setName(scope, groupId);
  }

  private static String setName(String scope, long groupId) {
    return scope == null ? "fsql_g" + groupId : "fsql_" + scope + "_g" + groupId;
  }

  private static String binName(int column) {
    return "c" + column;
  }

  private Key rowKey(GroupLayout layout, byte[] encodedKey) {
    return new Key(address.namespace(), setName(layout.groupId), encodedKey);
  }

  private Key watermarkKey(long groupId) {
    return new Key(address.namespace(), scope == null ? WATERMARK_SET : "fsql_" + scope + "_wm", "g" + groupId);
  }

  /** One key's rows in one chunk: the event times in arrival order and the row that wins. */
  private static final class PendingKey {
    final Key key;
    long[] eventTimes = new long[2];
    int count;
    Object[] winner;
    long winnerEventTime;

    PendingKey(Key key) {
      this.key = key;
    }

    void add(Object[] row, long eventTime, boolean hasEventTime) {
      if (count == eventTimes.length) {
        eventTimes = Arrays.copyOf(eventTimes, count * 2);
      }
      eventTimes[count++] = eventTime;
      if (winner == null || !hasEventTime || eventTime >= winnerEventTime) {
        winner = row;
        winnerEventTime = eventTime;
      }
    }

    /** How many of the rows replace the row before them, starting from the stored event time. */
    long accepted(Long stored, boolean hasEventTime) {
      if (!hasEventTime) {
        return count;
      }
      long n = 0;
      boolean any = stored != null;
      long current = any ? stored : 0;
      for (int i = 0; i < count; i++) {
        if (!any || eventTimes[i] >= current) {
          n++;
          current = eventTimes[i];
          any = true;
        }
      }
      return n;
    }
  }

  @Override
  public long apply(FeatureGroup group, String commitId, Iterator<Object[]> rows) {
    GroupLayout layout = layout(group);
    ReentrantLock lock = writeLocks.computeIfAbsent(group.id(), id -> new ReentrantLock());
    lock.lock();
    try {
      long applied = 0;
      Map<ByteBuffer, PendingKey> chunk = new LinkedHashMap<>();
      int chunkRows = 0;
      while (rows.hasNext()) {
        Object[] row = layout.normalizeRow(rows.next());
        ByteSink sink = ByteSink.reset();
        KeyCodec.writeRowKey(layout, row, sink);
        byte[] encoded = sink.toArray();
        PendingKey pending = chunk.computeIfAbsent(ByteBuffer.wrap(encoded),
            k -> new PendingKey(rowKey(layout, encoded)));
        pending.add(row, layout.hasEventTime() ? layout.eventTime(row) : 0, layout.hasEventTime());
        if (++chunkRows == CHUNK) {
          applied += write(layout, commitId, chunk);
          chunk.clear();
          chunkRows = 0;
        }
      }
      if (!chunk.isEmpty()) {
        applied += write(layout, commitId, chunk);
      }
      client.put(writePolicy, watermarkKey(layout.groupId), new Bin(WATERMARK_BIN, commitId));
      return applied;
    } catch (AerospikeException e) {
      throw ioError("cannot apply commit " + commitId + " of feature group '"
          + layout.displayName + "'", e);
    } finally {
      lock.unlock();
    }
  }

  /** Writes one chunk's winning rows, each filtered on the server by the late-event rule. */
  private long write(GroupLayout layout, String commitId, Map<ByteBuffer, PendingKey> chunk) {
    List<PendingKey> pending = new ArrayList<>(chunk.values());
    Long[] stored = new Long[pending.size()];
    if (layout.hasEventTime()) {
      // Only for the count this method returns; the rule itself is the server-side filter below.
      Key[] keys = pending.stream().map(p -> p.key).toArray(Key[]::new);
      Record[] records = client.get(batchReadPolicy, keys, EVENT_TIME_BIN);
      for (int i = 0; i < records.length; i++) {
        Object et = records[i] == null ? null : records[i].bins.get(EVENT_TIME_BIN);
        stored[i] = et == null ? null : ((Number) et).longValue();
      }
    }
    List<BatchRecord> writes = new ArrayList<>(pending.size());
    for (PendingKey p : pending) {
      BatchWritePolicy policy = new BatchWritePolicy();
      policy.recordExistsAction = RecordExistsAction.REPLACE;
      policy.expiration = -1;
      if (layout.hasEventTime()) {
        policy.filterExp = Exp.build(Exp.cond(
            Exp.binExists(EVENT_TIME_BIN),
            Exp.le(Exp.intBin(EVENT_TIME_BIN), Exp.val(p.winnerEventTime)),
            Exp.val(true)));
      }
      writes.add(new BatchWrite(policy, p.key, operations(layout, p, commitId)));
    }
    client.operate(batchWritePolicy, writes);
    long applied = 0;
    for (int i = 0; i < writes.size(); i++) {
      BatchRecord r = writes.get(i);
      if (r.resultCode == ResultCode.OK) {
        applied += pending.get(i).accepted(stored[i], layout.hasEventTime());
      } else if (r.resultCode != ResultCode.FILTERED_OUT) {
        throw new FsqlException(ErrorCode.IO_ERROR, "cannot apply commit " + commitId
            + " of feature group '" + layout.displayName + "' to the Aerospike online store at "
            + address + ": " + ResultCode.getResultString(r.resultCode)
            + (r.inDoubt ? " (in doubt)" : ""));
      }
    }
    return applied;
  }

  private static Operation[] operations(GroupLayout layout, PendingKey p, String commitId) {
    Object[] row = p.winner;
    List<Operation> ops = new ArrayList<>(row.length + 2);
    for (int i = 0; i < row.length; i++) {
      if (row[i] != null) {
        ops.add(Operation.put(toBin(layout, i, row[i])));
      }
    }
    if (layout.hasEventTime()) {
      ops.add(Operation.put(new Bin(EVENT_TIME_BIN, p.winnerEventTime)));
    }
    ops.add(Operation.put(new Bin(COMMIT_BIN, commitId)));
    return ops.toArray(new Operation[0]);
  }

  private static Bin toBin(GroupLayout layout, int i, Object v) {
    String name = binName(i);
    return switch (layout.kinds[i]) {
      case BOOLEAN -> new Bin(name, (Boolean) v ? 1L : 0L);
      case INTEGER -> new Bin(name, (long) (Integer) v);
      case BIGINT -> new Bin(name, (long) (Long) v);
      case REAL -> new Bin(name, (double) (Float) v);
      case DOUBLE -> new Bin(name, (double) (Double) v);
      case DECIMAL -> new Bin(name, ((BigDecimal) v).toString());
      case VARCHAR -> new Bin(name, (String) v);
      case DATE -> new Bin(name, ((LocalDate) v).toEpochDay());
      case TIMESTAMP -> new Bin(name, GroupLayout.micros((LocalDateTime) v));
      default -> throw new IllegalStateException("unknown kind " + layout.kinds[i]);
    };
  }

  private static Object fromBin(GroupLayout layout, int i, Object v) {
    if (v == null) {
      return null;
    }
    return switch (layout.kinds[i]) {
      case BOOLEAN -> v instanceof Boolean b ? b : ((Number) v).longValue() != 0;
      case INTEGER -> ((Number) v).intValue();
      case BIGINT -> ((Number) v).longValue();
      case REAL -> ((Number) v).floatValue();
      case DOUBLE -> ((Number) v).doubleValue();
      case DECIMAL -> new BigDecimal((String) v);
      case VARCHAR -> (String) v;
      case DATE -> LocalDate.ofEpochDay(((Number) v).longValue());
      case TIMESTAMP -> GroupLayout.fromMicros(((Number) v).longValue());
      default -> throw new IllegalStateException("unknown kind " + layout.kinds[i]);
    };
  }

  private static Object[] toRow(GroupLayout layout, Record record) {
    Object[] row = new Object[layout.columnCount()];
    for (int i = 0; i < row.length; i++) {
      row[i] = fromBin(layout, i, record.bins.get(binName(i)));
    }
    return row;
  }

  @Override
  public List<Object[]> read(FeatureGroup group, List<Object[]> keys) {
    GroupLayout layout = layout(group);
    int n = keys.size();
    Object[][] result = new Object[n][];
    List<Key> asKeys = new ArrayList<>(n);
    int[] where = new int[n];
    for (int i = 0; i < n; i++) {
      ByteSink sink = ByteSink.reset();
      if (KeyCodec.writeLookupKey(layout, keys.get(i), sink)) {
        where[asKeys.size()] = i;
        asKeys.add(rowKey(layout, sink.toArray()));
      }
    }
    try {
      if (asKeys.size() == 1) {
        Record r = client.get(readPolicy, asKeys.get(0));
        result[where[0]] = r == null ? null : toRow(layout, r);
      } else if (!asKeys.isEmpty()) {
        Record[] records = client.get(batchReadPolicy, asKeys.toArray(new Key[0]));
        for (int j = 0; j < records.length; j++) {
          result[where[j]] = records[j] == null ? null : toRow(layout, records[j]);
        }
      }
    } catch (AerospikeException e) {
      throw ioError("cannot read feature group '" + layout.displayName + "'", e);
    }
    return Arrays.asList(result);
  }

  /**
   * How this store keys the rows of {@code group} in {@code namespace}: a function from a key (the
   * primary-key values in key order) to its Aerospike record key (set {@code fsql_g<id>}, user key
   * the {@link KeyCodec} encoding), or to null when no stored row can have that key. For tools
   * that read the rows with the plain Aerospike client, e.g. the online benchmark's baseline.
   * Thread-safe.
   */
  public static Function<Object[], Key> keyEncoder(String namespace, FeatureGroup group) {
    return keyEncoder(namespace, null, group);
  }

  /** {@link #keyEncoder(String, FeatureGroup)} for the sets of a scoped store (see the constructor). */
  public static Function<Object[], Key> keyEncoder(String namespace, String scope, FeatureGroup group) {
    GroupLayout layout = GroupLayout.of(group);
    String set = setName(scope, layout.groupId);
    return key -> {
      ByteSink sink = ByteSink.reset();
      return KeyCodec.writeLookupKey(layout, key, sink) ? new Key(namespace, set, sink.toArray()) : null;
    };
  }

  /**
   * The row of a record of {@code group} read with the plain client (its bins {@code c0},
   * {@code c1}, ...), as {@link #read} returns it. Thread-safe.
   */
  public static Function<Record, Object[]> rowDecoder(FeatureGroup group) {
    GroupLayout layout = GroupLayout.of(group);
    return record -> toRow(layout, record);
  }

  @Override
  public Optional<String> watermark(FeatureGroup group) {
    try {
      Record r = client.get(readPolicy, watermarkKey(group.id()), WATERMARK_BIN);
      return r == null ? Optional.empty() : Optional.ofNullable(r.getString(WATERMARK_BIN));
    } catch (AerospikeException e) {
      throw ioError("cannot read the watermark of feature group '" + group.displayName() + "'", e);
    }
  }

  @Override
  public void drop(FeatureGroup group) {
    ReentrantLock lock = writeLocks.computeIfAbsent(group.id(), id -> new ReentrantLock());
    lock.lock();
    try {
      ScanPolicy scan = new ScanPolicy();
      scan.includeBinData = false;
      scan.socketTimeout = 10000;
      scan.totalTimeout = 0;
      WritePolicy delete = new WritePolicy(writePolicy);
      client.scanAll(scan, address.namespace(), setName(group.id()),
          (key, record) -> client.delete(delete, key));
      client.delete(writePolicy, watermarkKey(group.id()));
      layouts.remove(group.id());
    } catch (AerospikeException e) {
      throw ioError("cannot drop feature group '" + group.displayName() + "'", e);
    } finally {
      lock.unlock();
    }
  }

  private GroupLayout layout(FeatureGroup group) {
    GroupLayout layout = layouts.get(group.id());
    if (layout == null || !layout.matches(group)) {
      layout = GroupLayout.of(group);
      layouts.put(group.id(), layout);
    }
    return layout;
  }

  private FsqlException ioError(String what, AerospikeException e) {
    return new FsqlException(ErrorCode.IO_ERROR,
        what + " on the Aerospike online store at " + address + ": " + reason(e), e);
  }

  @Override
  public String describe() {
    return "Aerospike at " + address;
  }

  @Override
  public void close() {
    client.close();
  }
}
