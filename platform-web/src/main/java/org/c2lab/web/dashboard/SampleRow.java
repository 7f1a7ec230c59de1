package org.c2lab.web.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.c2lab.core.metrics.SampleOutcome;
import org.c2lab.core.store.SampleRecord;

/**
 * One judged C2-Eval path as the samples table shows it, read from a run's sample record (the JSON
 * line of {@code samples.jsonl}: {@code request_id, k, path, corrected, judge_id, request, prefix,
 * continuation}, ...).
 *
 * @param key the record's key
 * @param requestId the request
 * @param k prefix length in words
 * @param path the sampled path
 * @param corrected the judge's verdict
 * @param judge the judge's id, or empty
 * @param disagreement whether several judges' verdicts on it differ: {@code judge_disagreement:
 *     true}, or a {@code verdicts} object ({@code {judge id: corrected}}) with both values
 * @param request the harmful request
 * @param prefix the prefilled harmful prefix
 * @param continuation the model's continuation
 */
record SampleRow(
    String key,
    String requestId,
    int k,
    int path,
    boolean corrected,
    String judge,
    boolean disagreement,
    String request,
    String prefix,
    String continuation) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The row of a C2-Eval record, or empty for records of another shape (e.g. C2-Syn pairs). */
  static Optional<SampleRow> of(SampleRecord record) {
    JsonNode o;
    try {
      o = JSON.readTree(record.json());
    } catch (IOException e) {
      throw new UncheckedIOException("sample " + record.key(), e);
    }
    if (!o.hasNonNull("request_id") || !o.hasNonNull("k") || !o.hasNonNull("corrected")) {
      return Optional.empty();
    }
    return Optional.of(
        new SampleRow(
            record.key(),
            o.get("request_id").asText(),
            o.get("k").asInt(),
            o.path("path").asInt(),
            o.get("corrected").asBoolean(),
            o.path("judge_id").asText(""),
            disagreement(o),
            o.path("request").asText(""),
            o.path("prefix").asText(""),
            o.path("continuation").asText("")));
  }

  private static boolean disagreement(JsonNode o) {
    if (o.path("judge_disagreement").asBoolean(false)) {
      return true;
    }
    JsonNode verdicts = o.path("verdicts");
    Set<Boolean> seen = new HashSet<>();
    for (Iterator<JsonNode> it = verdicts.elements(); it.hasNext(); ) {
      seen.add(it.next().asBoolean());
    }
    return seen.size() > 1;
  }

  /** The outcome core's metrics take. */
  SampleOutcome outcome() {
    return new SampleOutcome(requestId, k, path, corrected);
  }
}
