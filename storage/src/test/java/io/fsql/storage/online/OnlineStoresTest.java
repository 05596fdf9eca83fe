package io.fsql.storage.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.online.OnlineStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the online store from its spec, and the errors for specs that cannot work. */
class OnlineStoresTest {
  @TempDir
  Path home;

  @Test
  void theEmbeddedStoreIsTheDefault() {
    for (String spec : new String[] {null, "", "  ", "rocksdb", "embedded", "RocksDB"}) {
      try (OnlineStore store = OnlineStores.open(home.resolve("online"), spec)) {
        assertInstanceOf(RocksDbOnlineStore.class, store, "spec " + spec);
        assertEquals("RocksDB at " + home.resolve("online"), store.describe());
      }
    }
  }

  @Test
  void anUnknownSpecListsTheAcceptedForms() {
    FsqlException e = assertThrows(FsqlException.class,
        () -> OnlineStores.open(home, "redis://localhost:6379"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("unknown online store 'redis://localhost:6379': expected rocksdb (or embedded, "
        + "or nothing: RocksDB in the home directory) or "
        + "aerospike://host:port[,host2:port2...]/namespace", e.getMessage());
  }

  @Test
  void aerospikeSpecsAreParsed() {
    assertEquals(new AerospikeAddress(List.of(new AerospikeAddress.HostPort("10.0.0.1", 3000),
            new AerospikeAddress.HostPort("db2", 3100)), "feature_ns"),
        AerospikeAddress.parse("aerospike://10.0.0.1,db2:3100/feature_ns"));
    assertEquals("aerospike://127.0.0.1:3000/test",
        AerospikeAddress.parse("AEROSPIKE://127.0.0.1:3000/test").toString());
  }

  @Test
  void badAerospikeSpecsSayWhatIsWrong() {
    assertInvalid("aerospike://host:3000", "the namespace is missing");
    assertInvalid("aerospike://host:3000/", "the namespace is missing");
    assertInvalid("aerospike://host:99999/test", "'99999' is not a port");
    assertInvalid("aerospike://host:abc/test", "'abc' is not a port");
    assertInvalid("aerospike://a:1,,b:2/test", "a host is empty");
    assertInvalid("aerospike://:3000/test", "a host is empty");
    assertInvalid("aerospike://host:3000/no spaces", "'no spaces' is not a namespace name");
  }

  private void assertInvalid(String spec, String why) {
    FsqlException e = assertThrows(FsqlException.class, () -> OnlineStores.open(home, spec));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("invalid Aerospike online store '" + spec + "': " + why
        + " (expected aerospike://host:port[,host2:port2...]/namespace)", e.getMessage());
  }

  @Test
  void anAerospikeAddressWhereNothingListensGivesOneLineNamingItQuickly() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    long start = System.nanoTime();
    FsqlException e = assertThrows(FsqlException.class,
        () -> OnlineStores.open(home, "aerospike://127.0.0.1:" + port + "/test"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(ErrorCode.IO_ERROR, e.code());
    assertTrue(e.getMessage().startsWith(
        "cannot reach the Aerospike online store at 127.0.0.1:" + port + ": "), e.getMessage());
    assertTrue(e.getMessage().length() > ("cannot reach the Aerospike online store at 127.0.0.1:"
        + port + ": ").length() + 5, "a reason: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(millis < 10_000, "took " + millis + " ms");
  }
}
