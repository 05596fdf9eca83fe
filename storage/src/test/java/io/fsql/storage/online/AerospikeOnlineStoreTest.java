package io.fsql.storage.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.online.OnlineStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Aerospike online store against a real server: set {@code FSQL_TEST_AEROSPIKE} to
 * {@code host:port[/namespace]} (namespace {@code test} by default); without it the class reports
 * itself skipped.
 */
class AerospikeOnlineStoreTest extends OnlineStoreConformance {
  static final String ENV = "FSQL_TEST_AEROSPIKE";

  /** The store spec from the environment; every test is skipped when there is none. */
  static String spec() {
    String target = System.getenv(ENV);
    Assumptions.assumeTrue(target != null && !target.isBlank(),
        ENV + " is not set (host:port[/namespace]): no Aerospike server to test against");
    String t = target.trim();
    return AerospikeAddress.PREFIX + (t.contains("/") ? t : t + "/test");
  }

  @Override
  protected OnlineStore openStore() {
    return new AerospikeOnlineStore(spec());
  }

  @Test
  void describeNamesTheCluster() {
    assertTrue(store.describe().startsWith("Aerospike at aerospike://"), store.describe());
  }

  @Test
  void aNamespaceTheClusterLacksIsNamed() {
    AerospikeAddress address = AerospikeAddress.parse(spec());
    String missing = "fsql_no_such_ns";
    FsqlException e = assertThrows(FsqlException.class, () -> new AerospikeOnlineStore(
        new AerospikeAddress(address.hosts(), missing)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().startsWith("the Aerospike online store at " + address.hostList()
        + " has no namespace '" + missing + "' (it has: "), e.getMessage());
    assertTrue(e.getMessage().contains(address.namespace()), e.getMessage());
  }
}
