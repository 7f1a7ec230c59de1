package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.train.runtime.DjlLanguageModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 model generate}: continue a prompt with a local model. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Continue a prompt with a local Hugging Face model folder.",
      "Text is tokenized with the model's tokenizer; BOS is added unless the text already starts"
          + " with it. Token ids are used as given. Generation stops at the model's end-of-text"
          + " ids (config.json and generation_config.json), a --stop string, or --max-new-tokens.",
      "Sample i of --n uses seed S + i, so each sample is reproducible on its own."
    })
public class ModelGenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder.")
  Path model;

  @Mixin DeviceOptions deviceOptions;

  @ArgGroup(multiplicity = "1")
  Input input;

  /** Exactly one of the two prompt forms. */
  static class Input {
    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt text.")
    String text;

    @Option(
        names = "--token-ids",
        split = ",",
        paramLabel = "ID",
        description = "Prompt token ids, e.g. 1,403,407.")
    List<Integer> tokenIds;
  }

  @Option(names = "--greedy", description = "Pick the most probable token (no sampling).")
  boolean greedy;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description = "Sampling temperature > 0 (default 1).")
  Double temperature;

  @Option(
      names = "--top-p",
      paramLabel = "P",
      description = "Nucleus sampling mass in (0, 1] (default 1: no cut).")
  Double topP;

  @Option(names = "--top-k", paramLabel = "K", description = "Keep the K most probable tokens.")
  Integer topK;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the first sample (default 0).")
  Long seed;

  @Option(
      names = "--n",
      defaultValue = "1",
      paramLabel = "N",
      description = "Samples (default ${DEFAULT-VALUE}).")
  int n;

  @Option(
      names = "--max-new-tokens",
      required = true,
      paramLabel = "N",
      description = "Most tokens to generate.")
  int maxNewTokens;

  @Option(
      names = "--stop",
      paramLabel = "TEXT",
      description = "Stop before this text (repeatable; not included in the output).")
  List<String> stop = new ArrayList<>();

  @Option(
      names = "--json",
      description =
          "Print {\"token_ids\", \"text\", \"finish_reason\"} (generated tokens only), or with"
              + " --n > 1 {\"samples\": [{\"seed\", \"token_ids\", \"text\","
              + " \"finish_reason\"}, ...]}.")
  boolean json;

  /** What {@code --json} prints for one sample (this exact shape when --n is 1). */
  record SampleJson(int[] token_ids, String text, String finish_reason) {}

  /** One of several samples in {@code --json} output. */
  record SeededSampleJson(long seed, int[] token_ids, String text, String finish_reason) {}

  /** What {@code --json} prints when --n is more than 1. */
  record SamplesJson(List<SeededSampleJson> samples) {}

  @Override
  public Integer call() throws Exception {
    SamplingParams params = params();
    if (n < 1) {
      throw new IllegalArgumentException("--n: must be >= 1, got " + n);
    }
    long first = seed == null ? 0 : seed;
    long[] seeds = new long[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = first + i;
    }
    Prompt prompt =
        input.text != null
            ? Prompt.text(input.text)
            : Prompt.tokens(input.tokenIds.stream().mapToInt(Integer::intValue).toArray());
    List<Generation> samples;
    try (DjlLanguageModel lm = DjlLanguageModel.open(model, deviceOptions.device())) {
      samples = lm.generate(List.of(GenerationRequest.of(prompt, params, seeds))).get(0);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      if (n == 1) {
        Generation g = samples.get(0);
        JsonOutput.print(out, new SampleJson(g.tokenIds(), g.text(), reason(g)));
      } else {
        List<SeededSampleJson> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Generation g = samples.get(i);
          list.add(new SeededSampleJson(seeds[i], g.tokenIds(), g.text(), reason(g)));
        }
        JsonOutput.print(out, new SamplesJson(list));
      }
      return 0;
    }
    for (int i = 0; i < n; i++) {
      Generation g = samples.get(i);
      if (n > 1) {
        out.printf("=== sample %d (seed %d)%n", i + 1, seeds[i]);
      }
      out.println(g.text());
      out.printf(
          "[%s: %d new tokens after %d prompt tokens, %.0f tokens/s]%n",
          reason(g),
          g.timing().generatedTokens(),
          g.timing().promptTokens(),
          g.timing().tokensPerSecond());
    }
    out.flush();
    return 0;
  }

  private SamplingParams params() {
    SamplingParams.Builder b =
        SamplingParams.builder().maxNewTokens(maxNewTokens).stopStrings(stop);
    if (greedy) {
      if (temperature != null || topP != null || topK != null || seed != null) {
        throw new IllegalArgumentException(
            "--greedy: cannot be combined with --temperature, --top-p, --top-k or --seed");
      }
      return b.greedy().build();
    }
    return b.temperature(temperature == null ? 1.0 : temperature)
        .topP(topP == null ? 1.0 : topP)
        .topK(topK == null ? 0 : topK)
        .build();
  }

  private static String reason(Generation g) {
    return g.finishReason().name().toLowerCase(Locale.ROOT);
  }
}
