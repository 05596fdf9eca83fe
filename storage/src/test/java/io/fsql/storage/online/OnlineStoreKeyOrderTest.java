package io.fsql.storage.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.sql.tree.DataType.Kind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The key encoding of the online stores orders keys as their values and never confuses two. */
class OnlineStoreKeyOrderTest {

  private static GroupLayout layout(ColumnType... keyTypes) {
    List<Column> columns = new ArrayList<>();
    List<String> key = new ArrayList<>();
    for (int i = 0; i < keyTypes.length; i++) {
      columns.add(new Column("k" + i, keyTypes[i], false, null));
      key.add("k" + i);
    }
    return GroupLayout.of(new FeatureGroup(1, "g", 1, columns, key, Optional.empty(), true, "",
        Map.of(), List.of(), null, null));
  }

  private static byte[] encode(GroupLayout layout, Object... key) {
    ByteSink sink = ByteSink.reset();
    assertTrue(KeyCodec.writeLookupKey(layout, key, sink));
    return sink.toArray();
  }

  /** Values given in ascending order encode to strictly ascending byte strings. */
  private static void assertAscending(ColumnType type, List<?> ascending) {
    GroupLayout layout = layout(type);
    for (int i = 1; i < ascending.size(); i++) {
      byte[] a = encode(layout, ascending.get(i - 1));
      byte[] b = encode(layout, ascending.get(i));
      assertTrue(Arrays.compareUnsigned(a, b) < 0,
          type + ": " + ascending.get(i - 1) + " should sort before " + ascending.get(i));
    }
  }

  @Test
  void numbersSortAsNumbers() {
    assertAscending(ColumnType.of(Kind.BOOLEAN), List.of(false, true));
    assertAscending(ColumnType.of(Kind.INTEGER),
        List.of(Integer.MIN_VALUE, -256, -1, 0, 1, 255, 256, Integer.MAX_VALUE));
    assertAscending(ColumnType.of(Kind.BIGINT),
        List.of(Long.MIN_VALUE, -1L << 40, -1L, 0L, 1L, 1L << 40, Long.MAX_VALUE));
    assertAscending(ColumnType.of(Kind.REAL), List.of(Float.NEGATIVE_INFINITY, -Float.MAX_VALUE,
        -1.5f, -Float.MIN_VALUE, 0.0f, Float.MIN_VALUE, 1.5f, Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NaN));
    assertAscending(ColumnType.of(Kind.DOUBLE), List.of(Double.NEGATIVE_INFINITY,
        -Double.MAX_VALUE, -1.5, -Double.MIN_VALUE, 0.0, Double.MIN_VALUE, 1.5, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NaN));
    List<BigDecimal> decimals = new ArrayList<>();
    for (String s : new String[] {"-9999999999999999999999999999.9999999999", "-1", "-0.0000000001",
        "0", "0.0000000001", "0.5", "1", "12345678901234567890.5", "9999999999999999999999999999.9999999999"}) {
      decimals.add(new BigDecimal(s));
    }
    assertAscending(ColumnType.decimal(38, 10), decimals);
  }

  @Test
  void temporalValuesSortInTime() {
    assertAscending(ColumnType.of(Kind.DATE), List.of(LocalDate.of(1, 1, 1),
        LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31)));
    assertAscending(ColumnType.of(Kind.TIMESTAMP), List.of(
        LocalDateTime.parse("0001-01-01T00:00"), LocalDateTime.parse("1969-12-31T23:59:59.999999"),
        LocalDateTime.parse("1970-01-01T00:00"), LocalDateTime.parse("1970-01-01T00:00:00.000001"),
        LocalDateTime.parse("9999-12-31T23:59:59.999999")));
  }

  @Test
  void stringsSortByTheirUtf8BytesAndKeysOfSeveralColumnsByColumn() {
    Random random = new Random(7);
    String alphabet = "\u0000\u0001a\u00e4\u20ac\uD83D\uDE80";
    List<Object[]> keys = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder s = new StringBuilder();
      int len = random.nextInt(4);
      for (int c = 0; c < len; c++) {
        int at = random.nextInt(6);
        s.append(at == 5 ? "\uD83D\uDE80" : String.valueOf(alphabet.charAt(at)));
      }
      keys.add(new Object[] {s.toString(), (long) random.nextInt(5) - 2});
    }
    Comparator<Object[]> byValue = (a, b) -> {
      int c = Arrays.compareUnsigned(((String) a[0]).getBytes(StandardCharsets.UTF_8),
          ((String) b[0]).getBytes(StandardCharsets.UTF_8));
      return c != 0 ? c : Long.compare((Long) a[1], (Long) b[1]);
    };
    GroupLayout layout = layout(ColumnType.of(Kind.VARCHAR), ColumnType.of(Kind.BIGINT));
    for (Object[] a : keys) {
      for (Object[] b : keys) {
        int expected = Integer.signum(byValue.compare(a, b));
        int actual = Integer.signum(Arrays.compareUnsigned(encode(layout, a), encode(layout, b)));
        assertEquals(expected, actual, Arrays.toString(a) + " vs " + Arrays.toString(b));
      }
    }
  }

  @Test
  void equalValuesEncodeEquallyAndUnmatchableLookupsAreRecognized() {
    GroupLayout decimal = layout(ColumnType.decimal(10, 2));
    assertTrue(Arrays.equals(encode(decimal, new BigDecimal("1.5")),
        encode(decimal, new BigDecimal("1.50"))));
    assertTrue(Arrays.equals(encode(decimal, new BigDecimal("1.50")),
        encode(decimal, new BigDecimal("1.500"))));
    assertFalse(KeyCodec.writeLookupKey(decimal, new Object[] {new BigDecimal("1.505")},
        ByteSink.reset()));
    assertFalse(KeyCodec.writeLookupKey(decimal, new Object[] {null}, ByteSink.reset()));
    GroupLayout real = layout(ColumnType.of(Kind.DOUBLE));
    assertTrue(Arrays.equals(encode(real, 0.0), encode(real, -0.0)));
    assertTrue(Arrays.equals(encode(real, Double.NaN),
        encode(real, Double.longBitsToDouble(0x7ff8000000000001L))));
    GroupLayout bigint = layout(ColumnType.of(Kind.BIGINT));
    assertTrue(Arrays.equals(encode(bigint, 5L), encode(bigint, 5)));
  }
}
