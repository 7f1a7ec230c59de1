package org.c2lab.train.model;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.SpecialTokens;
import org.c2lab.core.template.TokenizerConfig;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.tokenizer.TextTokenizer;
import org.c2lab.train.tokenizer.TokenizerVocabulary;

/**
 * What a Hugging Face model folder holds, read from its files without loading any weight: config,
 * family, parameter count and dtypes (from the safetensors headers), tokenizer, chat template,
 * special tokens, files, and memory estimates for a CPU (F32) and a GPU (F16).
 *
 * @param dir the folder
 * @param config its config.json
 * @param family the family that runs it, or null when the architecture is not supported
 * @param tensors tensors in the checkpoint
 * @param parameters their elements (a tied head counted once)
 * @param parametersByDtype elements per safetensors dtype, e.g. {@code {BF16=...}}
 * @param tokenizerVocabSize the size tokenizer.json implies, or null without one
 * @param chatTemplate the chat template, or null for none
 * @param specialTokens BOS, EOS, ... as tokenizer_config.json names them ({@link
 *     SpecialTokens#NONE} without one)
 * @param stopTokenIds generation_config.json's eos_token_id, else config.json's
 * @param files the folder's files with their sizes in bytes, by name
 * @param cpu memory estimate with F32 weights
 * @param gpu memory estimate with F16 weights
 */
public record ModelInfo(
    Path dir,
    ModelConfig config,
    ModelFamily family,
    int tensors,
    long parameters,
    Map<String, Long> parametersByDtype,
    Integer tokenizerVocabSize,
    TemplateInfo chatTemplate,
    SpecialTokens specialTokens,
    List<Integer> stopTokenIds,
    Map<String, Long> files,
    MemoryEstimate cpu,
    MemoryEstimate gpu) {

  /** Default context of the estimates: this many positions, or the model's maximum if smaller. */
  public static final int DEFAULT_CONTEXT = 2048;

  /** Default batch of the estimates. */
  public static final int DEFAULT_BATCH = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelInfo {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(config, "config");
    parametersByDtype = Map.copyOf(parametersByDtype);
    stopTokenIds = List.copyOf(stopTokenIds);
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /**
   * A chat template.
   *
   * @param id the built-in template it equals ({@code qwen2}, ...), else the file it comes from
   * @param sha256 SHA-256 of its source
   * @param builtIn whether it is byte for byte one of the built-in official templates
   */
  public record TemplateInfo(String id, String sha256, boolean builtIn) {}

  /** Reads {@code dir}, estimating memory for {@code batch} rows of {@code context} positions. */
  public static ModelInfo read(Path dir, int context, int batch) throws IOException {
    ModelConfig config;
    try {
      config = ModelFamilies.readConfig(dir.resolve(ModelConfig.FILE_NAME));
    } catch (ConfigException e) {
      throw e.file() == null ? e.inFile(ModelConfig.FILE_NAME) : e;
    }
    ModelFamily family;
    try {
      family = ModelFamilies.forConfig(config);
    } catch (ConfigException e) {
      family = null;
    }
    long parameters = 0;
    int tensors;
    Map<String, Long> byDtype = new TreeMap<>();
    try (SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(dir)) {
      tensors = weights.names().size();
      for (String name : weights.names()) {
        var info = weights.info(name);
        parameters += info.elementCount();
        byDtype.merge(info.dtype().name(), info.elementCount(), Long::sum);
      }
    }
    Path tokenizerJson = dir.resolve(TextTokenizer.FILE_NAME);
    Integer vocab =
        Files.exists(tokenizerJson) ? TokenizerVocabulary.read(tokenizerJson).size() : null;
    Path tokenizerConfig = dir.resolve("tokenizer_config.json");
    TemplateInfo template = null;
    SpecialTokens tokens = SpecialTokens.NONE;
    if (Files.exists(tokenizerConfig)) {
      TokenizerConfig tc = TokenizerConfig.read(tokenizerConfig);
      tokens = tc.specialTokens();
      if (!tc.chatTemplates().isEmpty()) {
        String source =
            tc.chatTemplates()
                .getOrDefault(
                    TokenizerConfig.DEFAULT_TEMPLATE,
                    tc.chatTemplates().values().iterator().next());
        template = identify(source, Path.of(tc.origin()).getFileName().toString());
      }
    }
    int ctx = Math.min(context, config.maxPositionEmbeddings());
    return new ModelInfo(
        dir,
        config,
        family,
        tensors,
        parameters,
        byDtype,
        vocab,
        template,
        tokens,
        stopIds(dir, config),
        files(dir),
        MemoryEstimate.of(config, parameters, DataType.FLOAT32, ctx, batch),
        MemoryEstimate.of(config, parameters, DataType.FLOAT16, ctx, batch));
  }

  /** The built-in template with this exact source, else the file's name. */
  private static TemplateInfo identify(String source, String file) {
    String sha = ChatTemplate.of(file, source, SpecialTokens.NONE).sha256();
    for (String id : ChatTemplate.builtInIds()) {
      if (ChatTemplate.builtIn(id, SpecialTokens.NONE).sha256().equals(sha)) {
        return new TemplateInfo(id, sha, true);
      }
    }
    return new TemplateInfo(file, sha, false);
  }

  private static List<Integer> stopIds(Path dir, ModelConfig config) throws IOException {
    Path generation = dir.resolve("generation_config.json");
    if (Files.exists(generation)) {
      JsonNode eos = JSON.readTree(generation.toFile()).get("eos_token_id");
      if (eos != null && eos.isArray()) {
        List<Integer> ids = new ArrayList<>();
        eos.forEach(e -> ids.add(e.asInt()));
        return ids;
      }
      if (eos != null && eos.isIntegralNumber()) {
        return List.of(eos.asInt());
      }
    }
    return config.eosTokenIds();
  }

  private static Map<String, Long> files(Path dir) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(p.getFileName().toString(), Files.size(p));
      }
    }
    return out;
  }
}
