package org.c2lab.eval.synthesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.data.Words;
import org.c2lab.core.protocol.CutPoints;
import org.c2lab.core.protocol.Rank;
import org.c2lab.core.protocol.RankedResponses;

/**
 * What became of one selected request, as a line of the checkpoint {@code <out>.progress.jsonl}:
 * its pairs were written (15), or it was dropped after selection (0 pairs, with a reason). The
 * checkpoint says how many pair lines the output must hold, and carries the word lengths the final
 * statistics are computed from, so statistics survive any number of resumptions.
 *
 * @param requestId the request's row id
 * @param pairs pairs written for it: {@link RankedResponses#PAIRS} or 0
 * @param dropped why it has no pairs, or null
 * @param cutMethod how its FHR was cut, or null when it could not be cut
 * @param lengths word counts of SR, SYN1..SYN4, FHR (in {@link Rank} order), or empty when dropped
 */
record RequestOutcome(
    String requestId, int pairs, String dropped, String cutMethod, List<Integer> lengths) {
  /** Drop reason: the FHR cannot be cut into four prefixes. */
  static final String UNCUTTABLE = "uncuttable";

  /** Drop reason: the aligned model's answer from an empty turn was blank. */
  static final String BLANK_SAFE_RESPONSE = "blank_safe_response";

  private static final ObjectMapper JSON = new ObjectMapper();

  RequestOutcome {
    Objects.requireNonNull(requestId, "requestId");
    lengths = List.copyOf(lengths);
    if ((dropped == null) != (pairs == RankedResponses.PAIRS) || (dropped != null && pairs != 0)) {
      throw new IllegalArgumentException("a request has 15 pairs or a drop reason and none");
    }
    if (lengths.size() != (dropped == null ? Rank.values().length : 0)) {
      throw new IllegalArgumentException("expected one length per rank, got " + lengths);
    }
  }

  /** A request whose 15 pairs were written. */
  static RequestOutcome written(RankedResponses ranked, CutPoints.Method method) {
    List<Integer> lengths = new ArrayList<>();
    for (String r : ranked.responses()) {
      lengths.add(Words.count(r));
    }
    return new RequestOutcome(
        ranked.requestId(), RankedResponses.PAIRS, null, method.name(), lengths);
  }

  /** A request dropped after selection. */
  static RequestOutcome dropped(String requestId, String reason, CutPoints.Method method) {
    return new RequestOutcome(
        requestId, 0, reason, method == null ? null : method.name(), List.of());
  }

  String toJsonLine() {
    ObjectNode o = JSON.createObjectNode();
    o.put("request_id", requestId);
    o.put("pairs", pairs);
    o.put("dropped", dropped);
    o.put("cut_method", cutMethod);
    ArrayNode l = o.putArray("length_words");
    lengths.forEach(l::add);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * Reads a checkpoint line.
   *
   * @throws IllegalArgumentException when a field is missing or of the wrong type
   */
  static RequestOutcome fromJson(JsonNode o) {
    JsonNode id = o.get("request_id");
    JsonNode pairs = o.get("pairs");
    if (id == null || !id.isTextual() || pairs == null || !pairs.canConvertToInt()) {
      throw new IllegalArgumentException("request_id and pairs are required");
    }
    List<Integer> lengths = new ArrayList<>();
    o.path("length_words").forEach(n -> lengths.add(n.asInt()));
    return new RequestOutcome(
        id.asText(), pairs.asInt(), textOrNull(o, "dropped"), textOrNull(o, "cut_method"), lengths);
  }

  /** The unit key of a checkpoint line (its request id). */
  static String unitKey(JsonNode o) {
    return fromJson(o).requestId();
  }

  private static String textOrNull(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
