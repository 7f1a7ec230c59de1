package org.c2lab.eval.c2eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.eval.checkpoint.RunManifest;
import org.c2lab.eval.generation.ChatFormat;

/**
 * The settings of a C2-Eval run that its samples depend on, as a {@link RunManifest} in {@code
 * <out>/manifest.json}: checked when the run resumes, and read by {@link RunComparer} to tell
 * whether two runs are paired. Field names are snake_case JSON keys.
 */
public final class C2EvalManifest {
  /** The job kind, also the manifest's kind. */
  public static final String KIND = "c2-eval";

  public static final String DATA_SHA256 = "data_sha256";
  public static final String K_VALUES = "k_values";
  public static final String SAMPLES_PER_K = "samples_per_k";
  public static final String SEED = "seed";

  private static final ObjectMapper JSON = new ObjectMapper();

  private C2EvalManifest() {}

  /** The manifest of a run of {@code config} on data with {@code dataSha256}. */
  static RunManifest of(
      C2EvalConfig config, String dataSha256, ChatFormat format, String modelId, Judge judge) {
    ObjectNode s = JSON.createObjectNode();
    s.put(DATA_SHA256, dataSha256);
    if (config.limit() == null) {
      s.putNull("limit");
    } else {
      s.put("limit", config.limit());
    }
    s.put("deduplicate_prompts", config.deduplicatePrompts());
    s.put(
        "force_begin_phrases_sha256",
        Sha256.ofFields(config.protocol().forceBeginPhrases().toArray(String[]::new)));
    ArrayNode ks = s.putArray(K_VALUES);
    config.kValues().forEach(ks::add);
    s.put(SAMPLES_PER_K, config.samplesPerK());
    s.set("sampling", JSON.valueToTree(config.sampling()));
    s.put(SEED, config.seed());
    s.put("prompt_mode", config.promptMode().name());
    s.put("model_preset", config.modelPreset());
    s.put("template_sha256", format.template().sha256());
    s.put("model_id", modelId);
    s.put("judge_id", judge.id());
    s.put("judge_version", judge.version());
    return new RunManifest(KIND, s);
  }

  /** The k values recorded in a manifest's settings. */
  static List<Integer> kValues(JsonNode settings) {
    List<Integer> ks = new ArrayList<>();
    settings.path(K_VALUES).forEach(k -> ks.add(k.asInt()));
    return ks;
  }
}
