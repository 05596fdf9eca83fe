package io.fsql.sql.parser;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Lets the lexer match keywords written in upper case in the grammar whatever case the user
 * wrote them in: {@link #LA(int)} upper-cases, {@link #getText(Interval)} returns the original.
 */
final class CaseInsensitiveCharStream implements CharStream {
  private final CharStream stream;

  CaseInsensitiveCharStream(CharStream stream) {
    this.stream = stream;
  }

  @Override
  public int LA(int i) {
    int c = stream.LA(i);
    if (c <= 0) {
      return c;
    }
    return Character.toUpperCase(c);
  }

  @Override
  public String getText(Interval interval) {
    return stream.getText(interval);
  }

  @Override
  public void consume() {
    stream.consume();
  }

  @Override
  public int mark() {
    return stream.mark();
  }

  @Override
  public void release(int marker) {
    stream.release(marker);
  }

  @Override
  public int index() {
    return stream.index();
  }

  @Override
  public void seek(int index) {
    stream.seek(index);
  }

  @Override
  public int size() {
    return stream.size();
  }

  @Override
  public String getSourceName() {
    String name = stream.getSourceName();
    return name == null ? IntStream.UNKNOWN_SOURCE_NAME : name;
  }
}
