package io.fsql.sql.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at the semicolons that are outside string literals, quoted
 * identifiers and comments. Empty statements and pieces made only of comments are skipped. A
 * piece's text runs from its first to its last significant character (leading and trailing
 * whitespace and comments are left out); its start is the 1-based line and column of its first
 * character in the script. Columns count Unicode code points, as the lexer does.
 */
public final class StatementSplitter {

  /** One statement of a script, without its terminating semicolon. */
  public record Piece(String text, int startLine, int startColumn) {}

  private StatementSplitter() {}

  /**
   * Splits {@code script}.
   *
   * @throws ParsingException for an unterminated string literal, quoted identifier or block
   *     comment, at the position where it starts
   */
  public static List<Piece> split(String script) {
    return new Scanner(script).run();
  }

  private static final class Scanner {
    private final String s;
    private final List<Piece> pieces = new ArrayList<>();
    private int i;
    private int line = 1;
    private int column = 1;
    // the current piece
    private int pieceStart = -1;
    private int pieceEnd = -1;
    private int pieceLine;
    private int pieceColumn;

    Scanner(String s) {
      this.s = s;
    }

    List<Piece> run() {
      while (i < s.length()) {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
        if (c == '\'' || c == '"') {
          int startLine = line;
          int startColumn = column;
          significant();
          advance();
          boolean closed = false;
          while (i < s.length()) {
            char d = s.charAt(i);
            advance();
            if (d == c) {
              if (i < s.length() && s.charAt(i) == c) {
                advance(); // doubled quote: an escaped quote
              } else {
                closed = true;
                break;
              }
            }
          }
          if (!closed) {
            throw new ParsingException(
                c == '\'' ? "unterminated string literal" : "unterminated quoted identifier",
                startLine, startColumn);
          }
          pieceEnd = i;
        } else if (c == '-' && next == '-') {
          while (i < s.length() && s.charAt(i) != '\n') {
            advance();
          }
        } else if (c == '/' && next == '*') {
          int startLine = line;
          int startColumn = column;
          advance();
          advance();
          boolean closed = false;
          while (i < s.length()) {
            if (s.charAt(i) == '*' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
              advance();
              advance();
              closed = true;
              break;
            }
            advance();
          }
          if (!closed) {
            throw new ParsingException("unterminated block comment", startLine, startColumn);
          }
        } else if (c == ';') {
          finishPiece();
          advance();
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
          advance();
        } else {
          significant();
          advance();
          pieceEnd = i;
        }
      }
      finishPiece();
      return pieces;
    }

    /** The character at {@code i} is part of a statement. */
    private void significant() {
      if (pieceStart < 0) {
        pieceStart = i;
        pieceLine = line;
        pieceColumn = column;
      }
    }

    private void finishPiece() {
      if (pieceStart >= 0) {
        pieces.add(new Piece(s.substring(pieceStart, pieceEnd), pieceLine, pieceColumn));
      }
      pieceStart = -1;
      pieceEnd = -1;
    }

    /** Moves past one code point, keeping the line and column as the lexer counts them. */
    private void advance() {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
  }
}
