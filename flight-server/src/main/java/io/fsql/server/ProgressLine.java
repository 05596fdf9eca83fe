package io.fsql.server;

import io.fsql.planner.engine.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Renders progress as one line on a terminal that each update rewrites in place (a carriage
 * return, the text, blanks over what the previous text left), cleared when the work stops.
 */
public final class ProgressLine implements Progress.Listener {
  private final PrintStream out;
  private int shown;

  public ProgressLine(PrintStream out) {
    this.out = out;
  }

  /**
   * {@code stage 7: 3/8 tasks, 1,000 rows written, 2.4 s} (with "(+n stages)" when several run;
   * {@code starting, 0.2 s} before the first stage).
   */
  public static String text(Progress p) {
    StringBuilder b = new StringBuilder();
    if (p.stage() < 0) {
      b.append("starting");
    } else {
      b.append("stage ").append(p.stage());
      if (p.activeStages() > 1) {
        b.append(" (+").append(p.activeStages() - 1).append(p.activeStages() == 2 ? " stage)" : " stages)");
      }
      b.append(": ").append(p.tasksDone()).append('/').append(p.tasksTotal()).append(" tasks");
    }
    if (p.rowsWritten() >= 0) {
      b.append(String.format(Locale.ROOT, ", %,d rows written", p.rowsWritten()));
    }
    b.append(String.format(Locale.ROOT, ", %.1f s", p.elapsedMillis() / 1000.0));
    return b.toString();
  }

  @Override
  public synchronized void update(Progress p) {
    String line = text(p);
    out.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
    out.flush();
    shown = line.length();
  }

  @Override
  public synchronized void idle() {
    if (shown > 0) {
      out.print("\r" + " ".repeat(shown) + "\r");
      out.flush();
      shown = 0;
    }
  }
}
