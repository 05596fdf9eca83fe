package io.fsql.storage.online;

/** Reads what {@link ByteSink} wrote. */
final class ByteSource {
  private final byte[] buf;
  private int pos;

  ByteSource(byte[] buf, int pos) {
    this.buf = buf;
    this.pos = pos;
  }

  int position() {
    return pos;
  }

  void skip(int n) {
    pos += n;
  }

  int get() {
    return buf[pos++] & 0xFF;
  }

  byte[] bytes(int n) {
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  String utf8(int n) {
    String s = new String(buf, pos, n, java.nio.charset.StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  int intBE() {
    int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
        | (buf[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  long longBE() {
    long v = longAt(buf, pos);
    pos += 8;
    return v;
  }

  /** The big-endian long at {@code p}. */
  static long longAt(byte[] b, int p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[p + i] & 0xFF);
    }
    return v;
  }

  long varLong() {
    long v = 0;
    int shift = 0;
    while (true) {
      int b = buf[pos++];
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
      shift += 7;
    }
  }

  long zigZag() {
    long v = varLong();
    return (v >>> 1) ^ -(v & 1);
  }
}
