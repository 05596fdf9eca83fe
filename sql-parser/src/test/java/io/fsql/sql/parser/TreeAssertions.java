package io.fsql.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fsql.sql.tree.NodeLocation;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.util.Litmus;

/** Compares statements field by field: locations are ignored, SqlNodes are compared deeply. */
final class TreeAssertions {
  private TreeAssertions() {}

  static String unparse(SqlNode node) {
    return node.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT)).getSql();
  }

  static void assertSameTree(Object expected, Object actual) {
    compare(expected, actual, expected == null ? "null" : expected.getClass().getSimpleName());
  }

  private static void compare(Object expected, Object actual, String path) {
    if (expected == null || actual == null) {
      assertThat(actual).as(path).isEqualTo(expected);
      return;
    }
    if (expected instanceof NodeLocation) {
      assertThat(actual).as(path).isInstanceOf(NodeLocation.class);
      return;
    }
    if (expected instanceof SqlNode e) {
      assertThat(actual).as(path).isInstanceOf(SqlNode.class);
      SqlNode a = (SqlNode) actual;
      if (!e.equalsDeep(a, Litmus.IGNORE)) {
        fail(path + ": SqlNodes differ:\n  expected: " + unparse(e) + "\n  actual:   " + unparse(a));
      }
      return;
    }
    if (expected instanceof List<?> e) {
      assertThat(actual).as(path).isInstanceOf(List.class);
      List<?> a = (List<?>) actual;
      assertThat(a).as(path + ".size").hasSameSizeAs(e);
      for (int i = 0; i < e.size(); i++) {
        compare(e.get(i), a.get(i), path + "[" + i + "]");
      }
      return;
    }
    if (expected instanceof Optional<?> e) {
      assertThat(actual).as(path).isInstanceOf(Optional.class);
      Optional<?> a = (Optional<?>) actual;
      assertThat(a.isPresent()).as(path + ".isPresent").isEqualTo(e.isPresent());
      if (e.isPresent()) {
        compare(e.get(), a.get(), path + ".get");
      }
      return;
    }
    if (expected instanceof Record) {
      assertThat(actual.getClass()).as(path).isEqualTo(expected.getClass());
      for (RecordComponent component : expected.getClass().getRecordComponents()) {
        try {
          compare(component.getAccessor().invoke(expected), component.getAccessor().invoke(actual),
              path + "." + component.getName());
        } catch (ReflectiveOperationException ex) {
          throw new AssertionError(ex);
        }
      }
      return;
    }
    assertThat(actual).as(path).isEqualTo(expected);
  }
}
