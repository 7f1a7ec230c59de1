package org.c2lab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.safetensors.SafetensorsWriter;

/**
 * A randomly initialised Llama checkpoint (F32, Hugging Face layout, no tokenizer) for tests and
 * benchmarks. Weights are uniform with the given standard deviation, norms are 1; values stream to
 * the file, so a 100M-parameter model never sits in the Java heap.
 *
 * @param std standard deviation of the matrices: ~0.02 is a freshly initialised model (nearly flat
 *     next-token distributions); ~0.3 on a tiny model gives peaked, varied distributions
 */
public record RandomLlama(
    int hidden,
    int layers,
    int heads,
    int kvHeads,
    int intermediate,
    int vocab,
    int maxPositions,
    double std) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tiny GQA model (hidden 32, 2 layers, vocab 64) with peaked distributions. */
  public static RandomLlama tiny() {
    return new RandomLlama(32, 2, 4, 2, 48, 64, 256, 0.3);
  }

  /** Parameter count (untied embedding and head). */
  public long parameters() {
    return shapes().values().stream().mapToLong(s -> s.length == 1 ? s[0] : s[0] * s[1]).sum();
  }

  /** Writes config.json and model.safetensors into {@code dir}; the same seed, the same weights. */
  public Path write(Path dir, long seed) throws IOException {
    Files.createDirectories(dir);
    ObjectNode c = JSON.createObjectNode();
    c.putArray("architectures").add("LlamaForCausalLM");
    c.put("model_type", "llama");
    c.put("hidden_size", hidden);
    c.put("intermediate_size", intermediate);
    c.put("num_hidden_layers", layers);
    c.put("num_attention_heads", heads);
    c.put("num_key_value_heads", kvHeads);
    c.put("vocab_size", vocab);
    c.put("max_position_embeddings", maxPositions);
    c.put("rms_norm_eps", 1e-5);
    c.put("rope_theta", 10000.0);
    c.put("tie_word_embeddings", false);
    c.put("torch_dtype", "float32");
    c.put("bos_token_id", 1);
    c.put("eos_token_id", 2);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), c);

    SplittableRandom random = new SplittableRandom(seed);
    SafetensorsWriter.Builder file = SafetensorsWriter.builder().metadata("format", "pt");
    for (Map.Entry<String, long[]> e : shapes().entrySet()) {
      long[] shape = e.getValue();
      long count = shape.length == 1 ? shape[0] : shape[0] * shape[1];
      boolean norm = e.getKey().endsWith("norm.weight");
      SplittableRandom r = random.split();
      file.add(
          e.getKey(),
          DType.F32,
          shape,
          out -> {
            ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            double halfWidth = std * Math.sqrt(3); // uniform on [-a, a] has std a / sqrt(3)
            for (long i = 0; i < count; i++) {
              b.putFloat(norm ? 1f : (float) ((2 * r.nextDouble() - 1) * halfWidth));
              if (!b.hasRemaining() || i == count - 1) {
                b.flip();
                while (b.hasRemaining()) {
                  out.write(b);
                }
                b.clear();
              }
            }
          });
    }
    file.write(dir.resolve(SafetensorsCheckpoint.SINGLE_FILE));
    return dir;
  }

  private Map<String, long[]> shapes() {
    int d = hidden / heads;
    Map<String, long[]> s = new LinkedHashMap<>();
    s.put("model.embed_tokens.weight", new long[] {vocab, hidden});
    for (int l = 0; l < layers; l++) {
      String p = "model.layers." + l + ".";
      s.put(p + "input_layernorm.weight", new long[] {hidden});
      s.put(p + "self_attn.q_proj.weight", new long[] {(long) heads * d, hidden});
      s.put(p + "self_attn.k_proj.weight", new long[] {(long) kvHeads * d, hidden});
      s.put(p + "self_attn.v_proj.weight", new long[] {(long) kvHeads * d, hidden});
      s.put(p + "self_attn.o_proj.weight", new long[] {hidden, (long) heads * d});
      s.put(p + "post_attention_layernorm.weight", new long[] {hidden});
      s.put(p + "mlp.gate_proj.weight", new long[] {intermediate, hidden});
      s.put(p + "mlp.up_proj.weight", new long[] {intermediate, hidden});
      s.put(p + "mlp.down_proj.weight", new long[] {hidden, intermediate});
    }
    s.put("model.norm.weight", new long[] {hidden});
    s.put("lm_head.weight", new long[] {vocab, hidden});
    return s;
  }
}
