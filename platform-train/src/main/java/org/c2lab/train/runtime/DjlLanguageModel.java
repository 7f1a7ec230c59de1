package org.c2lab.train.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.c2lab.core.model.Capabilities;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.Score;
import org.c2lab.core.model.ScoreRequest;
import org.c2lab.train.device.ComputeDevice;
import org.c2lab.train.generation.BatchSampler;
import org.c2lab.train.generation.SequenceScorer;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.tokenizer.TextTokenizer;

/**
 * A local Hugging Face model folder as a {@link LanguageModel}: text prompts are tokenized by the
 * BOS rule of {@link PromptEncoder}, token prompts are used as given; generation runs on {@link
 * BatchSampler} (stopping at the end-of-text ids of {@code config.json} and {@code
 * generation_config.json}, plus each request's own), scoring on {@link SequenceScorer}. Calls are
 * serialised (one model, one batch at a time), which makes the model thread-safe.
 *
 * <pre>{@code
 * try (LanguageModel m = DjlLanguageModel.open(Path.of("c2-data/models/stories260K"))) {
 *   Generation g = m.generate(List.of(GenerationRequest.of(
 *       Prompt.text("Once upon a time"), SamplingParams.greedy(32), 0))).get(0).get(0);
 * }
 * }</pre>
 */
public final class DjlLanguageModel implements LanguageModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalModel model;
  private final PromptEncoder encoder;
  private final BatchSampler sampler;
  private final SequenceScorer scorer;
  private final Set<Integer> endOfTextIds;
  private boolean closed;

  private DjlLanguageModel(LocalModel model, PromptEncoder encoder, Set<Integer> endOfTextIds) {
    this.model = model;
    this.encoder = encoder;
    this.endOfTextIds = Set.copyOf(endOfTextIds);
    this.sampler =
        BatchSampler.builder(model.network(), model.manager())
            .detokenizer(encoder)
            .endOfTextIds(endOfTextIds)
            .build();
    this.scorer = new SequenceScorer(model.network(), model.manager());
  }

  /** Opens {@code dir} (config.json, safetensors, tokenizer.json) on the CPU. */
  public static DjlLanguageModel open(Path dir) throws IOException {
    return of(LocalModel.open(dir));
  }

  /** Opens {@code dir} on {@code device} (see {@link LocalModel#open(Path, ComputeDevice)}). */
  public static DjlLanguageModel open(Path dir, ComputeDevice device) throws IOException {
    return of(LocalModel.open(dir, device));
  }

  /**
   * Wraps {@code model}, taking ownership: closing the language model closes it, and so does a
   * failure here.
   *
   * @throws NoSuchFileException when the folder has no tokenizer.json (text is part of every
   *     generation)
   */
  public static DjlLanguageModel of(LocalModel model) throws IOException {
    try {
      TextTokenizer tokenizer =
          model
              .tokenizer()
              .orElseThrow(
                  () ->
                      new NoSuchFileException(
                          model.dir().resolve(TextTokenizer.FILE_NAME).toString()));
      PromptEncoder encoder = PromptEncoder.of(model.dir(), model.config(), tokenizer);
      return new DjlLanguageModel(model, encoder, endOfTextIds(model));
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The eos ids of config.json and generation_config.json (which may list more, e.g. eot). */
  private static Set<Integer> endOfTextIds(LocalModel model) throws IOException {
    Set<Integer> ids = new LinkedHashSet<>(model.config().eosTokenIds());
    Path file = model.dir().resolve("generation_config.json");
    if (Files.exists(file)) {
      JsonNode eos = JSON.readTree(file.toFile()).path("eos_token_id");
      if (eos.isIntegralNumber()) {
        ids.add(eos.asInt());
      }
      eos.forEach(id -> ids.add(id.asInt()));
    }
    return ids;
  }

  @Override
  public String id() {
    return "djl:" + model.dir().toAbsolutePath().normalize().getFileName();
  }

  /** Token and text prompts, scoring, and the config's {@code max_position_embeddings}. */
  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, true, true, model.config().maxPositionEmbeddings());
  }

  /** The prompt and tokenizer rules in use. */
  public PromptEncoder encoder() {
    return encoder;
  }

  /** The ids every generation stops at. */
  public Set<Integer> endOfTextIds() {
    return endOfTextIds;
  }

  /** The loaded model. */
  public LocalModel localModel() {
    return model;
  }

  @Override
  public synchronized List<List<Generation>> generate(List<GenerationRequest> requests) {
    checkOpen();
    List<GenerationRequest> tokenized = new ArrayList<>(requests.size());
    for (GenerationRequest r : requests) {
      tokenized.add(
          new GenerationRequest(
              Prompt.tokens(encoder.encode(r.prompt())), r.params(), r.n(), r.seeds()));
    }
    return sampler.generate(tokenized);
  }

  @Override
  public synchronized List<Score> score(List<ScoreRequest> requests) {
    checkOpen();
    List<ScoreRequest> tokenized = new ArrayList<>(requests.size());
    for (ScoreRequest r : requests) {
      int[][] ids = encoder.encodePair(r.prompt(), r.continuation());
      tokenized.add(new ScoreRequest(Prompt.tokens(ids[0]), Prompt.tokens(ids[1])));
    }
    return scorer.score(tokenized);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(id() + " is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }
}
