package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.c2lab.core.data.HarmfulExample;
import org.c2lab.core.data.PkuSafeRlhfReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.protocol.PrefilledPrompt;
import org.c2lab.core.protocol.Prefiller;
import org.c2lab.core.protocol.ProtocolConfig;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.RenderedPrompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 prefill}: the C2-Eval prompts of a data file, templated for one model. */
@Command(
    name = "prefill",
    mixinStandardHelpOptions = true,
    description = {
      "Print C2-Eval prefilled prompts: the first k words of force-begin phrase + harmful answer,"
          + " in the model's chat template with the assistant turn left open.",
      "The phrase is a seeded choice per (seed, request, k), so the same flags give the same"
          + " prompts."
    })
public class PrefillCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin PromptOptions prompt;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "PKU-SafeRLHF file.")
  Path data;

  @Option(
      names = "--k",
      split = ",",
      paramLabel = "K",
      description = "Prefix lengths in words, phrase included (default: the protocol's 10..80).")
  List<Integer> k;

  @Option(names = "--limit", paramLabel = "N", description = "First N requests (default: all).")
  Integer limit;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Run seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dedup", description = "Skip repeated prompts (first occurrence wins).")
  boolean dedup;

  @Option(
      names = "--force-begin-phrases",
      paramLabel = "FILE",
      description = "Override the 15 force-begin phrases (one per line, '#' comments).")
  Path phrasesFile;

  @Option(names = "--json", description = "Print one JSON object instead of the prompt texts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("--limit: must be >= 1, got " + limit);
    }
    ProtocolConfig.Builder config = ProtocolConfig.builder();
    if (phrasesFile != null) {
      config.forceBeginPhrases(phrasesFile);
    }
    if (k != null) {
      config.kValues(k);
    }
    ProtocolConfig protocol = config.build();
    Prefiller prefiller = new Prefiller(protocol);
    ModelPreset preset = prompt.preset();
    ChatTemplate template = prompt.template();

    List<Entry> entries = new ArrayList<>();
    PkuSafeRlhfReader reader = PkuSafeRlhfReader.builder().deduplicatePrompts(dedup).build();
    try (RecordStream<HarmfulExample> examples = reader.harmfulExamples(data)) {
      examples.stream()
          .limit(limit == null ? Long.MAX_VALUE : limit)
          .forEach(
              example -> {
                for (PrefilledPrompt p : prefiller.prefillAll(example, seed)) {
                  List<ChatMessage> chat =
                      preset.withDefaultSystemPrompt(
                          List.of(
                              ChatMessage.user(p.request()), ChatMessage.assistant(p.prefix())));
                  entries.add(new Entry(p, template.renderPrompt(chat, prompt.mode())));
                }
              });
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(
          out,
          new Listing(
              data.toString(),
              Sha256.of(data),
              preset.id(),
              template.id(),
              template.sha256(),
              prompt.mode().name().toLowerCase(Locale.ROOT),
              seed,
              entries.stream().map(Entry::json).toList()));
      return 0;
    }
    for (Entry e : entries) {
      PrefilledPrompt p = e.prefill();
      out.printf(
          "=== %s  k=%d  words=%d  phrase #%d%n",
          p.requestId(), p.k(), p.wordCount(), p.phraseIndex());
      out.println(e.rendered().text());
    }
    out.flush();
    return 0;
  }

  private record Entry(PrefilledPrompt prefill, RenderedPrompt rendered) {
    PromptJson json() {
      return new PromptJson(
          prefill.requestId(),
          prefill.k(),
          prefill.wordCount(),
          prefill.phraseIndex(),
          prefill.forceBeginPhrase(),
          prefill.prefix(),
          rendered.text());
    }
  }

  /** One prefilled prompt in the JSON output. */
  record PromptJson(
      String request_id,
      int k,
      int words,
      int phrase_index,
      String force_begin_phrase,
      String prefix,
      String prompt) {}

  /** The JSON output: what was read, how it was rendered, and the prompts. */
  record Listing(
      String data,
      String data_sha256,
      String model,
      String template_id,
      String template_sha256,
      String mode,
      long seed,
      List<PromptJson> prompts) {}
}
