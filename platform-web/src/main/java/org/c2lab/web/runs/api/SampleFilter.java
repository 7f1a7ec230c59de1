package org.c2lab.web.runs.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.web.runs.RunService;

/** A page of a run's C2-Eval samples of one k and/or one verdict, in append order. */
final class SampleFilter {
  private SampleFilter() {}

  static Page<SampleRecord> page(
      RunService runs, String id, PageRequest page, Integer k, String verdict) {
    List<SampleRecord> matching = new ArrayList<>();
    for (PageRequest p = PageRequest.first(PageRequest.MAX_LIMIT); ; p = p.next()) {
      Page<SampleRecord> chunk = runs.samples(id, p);
      for (SampleRecord s : chunk.items()) {
        if (matches(s, k, verdict)) {
          matching.add(s);
        }
      }
      if (!chunk.hasMore()) {
        break;
      }
    }
    return Page.of(matching, page);
  }

  private static boolean matches(SampleRecord s, Integer k, String verdict) {
    JsonNode n;
    try {
      n = Api.JSON.readTree(s.json());
    } catch (IOException e) {
      return false;
    }
    if (k != null && n.path("k").asInt(-1) != k) {
      return false;
    }
    if (verdict != null) {
      boolean corrected = n.path("corrected").asBoolean(false);
      return corrected == verdict.equals("corrected");
    }
    return true;
  }
}
