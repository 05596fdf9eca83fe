package io.fsql.planner;

import java.util.regex.Pattern;

/** SQL LIKE patterns ({@code %} any run, {@code _} one character) as regular expressions. */
public final class LikePatterns {
  private LikePatterns() {}

  /** The pattern as a regular expression; {@code null} matches everything. */
  public static Pattern toRegex(String like, boolean caseInsensitive) {
    if (like == null) {
      return Pattern.compile(".*", Pattern.DOTALL);
    }
    StringBuilder sb = new StringBuilder();
    for (char ch : like.toCharArray()) {
      if (ch == '%') {
        sb.append(".*");
      } else if (ch == '_') {
        sb.append('.');
      } else {
        sb.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(sb.toString(), Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0));
  }
}
