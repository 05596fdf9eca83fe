package io.fsql.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDBC driver does not bring Spark, Hudi or Hadoop: a remote client stays small. */
class DriverClassPathTest {
  @Test
  void runtimeClassPathHoldsNoSparkHudiOrHadoop() throws Exception {
    List<String> jars = DriverClassPath.dependencies();
    assertThat(jars).isNotEmpty();
    assertThat(jars).noneMatch(j -> Path.of(j).getFileName().toString().matches("(?i).*(spark|hudi|hadoop|fsql-storage).*"));
    // What it does hold: the planner (types, errors, the embedded-engine SPI) and Arrow's Flight SQL JDBC driver.
    assertThat(jars).anyMatch(j -> Path.of(j).getFileName().toString().startsWith("flight-sql-jdbc-driver-"));
    assertThat(jars).anyMatch(j -> j.contains("planner"));
  }
}
