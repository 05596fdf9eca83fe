package io.fsql.storage.online;

import java.util.Arrays;

/** A growable byte buffer for encoding keys and rows; reused per thread to keep encoding cheap. */
final class ByteSink {
  private static final ThreadLocal<ByteSink> PER_THREAD = ThreadLocal.withInitial(() -> new ByteSink(256));

  private byte[] buf;
  private int size;

  ByteSink(int capacity) {
    buf = new byte[capacity];
  }

  /** This thread's sink, emptied. */
  static ByteSink reset() {
    ByteSink sink = PER_THREAD.get();
    sink.size = 0;
    return sink;
  }

  int size() {
    return size;
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  void put(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  void put(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
  }

  void putIntBE(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  void putLongBE(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
  }

  /** Unsigned LEB128. */
  void putVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** Zig-zag then LEB128: small magnitudes of either sign take few bytes. */
  void putZigZag(long v) {
    putVarLong((v << 1) ^ (v >> 63));
  }

  /** Sets bit {@code bit} of the byte at {@code offset} (for null bitmaps written ahead). */
  void setBit(int offset, int bit) {
    buf[offset + (bit >>> 3)] |= (byte) (1 << (bit & 7));
  }

  /** Appends {@code n} zero bytes and returns where they start. */
  int reserve(int n) {
    ensure(n);
    int at = size;
    Arrays.fill(buf, at, at + n, (byte) 0);
    size += n;
    return at;
  }
}
