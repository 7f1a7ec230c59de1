package org.c2lab.train.model.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.safetensors.SafetensorsWriter;

/**
 * Small random checkpoints of the Llama-like families in their Hugging Face layouts (Phi-3's fused
 * qkv_proj and gate_up_proj, GLM's fused gate_up_proj, Qwen2's q/k/v biases), written from this
 * class's own knowledge of each layout, for comparing against NaiveLlama.
 */
final class TinyCheckpoints {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to write. {@code ropeScaling} is a JSON object or null; {@code bias} is config.json's
   * attention_bias (Qwen2 has q/k/v biases regardless); {@code extraConfig} is a JSON object merged
   * into config.json last, or null.
   */
  record Spec(
      int hidden,
      int layers,
      int heads,
      int kvHeads,
      int intermediate,
      int vocab,
      DType dtype,
      boolean sharded,
      boolean tied,
      boolean bias,
      double ropeTheta,
      String ropeScaling,
      String architecture,
      String extraConfig) {

    /** A Llama checkpoint. */
    Spec(
        int hidden,
        int layers,
        int heads,
        int kvHeads,
        int intermediate,
        int vocab,
        DType dtype,
        boolean sharded,
        boolean tied,
        boolean bias,
        double ropeTheta,
        String ropeScaling) {
      this(
          hidden,
          layers,
          heads,
          kvHeads,
          intermediate,
          vocab,
          dtype,
          sharded,
          tied,
          bias,
          ropeTheta,
          ropeScaling,
          "LlamaForCausalLM",
          null);
    }

    /** The same checkpoint as another architecture, with extra config.json fields (or null). */
    Spec as(String otherArchitecture, String extra) {
      return new Spec(
          hidden,
          layers,
          heads,
          kvHeads,
          intermediate,
          vocab,
          dtype,
          sharded,
          tied,
          bias,
          ropeTheta,
          ropeScaling,
          otherArchitecture,
          extra);
    }

    boolean qkvBias() {
      return switch (architecture) {
        case "Qwen2ForCausalLM" -> true;
        case "LlamaForCausalLM", "GlmForCausalLM" -> bias;
        default -> false;
      };
    }

    boolean oBias() {
      return bias && architecture.equals("LlamaForCausalLM");
    }

    boolean fusedQkv() {
      return architecture.equals("Phi3ForCausalLM");
    }

    boolean fusedGateUp() {
      return architecture.equals("Phi3ForCausalLM") || architecture.equals("GlmForCausalLM");
    }
  }

  private static final Map<String, String> MODEL_TYPES =
      Map.of(
          "LlamaForCausalLM", "llama",
          "MistralForCausalLM", "mistral",
          "Qwen2ForCausalLM", "qwen2",
          "Phi3ForCausalLM", "phi3",
          "GlmForCausalLM", "glm");

  private TinyCheckpoints() {}

  static Path write(Path dir, Spec s, long seed) throws IOException {
    Files.createDirectories(dir);
    ObjectNode c = JSON.createObjectNode();
    c.putArray("architectures").add(s.architecture());
    c.put("model_type", MODEL_TYPES.get(s.architecture()));
    c.put("hidden_size", s.hidden());
    c.put("intermediate_size", s.intermediate());
    c.put("num_hidden_layers", s.layers());
    c.put("num_attention_heads", s.heads());
    c.put("num_key_value_heads", s.kvHeads());
    c.put("head_dim", s.hidden() / s.heads());
    c.put("vocab_size", s.vocab());
    c.put("max_position_embeddings", 64);
    c.put("rms_norm_eps", 1e-5);
    c.put("rope_theta", s.ropeTheta());
    c.set("rope_scaling", s.ropeScaling() == null ? null : JSON.readTree(s.ropeScaling()));
    c.put("tie_word_embeddings", s.tied());
    c.put("attention_bias", s.bias());
    c.put(
        "torch_dtype",
        s.dtype() == DType.BF16 ? "bfloat16" : s.dtype() == DType.F16 ? "float16" : "float32");
    c.put("bos_token_id", 1);
    c.put("eos_token_id", 2);
    if (s.extraConfig() != null) {
      JSON.readTree(s.extraConfig())
          .fields()
          .forEachRemaining(e -> c.set(e.getKey(), e.getValue()));
    }
    JSON.writeValue(dir.resolve("config.json").toFile(), c);

    Random rnd = new Random(seed);
    int d = s.hidden() / s.heads();
    int q = s.heads() * d;
    int kv = s.kvHeads() * d;
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put("model.embed_tokens.weight", new long[] {s.vocab(), s.hidden()});
    for (int l = 0; l < s.layers(); l++) {
      String p = "model.layers." + l + ".";
      shapes.put(p + "input_layernorm.weight", new long[] {s.hidden()});
      if (s.fusedQkv()) {
        shapes.put(p + "self_attn.qkv_proj.weight", new long[] {q + 2L * kv, s.hidden()});
      } else {
        shapes.put(p + "self_attn.q_proj.weight", new long[] {q, s.hidden()});
        shapes.put(p + "self_attn.k_proj.weight", new long[] {kv, s.hidden()});
        shapes.put(p + "self_attn.v_proj.weight", new long[] {kv, s.hidden()});
      }
      shapes.put(p + "self_attn.o_proj.weight", new long[] {s.hidden(), q});
      if (s.qkvBias()) {
        shapes.put(p + "self_attn.q_proj.bias", new long[] {q});
        shapes.put(p + "self_attn.k_proj.bias", new long[] {kv});
        shapes.put(p + "self_attn.v_proj.bias", new long[] {kv});
      }
      if (s.oBias()) {
        shapes.put(p + "self_attn.o_proj.bias", new long[] {s.hidden()});
      }
      shapes.put(p + "post_attention_layernorm.weight", new long[] {s.hidden()});
      if (s.fusedGateUp()) {
        shapes.put(p + "mlp.gate_up_proj.weight", new long[] {2L * s.intermediate(), s.hidden()});
      } else {
        shapes.put(p + "mlp.gate_proj.weight", new long[] {s.intermediate(), s.hidden()});
        shapes.put(p + "mlp.up_proj.weight", new long[] {s.intermediate(), s.hidden()});
      }
      shapes.put(p + "mlp.down_proj.weight", new long[] {s.hidden(), s.intermediate()});
    }
    shapes.put("model.norm.weight", new long[] {s.hidden()});
    if (!s.tied()) {
      shapes.put("lm_head.weight", new long[] {s.vocab(), s.hidden()});
    }

    SafetensorsWriter.Builder first = SafetensorsWriter.builder().metadata("format", "pt");
    SafetensorsWriter.Builder second = SafetensorsWriter.builder().metadata("format", "pt");
    Map<String, String> weightMap = new LinkedHashMap<>();
    int i = 0;
    long total = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      int n = 1;
      for (long dim : e.getValue()) {
        n *= (int) dim;
      }
      float[] values = new float[n];
      boolean isNorm = e.getKey().endsWith("norm.weight");
      for (int j = 0; j < n; j++) {
        values[j] = (float) (isNorm ? 1 + 0.1 * rnd.nextGaussian() : 0.3 * rnd.nextGaussian());
      }
      boolean toSecond = s.sharded() && i++ % 2 == 1;
      (toSecond ? second : first).addFloats(e.getKey(), s.dtype(), e.getValue(), values);
      weightMap.put(
          e.getKey(),
          toSecond ? "model-00002-of-00002.safetensors" : "model-00001-of-00002.safetensors");
      total += (long) n * s.dtype().byteSize();
    }
    if (s.sharded()) {
      first.write(dir.resolve("model-00001-of-00002.safetensors"));
      second.write(dir.resolve("model-00002-of-00002.safetensors"));
      SafetensorsCheckpoint.writeIndex(dir, weightMap, total);
    } else {
      first.write(dir.resolve(SafetensorsCheckpoint.SINGLE_FILE));
    }
    return dir;
  }
}
