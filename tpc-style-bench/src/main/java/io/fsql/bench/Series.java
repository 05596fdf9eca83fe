package io.fsql.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The measured values (nanoseconds) of one measurement; warm-up runs are never added. */
final class Series {
  final String name;
  /** Units of work in one run (rows, statements), for the throughput column. */
  final double unitsPerRun;
  private final List<Long> nanos = new ArrayList<>();
  private final List<Long> warmups = new ArrayList<>();

  Series(String name, double unitsPerRun) {
    this.name = name;
    this.unitsPerRun = unitsPerRun;
  }

  void add(long ns) {
    nanos.add(ns);
  }

  /** A discarded warm-up value (kept only to show convergence). */
  void addWarmup(long ns) {
    warmups.add(ns);
  }

  List<Long> warmupValues() {
    return Collections.unmodifiableList(warmups);
  }

  int runs() {
    return nanos.size();
  }

  List<Long> values() {
    return Collections.unmodifiableList(nanos);
  }

  private List<Long> sorted() {
    List<Long> s = new ArrayList<>(nanos);
    Collections.sort(s);
    return s;
  }

  double median() {
    List<Long> s = sorted();
    int n = s.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
  }

  double min() {
    return nanos.isEmpty() ? Double.NaN : sorted().get(0);
  }

  double max() {
    return nanos.isEmpty() ? Double.NaN : sorted().get(nanos.size() - 1);
  }

  /** Units per second at the median time. */
  double throughput() {
    return unitsPerRun / (median() / 1e9);
  }
}
