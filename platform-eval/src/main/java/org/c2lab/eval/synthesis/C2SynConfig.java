package org.c2lab.eval.synthesis;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.Objects;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.core.protocol.ProtocolConfig;
import org.c2lab.core.protocol.SynFilterSettings;
import org.c2lab.core.template.PromptMode;

/**
 * Everything a C2-Syn run is configured with, except the aligned model (handed to {@link
 * C2SynJob}). Build it with {@link #builder}; defaults follow the protocol
 * (../shared/docs/c2-protocol.md). Serialises to JSON (paths as plain strings) for provenance.
 *
 * @param data the PKU-SafeRLHF training file
 * @param out the pairs file (TRL JSON Lines); its checkpoint, manifest, statistics and provenance
 *     are written beside it as {@code <out>.progress.jsonl}, {@code <out>.manifest.json}, {@code
 *     <out>.stats.json} and {@code <out>.provenance.json}
 * @param protocol phrases, triggers, punctuation and the request filter (default: the protocol's;
 *     filter how/what/How/What, more than 80 words, the first 50,000, prompts de-duplicated)
 * @param seed the run seed of every request's cut step, phrases and triggers; default 0
 * @param modelPreset the aligned model's preset id: chat template, default system prompt, stop
 *     tokens (the paper used Llama-2-7b-chat: {@code llama2-chat-7b})
 * @param tokenizerConfig a {@code tokenizer_config.json} whose chat template replaces the preset's,
 *     or null
 * @param promptMode how the SYN prefixes are left open for the model to continue (default {@link
 *     PromptMode#CONTINUE_FINAL_MESSAGE})
 * @param generation decoding of SR and the SYN continuations. Default greedy, at most 128 new
 *     tokens, the preset's end-of-turn tokens as stop strings. The reference used greedy 2-beam
 *     diverse search with 128 new tokens; the LanguageModel SPI has no beam search, so this is
 *     plain greedy decoding, a documented difference
 * @param batchRequests requests whose five generations go to the model per call (default 8, i.e. 40
 *     prompts); changes speed only, so it may differ between a run and its resumption
 */
public record C2SynConfig(
    @JsonSerialize(using = ToStringSerializer.class) Path data,
    @JsonSerialize(using = ToStringSerializer.class) Path out,
    ProtocolConfig protocol,
    long seed,
    String modelPreset,
    @JsonSerialize(using = ToStringSerializer.class) Path tokenizerConfig,
    PromptMode promptMode,
    SamplingParams generation,
    int batchRequests) {

  /** The reference's generation length. */
  public static final int DEFAULT_MAX_NEW_TOKENS = 128;

  /** Requests per generate call by default. */
  public static final int DEFAULT_BATCH_REQUESTS = 8;

  public C2SynConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(protocol, "protocol");
    ModelPresets.get(Objects.requireNonNull(modelPreset, "modelPreset"));
    Objects.requireNonNull(promptMode, "promptMode");
    Objects.requireNonNull(generation, "generation");
    if (batchRequests < 1) {
      throw new IllegalArgumentException("batchRequests must be >= 1, got " + batchRequests);
    }
  }

  /** The request filter, with this run's limit and de-duplication. */
  public SynFilterSettings filter() {
    return protocol.synFilter();
  }

  /** {@code out} with {@code suffix} appended to its file name, e.g. {@code .stats.json}. */
  public Path beside(String suffix) {
    return out.resolveSibling(out.getFileName() + suffix);
  }

  /** A builder with the protocol's defaults for a data file, a pairs file and a model. */
  public static Builder builder(Path data, Path out, String modelPreset) {
    return new Builder(data, out, modelPreset);
  }

  /** Builds a {@link C2SynConfig}; every setting but the three required ones has a default. */
  public static final class Builder {
    private final Path data;
    private final Path out;
    private final String modelPreset;
    private ProtocolConfig protocol = ProtocolConfig.defaults();
    private Integer limit;
    private Boolean deduplicatePrompts;
    private long seed;
    private Path tokenizerConfig;
    private PromptMode promptMode = PromptMode.CONTINUE_FINAL_MESSAGE;
    private SamplingParams generation;
    private int batchRequests = DEFAULT_BATCH_REQUESTS;

    private Builder(Path data, Path out, String modelPreset) {
      this.data = data;
      this.out = out;
      this.modelPreset = modelPreset;
    }

    /** Phrases, triggers, punctuation and filter; {@link #limit} and dedup still override. */
    public Builder protocol(ProtocolConfig protocol) {
      this.protocol = protocol;
      return this;
    }

    /** The first {@code limit} accepted requests (default 50,000). */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Keep only the first accepted row of each prompt (default true). */
    public Builder deduplicatePrompts(boolean deduplicatePrompts) {
      this.deduplicatePrompts = deduplicatePrompts;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder tokenizerConfig(Path tokenizerConfig) {
      this.tokenizerConfig = tokenizerConfig;
      return this;
    }

    public Builder promptMode(PromptMode promptMode) {
      this.promptMode = promptMode;
      return this;
    }

    /** Replaces the default decoding (stop strings included). */
    public Builder generation(SamplingParams generation) {
      this.generation = generation;
      return this;
    }

    public Builder batchRequests(int batchRequests) {
      this.batchRequests = batchRequests;
      return this;
    }

    public C2SynConfig build() {
      SynFilterSettings filter = protocol.synFilter();
      if (limit != null) {
        filter = filter.withLimit(limit);
      }
      if (deduplicatePrompts != null) {
        filter = filter.withDeduplicatePrompts(deduplicatePrompts);
      }
      ProtocolConfig p =
          new ProtocolConfig(
              protocol.forceBeginPhrases(),
              protocol.correctiveTriggers(),
              protocol.kValues(),
              protocol.synPunctuation(),
              protocol.decoding(),
              filter);
      SamplingParams g = generation;
      if (g == null) {
        g =
            SamplingParams.greedy(DEFAULT_MAX_NEW_TOKENS).toBuilder()
                .stopStrings(ModelPresets.get(modelPreset).stopTokens())
                .build();
      }
      return new C2SynConfig(
          data, out, p, seed, modelPreset, tokenizerConfig, promptMode, g, batchRequests);
    }
  }
}
