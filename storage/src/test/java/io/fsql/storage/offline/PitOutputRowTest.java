package io.fsql.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * The output row of a point-in-time join, copied from the spine row (after its keys and time) and
 * the matched rows, holds exactly what Spark's own projection of the same values holds: every type
 * fsql reads (fixed-length words, strings of 0 to 300 characters, small and large decimals, binary,
 * arrays and structs), NULL values, NULL sides (no match), rows of very different sizes one after
 * the other (the buffer is reused and grows). Where no large decimal is NULL the bytes are equal
 * too (a projection keeps 16 bytes for a NULL large decimal), so the padding after a value is zeros.
 */
class PitOutputRowTest {
  private static final StructType PAIR = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType);
  private static final DataType[] TYPES = {
      DataTypes.IntegerType, DataTypes.LongType, DataTypes.DoubleType, DataTypes.BooleanType, DataTypes.StringType,
      DataTypes.createDecimalType(10, 2), DataTypes.createDecimalType(30, 5), DataTypes.DateType,
      DataTypes.TimestampType, DataTypes.BinaryType, DataTypes.createArrayType(DataTypes.LongType), PAIR,
      DataTypes.FloatType, DataTypes.ShortType};

  @Test
  void theOutputHoldsTheSpineColumnsAndEachSidesMatchedColumns() {
    Random rnd = new Random(11);
    for (int shape = 0; shape < 20; shape++) {
      int skip = 1 + rnd.nextInt(3);
      DataType[] spineTypes = randomTypes(rnd, 1 + rnd.nextInt(6));
      int sideCount = 1 + rnd.nextInt(3);
      DataType[][] sideTypes = new DataType[sideCount][];
      for (int s = 0; s < sideCount; s++) {
        sideTypes[s] = randomTypes(rnd, 1 + rnd.nextInt(6));
      }
      List<DataType> spineRowTypes = new ArrayList<>();
      for (int i = 0; i < skip; i++) {
        spineRowTypes.add(DataTypes.LongType);
      }
      spineRowTypes.addAll(Arrays.asList(spineTypes));
      UnsafeProjection spineProjection = UnsafeProjection.create(spineRowTypes.toArray(new DataType[0]));
      UnsafeProjection[] sideProjections = new UnsafeProjection[sideCount];
      List<DataType> outTypes = new ArrayList<>(Arrays.asList(spineTypes));
      for (int s = 0; s < sideCount; s++) {
        sideProjections[s] = UnsafeProjection.create(sideTypes[s]);
        outTypes.addAll(Arrays.asList(sideTypes[s]));
      }
      DataType[] out = outTypes.toArray(new DataType[0]);
      UnsafeProjection expectedProjection = UnsafeProjection.create(out);
      PitOutputRow writer = new PitOutputRow(skip, spineTypes, sideTypes);

      for (int r = 0; r < 200; r++) {
        Object[] keys = new Object[skip];
        for (int i = 0; i < skip; i++) {
          keys[i] = rnd.nextLong();
        }
        Object[] spineValues = values(rnd, spineTypes);
        Object[] spineRow = new Object[skip + spineValues.length];
        System.arraycopy(keys, 0, spineRow, 0, skip);
        System.arraycopy(spineValues, 0, spineRow, skip, spineValues.length);
        UnsafeRow spine = spineProjection.apply(new GenericInternalRow(spineRow)).copy();
        UnsafeRow[] matched = new UnsafeRow[sideCount];
        List<Object> expected = new ArrayList<>(Arrays.asList(spineValues));
        for (int s = 0; s < sideCount; s++) {
          if (rnd.nextInt(4) == 0) {
            matched[s] = null;
            expected.addAll(Arrays.asList(new Object[sideTypes[s].length]));
          } else {
            Object[] v = values(rnd, sideTypes[s]);
            matched[s] = sideProjections[s].apply(new GenericInternalRow(v)).copy();
            expected.addAll(Arrays.asList(v));
          }
        }
        UnsafeRow want = expectedProjection.apply(new GenericInternalRow(expected.toArray()));
        UnsafeRow got = writer.write(spine, matched);
        assertThat(got.numFields()).isEqualTo(out.length);
        for (int f = 0; f < out.length; f++) {
          assertThat(got.isNullAt(f)).as("shape %s row %s field %s null", shape, r, f).isEqualTo(want.isNullAt(f));
          if (!want.isNullAt(f)) {
            assertThat(show(got.get(f, out[f]), out[f]))
                .as("shape %s row %s field %s (%s)", shape, r, f, out[f].simpleString())
                .isEqualTo(show(want.get(f, out[f]), out[f]));
          }
        }
        boolean nullLargeDecimal = false;
        for (int f = 0; f < out.length; f++) {
          nullLargeDecimal |= want.isNullAt(f) && !UnsafeRow.isFixedLength(out[f]) && out[f] instanceof
              org.apache.spark.sql.types.DecimalType;
        }
        if (!nullLargeDecimal) {
          assertThat(got.getBytes()).as("shape %s row %s bytes", shape, r).isEqualTo(want.getBytes());
        }
      }
    }
  }

  private static DataType[] randomTypes(Random rnd, int n) {
    DataType[] t = new DataType[n];
    for (int i = 0; i < n; i++) {
      t[i] = TYPES[rnd.nextInt(TYPES.length)];
    }
    return t;
  }

  private static Object[] values(Random rnd, DataType[] types) {
    Object[] v = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      v[i] = rnd.nextInt(5) == 0 ? null : value(rnd, types[i]);
    }
    return v;
  }

  private static Object value(Random rnd, DataType t) {
    if (t.equals(DataTypes.IntegerType) || t.equals(DataTypes.DateType)) {
      return rnd.nextInt();
    }
    if (t.equals(DataTypes.LongType) || t.equals(DataTypes.TimestampType)) {
      return rnd.nextLong();
    }
    if (t.equals(DataTypes.DoubleType)) {
      return rnd.nextDouble() * 1e6 - 5e5;
    }
    if (t.equals(DataTypes.FloatType)) {
      return rnd.nextFloat();
    }
    if (t.equals(DataTypes.ShortType)) {
      return (short) rnd.nextInt();
    }
    if (t.equals(DataTypes.BooleanType)) {
      return rnd.nextBoolean();
    }
    if (t.equals(DataTypes.StringType)) {
      return UTF8String.fromString("é".repeat(rnd.nextInt(3)) + "s".repeat(rnd.nextInt(300)));
    }
    if (t.equals(DataTypes.BinaryType)) {
      byte[] b = new byte[rnd.nextInt(40)];
      rnd.nextBytes(b);
      return b;
    }
    if (t instanceof org.apache.spark.sql.types.DecimalType d) {
      BigDecimal x = new BigDecimal(new java.math.BigInteger(d.precision() * 3, rnd), d.scale());
      return Decimal.apply(x, d.precision(), d.scale());
    }
    if (t instanceof org.apache.spark.sql.types.ArrayType) {
      Object[] items = new Object[rnd.nextInt(6)];
      for (int i = 0; i < items.length; i++) {
        items[i] = rnd.nextLong();
      }
      return new GenericArrayData(items);
    }
    if (t.equals(PAIR)) {
      InternalRow pair = new GenericInternalRow(new Object[] {rnd.nextInt(), UTF8String.fromString("p" + rnd.nextInt())});
      return UnsafeProjection.create(PAIR).apply(pair).copy();
    }
    throw new IllegalArgumentException(t.toString());
  }

  /** A value of the row in a form that compares by content. */
  private static Object show(Object v, DataType t) {
    if (v instanceof byte[] b) {
      return Arrays.toString(b);
    }
    if (v instanceof org.apache.spark.sql.catalyst.util.ArrayData a) {
      return Arrays.toString(a.toLongArray());
    }
    if (v instanceof InternalRow row && t.equals(PAIR)) {
      return row.getInt(0) + "/" + row.getUTF8String(1);
    }
    return String.valueOf(v);
  }
}
