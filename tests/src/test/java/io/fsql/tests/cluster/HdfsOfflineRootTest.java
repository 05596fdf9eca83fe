package io.fsql.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.storage.FsqlHome;
import io.fsql.tests.Rows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home whose offline store is on HDFS (a real one: Hadoop's MiniDFSCluster, a NameNode and a
 * DataNode in this JVM on loopback): the offline workload gives exactly the results of a home on
 * local files, the groups' tables and the datasets' files are on HDFS and none in the home, the
 * root is recorded in the home's fsql.properties and used again when the home is reopened, and a
 * different root for an existing home is refused.
 */
class HdfsOfflineRootTest {
  @TempDir
  static Path tmp;
  static MiniDFSCluster dfs;
  static String root;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    root = "hdfs://127.0.0.1:" + dfs.getNameNodePort() + "/fsql";
  }

  @AfterAll
  static void stopHdfs() {
    if (dfs != null) {
      dfs.shutdown(true);
    }
  }

  @AfterEach
  void clearRoot() {
    System.clearProperty("fsql.offline.root");
  }

  @Test
  void theWorkloadOnHdfsGivesTheResultsOfLocalFilesAndTheHomeRemembersItsRoot() throws Exception {
    Path localHome = tmp.resolve("local-home");
    Map<String, List<List<Object>>> expected;
    try (Connection c = DriverManager.getConnection("jdbc:fsql:embedded:" + localHome)) {
      expected = OfflineScenario.run(c);
    }

    Path home = tmp.resolve("hdfs-home");
    System.setProperty("fsql.offline.root", root + "/");  // as --offline-root sets it
    Map<String, List<List<Object>>> onHdfs;
    try (Connection c = DriverManager.getConnection("jdbc:fsql:embedded:" + home)) {
      onHdfs = OfflineScenario.run(c);
    }
    System.clearProperty("fsql.offline.root");
    assertThat(onHdfs).isEqualTo(expected);

    // Everything offline is on HDFS: two groups' tables, one dataset with its two splits.
    FileSystem fs = dfs.getFileSystem();
    assertThat(names(fs.listStatus(new org.apache.hadoop.fs.Path("/fsql/groups"))))
        .hasSize(2).allMatch(n -> n.startsWith("labels_v1_") || n.startsWith("tx_v1_"));
    FileStatus[] datasets = fs.listStatus(new org.apache.hadoop.fs.Path("/fsql/datasets"));
    assertThat(names(datasets)).hasSize(1).allMatch(n -> n.startsWith("td_v1_"));
    assertThat(names(fs.listStatus(datasets[0].getPath()))).containsExactlyInAnyOrder("train", "test");
    assertThat(Files.exists(home.resolve("offline"))).isFalse();
    assertThat(Files.exists(home.resolve("datasets"))).isFalse();
    assertThat(Files.readString(home.resolve("fsql.properties"), StandardCharsets.UTF_8))
        .contains("offline = " + root + "\n");

    // Reopened without the option, the home reads and writes its offline store on HDFS.
    try (FsqlEngine engine = FsqlHome.open(home)) {
      Session s = engine.openSession();
      s.execute("INSERT INTO tx VALUES (4, 3.5, TIMESTAMP '2026-01-06 00:00:00')");
      assertThat(Rows.query(s, "SELECT count(*), sum(amount) FROM tx")).isEqualTo(List.of(List.of(6L, 32.5)));
      assertThat(Rows.query(s, "SELECT count(*) FROM td")).isEqualTo(List.of(List.of(4L)));
    }
    assertThat(fs.listStatus(new org.apache.hadoop.fs.Path("/fsql/groups"))).hasSize(2);

    // The same root again is fine; another one is refused, in one line.
    System.setProperty("fsql.offline.root", root);
    FsqlHome.open(home).close();
    System.setProperty("fsql.offline.root", "hdfs://127.0.0.1:1/elsewhere");
    FsqlException e = catchThrowableOfType(FsqlException.class, () -> FsqlHome.open(home));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).isEqualTo("the fsql home " + home + " keeps its offline store at " + root
        + " (fsql.properties), not at hdfs://127.0.0.1:1/elsewhere (--offline-root)");
    // A home made without one keeps its offline store in the home.
    e = catchThrowableOfType(FsqlException.class, () -> FsqlHome.open(localHome));
    assertThat(e.getMessage()).isEqualTo("the fsql home " + localHome + " keeps its offline store in "
        + localHome.resolve("offline") + "; --offline-root hdfs://127.0.0.1:1/elsewhere applies only to a new home");
  }

  @Test
  void anOfflineRootThatIsNoFileSystemUriIsRefusedInOneLine() {
    Path home = tmp.resolve("bad-root-home");
    for (String[] bad : new String[][] {
        {"relative/dir", "no scheme (hdfs://, s3a://, file:/) and not an absolute path"},
        {"hdfs:///fsql", "no host or bucket after hdfs://"},
        {"s3a://bucket/x?y=1", "a query or fragment has no place in a file-system location"},
        {"mailto:someone", "expected scheme://[authority]/path"}}) {
      System.setProperty("fsql.offline.root", bad[0]);
      FsqlException e = catchThrowableOfType(FsqlException.class, () -> FsqlHome.open(home));
      assertThat(e.getMessage()).isEqualTo("--offline-root: '" + bad[0] + "' is not a file-system URI: " + bad[1]);
    }
    assertThat(Files.exists(home.resolve("fsql.properties"))).isFalse();
  }

  private static List<String> names(FileStatus[] statuses) {
    return Arrays.stream(statuses).map(s -> s.getPath().getName()).toList();
  }
}
