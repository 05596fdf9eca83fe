package io.fsql.storage.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.online.OnlineStore;
import io.fsql.sql.tree.DataType.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OnlineStore} must do, with exact expected results. An implementation runs
 * these by subclassing and saying how to open (and re-open) its store.
 */
public abstract class OnlineStoreConformance {

  /** Opens the store under test; called again by the reopen test to get a new connection. */
  protected abstract OnlineStore openStore();

  /** False for a store that writes a commit in several parts (its failed commits may show a part). */
  protected boolean commitsAreAtomic() {
    return true;
  }

  protected OnlineStore store;
  private final List<OnlineStore> opened = new ArrayList<>();
  private final List<FeatureGroup> created = new ArrayList<>();
  /** Group ids unique across runs, so that a persistent server keeps tests apart. */
  private final AtomicLong nextId =
      new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));

  @BeforeEach
  void openTheStore() {
    store = open();
  }

  protected final OnlineStore open() {
    OnlineStore s = openStore();
    opened.add(s);
    return s;
  }

  @AfterEach
  void dropGroupsAndClose() {
    try {
      if (!opened.isEmpty()) {
        OnlineStore last = opened.get(opened.size() - 1);
        for (FeatureGroup g : created) {
          try {
            last.drop(g);
          } catch (FsqlException ignoredBecauseTheStoreMayBeClosedByTheTest) {
            // the test closed it on purpose
          }
        }
      }
    } finally {
      for (OnlineStore s : opened) {
        s.close();
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  protected static Column col(String name, Kind kind) {
    return new Column(name, ColumnType.of(kind), true, null);
  }

  protected static Column col(String name, ColumnType type) {
    return new Column(name, type, true, null);
  }

  protected FeatureGroup group(String name, List<Column> columns, List<String> key,
      String eventTime) {
    FeatureGroup g = new FeatureGroup(nextId.getAndIncrement(), name, 1, columns, key,
        Optional.ofNullable(eventTime), true, "", Map.of(), List.of(), null, null);
    created.add(g);
    return g;
  }

  /** (id BIGINT, ts TIMESTAMP, v DOUBLE) keyed by id, event time ts. */
  private FeatureGroup simple(String name) {
    return group(name, List.of(col("id", Kind.BIGINT), col("ts", Kind.TIMESTAMP),
        col("v", Kind.DOUBLE)), List.of("id"), "ts");
  }

  protected static LocalDateTime ts(String iso) {
    return LocalDateTime.parse(iso);
  }

  protected static Object[] row(Object... values) {
    return values;
  }

  protected static Object[] key(Object... values) {
    return values;
  }

  protected long apply(FeatureGroup g, String commit, Object[]... rows) {
    return store.apply(g, commit, Arrays.asList(rows).iterator());
  }

  protected Object[] readOne(FeatureGroup g, Object... keyValues) {
    List<Object[]> result = store.read(g, List.<Object[]>of(keyValues));
    assertEquals(1, result.size());
    return result.get(0);
  }

  protected static void assertRow(Object[] expected, Object[] actual) {
    if (expected == null) {
      assertNull(actual, () -> "expected no row, got " + Arrays.toString(actual));
      return;
    }
    assertArrayEquals(expected, actual,
        () -> "expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != null) {
        assertEquals(expected[i].getClass(), actual[i].getClass(), "type of value " + i);
      }
    }
  }

  protected static void assertRows(List<Object[]> expected, List<Object[]> actual) {
    assertEquals(expected.size(), actual.size(), "number of results");
    for (int i = 0; i < expected.size(); i++) {
      assertRow(expected.get(i), actual.get(i));
    }
  }

  // ---------------------------------------------------------------- the late-event rule

  @Test
  void anOlderEventDoesNotOverwriteANewerRow() {
    FeatureGroup g = simple("late");
    assertEquals(1, apply(g, "c1", row(1L, ts("2024-01-10T00:00"), 1.0)));
    assertEquals(0, apply(g, "c2", row(1L, ts("2024-01-05T00:00"), 2.0)));
    assertRow(row(1L, ts("2024-01-10T00:00"), 1.0), readOne(g, 1L));
    assertEquals(Optional.of("c2"), store.watermark(g));
    // One microsecond older is still older.
    assertEquals(0, apply(g, "c3", row(1L, ts("2024-01-09T23:59:59.999999"), 3.0)));
    assertRow(row(1L, ts("2024-01-10T00:00"), 1.0), readOne(g, 1L));
    assertEquals(1, apply(g, "c4", row(1L, ts("2024-01-10T00:00:00.000001"), 4.0)));
    assertRow(row(1L, ts("2024-01-10T00:00:00.000001"), 4.0), readOne(g, 1L));
  }

  @Test
  void anEqualEventTimeIsACorrection() {
    FeatureGroup g = simple("correction");
    apply(g, "c1", row(7L, ts("2024-03-01T12:00:00.123456"), 1.0));
    assertEquals(1, apply(g, "c2", row(7L, ts("2024-03-01T12:00:00.123456"), 9.5)));
    assertRow(row(7L, ts("2024-03-01T12:00:00.123456"), 9.5), readOne(g, 7L));
  }

  @Test
  void theRuleHoldsForEventTimesBefore1970() {
    FeatureGroup g = simple("pre1970");
    apply(g, "c1", row(1L, ts("1969-12-31T23:59:59.999999"), 1.0));
    assertEquals(0, apply(g, "c2", row(1L, ts("1969-12-31T23:59:59.999998"), 2.0)));
    assertEquals(0, apply(g, "c3", row(1L, ts("1900-01-01T00:00"), 3.0)));
    assertRow(row(1L, ts("1969-12-31T23:59:59.999999"), 1.0), readOne(g, 1L));
    assertEquals(1, apply(g, "c4", row(1L, ts("1970-01-01T00:00"), 4.0)));
    assertRow(row(1L, ts("1970-01-01T00:00"), 4.0), readOne(g, 1L));
  }

  @Test
  void aDateEventTimeFollowsTheSameRule() {
    FeatureGroup g = group("bydate", List.of(col("k", Kind.VARCHAR), col("day", Kind.DATE),
        col("n", Kind.INTEGER)), List.of("k"), "day");
    apply(g, "c1", row("a", LocalDate.of(2024, 5, 2), 2));
    assertEquals(0, apply(g, "c2", row("a", LocalDate.of(2024, 5, 1), 1)));
    assertEquals(1, apply(g, "c3", row("a", LocalDate.of(2024, 5, 2), 3)));
    assertEquals(0, apply(g, "c4", row("a", LocalDate.of(1960, 1, 1), 4)));
    assertRow(row("a", LocalDate.of(2024, 5, 2), 3), readOne(g, "a"));
  }

  @Test
  void severalRowsOfOneKeyInOneCommitAreAppliedInOrder() {
    LocalDateTime t1 = ts("2024-01-01T00:00");
    LocalDateTime t2 = ts("2024-01-02T00:00");
    LocalDateTime t3 = ts("2024-01-03T00:00");
    // ascending: every row replaces the one before
    FeatureGroup a = simple("asc");
    assertEquals(3, apply(a, "c", row(1L, t1, 1.0), row(1L, t2, 2.0), row(1L, t3, 3.0)));
    assertRow(row(1L, t3, 3.0), readOne(a, 1L));
    // newest first: the later, older rows are late
    FeatureGroup b = simple("desc");
    assertEquals(1, apply(b, "c", row(1L, t3, 3.0), row(1L, t1, 1.0), row(1L, t2, 2.0)));
    assertRow(row(1L, t3, 3.0), readOne(b, 1L));
    // a tie: the later row corrects the earlier one; an older row after them is late
    FeatureGroup c = simple("tie");
    assertEquals(2, apply(c, "c", row(1L, t2, 2.0), row(1L, t2, 2.5), row(1L, t1, 1.0)));
    assertRow(row(1L, t2, 2.5), readOne(c, 1L));
    // mixed, interleaved with another key
    FeatureGroup d = simple("mixed");
    assertEquals(5, apply(d, "c", row(1L, t1, 1.0), row(2L, t2, 20.0), row(1L, t3, 3.0),
        row(2L, t1, 10.0), row(1L, t2, 2.0), row(1L, t3, 3.5), row(2L, t3, 30.0)));
    assertRows(List.of(row(1L, t3, 3.5), row(2L, t3, 30.0)),
        store.read(d, List.of(key(1L), key(2L))));
    // against a stored row: only the rows not older than what is stored, then each other
    FeatureGroup e = simple("stored");
    apply(e, "c1", row(1L, t2, 2.0));
    assertEquals(2, apply(e, "c2", row(1L, t1, 1.0), row(1L, t3, 3.0), row(1L, t2, 2.2),
        row(1L, t3, 3.3)));
    assertRow(row(1L, t3, 3.3), readOne(e, 1L));
  }

  @Test
  void aGroupWithoutEventTimeKeepsTheLastRowWritten() {
    FeatureGroup g = group("noet", List.of(col("id", Kind.INTEGER), col("s", Kind.VARCHAR)),
        List.of("id"), null);
    assertEquals(1, apply(g, "c1", row(1, "a")));
    assertEquals(1, apply(g, "c2", row(1, "b")));
    assertRow(row(1, "b"), readOne(g, 1));
    assertEquals(3, apply(g, "c3", row(1, "x"), row(2, "p"), row(1, "y")));
    assertRows(List.of(row(1, "y"), row(2, "p")), store.read(g, List.of(key(1), key(2))));
    assertEquals(1, apply(g, "c4", row(2, null)));
    assertRow(row(2, null), readOne(g, 2));
    assertEquals(Optional.of("c4"), store.watermark(g));
  }

  // ---------------------------------------------------------------- keys and values

  @Test
  void multiColumnKeysAreDistinctAndUnambiguous() {
    FeatureGroup g = group("multi", List.of(col("name", Kind.VARCHAR), col("n", Kind.BIGINT),
        col("day", Kind.DATE), col("v", Kind.INTEGER)), List.of("name", "n", "day"), null);
    LocalDate d1 = LocalDate.of(2024, 1, 1);
    LocalDate d2 = LocalDate.of(1965, 7, 20);
    List<Object[]> rows = List.of(
        row("a", 1L, d1, 1), row("a", 1L, d2, 2), row("a", 2L, d1, 3), row("b", 1L, d1, 4),
        row("", 1L, d1, 5), row("a\u0000", 1L, d1, 6), row("ab", 1L, d1, 7),
        row("a", -1L, d1, 8), row("a", Long.MIN_VALUE, d1, 9), row("a", Long.MAX_VALUE, d1, 10),
        row("\u0000", 0L, d1, 11), row("\u0000\u0000", 0L, d1, 12), row("a\u0000b", 1L, d1, 13));
    assertEquals(rows.size(), store.apply(g, "c1", rows.iterator()));
    List<Object[]> keys = new ArrayList<>();
    for (Object[] r : rows) {
      keys.add(key(r[0], r[1], r[2]));
    }
    assertRows(rows, store.read(g, keys));
    // combinations never written
    assertRows(Arrays.asList(null, null, null, null),
        store.read(g, List.of(key("b", 2L, d1), key("a", 1L, LocalDate.of(2024, 1, 2)),
            key("a\u0000\u0000", 1L, d1), key("ab", 2L, d1))));
    // a key column bound with a narrower Java type still finds the row
    assertRow(row("a", 2L, d1, 3), readOne(g, "a", 2, d1));
  }

  @Test
  void keysOfEveryTypeFindTheirRows() {
    FeatureGroup g = group("allkeys", List.of(col("b", Kind.BOOLEAN), col("i", Kind.INTEGER),
        col("d", ColumnType.decimal(38, 10)), col("t", Kind.TIMESTAMP), col("r", Kind.REAL),
        col("x", Kind.DOUBLE), col("v", Kind.VARCHAR)), List.of("b", "i", "d", "t", "r", "x"), null);
    List<Object[]> rows = new ArrayList<>();
    int n = 0;
    for (boolean b : new boolean[] {false, true}) {
      for (int i : new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}) {
        for (String d : new String[] {"-9999999999999999999999999999.9999999999", "0E-10",
            "1.5000000000", "9999999999999999999999999999.9999999999"}) {
          rows.add(row(b, i, new BigDecimal(d), ts("1969-07-20T20:17:40.000001"),
              (float) i / 3, (double) -i / 7, "row" + n++));
        }
      }
    }
    rows.add(row(true, 0, new BigDecimal("0E-10"), ts("2024-01-01T00:00"), Float.NaN,
        Double.POSITIVE_INFINITY, "nan"));
    rows.add(row(true, 0, new BigDecimal("0E-10"), ts("2024-01-01T00:00"), 0.0f,
        Double.NEGATIVE_INFINITY, "zero"));
    assertEquals(rows.size(), store.apply(g, "c1", rows.iterator()));
    List<Object[]> keys = new ArrayList<>();
    for (Object[] r : rows) {
      keys.add(Arrays.copyOf(r, 6));
    }
    assertRows(rows, store.read(g, keys));
    // 1.5 and 1.5000000000 are the same DECIMAL(38,10) key; 1.50000000001 can match no row
    assertRow(rows.get(2), readOne(g, false, Integer.MIN_VALUE, new BigDecimal("1.5"),
        ts("1969-07-20T20:17:40.000001"), (float) Integer.MIN_VALUE / 3,
        (double) -Integer.MIN_VALUE / 7));
    assertNull(readOne(g, false, Integer.MIN_VALUE, new BigDecimal("1.50000000001"),
        ts("1969-07-20T20:17:40.000001"), (float) Integer.MIN_VALUE / 3,
        (double) -Integer.MIN_VALUE / 7));
    // -0.0 is the key 0.0
    assertRow(rows.get(rows.size() - 1), readOne(g, true, 0, new BigDecimal("0E-10"),
        ts("2024-01-01T00:00"), -0.0f, Double.NEGATIVE_INFINITY));
  }

  @Test
  void everyColumnTypeRoundTripsExactlyIncludingNullsAndExtremes() {
    FeatureGroup g = group("types", List.of(col("id", Kind.INTEGER), col("et", Kind.TIMESTAMP),
        col("b", Kind.BOOLEAN), col("i", Kind.INTEGER), col("l", Kind.BIGINT),
        col("r", Kind.REAL), col("x", Kind.DOUBLE), col("d", ColumnType.decimal(38, 10)),
        col("d2", ColumnType.decimal(10, 2)), col("s", Kind.VARCHAR), col("day", Kind.DATE),
        col("t", Kind.TIMESTAMP)), List.of("id"), "et");
    LocalDateTime et = ts("2024-06-01T00:00");
    List<Object[]> rows = List.of(
        row(1, et, true, Integer.MAX_VALUE, Long.MAX_VALUE, Float.MAX_VALUE, Double.MAX_VALUE,
            new BigDecimal("9999999999999999999999999999.9999999999"), new BigDecimal("12345678.90"),
            "héllo wörld \uD83D\uDE80 日本語", LocalDate.of(9999, 12, 31),
            ts("9999-12-31T23:59:59.999999")),
        row(2, et, false, Integer.MIN_VALUE, Long.MIN_VALUE, -Float.MAX_VALUE, -Double.MAX_VALUE,
            new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("-0.01"),
            "", LocalDate.of(1, 1, 1), ts("0001-01-01T00:00:00.000001")),
        row(3, et, true, 0, 0L, Float.NaN, Double.NaN, new BigDecimal("0E-10"),
            new BigDecimal("0.00"), "\u0000 nul and \t tab", LocalDate.of(1969, 12, 31),
            ts("1969-12-31T23:59:59.999999")),
        row(4, et, false, -1, -1L, Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            new BigDecimal("0.0000000001"), new BigDecimal("99999999.99"), "x".repeat(10_000),
            LocalDate.of(1970, 1, 1), ts("1900-01-01T00:00:00.000001")),
        row(5, et, null, null, null, null, null, null, null, null, null, null),
        row(6, et, true, 1, 1L, Float.MIN_VALUE, Double.MIN_VALUE,
            new BigDecimal("1234567890123456789012345678.0123456789"), new BigDecimal("1.10"),
            "'\"\\;%_", LocalDate.of(2000, 2, 29), ts("2000-02-29T12:34:56.789012")),
        row(7, et, null, 42, null, -0.0f, -0.0, null, new BigDecimal("5.00"), null,
            LocalDate.of(2024, 1, 1), null));
    assertEquals(rows.size(), store.apply(g, "c1", rows.iterator()));
    List<Object[]> keys = new ArrayList<>();
    for (Object[] r : rows) {
      keys.add(key(r[0]));
    }
    assertRows(rows, store.read(g, keys));
    // A value of a wider Java type than the column's is stored in the column's type.
    apply(g, "c2", row(8, et, null, 5L, 6, 1.5, 2.5f, 3L, 4, null, null, null));
    assertRow(row(8, et, null, 5, 6L, 1.5f, 2.5, new BigDecimal("3.0000000000"),
        new BigDecimal("4.00"), null, null, null), readOne(g, 8));
  }

  @Test
  void missingKeysReadAsNullInTheOrderOfTheKeys() {
    FeatureGroup g = simple("missing");
    FeatureGroup never = simple("never");
    LocalDateTime t = ts("2024-01-01T00:00");
    apply(g, "c1", row(1L, t, 1.0), row(3L, t, 3.0));
    assertRows(Arrays.asList(row(3L, t, 3.0), null, row(1L, t, 1.0), null, row(3L, t, 3.0)),
        store.read(g, List.of(key(3L), key(2L), key(1L), key(4L), key(3L))));
    assertRows(List.of(), store.read(g, List.of()));
    assertRows(Arrays.asList(null, null), store.read(never, List.of(key(1L), key(3L))));
    assertNull(readOne(g, (Object) null));
    assertRows(Arrays.asList(row(1L, t, 1.0), null),
        store.read(g, Arrays.asList(key(1L), key((Object) null))));
    assertEquals(Optional.empty(), store.watermark(never));
  }

  @Test
  void aBatchReadOfManyKeysReturnsEachRowInPlace() {
    FeatureGroup g = group("many", List.of(col("k", Kind.VARCHAR), col("n", Kind.BIGINT),
        col("t", Kind.TIMESTAMP), col("d", ColumnType.decimal(12, 3))), List.of("k", "n"), "t");
    int count = 5000;
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(row("user-" + (i % 97), (long) i, ts("2024-01-01T00:00").plusSeconds(i),
          BigDecimal.valueOf(i, 3)));
    }
    assertEquals(count, store.apply(g, "c1", rows.iterator()));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < count + 500; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(42));
    List<Object[]> keys = new ArrayList<>();
    List<Object[]> expected = new ArrayList<>();
    for (int i : order) {
      if (i < count) {
        keys.add(key("user-" + (i % 97), (long) i));
        expected.add(rows.get(i));
      } else {
        keys.add(key("user-" + (i % 97) + "x", (long) i));
        expected.add(null);
      }
    }
    assertRows(expected, store.read(g, keys));
  }

  @Test
  void groupsAreIsolatedFromEachOther() {
    FeatureGroup a = simple("a");
    FeatureGroup b = simple("b");
    LocalDateTime t = ts("2024-01-01T00:00");
    apply(a, "ca", row(1L, t, 1.0), row(2L, t, 2.0));
    apply(b, "cb", row(1L, t.minusDays(1), 10.0));
    assertRow(row(1L, t, 1.0), readOne(a, 1L));
    assertRow(row(1L, t.minusDays(1), 10.0), readOne(b, 1L));
    assertNull(readOne(b, 2L));
    assertEquals(Optional.of("ca"), store.watermark(a));
    assertEquals(Optional.of("cb"), store.watermark(b));
  }

  // ---------------------------------------------------------------- watermark, drop, reopen

  @Test
  void theWatermarkIsTheLastCommitApplied() {
    FeatureGroup g = simple("wm");
    assertEquals(Optional.empty(), store.watermark(g));
    apply(g, "20240101000000001", row(1L, ts("2024-01-02T00:00"), 1.0));
    assertEquals(Optional.of("20240101000000001"), store.watermark(g));
    assertEquals(0, apply(g, "20240101000000002"));
    assertEquals(Optional.of("20240101000000002"), store.watermark(g));
    assertEquals(0, apply(g, "20240101000000003", row(1L, ts("2024-01-01T00:00"), 0.0)));
    assertEquals(Optional.of("20240101000000003"), store.watermark(g));
    assertRow(row(1L, ts("2024-01-02T00:00"), 1.0), readOne(g, 1L));
  }

  @Test
  void dropRemovesTheRowsAndWatermarkOfOneGroupOnly() {
    FeatureGroup a = simple("dropped");
    FeatureGroup b = simple("kept");
    LocalDateTime t = ts("2024-01-01T00:00");
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 300; i++) {
      rows.add(row(i, t, (double) i));
    }
    store.apply(a, "ca", rows.iterator());
    store.apply(b, "cb", rows.iterator());
    store.drop(a);
    List<Object[]> keys = new ArrayList<>();
    for (long i = 0; i < 300; i++) {
      keys.add(key(i));
    }
    assertTrue(store.read(a, keys).stream().allMatch(r -> r == null), "rows of the dropped group");
    assertEquals(Optional.empty(), store.watermark(a));
    assertRows(rows, store.read(b, keys));
    assertEquals(Optional.of("cb"), store.watermark(b));
    // The dropped group starts again from nothing: an old event is not late any more.
    assertEquals(1, apply(a, "ca2", row(5L, t.minusYears(1), -5.0)));
    assertRow(row(5L, t.minusYears(1), -5.0), readOne(a, 5L));
    assertEquals(Optional.of("ca2"), store.watermark(a));
    // Dropping a group that has nothing is fine.
    store.drop(simple("empty"));
  }

  @Test
  void rowsAndWatermarksSurviveReopening() {
    FeatureGroup g = simple("persist");
    FeatureGroup noEt = group("persist2", List.of(col("k", Kind.VARCHAR),
        col("v", ColumnType.decimal(38, 10))), List.of("k"), null);
    LocalDateTime t = ts("1950-05-05T05:05:05.050505");
    apply(g, "c1", row(1L, t, 1.5), row(2L, t, Double.NaN));
    store.apply(noEt, "n1", List.<Object[]>of(row("k", new BigDecimal("-1.0000000001"))).iterator());
    store.close();
    store = open();
    assertRows(List.of(row(1L, t, 1.5), row(2L, t, Double.NaN)),
        store.read(g, List.of(key(1L), key(2L))));
    assertRow(row("k", new BigDecimal("-1.0000000001")), readOne(noEt, "k"));
    assertEquals(Optional.of("c1"), store.watermark(g));
    assertEquals(Optional.of("n1"), store.watermark(noEt));
    // The rule still holds against rows written before the reopen.
    assertEquals(0, apply(g, "c2", row(1L, t.minusNanos(1000), 0.0)));
    assertRow(row(1L, t, 1.5), readOne(g, 1L));
  }

  // ---------------------------------------------------------------- failures

  @Test
  void aBadRowFailsTheWholeCommitWithAClearError() {
    FeatureGroup g = simple("bad");
    LocalDateTime t = ts("2024-01-01T00:00");
    apply(g, "c1", row(1L, t, 1.0));
    FsqlException wrongType = assertThrows(FsqlException.class,
        () -> apply(g, "c2", row(2L, t, 2.0), row(3L, t, "three")));
    assertEquals(ErrorCode.TYPE_MISMATCH, wrongType.code());
    assertTrue(wrongType.getMessage().contains("column 'v'"), wrongType.getMessage());
    assertFalse(wrongType.getMessage().contains("\n"), wrongType.getMessage());
    FsqlException nullKey = assertThrows(FsqlException.class,
        () -> apply(g, "c3", row(2L, t, 2.0), row(null, t, 3.0)));
    assertEquals(ErrorCode.NULL_NOT_ALLOWED, nullKey.code());
    FsqlException width = assertThrows(FsqlException.class,
        () -> apply(g, "c4", row(2L, t, 2.0), row(4L, t)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, width.code());
    // nothing of the failed commits is visible, and the watermark did not move
    if (commitsAreAtomic()) {
      assertNull(readOne(g, 2L));
    }
    assertEquals(Optional.of("c1"), store.watermark(g));
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void readersDuringWritesSeeWholeRowsThatNeverGoBack() throws Exception {
    FeatureGroup g = group("concurrent", List.of(col("k", Kind.INTEGER), col("t", Kind.TIMESTAMP),
        col("v", Kind.BIGINT), col("s", Kind.VARCHAR), col("d", ColumnType.decimal(20, 2))),
        List.of("k"), "t");
    int keyCount = 50;
    LocalDateTime base = ts("2024-01-01T00:00");
    List<Object[]> keys = new ArrayList<>();
    for (int k = 0; k < keyCount; k++) {
      keys.add(key(k));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicLong rowsSeen = new AtomicLong();
    CountDownLatch started = new CountDownLatch(4);
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      final boolean batch = r % 2 == 0;
      Thread reader = new Thread(() -> {
        long[] lastSeen = new long[keyCount];
        started.countDown();
        Random random = new Random();
        try {
          while (writing.get() && problems.isEmpty()) {
            List<Object[]> got;
            List<Integer> which;
            if (batch) {
              got = store.read(g, keys);
              which = null;
            } else {
              int k = random.nextInt(keyCount);
              got = store.read(g, List.<Object[]>of(key(k)));
              which = List.of(k);
            }
            for (int i = 0; i < got.size(); i++) {
              int k = which == null ? i : which.get(i);
              Object[] row = got.get(i);
              if (row == null) {
                if (lastSeen[k] > 0) {
                  problems.add("key " + k + " disappeared after version " + lastSeen[k]);
                }
                continue;
              }
              rowsSeen.incrementAndGet();
              long v = (Long) row[2];
              Object[] whole = versionRow(k, v, base);
              if (!Arrays.equals(whole, row)) {
                problems.add("torn row " + Arrays.toString(row));
              }
              if (v < lastSeen[k]) {
                problems.add("key " + k + " went back from " + lastSeen[k] + " to " + v);
              }
              lastSeen[k] = v;
            }
          }
        } catch (RuntimeException | Error e) {
          problems.add("reader failed: " + e);
        }
      });
      reader.setDaemon(true);
      readers.add(reader);
      reader.start();
    }
    assertTrue(started.await(10, TimeUnit.SECONDS));
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2000);
    long version = 0;
    try {
      while (System.nanoTime() < deadline && version < 5000 && problems.isEmpty()) {
        version++;
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < keyCount; k++) {
          if ((k + version) % 3 != 0) {
            rows.add(versionRow(k, version, base));
          }
          if (version > 5 && k % 7 == 0) {
            rows.add(versionRow(k, version - 5, base)); // late: must be ignored
          }
        }
        store.apply(g, "c" + version, rows.iterator());
      }
    } finally {
      writing.set(false);
      for (Thread reader : readers) {
        reader.join(10_000);
      }
    }
    assertEquals(List.of(), new ArrayList<>(problems));
    assertTrue(version >= 3, "commits written: " + version);
    assertTrue(rowsSeen.get() > 0, "rows seen by the readers");
    List<Object[]> expected = new ArrayList<>();
    for (int k = 0; k < keyCount; k++) {
      long last = version;
      while ((k + last) % 3 == 0) {
        last--;
      }
      expected.add(versionRow(k, last, base));
    }
    assertRows(expected, store.read(g, keys));
    assertEquals(Optional.of("c" + version), store.watermark(g));
  }

  private static Object[] versionRow(int k, long version, LocalDateTime base) {
    return row(k, base.plusNanos(version * 1000), version, "v" + version + "/k" + k,
        BigDecimal.valueOf(version * 100 + k, 2));
  }

  // ---------------------------------------------------------------- randomized

  @Test
  void randomCommitsMatchABruteForceModel() {
    for (long seed = 1; seed <= 6; seed++) {
      runAgainstModel(seed, seed % 3 != 0);
    }
  }

  private void runAgainstModel(long seed, boolean withEventTime) {
    Random random = new Random(seed);
    FeatureGroup g = group("random" + seed, List.of(col("k1", Kind.INTEGER),
        col("k2", Kind.VARCHAR), col("et", Kind.TIMESTAMP), col("v", Kind.BIGINT),
        col("s", Kind.VARCHAR)), List.of("k1", "k2"), withEventTime ? "et" : null);
    Map<List<Object>, Object[]> model = new HashMap<>();
    List<Object[]> allKeys = new ArrayList<>();
    for (int k1 = -3; k1 < 5; k1++) {
      for (String k2 : new String[] {"", "a", "ä", "a\u0000", "b"}) {
        allKeys.add(key(k1, k2));
      }
    }
    LocalDateTime base = ts("1969-12-31T23:59:59");
    long serial = 0;
    for (int commit = 0; commit < 25; commit++) {
      int n = random.nextInt(60);
      List<Object[]> rows = new ArrayList<>();
      long expectedApplied = 0;
      for (int i = 0; i < n; i++) {
        Object[] k = allKeys.get(random.nextInt(allKeys.size()));
        LocalDateTime et = base.plusNanos(1000L * random.nextInt(12));
        Object[] r = row(k[0], k[1], et, serial++, random.nextBoolean() ? null : "s" + serial);
        rows.add(r);
        List<Object> mk = List.of(k[0], k[1]);
        Object[] current = model.get(mk);
        if (!withEventTime || current == null || !et.isBefore((LocalDateTime) current[2])) {
          model.put(mk, r);
          expectedApplied++;
        }
      }
      assertEquals(expectedApplied, store.apply(g, "c" + commit, rows.iterator()),
          "rows applied, seed " + seed + " commit " + commit);
      List<Object[]> expected = new ArrayList<>();
      for (Object[] k : allKeys) {
        expected.add(model.get(List.of(k[0], k[1])));
      }
      assertRows(expected, store.read(g, allKeys));
      assertEquals(Optional.of("c" + commit), store.watermark(g));
    }
  }
}
