package io.fsql.bench;

import java.util.List;

/**
 * One ratio (or rate) a benchmark measured, with the goal the issues set for it: at most or at
 * least a target. A ratio with no goal (target NaN) is reported but not judged; a value not
 * measured (NaN) never meets its goal. Each benchmark returns its goals; {@link Summary} renders
 * them into results/SUMMARY.md.
 */
record Goal(String bench, String what, double value, boolean atMost, double target, String source) {
  static final List<String> HEADER = List.of("measured", "value", "goal", "met");

  static Goal atMost(String bench, String what, double value, double target) {
    return new Goal(bench, what, value, true, target, "");
  }

  static Goal atLeast(String bench, String what, double value, double target) {
    return new Goal(bench, what, value, false, target, "");
  }

  /** A ratio reported without a goal. */
  static Goal reported(String bench, String what, double value) {
    return new Goal(bench, what, value, true, Double.NaN, "");
  }

  /** The same goal, saying which issue set it. */
  Goal from(String issue) {
    return new Goal(bench, what, value, atMost, target, issue);
  }

  boolean judged() {
    return !Double.isNaN(target);
  }

  boolean measured() {
    return !Double.isNaN(value) && !Double.isInfinite(value);
  }

  boolean met() {
    return judged() && measured() && (atMost ? value <= target : value >= target);
  }

  String goalText() {
    if (!judged()) {
      return "none (reported)";
    }
    return (atMost ? "<= " : ">= ") + number(target) + (source.isEmpty() ? "" : " (" + source + ")");
  }

  String verdict() {
    if (!measured()) {
      return "not measured";
    }
    if (!judged()) {
      return "";
    }
    return met() ? "yes" : "NO";
  }

  String valueText() {
    return measured() ? number(value) : "n/a";
  }

  List<String> cells() {
    return List.of(what, valueText(), goalText(), verdict());
  }

  /** Two decimals below 100, thousands separators above (rates such as rows/s). */
  static String number(double v) {
    return Math.abs(v) >= 100 ? Report.grouped(v) : Report.fmt(v, 2);
  }
}
