package org.c2lab.eval.synthesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.c2lab.core.data.WordLengthSummary;
import org.c2lab.core.protocol.Rank;
import org.c2lab.core.protocol.SynRequestFilter;
import org.c2lab.eval.checkpoint.UnitLog;

/**
 * The statistics of a C2-Syn run, {@code <out>.stats.json}: rows read, requests kept and dropped
 * with reasons (by the filter, or after selection), pairs written, how FHRs were cut, and the word
 * length distributions of SR, SYN1..SYN4 and FHR. Computed from the filter's counts and the
 * checkpoint log, never from state held in memory across the run, so it is the same after any
 * number of resumptions.
 */
final class SynStats {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SynStats() {}

  /**
   * The statistics document.
   *
   * @param selection the filter's state after the rows read so far
   * @param blankLines whitespace-only lines skipped by the reader
   * @param progress the checkpoint log
   * @param requestsTotal requests the run covers
   * @param complete whether every request was processed
   */
  static ObjectNode of(
      C2SynConfig config,
      SynRequestFilter.Selection selection,
      long blankLines,
      UnitLog progress,
      long requestsTotal,
      boolean complete)
      throws IOException {
    Map<String, Long> dropped = new TreeMap<>();
    long rows = selection.accepted();
    for (Map.Entry<SynRequestFilter.Reason, Long> e : selection.dropped().entrySet()) {
      dropped.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
      rows += e.getValue();
    }
    Map<Rank, WordLengthSummary.Accumulator> lengths = new EnumMap<>(Rank.class);
    for (Rank r : Rank.values()) {
      lengths.put(r, new WordLengthSummary.Accumulator());
    }
    Map<String, Long> cutMethods = new TreeMap<>();
    long[] counts = new long[3]; // processed, with pairs, pairs
    progress.forEach(
        line -> {
          RequestOutcome o = RequestOutcome.fromJson(line);
          counts[0]++;
          if (o.cutMethod() != null) {
            cutMethods.merge(o.cutMethod(), 1L, Long::sum);
          }
          if (o.dropped() != null) {
            dropped.merge(o.dropped(), 1L, Long::sum);
            return;
          }
          counts[1]++;
          counts[2] += o.pairs();
          for (Rank r : Rank.values()) {
            lengths.get(r).add(o.lengths().get(r.ordinal()));
          }
        });

    ObjectNode root = JSON.createObjectNode();
    root.put("kind", C2SynJob.KIND);
    root.put("complete", complete);
    root.put("rows_read", rows);
    root.put("blank_lines", blankLines);
    root.put("requests_selected", selection.accepted());
    root.put("requests_total", requestsTotal);
    root.put("requests_processed", counts[0]);
    root.put("requests_with_pairs", counts[1]);
    root.set("requests_dropped", JSON.valueToTree(dropped));
    root.put("pairs_written", counts[2]);
    root.set("cut_methods", JSON.valueToTree(cutMethods));
    ObjectNode byRank = root.putObject("length_words");
    lengths.forEach(
        (rank, acc) ->
            byRank.set(rank.name().toLowerCase(Locale.ROOT), JSON.valueToTree(acc.summary())));
    root.set("filter", JSON.valueToTree(config.filter()));
    return root;
  }

  /** The document as pretty-printed JSON with a final newline. */
  static String text(ObjectNode stats) throws IOException {
    return JSON.writeValueAsString(stats) + "\n";
  }
}
