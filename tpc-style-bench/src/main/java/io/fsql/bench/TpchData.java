package io.fsql.bench;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * TPC-H data from the {@code io.trino.tpch} generator (money and quantities as DOUBLE, keys as
 * BIGINT, as the generator types them): generated as '|'-separated text, loaded into DuckDB and
 * written by it to one Parquet file per table, so fsql, plain Spark and DuckDB read the same values.
 * Shared by the benchmarks and the test suite's {@code TpchTest}.
 */
public final class TpchData {
  /** The primary key of every TPC-H table (the feature groups' keys). */
  public static final Map<String, List<String>> KEYS = Map.of(
      "region", List.of("r_regionkey"),
      "nation", List.of("n_nationkey"),
      "supplier", List.of("s_suppkey"),
      "customer", List.of("c_custkey"),
      "part", List.of("p_partkey"),
      "partsupp", List.of("ps_partkey", "ps_suppkey"),
      "orders", List.of("o_orderkey"),
      "lineitem", List.of("l_orderkey", "l_linenumber"));

  private TpchData() {}

  public static List<TpchTable<?>> tables() {
    return TpchTable.getTables();
  }

  /** {@code (name TYPE [NOT NULL], ...)}: key columns NOT NULL. */
  public static String columns(TpchTable<?> table) {
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (TpchColumn<?> c : table.getColumns()) {
      String type = switch (c.getType().getBase()) {
        case INTEGER -> "INTEGER";
        case IDENTIFIER -> "BIGINT";
        case DATE -> "DATE";
        case DOUBLE -> "DOUBLE";
        case VARCHAR -> "VARCHAR";
      };
      j.add(c.getColumnName() + " " + type
          + (KEYS.get(table.getTableName()).contains(c.getColumnName()) ? " NOT NULL" : ""));
    }
    return j.toString();
  }

  /** Creates every table in DuckDB at {@code scale} and writes each as {@code <dir>/<table>.parquet}. */
  public static void load(Connection duck, double scale, Path dir) throws Exception {
    Files.createDirectories(dir);
    try (Statement st = duck.createStatement()) {
      for (TpchTable<?> t : tables()) {
        Path text = dir.resolve(t.getTableName() + ".tbl");
        write(t, scale, text);
        st.execute("CREATE TABLE " + t.getTableName() + " " + columns(t));
        st.execute("COPY " + t.getTableName() + " FROM '" + text + "' (DELIMITER '|', HEADER false, QUOTE '')");
        st.execute("COPY " + t.getTableName() + " TO '" + parquet(dir, t) + "' (FORMAT PARQUET)");
        Files.delete(text);
      }
    }
  }

  public static Path parquet(Path dir, TpchTable<?> t) {
    return dir.resolve(t.getTableName() + ".parquet");
  }

  private static <E extends TpchEntity> void write(TpchTable<E> table, double scale, Path file) throws IOException {
    List<TpchColumn<E>> columns = table.getColumns();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      for (E e : table.createGenerator(scale, 1, 1)) {
        line.setLength(0);
        for (int i = 0; i < columns.size(); i++) {
          TpchColumn<E> c = columns.get(i);
          if (i > 0) {
            line.append('|');
          }
          switch (c.getType().getBase()) {
            case INTEGER -> line.append(c.getInteger(e));
            case IDENTIFIER -> line.append(c.getIdentifier(e));
            case DATE -> line.append(LocalDate.ofEpochDay(c.getDate(e)));
            case DOUBLE -> line.append(c.getDouble(e));
            case VARCHAR -> line.append(c.getString(e));
          }
        }
        line.append('\n');
        w.write(line.toString());
      }
    }
  }
}
