package io.fsql.storage.offline;

import java.util.HashMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Dense ids (0, 1, 2, ...) for the join keys met in one partition of a point-in-time join. The
 * key is the first {@code types.length} fields of a row, none of them NULL. One key of an integral
 * type (INTEGER, BIGINT, DATE, TIMESTAMP) is held in an open-addressing table of primitive longs;
 * any other key (composite, strings, decimals, ...) as a copy of its bytes ({@link UnsafeRow}).
 * Serializable, to be broadcast with the index of a small feature side.
 */
final class PitKeyIds implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final DataType[] types;
  private final boolean primitive;
  private final boolean intKey;
  // primitive keys: open addressing, slot ids are id + 1 (0 = empty)
  private long[] slotKeys;
  private int[] slotIds;
  private int mask;
  // other keys
  private final HashMap<UnsafeRow, Integer> rows;
  /**
   * Generated code, neither serializable nor thread-safe (it reuses its output row): one per thread,
   * made where the ids are used (a broadcast index is probed by several tasks at once).
   */
  private transient volatile ThreadLocal<UnsafeProjection> keyProjections;
  private int size;

  PitKeyIds(DataType[] types) {
    this.types = types;
    DataType t = types[0];
    primitive = types.length == 1 && (t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType)
        || t.equals(DataTypes.DateType) || t.equals(DataTypes.TimestampType));
    intKey = t.equals(DataTypes.IntegerType) || t.equals(DataTypes.DateType);
    if (primitive) {
      slotKeys = new long[1024];
      slotIds = new int[1024];
      mask = 1023;
      rows = null;
    } else {
      rows = new HashMap<>();
    }
  }

  private UnsafeProjection keyProjection() {
    ThreadLocal<UnsafeProjection> p = keyProjections;
    if (p == null) {
      synchronized (this) {
        p = keyProjections;
        if (p == null) {
          p = ThreadLocal.withInitial(this::newKeyProjection);
          keyProjections = p;
        }
      }
    }
    return p.get();
  }

  private UnsafeProjection newKeyProjection() {
    java.util.List<Expression> refs = new java.util.ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      refs.add(new BoundReference(i, types[i], false));
    }
    return UnsafeProjection.create(scala.collection.JavaConverters.asScalaBuffer(refs).toSeq());
  }

  int size() {
    return size;
  }

  /** The id of the row's key, a new one when the key is new. */
  int add(InternalRow row) {
    if (primitive) {
      return addLong(intKey ? row.getInt(0) : row.getLong(0));
    }
    UnsafeRow key = keyProjection().apply(row);
    Integer id = rows.get(key);
    if (id != null) {
      return id;
    }
    rows.put(key.copy(), size);
    return size++;
  }

  /**
   * The keys by id, for an index built in a task to be merged on the driver: one long per id
   * for one integral key ({@link #addLong}), else the bytes of each key ({@link #addKeyRow}).
   */
  long[] longKeysById() {
    long[] keys = new long[size];
    for (int i = 0; i < slotIds.length; i++) {
      if (slotIds[i] != 0) {
        keys[slotIds[i] - 1] = slotKeys[i];
      }
    }
    return keys;
  }

  /** The bytes of each key (an {@link UnsafeRow} of the key's fields), by id; see {@link #longKeysById}. */
  byte[][] keyRowsById() {
    byte[][] keys = new byte[size][];
    rows.forEach((k, id) -> keys[id] = k.getBytes());
    return keys;
  }

  /** Whether the key is one integral value ({@link #longKeysById}); else {@link #keyRowsById}. */
  boolean primitive() {
    return primitive;
  }

  /** The id of a key of {@link #longKeysById}, a new one when the key is new. */
  int addLong(long k) {
    int slot = slot(k);
    if (slotIds[slot] != 0) {
      return slotIds[slot] - 1;
    }
    slotKeys[slot] = k;
    slotIds[slot] = ++size;
    if (size * 2 > slotKeys.length) {
      grow();
    }
    return size - 1;
  }

  /** The id of a key of {@link #keyRowsById}, a new one when the key is new. */
  int addKeyRow(byte[] key) {
    UnsafeRow row = new UnsafeRow(types.length);
    row.pointTo(key, key.length);
    Integer id = rows.get(row);
    if (id != null) {
      return id;
    }
    rows.put(row, size);
    return size++;
  }

  /** The id of the row's key, or -1 when no row added had it. */
  int find(InternalRow row) {
    if (primitive) {
      int id = slotIds[slot(intKey ? row.getInt(0) : row.getLong(0))];
      return id - 1;
    }
    Integer id = rows.get(keyProjection().apply(row));
    return id == null ? -1 : id;
  }

  /** The slot holding {@code k}, or the empty slot where it belongs. */
  private int slot(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (slotIds[i] != 0 && slotKeys[i] != k) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] oldKeys = slotKeys;
    int[] oldIds = slotIds;
    slotKeys = new long[oldKeys.length * 2];
    slotIds = new int[oldKeys.length * 2];
    mask = slotKeys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldIds[i] != 0) {
        int s = slot(oldKeys[i]);
        slotKeys[s] = oldKeys[i];
        slotIds[s] = oldIds[i];
      }
    }
  }
}
