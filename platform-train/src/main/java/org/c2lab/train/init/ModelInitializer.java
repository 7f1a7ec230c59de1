package org.c2lab.train.init;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.ModelDimensions;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.HalfFloats;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.safetensors.SafetensorsWriter;
import org.c2lab.train.tokenizer.TextTokenizer;
import org.c2lab.train.tokenizer.TokenizerVocabulary;

/**
 * Writes a randomly initialised model of any family in Hugging Face layout: {@code config.json}
 * (the family's architecture and settings, {@link org.c2lab.train.model.ModelFamily#newConfig}),
 * {@code model.safetensors} (the family's tensor names and fusions), the given {@code
 * tokenizer.json} copied, {@code tokenizer_config.json} (chat template, BOS/EOS), {@code
 * generation_config.json} (stop ids) and {@code provenance.json}.
 *
 * <p>Weights as transformers initialises them: matrices and embeddings normal with mean 0 and
 * standard deviation {@value #INIT_STD}, norms 1, biases 0. Each tensor draws from its own {@link
 * Random} seeded by the seed and the tensor's name, so a seed always gives the same bytes. Tensors
 * are generated while the file is written, a chunk at a time: a large model never sits in the Java
 * heap.
 */
public final class ModelInitializer {
  /** Standard deviation of the initial weights (transformers' {@code initializer_range}). */
  public static final double INIT_STD = 0.02;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int CHUNK = 1 << 16;

  /** BOS and EOS spellings tried, in order, when no template names them. */
  private static final List<String> BOS_NAMES = List.of("<s>", "<|begin_of_text|>", "<bos>");

  private static final List<String> EOS_NAMES =
      List.of("</s>", "<|endoftext|>", "<|end_of_text|>", "<|eot_id|>", "<|im_end|>", "<eos>");

  private ModelInitializer() {}

  /**
   * What was written.
   *
   * @param dir the model folder
   * @param config its config.json
   * @param tensors tensors in model.safetensors
   * @param parameters their elements
   * @param weightsSha256 SHA-256 of model.safetensors
   * @param bosToken BOS, or null
   * @param eosToken EOS
   * @param stopTokenIds generation_config's eos_token_id
   */
  public record Result(
      Path dir,
      ModelConfig config,
      int tensors,
      long parameters,
      String weightsSha256,
      String bosToken,
      String eosToken,
      List<Integer> stopTokenIds) {}

  /** Writes the model; checks every input before creating the folder. */
  public static Result write(InitSpec spec) throws IOException {
    requireEmpty(spec.out());
    TokenizerVocabulary vocab = TokenizerVocabulary.read(spec.tokenizer());
    Tokens tokens = tokens(spec.template(), vocab);
    ModelConfig config =
        spec.family()
            .newConfig(
                new ModelDimensions(
                    spec.hidden(),
                    spec.layers(),
                    spec.heads(),
                    spec.kvHeads(),
                    spec.intermediate(),
                    vocab.size(),
                    spec.maxPositions(),
                    tokens.bosId(),
                    List.of(tokens.eosId()),
                    torchDtype(spec.dtype())));
    Map<String, long[]> tensors = spec.family().checkpointTensors(config);

    Files.createDirectories(spec.out());
    config.write(spec.out());
    Path weights = spec.out().resolve(SafetensorsCheckpoint.SINGLE_FILE);
    long parameters = writeWeights(tensors, spec.dtype(), spec.seed(), weights);
    Files.copy(
        spec.tokenizer(),
        spec.out().resolve(TextTokenizer.FILE_NAME),
        StandardCopyOption.REPLACE_EXISTING);
    JSON.writeValue(
        spec.out().resolve("tokenizer_config.json").toFile(), tokenizerConfig(spec, tokens));
    JSON.writeValue(
        spec.out().resolve("generation_config.json").toFile(), generationConfig(tokens));
    String sha = Sha256.of(weights);
    provenance(spec, config, tokens, parameters).writeTo(spec.out().resolve("provenance.json"));
    return new Result(
        spec.out(),
        config,
        tensors.size(),
        parameters,
        sha,
        tokens.bos(),
        tokens.eos(),
        tokens.stopIds());
  }

  /** The special tokens, their ids, and stop tokens the vocabulary lacks. */
  private record Tokens(
      String bos,
      Integer bosId,
      String eos,
      int eosId,
      List<Integer> stopIds,
      List<String> absent) {}

  private static Tokens tokens(TemplateChoice t, TokenizerVocabulary vocab) {
    String bos;
    String eos;
    if (t.eosToken() != null) {
      bos = t.bosToken();
      eos = t.eosToken();
    } else {
      bos = BOS_NAMES.stream().filter(n -> vocab.id(n).isPresent()).findFirst().orElse(null);
      eos =
          EOS_NAMES.stream()
              .filter(n -> vocab.id(n).isPresent())
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "tokenizer.json has none of the usual EOS tokens "
                              + EOS_NAMES
                              + "; give --chat-template a preset or a tokenizer_config.json that"
                              + " names one"));
    }
    Integer bosId = bos == null ? null : require(vocab, bos, "BOS", t);
    int eosId = require(vocab, eos, "EOS", t);
    List<Integer> stops = new ArrayList<>(List.of(eosId));
    List<String> absent = new ArrayList<>();
    for (String s : t.stopTokens()) {
      var id = vocab.id(s);
      if (id.isEmpty()) {
        absent.add(s);
      } else if (!stops.contains(id.getAsInt())) {
        stops.add(id.getAsInt());
      }
    }
    return new Tokens(bos, bosId, eos, eosId, stops, absent);
  }

  private static int require(
      TokenizerVocabulary vocab, String token, String role, TemplateChoice t) {
    return vocab
        .id(token)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    role
                        + " token '"
                        + token
                        + "' (from "
                        + t.id()
                        + ") is not in tokenizer.json; use a tokenizer that has it"));
  }

  private static String torchDtype(DType dtype) {
    return switch (dtype) {
      case F16 -> "float16";
      case BF16 -> "bfloat16";
      default -> "float32";
    };
  }

  private static long writeWeights(Map<String, long[]> tensors, DType dtype, long seed, Path file)
      throws IOException {
    SafetensorsWriter.Builder w = SafetensorsWriter.builder().metadata("format", "pt");
    long parameters = 0;
    for (Map.Entry<String, long[]> e : tensors.entrySet()) {
      String name = e.getKey();
      long count = 1;
      for (long d : e.getValue()) {
        count = Math.multiplyExact(count, d);
      }
      parameters += count;
      long n = count;
      w.add(
          name,
          dtype,
          e.getValue(),
          out -> {
            Init init = Init.of(name);
            Random random = new Random(seed * 1_000_003L + name.hashCode());
            float[] chunk = new float[(int) Math.min(CHUNK, n)];
            for (long done = 0; done < n; done += chunk.length) {
              int len = (int) Math.min(chunk.length, n - done);
              float[] values = len == chunk.length ? chunk : new float[len];
              for (int i = 0; i < len; i++) {
                values[i] = init.next(random);
              }
              ByteBuffer bytes = HalfFloats.encode(dtype, values);
              while (bytes.hasRemaining()) {
                out.write(bytes);
              }
            }
          });
    }
    w.write(file);
    return parameters;
  }

  /** How one tensor starts. */
  private enum Init {
    ONES,
    ZEROS,
    NORMAL;

    static Init of(String name) {
      if (name.endsWith("norm.weight")) {
        return ONES;
      }
      return name.endsWith(".bias") ? ZEROS : NORMAL;
    }

    float next(Random random) {
      return switch (this) {
        case ONES -> 1f;
        case ZEROS -> 0f;
        case NORMAL -> (float) (random.nextGaussian() * INIT_STD);
      };
    }
  }

  private static ObjectNode tokenizerConfig(InitSpec spec, Tokens tokens) {
    ObjectNode c = JSON.createObjectNode();
    c.put("add_bos_token", tokens.bos() != null);
    c.put("add_eos_token", false);
    if (tokens.bos() == null) {
      c.putNull("bos_token");
    } else {
      c.put("bos_token", tokens.bos());
    }
    c.put("eos_token", tokens.eos());
    c.putNull("pad_token");
    if (spec.template().source() != null) {
      c.put("chat_template", spec.template().source());
    }
    c.put("clean_up_tokenization_spaces", false);
    c.put("model_max_length", spec.maxPositions());
    c.put("tokenizer_class", "PreTrainedTokenizerFast");
    return c;
  }

  private static ObjectNode generationConfig(Tokens tokens) {
    ObjectNode g = JSON.createObjectNode();
    if (tokens.bosId() != null) {
      g.put("bos_token_id", tokens.bosId());
    }
    if (tokens.stopIds().size() == 1) {
      g.put("eos_token_id", tokens.stopIds().get(0));
    } else {
      tokens.stopIds().forEach(g.putArray("eos_token_id")::add);
    }
    return g;
  }

  private static Provenance provenance(
      InitSpec spec, ModelConfig config, Tokens tokens, long parameters) throws IOException {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("family", spec.family().name());
    settings.put("architecture", config.architecture());
    settings.put("hidden", spec.hidden());
    settings.put("layers", spec.layers());
    settings.put("heads", spec.heads());
    settings.put("kv_heads", spec.kvHeads());
    settings.put("intermediate", spec.intermediate());
    settings.put("max_positions", spec.maxPositions());
    settings.put("dtype", spec.dtype().name());
    settings.put("chat_template", spec.template().id());
    Provenance.Builder p =
        Provenance.builder()
            .config(settings)
            .seed(spec.seed())
            .addModelFile(spec.tokenizer())
            .note("kind", "model-init")
            .note("init", "normal(0, " + INIT_STD + ") matrices and embeddings, norms 1, biases 0")
            .note("parameters", Long.toString(parameters));
    if (spec.template().source() != null) {
      p.note("chat_template_sha256", Sha256.of(spec.template().source()));
    }
    if (!tokens.absent().isEmpty()) {
      p.note("stop_tokens_not_in_vocabulary", String.join(" ", tokens.absent()));
    }
    return p.finishedNow().build();
  }

  private static void requireEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IOException(dir + ": output folder is not empty");
        }
      }
    } else if (Files.exists(dir)) {
      throw new IOException(dir + ": exists and is not a folder");
    }
  }
}
