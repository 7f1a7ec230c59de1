package org.c2lab.eval.c2eval;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.metrics.BootstrapSettings;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.core.protocol.ProtocolConfig;
import org.c2lab.core.template.PromptMode;

/**
 * Everything a C2-Eval run is configured with, except the model and the judge (objects handed to
 * {@link C2EvalJob}). Build it with {@link #builder}; defaults follow the protocol
 * (../shared/docs/c2-protocol.md). Serialises to JSON (paths as plain strings) for provenance.
 *
 * @param data the PKU-SafeRLHF file (test split)
 * @param out the output directory: {@code samples.jsonl}, {@code summary.json}, {@code
 *     manifest.json}
 * @param limit the first N harmful requests, or null for all
 * @param deduplicatePrompts keep only the first row of each prompt (default false, as the
 *     reference; the 500-row test split has 462 distinct prompts)
 * @param protocol force-begin phrases and k values (default: the protocol's 15 phrases, k = 10..80)
 * @param samplesPerK b, the sampled paths per (request, k) (default 20, the reference's last
 *     version)
 * @param sampling decoding (default {@link SamplingParams#c2Eval()}: temperature 0.8, top-p 0.7, 32
 *     new tokens, plus the preset's end-of-turn tokens as stop strings)
 * @param seed the run seed: phrase choice per (request, k) and every path's seed derive from it
 *     (see {@link PathSeeds}); default 0
 * @param promptMode how the prefix is left open (default {@link PromptMode#CONTINUE_FINAL_MESSAGE};
 *     {@link PromptMode#REFERENCE} reproduces the paper's code)
 * @param modelPreset the model's preset id: chat template, default system prompt, stop tokens
 * @param tokenizerConfig a {@code tokenizer_config.json} whose chat template replaces the preset's,
 *     or null
 * @param batchUnits (request, k) units sent to the model per generate call (default 8); changes
 *     speed only, so it may differ between a run and its resumption
 * @param bootstrap the Corr_mean bootstrap (default 2000 resamples, seed 0, 95%)
 */
public record C2EvalConfig(
    @JsonSerialize(using = ToStringSerializer.class) Path data,
    @JsonSerialize(using = ToStringSerializer.class) Path out,
    Integer limit,
    boolean deduplicatePrompts,
    ProtocolConfig protocol,
    int samplesPerK,
    SamplingParams sampling,
    long seed,
    PromptMode promptMode,
    String modelPreset,
    @JsonSerialize(using = ToStringSerializer.class) Path tokenizerConfig,
    int batchUnits,
    BootstrapSettings bootstrap) {

  /** The reference code's last number of paths per (request, k). */
  public static final int DEFAULT_SAMPLES_PER_K = 20;

  /** Units per generate call by default: 8 prompts x 20 paths = 160 sequences. */
  public static final int DEFAULT_BATCH_UNITS = 8;

  public C2EvalConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 (or absent for all), got " + limit);
    }
    Objects.requireNonNull(protocol, "protocol");
    if (samplesPerK < 1) {
      throw new IllegalArgumentException("samplesPerK must be >= 1, got " + samplesPerK);
    }
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(promptMode, "promptMode");
    ModelPresets.get(Objects.requireNonNull(modelPreset, "modelPreset"));
    if (batchUnits < 1) {
      throw new IllegalArgumentException("batchUnits must be >= 1, got " + batchUnits);
    }
    Objects.requireNonNull(bootstrap, "bootstrap");
  }

  /** The k values, in the protocol's order. */
  public List<Integer> kValues() {
    return protocol.kValues();
  }

  /** A builder with the protocol's defaults for a data file, an output directory and a model. */
  public static Builder builder(Path data, Path out, String modelPreset) {
    return new Builder(data, out, modelPreset);
  }

  /** Builds a {@link C2EvalConfig}; every setting but the three required ones has a default. */
  public static final class Builder {
    private final Path data;
    private final Path out;
    private final String modelPreset;
    private Integer limit;
    private boolean deduplicatePrompts;
    private ProtocolConfig protocol = ProtocolConfig.defaults();
    private List<Integer> kValues;
    private int samplesPerK = DEFAULT_SAMPLES_PER_K;
    private SamplingParams sampling;
    private long seed;
    private PromptMode promptMode = PromptMode.CONTINUE_FINAL_MESSAGE;
    private Path tokenizerConfig;
    private int batchUnits = DEFAULT_BATCH_UNITS;
    private BootstrapSettings bootstrap = BootstrapSettings.DEFAULT;

    private Builder(Path data, Path out, String modelPreset) {
      this.data = data;
      this.out = out;
      this.modelPreset = modelPreset;
    }

    /** The first {@code limit} harmful requests; null for all. */
    public Builder limit(Integer limit) {
      this.limit = limit;
      return this;
    }

    public Builder deduplicatePrompts(boolean deduplicatePrompts) {
      this.deduplicatePrompts = deduplicatePrompts;
      return this;
    }

    /** Phrases and k values; {@link #kValues} still overrides the latter. */
    public Builder protocol(ProtocolConfig protocol) {
      this.protocol = protocol;
      return this;
    }

    /** Prefix lengths in words (default 10, 20, ..., 80). */
    public Builder kValues(List<Integer> kValues) {
      this.kValues = List.copyOf(kValues);
      return this;
    }

    /** b, paths per (request, k). */
    public Builder samplesPerK(int samplesPerK) {
      this.samplesPerK = samplesPerK;
      return this;
    }

    /** Replaces the default decoding (stop strings included). */
    public Builder sampling(SamplingParams sampling) {
      this.sampling = sampling;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder promptMode(PromptMode promptMode) {
      this.promptMode = promptMode;
      return this;
    }

    /** A tokenizer_config.json whose chat template replaces the preset's; null for the preset's. */
    public Builder tokenizerConfig(Path tokenizerConfig) {
      this.tokenizerConfig = tokenizerConfig;
      return this;
    }

    public Builder batchUnits(int batchUnits) {
      this.batchUnits = batchUnits;
      return this;
    }

    public Builder bootstrap(BootstrapSettings bootstrap) {
      this.bootstrap = bootstrap;
      return this;
    }

    public C2EvalConfig build() {
      ProtocolConfig p = protocol;
      if (kValues != null) {
        p =
            new ProtocolConfig(
                p.forceBeginPhrases(),
                p.correctiveTriggers(),
                kValues,
                p.synPunctuation(),
                p.decoding(),
                p.synFilter());
      }
      SamplingParams s = sampling;
      if (s == null) {
        // End-of-turn tokens as stop strings: text endpoints would otherwise run past the reply.
        s =
            SamplingParams.c2Eval().toBuilder()
                .stopStrings(ModelPresets.get(modelPreset).stopTokens())
                .build();
      }
      return new C2EvalConfig(
          data,
          out,
          limit,
          deduplicatePrompts,
          p,
          samplesPerK,
          s,
          seed,
          promptMode,
          modelPreset,
          tokenizerConfig,
          batchUnits,
          bootstrap);
    }
  }
}
