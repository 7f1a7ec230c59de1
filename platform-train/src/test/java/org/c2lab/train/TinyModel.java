package org.c2lab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsWriter;
import org.c2lab.train.tokenizer.SentencePieceBpe;

/**
 * A random, self-contained Llama folder for training tests (no ../shared needed): F32 weights, an
 * untied head, GQA, a character-level SentencePiece tokenizer and a small Llama-2-like chat
 * template ({@code <s>Q: prompt\nA: response</s>}).
 */
public final class TinyModel {
  /** The chat template written into tokenizer_config.json. */
  public static final String TEMPLATE =
      "{% for message in messages %}{% if message['role'] == 'user' %}"
          + "{{ bos_token + 'Q: ' + message['content'] + '\\nA:' }}"
          + "{% else %}{{ ' ' + message['content'] + eos_token }}{% endif %}{% endfor %}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'\"-:;()\n";
  private static final String[] MERGED = {"\u2581t", "th", "he", "\u2581the", "in", "er", "an"};

  private TinyModel() {}

  /** Writes the folder and returns it. */
  public static Path write(Path dir, long seed) throws IOException {
    return write(dir, seed, 32, 2);
  }

  /** Writes a folder with the given width and depth. */
  public static Path write(Path dir, long seed, int hidden, int layers) throws IOException {
    return write(dir, seed, hidden, layers, DType.F32);
  }

  /** Writes a folder with weights stored as {@code dtype} (F32, F16 or BF16). */
  public static Path write(Path dir, long seed, int hidden, int layers, DType dtype)
      throws IOException {
    Files.createDirectories(dir);
    List<String> pieces = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "\u2581"));
    CHARS.codePoints().forEach(c -> pieces.add(new String(Character.toChars(c))));
    pieces.addAll(List.of(MERGED));
    float[] scores = new float[pieces.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = -i;
    }
    int vocab = pieces.size();
    ObjectNode tokenizer = new SentencePieceBpe(pieces, scores, 0, 1, 2).toTokenizerJson();
    // Match special tokens anywhere in the text (as Phi-3's tokenizer does); with Llama-2's
    // normalized specials, "</s>" is only found after a space.
    tokenizer.withArray("added_tokens").forEach(t -> ((ObjectNode) t).put("normalized", false));
    JSON.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer);
    ObjectNode tc = JSON.createObjectNode();
    tc.put("bos_token", "<s>").put("eos_token", "</s>").put("unk_token", "<unk>");
    tc.put("chat_template", TEMPLATE);
    JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), tc);

    return writeWeights(dir, seed, hidden, layers, 4, 2, 2 * hidden, vocab, 0.15, dtype);
  }

  /**
   * Writes {@code config.json} and random {@code model.safetensors} (untied head, no tokenizer) of
   * any size, matrices drawn with standard deviation {@code std}: for benchmarks.
   */
  public static Path writeWeights(
      Path dir,
      long seed,
      int hidden,
      int layers,
      int heads,
      int kvHeads,
      int inter,
      int vocab,
      double std,
      DType dtype)
      throws IOException {
    Files.createDirectories(dir);
    ObjectNode c = JSON.createObjectNode();
    c.putArray("architectures").add("LlamaForCausalLM");
    c.put("model_type", "llama");
    c.put("hidden_size", hidden);
    c.put("intermediate_size", inter);
    c.put("num_hidden_layers", layers);
    c.put("num_attention_heads", heads);
    c.put("num_key_value_heads", kvHeads);
    c.put("vocab_size", vocab);
    c.put("max_position_embeddings", 256);
    c.put("rms_norm_eps", 1e-5);
    c.put("tie_word_embeddings", false);
    c.put(
        "torch_dtype",
        dtype == DType.F16 ? "float16" : dtype == DType.BF16 ? "bfloat16" : "float32");
    c.put("bos_token_id", 1);
    c.put("eos_token_id", 2);
    JSON.writeValue(dir.resolve("config.json").toFile(), c);

    int d = hidden / heads;
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put("model.embed_tokens.weight", new long[] {vocab, hidden});
    for (int l = 0; l < layers; l++) {
      String p = "model.layers." + l + ".";
      shapes.put(p + "input_layernorm.weight", new long[] {hidden});
      shapes.put(p + "self_attn.q_proj.weight", new long[] {heads * d, hidden});
      shapes.put(p + "self_attn.k_proj.weight", new long[] {kvHeads * d, hidden});
      shapes.put(p + "self_attn.v_proj.weight", new long[] {kvHeads * d, hidden});
      shapes.put(p + "self_attn.o_proj.weight", new long[] {hidden, heads * d});
      shapes.put(p + "post_attention_layernorm.weight", new long[] {hidden});
      shapes.put(p + "mlp.gate_proj.weight", new long[] {inter, hidden});
      shapes.put(p + "mlp.up_proj.weight", new long[] {inter, hidden});
      shapes.put(p + "mlp.down_proj.weight", new long[] {hidden, inter});
    }
    shapes.put("model.norm.weight", new long[] {hidden});
    shapes.put("lm_head.weight", new long[] {vocab, hidden});
    Random rnd = new Random(seed);
    SafetensorsWriter.Builder w = SafetensorsWriter.builder().metadata("format", "pt");
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      int n = 1;
      for (long dim : e.getValue()) {
        n *= (int) dim;
      }
      float[] values = new float[n];
      boolean norm = e.getKey().endsWith("norm.weight");
      for (int j = 0; j < n; j++) {
        values[j] = (float) (norm ? 1 + 0.05 * rnd.nextGaussian() : std * rnd.nextGaussian());
      }
      w.addFloats(e.getKey(), dtype, e.getValue(), values);
    }
    w.write(dir.resolve("model.safetensors"));
    return dir;
  }
}
