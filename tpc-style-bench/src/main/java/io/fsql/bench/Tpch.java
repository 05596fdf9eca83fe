package io.fsql.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * The 22 TPC-H queries (resources tpch/q01.sql .. q22.sql, copied from the parser's differential
 * corpus, sql-parser/src/test/resources/corpus/queries.sql, without the trailing semicolons), and
 * Calcite's parser configured as fsql folds names.
 */
final class Tpch {
  static final int COUNT = 22;

  private Tpch() {}

  static List<String> queries() {
    List<String> queries = new ArrayList<>();
    for (int i = 1; i <= COUNT; i++) {
      String name = String.format("/tpch/q%02d.sql", i);
      try (InputStream in = Tpch.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name);
        }
        queries.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(queries);
  }

  static final SqlParser.Config CALCITE = SqlParser.config()
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true);

  /** Calcite's own parser, as the brief and the parser's differential test configure it. */
  static SqlNode calcite(String sql) throws SqlParseException {
    return SqlParser.create(sql, CALCITE).parseQuery();
  }
}
