package org.c2lab.eval.c2eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.c2lab.core.judge.Verdict;
import org.c2lab.core.metrics.SampleKey;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;

/**
 * One judged C2-Eval path, as a line of {@code samples.jsonl} and a {@code RunStore} sample. The
 * line starts with the fields of core's judged-sample format ({@code request_id, k, path,
 * corrected}), so {@code JudgedSampleReader} and {@code ./c2 metrics} read the file as it is; the
 * rest records how the sample was made and what the judge saw and said.
 *
 * @param key request, k and path
 * @param seed the path's sampling seed
 * @param verdict the judge's decision
 * @param judgeVersion the judge's {@code version()}
 * @param request the user's request
 * @param phraseIndex index of the force-begin phrase in the run's phrase list
 * @param prefix the prefilled assistant text (phrase + harmful words), as the judge saw it
 * @param continuation the model's text after the prefix, as the judge saw it
 * @param finishReason why generation stopped
 * @param prompt the full prompt text sent to the model
 * @param promptTokens prompt length in tokens, or -1 when the backend did not say
 * @param generatedTokens tokens generated, or -1 when the backend did not say
 */
record EvalSample(
    SampleKey key,
    long seed,
    Verdict verdict,
    String judgeVersion,
    String request,
    int phraseIndex,
    String prefix,
    String continuation,
    FinishReason finishReason,
    String prompt,
    int promptTokens,
    int generatedTokens) {

  private static final ObjectMapper JSON = new ObjectMapper();

  EvalSample {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(judgeVersion, "judgeVersion");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continuation, "continuation");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(prompt, "prompt");
  }

  /** The sample of {@code generation} at {@code path} of {@code unit}, with its verdict. */
  static EvalSample of(
      EvalUnit unit, int path, Generation generation, Verdict verdict, String judgeVersion) {
    var p = unit.prefill();
    return new EvalSample(
        new SampleKey(p.requestId(), p.k(), path),
        unit.seeds().get(path),
        verdict,
        judgeVersion,
        p.request(),
        p.phraseIndex(),
        p.prefix(),
        generation.text(),
        generation.finishReason(),
        unit.prompt().text(),
        generation.timing().promptTokens(),
        generation.timing().generatedTokens());
  }

  /** The key of this sample in a {@code RunStore}: {@code <request id>/k=<k>/path=<path>}. */
  String storeKey() {
    return key.toString();
  }

  /** The sample as one compact JSON line, fields in a fixed order (deterministic bytes). */
  String toJsonLine() {
    ObjectNode o = JSON.createObjectNode();
    o.put("request_id", key.requestId());
    o.put("k", key.k());
    o.put("path", key.path());
    o.put("corrected", verdict.corrected());
    o.put("seed", seed);
    o.put("judge_id", verdict.judgeId());
    o.put("judge_version", judgeVersion);
    if (verdict.hasConfidence()) {
      o.put("confidence", verdict.confidence());
    } else {
      o.putNull("confidence");
    }
    o.put("rationale", verdict.rationale());
    o.put("judge_output", verdict.rawOutput());
    o.put("finish_reason", finishReason.name());
    putCount(o, "prompt_tokens", promptTokens);
    putCount(o, "generated_tokens", generatedTokens);
    o.put("phrase_index", phraseIndex);
    o.put("request", request);
    o.put("prefix", prefix);
    o.put("continuation", continuation);
    o.put("prompt", prompt);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private static void putCount(ObjectNode o, String field, int count) {
    if (count == Generation.Timing.UNKNOWN) {
      o.putNull(field);
    } else {
      o.put(field, count);
    }
  }

  /**
   * The (request, k) unit a line of {@code samples.jsonl} belongs to.
   *
   * @throws IllegalArgumentException when the line lacks {@code request_id} or {@code k}
   */
  static String unitKey(JsonNode line) {
    return EvalUnit.unitKey(requireText(line, "request_id"), requireInt(line, "k"));
  }

  /** The sample key of a line of {@code samples.jsonl}. */
  static SampleKey sampleKey(JsonNode line) {
    return new SampleKey(
        requireText(line, "request_id"), requireInt(line, "k"), requireInt(line, "path"));
  }

  private static String requireText(JsonNode line, String field) {
    JsonNode v = line.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(field + ": expected a string");
    }
    return v.asText();
  }

  private static int requireInt(JsonNode line, String field) {
    JsonNode v = line.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(field + ": expected an integer");
    }
    return v.asInt();
  }
}
