package org.c2lab.core.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Outcomes tallied per (request, k): the unit the bootstrap resamples. Requests are ordered by id
 * so that a seeded bootstrap gives the same interval whatever order the outcomes arrived in.
 */
final class RequestTable {
  final List<String> requestIds;
  final int[] ks;
  final long[][] yes; // [request][k index]
  final long[][] count;

  private RequestTable(List<String> requestIds, int[] ks, long[][] yes, long[][] count) {
    this.requestIds = requestIds;
    this.ks = ks;
    this.yes = yes;
    this.count = count;
  }

  /** Tallies outcomes; rejects an empty collection and duplicate (request, k, path) keys. */
  static RequestTable of(Collection<SampleOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      throw new IllegalArgumentException("no outcomes to report on");
    }
    TreeSet<String> ids = new TreeSet<>();
    TreeSet<Integer> kSet = new TreeSet<>();
    Set<SampleKey> seen = new HashSet<>();
    long duplicates = 0;
    SampleKey example = null;
    for (SampleOutcome o : outcomes) {
      ids.add(o.requestId());
      kSet.add(o.k());
      if (!seen.add(o.key())) {
        duplicates++;
        example = example == null ? o.key() : example;
      }
    }
    if (duplicates > 0) {
      // A duplicated path would be double-counted: almost always a resumed job that re-appended.
      throw new IllegalArgumentException(
          duplicates + " duplicate (request, k, path) outcomes, e.g. " + example);
    }
    List<String> requestIds = List.copyOf(ids);
    int[] ks = kSet.stream().mapToInt(Integer::intValue).toArray();
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < requestIds.size(); i++) {
      row.put(requestIds.get(i), i);
    }
    long[][] yes = new long[requestIds.size()][ks.length];
    long[][] count = new long[requestIds.size()][ks.length];
    for (SampleOutcome o : outcomes) {
      int r = row.get(o.requestId());
      int c = Arrays.binarySearch(ks, o.k());
      count[r][c]++;
      if (o.corrected()) {
        yes[r][c]++;
      }
    }
    return new RequestTable(requestIds, ks, yes, count);
  }

  int requests() {
    return requestIds.size();
  }

  /** Corr_mean over all requests. */
  double corrMean() {
    int[] all = new int[requests()];
    Arrays.setAll(all, i -> i);
    return corrMean(all);
  }

  /**
   * Corr_mean over the requests at the given row indices (repeats allowed): Corr@k pooled over the
   * chosen rows, then averaged unweighted over the k values that have at least one path.
   */
  double corrMean(int[] rows) {
    double sum = 0;
    int present = 0;
    for (int c = 0; c < ks.length; c++) {
      long y = 0;
      long n = 0;
      for (int r : rows) {
        y += yes[r][c];
        n += count[r][c];
      }
      if (n > 0) {
        sum += (double) y / n;
        present++;
      }
    }
    return sum / present;
  }
}
