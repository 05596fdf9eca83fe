package io.fsql.server.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML page about a feature group or training dataset, rendered from result
 * sets: SHOW STATISTICS (per feature its statistics, a histogram as inline SVG for numeric
 * features, top values for categorical ones), SHOW COMMITS, SHOW VALIDATIONS and SHOW DRIFT. Inline
 * CSS, no scripts, no links: it opens anywhere without a network. All text is HTML-escaped.
 */
public final class HtmlReport {
  static final int SVG_WIDTH = 420;
  static final int SVG_HEIGHT = 140;
  private static final Pattern NUMBER = Pattern.compile("\"(lower|upper)\": (-?[0-9.Ee+-]+|null)");
  private static final Pattern COUNTS = Pattern.compile("\"counts\": \\[([0-9, ]*)]");
  private static final Pattern VALUE_COUNT = Pattern.compile(
      "\\{\"value\": \"((?:[^\"\\\\]|\\\\.)*)\", \"count\": ([0-9]+)}");
  /** The statistics shown per feature: SHOW STATISTICS column, label. */
  private static final String[][] SHOWN = {{"type", "type"}, {"count", "rows"}, {"nulls", "nulls"},
      {"distinct_approx", "distinct (approx.)"}, {"min", "min"}, {"max", "max"}, {"mean", "mean"},
      {"stddev", "stddev"}, {"quantiles", "quantiles (approx.)"}};

  /** What the report is about and the results it shows. Null validations/drift: not available. */
  public record Content(String kind, String name, String generatedAt, ResultTable statistics,
      ResultTable commits, ResultTable validations, ResultTable drift, String driftNote) {}

  private HtmlReport() {}

  public static String render(Content c) {
    StringBuilder b = new StringBuilder(16_384);
    String title = c.kind() + " " + c.name();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>fsql report: ")
        .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    b.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">fsql report generated ")
        .append(esc(c.generatedAt())).append("</p>\n");
    features(b, c.statistics());
    if (c.commits() != null) {
      b.append("<section id=\"commits\">\n<h2>Commit history</h2>\n");
      table(b, c.commits(), "commits");
      b.append("</section>\n");
    }
    b.append("<section id=\"validations\">\n<h2>Validation history</h2>\n");
    if (c.validations() == null || c.validations().rows().isEmpty()) {
      b.append("<p class=\"none\">no validations recorded</p>\n");
    } else {
      table(b, c.validations(), "validations");
    }
    b.append("</section>\n");
    if (c.drift() != null || c.driftNote() != null) {
      b.append("<section id=\"drift\">\n<h2>Drift</h2>\n");
      if (c.driftNote() != null) {
        b.append("<p class=\"none\">").append(esc(c.driftNote())).append("</p>\n");
      }
      if (c.drift() != null) {
        table(b, c.drift(), "drift");
      }
      b.append("</section>\n");
    }
    return b.append("</body>\n</html>\n").toString();
  }

  /** A section per feature (in the statistics' order), with a block per commit or split. */
  private static void features(StringBuilder b, ResultTable stats) {
    b.append("<section id=\"features\">\n<h2>Features</h2>\n");
    if (stats == null || stats.rows().isEmpty()) {
      b.append("<p class=\"none\">no statistics recorded (ANALYZE FEATURE GROUP computes them)</p>\n</section>\n");
      return;
    }
    int column = stats.index("column");
    String partName = stats.columns().get(0);
    Map<String, List<List<Object>>> byFeature = new LinkedHashMap<>();
    for (List<Object> r : stats.rows()) {
      byFeature.computeIfAbsent(String.valueOf(r.get(column)), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<List<Object>>> f : byFeature.entrySet()) {
      b.append("<div class=\"feature\" data-feature=\"").append(esc(f.getKey())).append("\">\n<h3>")
          .append(esc(f.getKey())).append("</h3>\n");
      for (List<Object> r : f.getValue()) {
        b.append("<div class=\"part\">\n<p class=\"part-name\">").append(esc(partName.replace('_', ' '))).append(' ')
            .append(esc(String.valueOf(r.get(0)))).append(" (").append(esc(String.valueOf(r.get(stats.index("scope")))))
            .append(")</p>\n<table class=\"stats\">\n");
        for (String[] s : SHOWN) {
          int i = stats.index(s[0]);
          if (i < 0 || r.get(i) == null) {
            continue;
          }
          b.append("<tr><th>").append(esc(s[1])).append("</th><td class=\"stat-").append(s[0]).append("\">")
              .append(esc(String.valueOf(r.get(i)))).append("</td></tr>\n");
        }
        b.append("</table>\n");
        int h = stats.index("histogram");
        if (h >= 0 && r.get(h) != null) {
          histogram(b, String.valueOf(r.get(h)), f.getKey());
        }
        int t = stats.index("top_values");
        if (t >= 0 && r.get(t) != null) {
          topValues(b, String.valueOf(r.get(t)));
        }
        b.append("</div>\n");
      }
      b.append("</div>\n");
    }
    b.append("</section>\n");
  }

  /** The histogram's bins as bars of an inline SVG, one {@code rect class="bar"} per bin. */
  static void histogram(StringBuilder b, String json, String feature) {
    Double lower = null;
    Double upper = null;
    Matcher n = NUMBER.matcher(json);
    while (n.find()) {
      Double v = n.group(2).equals("null") ? null : Double.valueOf(n.group(2));
      if (n.group(1).equals("lower")) {
        lower = v;
      } else {
        upper = v;
      }
    }
    Matcher m = COUNTS.matcher(json);
    if (!m.find() || m.group(1).isBlank()) {
      return;
    }
    String[] parts = m.group(1).split(",\\s*");
    long[] counts = new long[parts.length];
    long most = 1;
    for (int i = 0; i < parts.length; i++) {
      counts[i] = Long.parseLong(parts[i].trim());
      most = Math.max(most, counts[i]);
    }
    int plot = SVG_HEIGHT - 20;
    double width = (double) SVG_WIDTH / counts.length;
    b.append("<svg class=\"histogram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(SVG_WIDTH)
        .append("\" height=\"").append(SVG_HEIGHT).append("\" viewBox=\"0 0 ").append(SVG_WIDTH).append(' ')
        .append(SVG_HEIGHT).append("\" role=\"img\" aria-label=\"histogram of ").append(esc(feature)).append("\">\n");
    for (int i = 0; i < counts.length; i++) {
      double height = counts[i] == 0 ? 0 : Math.max(1, (double) counts[i] * plot / most);
      b.append(String.format(Locale.ROOT,
          "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>%d</title></rect>\n",
          i * width + 1, plot - height, Math.max(1, width - 2), height, counts[i]));
    }
    b.append("<line x1=\"0\" y1=\"").append(plot).append("\" x2=\"").append(SVG_WIDTH).append("\" y2=\"").append(plot)
        .append("\" class=\"axis\"/>\n");
    b.append("<text x=\"0\" y=\"").append(SVG_HEIGHT - 4).append("\" class=\"label\">").append(esc(fmt(lower)))
        .append("</text>\n<text x=\"").append(SVG_WIDTH).append("\" y=\"").append(SVG_HEIGHT - 4)
        .append("\" class=\"label\" text-anchor=\"end\">").append(esc(fmt(upper))).append("</text>\n</svg>\n");
  }

  private static String fmt(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.6g", d);
  }

  /** The most frequent values as a small table. */
  private static void topValues(StringBuilder b, String json) {
    Matcher m = VALUE_COUNT.matcher(json);
    StringBuilder rows = new StringBuilder();
    while (m.find()) {
      rows.append("<tr><td>").append(esc(unescapeJson(m.group(1)))).append("</td><td class=\"num\">")
          .append(m.group(2)).append("</td></tr>\n");
    }
    if (rows.length() > 0) {
      b.append("<table class=\"top-values\">\n<tr><th>top value</th><th>count</th></tr>\n").append(rows)
          .append("</table>\n");
    }
  }

  private static String unescapeJson(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, Math.min(s.length(), i + 5)), 16));
          i += 4;
        }
        default -> b.append(n);
      }
    }
    return b.toString();
  }

  /** A result set as an HTML table. */
  static void table(StringBuilder b, ResultTable t, String cls) {
    b.append("<table class=\"").append(cls).append("\">\n<tr>");
    for (String c : t.columns()) {
      b.append("<th>").append(esc(c)).append("</th>");
    }
    b.append("</tr>\n");
    for (List<Object> r : t.rows()) {
      b.append("<tr>");
      for (Object v : r) {
        b.append("<td>").append(v == null ? "" : esc(String.valueOf(v))).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  /** Text as HTML (element content and attribute values). */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #1d2330; }
      h1 { font-size: 1.6em; margin-bottom: 0.2em; }
      h2 { border-bottom: 2px solid #d7dce5; padding-bottom: 0.2em; margin-top: 1.6em; }
      h3 { margin: 0 0 0.4em 0; font-family: ui-monospace, monospace; }
      .meta, .part-name { color: #5b6472; font-size: 0.9em; }
      .none { color: #5b6472; font-style: italic; }
      .feature { border: 1px solid #d7dce5; border-radius: 6px; padding: 0.8em 1em; margin: 0.8em 0;
        display: inline-block; vertical-align: top; min-width: 440px; }
      table { border-collapse: collapse; margin: 0.4em 0; font-size: 0.9em; }
      th, td { border: 1px solid #d7dce5; padding: 0.2em 0.5em; text-align: left; }
      th { background: #f2f4f8; }
      td.num { text-align: right; }
      table.stats td { font-family: ui-monospace, monospace; max-width: 36em; overflow-wrap: anywhere; }
      svg.histogram { display: block; margin: 0.4em 0; }
      svg.histogram .bar { fill: #3b6fd8; }
      svg.histogram .axis { stroke: #5b6472; stroke-width: 1; }
      svg.histogram .label { font-size: 11px; fill: #5b6472; }
      """;
}
