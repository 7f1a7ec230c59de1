package org.c2lab.train.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Hugging Face {@code config.json} of a Llama-family decoder (Llama, Mistral, Qwen2, Phi-3 and
 * GLM share these fields), validated on construction: every size positive, heads dividing the
 * hidden size, query heads a multiple of key/value heads, an even number of rotary dimensions.
 * Defaults for absent optional fields are those of transformers' {@code LlamaConfig}.
 *
 * @param architectures e.g. {@code ["LlamaForCausalLM"]}; selects the {@link ModelFamily}
 * @param modelType e.g. {@code "llama"}
 * @param hiddenSize model width
 * @param intermediateSize MLP width
 * @param numHiddenLayers decoder layers
 * @param numAttentionHeads query heads
 * @param numKeyValueHeads key/value heads (GQA when fewer than query heads)
 * @param headDim per-head size ({@code head_dim}, default hidden size / heads)
 * @param vocabSize vocabulary size
 * @param maxPositionEmbeddings longest sequence the positions are trained for
 * @param rmsNormEps RMSNorm epsilon
 * @param ropeTheta rotary base
 * @param ropeScaling {@code rope_scaling}, or null for none
 * @param tieWordEmbeddings whether lm_head shares the embedding matrix
 * @param torchDtype the checkpoint's dtype as written ({@code torch_dtype} or {@code dtype})
 * @param bosTokenId beginning-of-sequence id, or null
 * @param eosTokenIds end-of-sequence ids (a single id or a list in the JSON)
 * @param attentionBias whether q/k/v/o projections have biases
 * @param hiddenAct MLP activation, {@code "silu"} for these families
 * @param slidingWindow {@code sliding_window}: how many most recent positions (itself included) a
 *     query sees, or null for all; null also when {@code use_sliding_window} is false (Qwen2)
 * @param partialRotaryFactor {@code partial_rotary_factor}: the share of each head that is rotated
 *     (GLM-4: 0.5), 1 by default
 * @param originalMaxPositionEmbeddings {@code original_max_position_embeddings} at the top level
 *     (Phi-3: the pre-training context that long-context rope scaling extends), or null
 */
public record ModelConfig(
    List<String> architectures,
    String modelType,
    int hiddenSize,
    int intermediateSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    int vocabSize,
    int maxPositionEmbeddings,
    double rmsNormEps,
    double ropeTheta,
    RopeScaling ropeScaling,
    boolean tieWordEmbeddings,
    String torchDtype,
    Integer bosTokenId,
    List<Integer> eosTokenIds,
    boolean attentionBias,
    String hiddenAct,
    Integer slidingWindow,
    double partialRotaryFactor,
    Integer originalMaxPositionEmbeddings) {

  /** The file name configs are read from and written to. */
  public static final String FILE_NAME = "config.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public ModelConfig {
    architectures = List.copyOf(Objects.requireNonNull(architectures, "architectures"));
    eosTokenIds = List.copyOf(Objects.requireNonNull(eosTokenIds, "eosTokenIds"));
    Objects.requireNonNull(modelType, "modelType");
    Objects.requireNonNull(torchDtype, "torchDtype");
    Objects.requireNonNull(hiddenAct, "hiddenAct");
    if (architectures.isEmpty()) {
      throw new ConfigException("architectures", "must name at least one architecture");
    }
    positive("hidden_size", hiddenSize);
    positive("intermediate_size", intermediateSize);
    positive("num_hidden_layers", numHiddenLayers);
    positive("num_attention_heads", numAttentionHeads);
    positive("num_key_value_heads", numKeyValueHeads);
    positive("head_dim", headDim);
    positive("vocab_size", vocabSize);
    positive("max_position_embeddings", maxPositionEmbeddings);
    if (hiddenSize % numAttentionHeads != 0) {
      throw new ConfigException(
          "num_attention_heads", numAttentionHeads + " does not divide hidden_size " + hiddenSize);
    }
    if (numAttentionHeads % numKeyValueHeads != 0) {
      throw new ConfigException(
          "num_key_value_heads",
          numKeyValueHeads + " does not divide num_attention_heads " + numAttentionHeads);
    }
    if (headDim % 2 != 0 && partialRotaryFactor == 1.0) {
      throw new ConfigException("head_dim", headDim + " is odd; rotary embeddings need pairs");
    }
    if (!(partialRotaryFactor > 0 && partialRotaryFactor <= 1)) {
      throw new ConfigException(
          "partial_rotary_factor", "must be in (0, 1], got " + partialRotaryFactor);
    }
    int rotary = (int) (headDim * partialRotaryFactor);
    if (rotary < 2 || rotary % 2 != 0) {
      throw new ConfigException(
          "partial_rotary_factor",
          partialRotaryFactor
              + " x head_dim "
              + headDim
              + " = "
              + rotary
              + " rotary dimensions;"
              + " rotary embeddings need a positive even number");
    }
    if (slidingWindow != null) {
      positive("sliding_window", slidingWindow);
    }
    if (originalMaxPositionEmbeddings != null) {
      positive("original_max_position_embeddings", originalMaxPositionEmbeddings);
    }
    if (!(rmsNormEps > 0) || !Double.isFinite(rmsNormEps)) {
      throw new ConfigException("rms_norm_eps", "must be a positive number, got " + rmsNormEps);
    }
    if (!(ropeTheta > 0) || !Double.isFinite(ropeTheta)) {
      throw new ConfigException("rope_theta", "must be a positive number, got " + ropeTheta);
    }
    for (int id : eosTokenIds) {
      tokenId("eos_token_id", id, vocabSize);
    }
    if (bosTokenId != null) {
      tokenId("bos_token_id", bosTokenId, vocabSize);
    }
  }

  /**
   * A config without sliding window, partial rotary embedding or original context length: the
   * fields of a Llama config.
   */
  public ModelConfig(
      List<String> architectures,
      String modelType,
      int hiddenSize,
      int intermediateSize,
      int numHiddenLayers,
      int numAttentionHeads,
      int numKeyValueHeads,
      int headDim,
      int vocabSize,
      int maxPositionEmbeddings,
      double rmsNormEps,
      double ropeTheta,
      RopeScaling ropeScaling,
      boolean tieWordEmbeddings,
      String torchDtype,
      Integer bosTokenId,
      List<Integer> eosTokenIds,
      boolean attentionBias,
      String hiddenAct) {
    this(
        architectures,
        modelType,
        hiddenSize,
        intermediateSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        vocabSize,
        maxPositionEmbeddings,
        rmsNormEps,
        ropeTheta,
        ropeScaling,
        tieWordEmbeddings,
        torchDtype,
        bosTokenId,
        eosTokenIds,
        attentionBias,
        hiddenAct,
        null,
        1.0,
        null);
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw new ConfigException(field, "must be a positive integer, got " + value);
    }
  }

  private static void tokenId(String field, int id, int vocabSize) {
    if (id < 0 || id >= vocabSize) {
      throw new ConfigException(field, id + " is outside the vocabulary 0.." + (vocabSize - 1));
    }
  }

  /** Query heads per key/value head (1 without GQA). */
  public int groupSize() {
    return numAttentionHeads / numKeyValueHeads;
  }

  /** How many leading dimensions of each head the rotary embedding turns (all by default). */
  public int rotaryDim() {
    return (int) (headDim * partialRotaryFactor);
  }

  /** The first architecture, e.g. {@code LlamaForCausalLM}. */
  public String architecture() {
    return architectures.get(0);
  }

  /** Reads and validates {@code config.json}; errors name the file and the field. */
  public static ModelConfig read(Path configJson) throws IOException {
    return read(configJson, architectures -> Map.of());
  }

  /**
   * Reads and validates {@code config.json}; fields the file does not have at all (an explicit null
   * counts as having it) take the values {@code defaults} gives for the file's {@code
   * architectures}, then {@code LlamaConfig}'s. This is how transformers' per-family config classes
   * fill absent fields (e.g. GLM's {@code attention_bias} defaults to true).
   */
  public static ModelConfig read(
      Path configJson, Function<List<String>, Map<String, Object>> defaults) throws IOException {
    String name = configJson.getFileName().toString();
    JsonNode root;
    try {
      root = JSON.readTree(configJson.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException(name, "<json>", "not valid JSON: " + e.getOriginalMessage());
    }
    try {
      if (root == null || !root.isObject()) {
        throw new ConfigException("<json>", "not a JSON object");
      }
      List<String> architectures = new ArrayList<>();
      root.path("architectures").forEach(a -> architectures.add(a.asText()));
      ObjectNode complete = (ObjectNode) root;
      defaults
          .apply(architectures)
          .forEach(
              (field, value) -> {
                if (!complete.has(field)) {
                  complete.set(field, JSON.valueToTree(value));
                }
              });
      return fromJson(complete);
    } catch (ConfigException e) {
      throw e.inFile(name);
    }
  }

  /** Builds a config from a parsed {@code config.json} object. */
  public static ModelConfig fromJson(JsonNode root) {
    ConfigFields f = new ConfigFields(root);
    int hidden = f.requiredInt("hidden_size");
    int heads = f.requiredInt("num_attention_heads");
    return new ModelConfig(
        f.stringList("architectures"),
        f.string("model_type", "llama"),
        hidden,
        f.requiredInt("intermediate_size"),
        f.requiredInt("num_hidden_layers"),
        heads,
        f.optionalInt("num_key_value_heads", heads),
        f.optionalInt("head_dim", heads > 0 ? hidden / heads : 0),
        f.requiredInt("vocab_size"),
        f.optionalInt("max_position_embeddings", 2048),
        f.optionalDouble("rms_norm_eps", 1e-6),
        f.optionalDouble("rope_theta", 10000.0),
        f.ropeScaling("rope_scaling"),
        f.optionalBoolean("tie_word_embeddings", false),
        f.string("torch_dtype", f.string("dtype", "float32")),
        f.optionalInteger("bos_token_id"),
        f.intOrIntList("eos_token_id"),
        f.optionalBoolean("attention_bias", false),
        f.string("hidden_act", "silu"),
        // Qwen2 keeps sliding_window in its config but applies it only with use_sliding_window.
        f.optionalBoolean("use_sliding_window", true) ? f.optionalInteger("sliding_window") : null,
        f.optionalDouble("partial_rotary_factor", 1.0),
        f.optionalInteger("original_max_position_embeddings"));
  }

  /** This config as a Hugging Face {@code config.json} object. */
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    architectures.forEach(o.putArray("architectures")::add);
    o.put("model_type", modelType);
    o.put("hidden_size", hiddenSize);
    o.put("intermediate_size", intermediateSize);
    o.put("num_hidden_layers", numHiddenLayers);
    o.put("num_attention_heads", numAttentionHeads);
    o.put("num_key_value_heads", numKeyValueHeads);
    o.put("head_dim", headDim);
    o.put("vocab_size", vocabSize);
    o.put("max_position_embeddings", maxPositionEmbeddings);
    o.put("rms_norm_eps", rmsNormEps);
    o.put("rope_theta", ropeTheta);
    if (ropeScaling == null) {
      o.putNull("rope_scaling");
    } else {
      Map<String, Object> m = new LinkedHashMap<>(ropeScaling.parameters());
      m.putIfAbsent("rope_type", ropeScaling.type());
      o.set("rope_scaling", JSON.valueToTree(m));
    }
    o.put("tie_word_embeddings", tieWordEmbeddings);
    o.put("torch_dtype", torchDtype);
    if (bosTokenId == null) {
      o.putNull("bos_token_id");
    } else {
      o.put("bos_token_id", bosTokenId);
    }
    if (eosTokenIds.size() == 1) {
      o.put("eos_token_id", eosTokenIds.get(0));
    } else {
      eosTokenIds.forEach(o.putArray("eos_token_id")::add);
    }
    o.put("attention_bias", attentionBias);
    o.put("hidden_act", hiddenAct);
    if (slidingWindow != null) {
      o.put("sliding_window", slidingWindow);
    }
    if (partialRotaryFactor != 1.0) {
      o.put("partial_rotary_factor", partialRotaryFactor);
    }
    if (originalMaxPositionEmbeddings != null) {
      o.put("original_max_position_embeddings", originalMaxPositionEmbeddings);
    }
    return o;
  }

  /** Writes {@code config.json} into {@code dir}. */
  public Path write(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    JSON.writeValue(file.toFile(), toJson());
    return file;
  }

  /** Typed access to config fields; failures name the field. */
  private record ConfigFields(JsonNode root) {
    private JsonNode get(String field) {
      JsonNode n = root.get(field);
      return n == null || n.isNull() ? null : n;
    }

    int requiredInt(String field) {
      JsonNode n = get(field);
      if (n == null) {
        throw new ConfigException(field, "is required");
      }
      return integer(field, n);
    }

    int optionalInt(String field, int fallback) {
      JsonNode n = get(field);
      return n == null ? fallback : integer(field, n);
    }

    Integer optionalInteger(String field) {
      JsonNode n = get(field);
      return n == null ? null : integer(field, n);
    }

    private static int integer(String field, JsonNode n) {
      if (!n.isIntegralNumber() || !n.canConvertToInt()) {
        throw new ConfigException(field, "must be an integer, got " + n);
      }
      return n.intValue();
    }

    double optionalDouble(String field, double fallback) {
      JsonNode n = get(field);
      if (n == null) {
        return fallback;
      }
      if (!n.isNumber()) {
        throw new ConfigException(field, "must be a number, got " + n);
      }
      return n.doubleValue();
    }

    boolean optionalBoolean(String field, boolean fallback) {
      JsonNode n = get(field);
      if (n == null) {
        return fallback;
      }
      if (!n.isBoolean()) {
        throw new ConfigException(field, "must be true or false, got " + n);
      }
      return n.booleanValue();
    }

    String string(String field, String fallback) {
      JsonNode n = get(field);
      if (n == null) {
        return fallback;
      }
      if (!n.isTextual()) {
        throw new ConfigException(field, "must be a string, got " + n);
      }
      return n.textValue();
    }

    List<String> stringList(String field) {
      JsonNode n = get(field);
      if (n == null || !n.isArray() || n.isEmpty()) {
        throw new ConfigException(field, "must be a non-empty list of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          throw new ConfigException(field, "must be a list of strings, has " + e);
        }
        out.add(e.textValue());
      }
      return out;
    }

    List<Integer> intOrIntList(String field) {
      JsonNode n = get(field);
      if (n == null) {
        return List.of();
      }
      if (!n.isArray()) {
        return List.of(integer(field, n));
      }
      List<Integer> out = new ArrayList<>();
      n.forEach(e -> out.add(integer(field, e)));
      return out;
    }

    RopeScaling ropeScaling(String field) {
      JsonNode n = get(field);
      if (n == null) {
        return null;
      }
      if (!n.isObject()) {
        throw new ConfigException(field, "must be null or an object, got " + n);
      }
      JsonNode type = n.hasNonNull("rope_type") ? n.get("rope_type") : n.get("type");
      if (type == null || !type.isTextual()) {
        throw new ConfigException(field + ".rope_type", "is required (a string)");
      }
      Map<String, Object> params = new LinkedHashMap<>();
      n.fields()
          .forEachRemaining(
              e -> {
                JsonNode v = e.getValue();
                params.put(e.getKey(), ropeValue(v));
              });
      return new RopeScaling(type.textValue(), params);
    }

    /** Numbers as Number, strings as String, lists of numbers (longrope factors) as lists. */
    private static Object ropeValue(JsonNode v) {
      if (v.isNumber()) {
        return v.numberValue();
      }
      if (v.isTextual()) {
        return v.textValue();
      }
      if (v.isArray()) {
        List<Object> out = new ArrayList<>();
        v.forEach(e -> out.add(ropeValue(e)));
        return List.copyOf(out);
      }
      return v.toString();
    }
  }
}
