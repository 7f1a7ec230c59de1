package org.c2lab.train.llama2c;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.train.llama2c.Llama2cCheckpoint.Part;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.safetensors.SafetensorsWriter;
import org.c2lab.train.tokenizer.SentencePieceBpe;
import org.c2lab.train.tokenizer.TextTokenizer;

/**
 * Converts a llama2.c model ({@code .bin}, legacy version 0) and its tokenizer into a Hugging Face
 * model folder: {@code config.json} ({@code LlamaForCausalLM}), {@code model.safetensors} (F32,
 * Hugging Face tensor names, q/k rows {@linkplain RotaryPermutation permuted} to {@code
 * rotate_half}), {@code tokenizer.json}, {@code tokenizer_config.json}, {@code
 * generation_config.json} and {@code provenance.json} (source SHA-256s).
 *
 * <p>llama2.c fixes RMSNorm eps at 1e-5 and the rotary base at 10000; its run loop stops at BOS
 * (stories are separated by BOS in training), so generation_config lists BOS among the stop ids.
 */
public final class Llama2cImporter {
  /** The provenance file written beside the model. */
  public static final String PROVENANCE_FILE = "provenance.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int UNK = 0;
  private static final int BOS = 1;
  private static final int EOS = 2;

  private Llama2cImporter() {}

  /**
   * What was written.
   *
   * @param outDir the model folder
   * @param config its config.json
   * @param tensors number of tensors in model.safetensors
   * @param parameters number of parameters (tied embeddings counted once)
   * @param modelSha256 SHA-256 of the source model file
   * @param tokenizerSha256 SHA-256 of the source tokenizer file
   */
  public record Result(
      Path outDir,
      ModelConfig config,
      int tensors,
      long parameters,
      String modelSha256,
      String tokenizerSha256) {}

  /**
   * Converts {@code modelBin} + {@code tokenizerBin} into {@code outDir} (created; must be empty).
   */
  public static Result convert(Path modelBin, Path tokenizerBin, Path outDir) throws IOException {
    if (Files.isDirectory(outDir)) {
      try (Stream<Path> s = Files.list(outDir)) {
        if (s.findAny().isPresent()) {
          throw new IOException(outDir + ": output folder is not empty");
        }
      }
    }
    try (Llama2cCheckpoint ckpt = Llama2cCheckpoint.open(modelBin)) {
      Llama2cHeader h = ckpt.header();
      Llama2cTokenizer tok = Llama2cTokenizer.read(tokenizerBin, h.vocabSize());
      List<String> pieces = tok.pieces();
      if (!pieces.get(UNK).equals("<unk>")
          || !pieces.get(BOS).equals("<s>")
          || !pieces.get(EOS).equals("</s>")) {
        throw new IOException(
            tokenizerBin.getFileName()
                + ": expected <unk>, <s>, </s> as tokens 0-2, found "
                + pieces.subList(0, 3));
      }
      Files.createDirectories(outDir); // only once both inputs have been read and checked
      ModelConfig config = config(h);
      config.write(outDir);
      int tensors = writeWeights(ckpt, outDir.resolve(SafetensorsCheckpoint.SINGLE_FILE));
      writeJson(
          outDir.resolve(TextTokenizer.FILE_NAME),
          new SentencePieceBpe(pieces, tok.scores(), UNK, BOS, EOS).toTokenizerJson());
      writeJson(outDir.resolve("tokenizer_config.json"), tokenizerConfig(h));
      writeJson(outDir.resolve("generation_config.json"), generationConfig());
      String modelSha = Sha256.of(modelBin);
      String tokSha = Sha256.of(tokenizerBin);
      writeJson(
          outDir.resolve(PROVENANCE_FILE), provenance(modelBin, tokenizerBin, modelSha, tokSha));
      return new Result(outDir, config, tensors, parameters(h), modelSha, tokSha);
    }
  }

  /** The Hugging Face config equivalent to a llama2.c header. */
  public static ModelConfig config(Llama2cHeader h) {
    return new ModelConfig(
        List.of("LlamaForCausalLM"),
        "llama",
        h.dim(),
        h.hiddenDim(),
        h.layers(),
        h.heads(),
        h.kvHeads(),
        h.headSize(),
        h.vocabSize(),
        h.seqLen(),
        1e-5,
        10000.0,
        null,
        h.sharedClassifier(),
        "float32",
        BOS,
        List.of(EOS),
        false,
        "silu");
  }

  private static long parameters(Llama2cHeader h) {
    long perLayer =
        2L * h.dim()
            + 2L * h.dim() * h.dim()
            + 2L * h.kvDim() * h.dim()
            + 3L * h.hiddenDim() * h.dim();
    long embed = (long) h.vocabSize() * h.dim();
    return embed + perLayer * h.layers() + h.dim() + (h.sharedClassifier() ? 0 : embed);
  }

  /** A source of one tensor's floats, read from the checkpoint only while the file is written. */
  @FunctionalInterface
  private interface Floats {
    float[] read() throws IOException;
  }

  private static int writeWeights(Llama2cCheckpoint ckpt, Path file) throws IOException {
    Llama2cHeader h = ckpt.header();
    SafetensorsWriter.Builder w = SafetensorsWriter.builder().metadata("format", "pt");
    add(
        w,
        "model.embed_tokens.weight",
        new long[] {h.vocabSize(), h.dim()},
        () -> ckpt.read(Part.TOKEN_EMBEDDING));
    for (int l = 0; l < h.layers(); l++) {
      int layer = l;
      String p = "model.layers." + l + ".";
      long[] vec = {h.dim()};
      add(w, p + "input_layernorm.weight", vec, () -> ckpt.read(Part.RMS_ATT, layer));
      add(
          w,
          p + "self_attn.q_proj.weight",
          new long[] {h.dim(), h.dim()},
          () ->
              RotaryPermutation.interleavedToHalves(ckpt.read(Part.WQ, layer), h.heads(), h.dim()));
      add(
          w,
          p + "self_attn.k_proj.weight",
          new long[] {h.kvDim(), h.dim()},
          () ->
              RotaryPermutation.interleavedToHalves(
                  ckpt.read(Part.WK, layer), h.kvHeads(), h.dim()));
      add(
          w,
          p + "self_attn.v_proj.weight",
          new long[] {h.kvDim(), h.dim()},
          () -> ckpt.read(Part.WV, layer));
      add(
          w,
          p + "self_attn.o_proj.weight",
          new long[] {h.dim(), h.dim()},
          () -> ckpt.read(Part.WO, layer));
      add(w, p + "post_attention_layernorm.weight", vec, () -> ckpt.read(Part.RMS_FFN, layer));
      long[] up = {h.hiddenDim(), h.dim()};
      add(w, p + "mlp.gate_proj.weight", up, () -> ckpt.read(Part.W1, layer));
      add(
          w,
          p + "mlp.down_proj.weight",
          new long[] {h.dim(), h.hiddenDim()},
          () -> ckpt.read(Part.W2, layer));
      add(w, p + "mlp.up_proj.weight", up, () -> ckpt.read(Part.W3, layer));
    }
    add(w, "model.norm.weight", new long[] {h.dim()}, () -> ckpt.read(Part.RMS_FINAL));
    int count = 2 + 9 * h.layers();
    if (!h.sharedClassifier()) {
      add(w, "lm_head.weight", new long[] {h.vocabSize(), h.dim()}, () -> ckpt.read(Part.WCLS));
      count++;
    }
    w.write(file);
    return count;
  }

  private static void add(SafetensorsWriter.Builder w, String name, long[] shape, Floats source) {
    w.add(
        name,
        DType.F32,
        shape,
        out -> {
          float[] values = source.read();
          ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
          b.asFloatBuffer().put(values);
          while (b.hasRemaining()) {
            out.write(b);
          }
        });
  }

  private static ObjectNode tokenizerConfig(Llama2cHeader h) {
    ObjectNode c = JSON.createObjectNode();
    c.put("add_bos_token", true);
    c.put("add_eos_token", false);
    c.put("bos_token", "<s>");
    c.put("eos_token", "</s>");
    c.put("unk_token", "<unk>");
    c.putNull("pad_token");
    c.put("clean_up_tokenization_spaces", false);
    c.put("legacy", true);
    c.put("model_max_length", h.seqLen());
    c.put("tokenizer_class", "LlamaTokenizer");
    return c;
  }

  private static ObjectNode generationConfig() {
    ObjectNode g = JSON.createObjectNode();
    g.put("bos_token_id", BOS);
    g.putArray("eos_token_id").add(EOS).add(BOS);
    return g;
  }

  private static ObjectNode provenance(Path model, Path tokenizer, String modelSha, String tokSha)
      throws IOException {
    ObjectNode p = JSON.createObjectNode();
    p.put("kind", "import-llama2c");
    p.put("created", Instant.now().toString());
    p.put(
        "conversion",
        "llama2.c legacy v0 -> Hugging Face LlamaForCausalLM, F32; q_proj/k_proj rows permuted"
            + " from interleaved rotary pairs to rotate_half halves");
    var sources = p.putArray("sources");
    sources
        .addObject()
        .put("role", "model")
        .put("file", model.getFileName().toString())
        .put("bytes", Files.size(model))
        .put("sha256", modelSha);
    sources
        .addObject()
        .put("role", "tokenizer")
        .put("file", tokenizer.getFileName().toString())
        .put("bytes", Files.size(tokenizer))
        .put("sha256", tokSha);
    return p;
  }

  private static void writeJson(Path file, ObjectNode node) throws IOException {
    JSON.writeValue(file.toFile(), node);
  }
}
