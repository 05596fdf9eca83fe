package io.fsql.tests.stats;

import static io.fsql.tests.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fsql.planner.engine.FsqlEngine;
import io.fsql.planner.engine.Session;
import io.fsql.server.FsqlCli;
import io.fsql.server.report.HtmlReport;
import io.fsql.server.report.ResultTable;
import io.fsql.storage.EmbeddedEngines;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fsql report}: the HTML page of a group with 3 commits, checked for its parts against SHOW
 * STATISTICS and SHOW COMMITS, and rendered by headless Chromium when /usr/bin/chromium exists.
 */
class ReportTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  @TempDir
  static Path tmp;
  static Path home;
  static FsqlEngine engine;
  static Session s;
  static Path report;
  static String html;

  @BeforeAll
  static void setUp() throws Exception {
    home = tmp.resolve("home");
    engine = EmbeddedEngines.acquire(home);
    s = engine.openSession();
    s.execute("CREATE FEATURE GROUP r (k BIGINT, amount DOUBLE, qty INTEGER, label VARCHAR) PRIMARY KEY (k)");
    s.execute("INSERT INTO r VALUES (1, 10.5, 3, 'a'), (2, 20.0, NULL, 'b'), (3, 7.25, 9, 'a')");
    s.execute("INSERT INTO r VALUES (4, 99.0, 1, 'b'), (5, NULL, 2, 'a')");
    s.execute("INSERT INTO r VALUES (6, 1.0, 4, 'c'), (7, 2.0, 4, NULL), (8, 3.0, 5, '<b>&\"x')");
    report = tmp.resolve("r.html");
    int code = new CommandLine(new FsqlCli()).execute("report", "r", "--out", report.toString(),
        "--home", home.toString(), "--drift-against", "r");
    assertThat(code).isEqualTo(0);
    html = Files.readString(report, StandardCharsets.UTF_8);
  }

  @AfterAll
  static void tearDown() {
    EmbeddedEngines.release(home);
  }

  /** The HTML of one feature's block. */
  static String feature(String name) {
    Matcher m = Pattern.compile("<div class=\"feature\" data-feature=\"" + name + "\">(.*?)\n</div>\n</div>",
        Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("feature " + name).isTrue();
    return m.group(1);
  }

  static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void theReportHasEveryPart() {
    // self-contained: inline CSS, no script, nothing fetched
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>");
    assertThat(html).doesNotContain("<script", "src=", "href=", "<link", "@import", "url(");
    // the commit history: all 3 commits
    String commitsSection = html.substring(html.indexOf("<section id=\"commits\">"), html.indexOf("<section id=\"validations\">"));
    List<List<Object>> commits = query(s, "SHOW COMMITS FOR r");
    assertThat(commits).hasSize(3);
    assertThat(occurrences(commitsSection, "<tr><td>")).isEqualTo(3);
    for (List<Object> c : commits) {
      assertThat(commitsSection).contains("<td>" + c.get(0) + "</td>");
    }
    // one histogram per numeric feature, one bar per bin; none for the string feature
    for (String numeric : List.of("k", "amount", "qty")) {
      String f = feature(numeric);
      assertThat(occurrences(f, "<svg class=\"histogram\"")).as(numeric).isEqualTo(1);
      assertThat(occurrences(f, "<rect class=\"bar\"")).as(numeric).isEqualTo(20);
    }
    assertThat(feature("label")).doesNotContain("<svg").contains("<table class=\"top-values\">");
    // the statistics are SHOW STATISTICS's
    for (List<Object> row : query(s, "SHOW STATISTICS FOR r")) {
      String f = feature((String) row.get(2));
      String[] names = {"type", "count", "nulls", "distinct_approx", "min", "max", "mean", "stddev", "quantiles"};
      int[] at = {3, 4, 5, 6, 7, 8, 9, 10, 11};
      for (int i = 0; i < names.length; i++) {
        if (row.get(at[i]) != null) {
          assertThat(f).as(row.get(2) + " " + names[i])
              .contains("<td class=\"stat-" + names[i] + "\">" + HtmlReport.esc(String.valueOf(row.get(at[i]))) + "</td>");
        }
      }
    }
    assertThat(feature("amount")).contains("<td class=\"stat-count\">3</td>", "<td class=\"stat-nulls\">0</td>",
        "<td class=\"stat-mean\">2.0</td>");
    // text is escaped
    assertThat(feature("label")).contains("<td class=\"stat-min\">&lt;b&gt;&amp;&quot;x</td>",
        "<tr><td>&lt;b&gt;&amp;&quot;x</td><td class=\"num\">1</td></tr>");
    assertThat(html).doesNotContain("<b>");
    // a group without expectations has no validation history
    assertThat(html).contains("<section id=\"validations\">\n<h2>Validation history</h2>\n"
        + "<p class=\"none\">no validations recorded</p>");
    // drift of the group against itself: SHOW DRIFT's rows, every feature compared, none drifted
    String driftSection = html.substring(html.indexOf("<section id=\"drift\">"));
    List<List<Object>> drift = query(s, "SHOW DRIFT FOR r AGAINST r");
    assertThat(drift).isNotEmpty();
    assertThat(driftSection).doesNotContain("drift not available").contains("<table class=\"drift\">");
    assertThat(occurrences(driftSection, "<tr><td>")).isEqualTo(drift.size());
    for (List<Object> row : drift) {
      assertThat(driftSection).contains("<tr><td>" + HtmlReport.esc(String.valueOf(row.get(0))) + "</td><td>");
      assertThat(row.get(5)).as("drifted " + row).isEqualTo(false);
    }
    assertThat(drift.stream().map(r -> r.get(0)).distinct().toList())
        .containsExactlyInAnyOrder("amount", "qty", "label");
  }

  @Test
  void validationsAndDriftRenderFromTheirResultSets() {
    ResultTable validations = new ResultTable(
        List.of("rule", "outcome", "rows_checked", "rows_violating", "commit", "time"),
        List.of(List.of("amount >= 0", "PASSED", 3L, 0L, "20260101000000000", "2026-01-01 00:00:00"),
            java.util.Arrays.asList("<rule>", "REJECTED", 2L, 1L, null, "2026-01-02 00:00:00")));
    ResultTable drift = new ResultTable(List.of("feature", "psi", "drifted"), List.of(List.of("amount", 0.31, true)));
    String page = HtmlReport.render(new HtmlReport.Content("feature group", "g<1>", "now", null,
        null, validations, drift, null));
    assertThat(page).contains("<title>fsql report: feature group g&lt;1&gt;</title>");
    assertThat(page).contains("<tr><th>rule</th><th>outcome</th><th>rows_checked</th><th>rows_violating</th>"
        + "<th>commit</th><th>time</th></tr>");
    assertThat(page).contains("<tr><td>amount &gt;= 0</td><td>PASSED</td><td>3</td><td>0</td>"
        + "<td>20260101000000000</td><td>2026-01-01 00:00:00</td></tr>");
    assertThat(page).contains("<tr><td>&lt;rule&gt;</td><td>REJECTED</td><td>2</td><td>1</td><td></td>");
    assertThat(page).contains("<tr><td>amount</td><td>0.31</td><td>true</td></tr>");
    assertThat(page).contains("no statistics recorded").doesNotContain("no validations recorded");
  }

  @Test
  void aMissingObjectIsAOneLineError() throws Exception {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new CommandLine(new FsqlCli()).execute("report", "nope", "--out", tmp.resolve("n.html").toString(),
          "--home", home.toString());
    } finally {
      System.setErr(old);
    }
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("ERROR: no feature group or training dataset is named 'nope'" + System.lineSeparator());
    assertThat(tmp.resolve("n.html")).doesNotExist();
  }

  /** Headless Chromium renders the page: the screenshot shows the histograms' bars. */
  @Test
  void itRendersInARealBrowser() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "/usr/bin/chromium is not installed");
    Path png = tmp.resolve("report.png");
    Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1280,1600",
        "--screenshot=" + png, report.toUri().toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile())
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(tmp.resolve("chromium.log")));
    }
    assertThat(png).as(Files.readString(tmp.resolve("chromium.log"))).exists();
    BufferedImage image = ImageIO.read(new File(png.toString()));
    assertThat(image.getWidth()).isEqualTo(1280);
    long barPixels = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        // the bars' colour #3b6fd8 (a little tolerance for colour management)
        if (Math.abs(((rgb >> 16) & 0xFF) - 0x3B) <= 8 && Math.abs(((rgb >> 8) & 0xFF) - 0x6F) <= 8
            && Math.abs((rgb & 0xFF) - 0xD8) <= 8) {
          barPixels++;
        }
      }
    }
    assertThat(barPixels).as("pixels of the histograms' bar colour").isGreaterThan(500);
  }
}
