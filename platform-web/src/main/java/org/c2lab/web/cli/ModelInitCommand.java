package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.train.init.InitSpec;
import org.c2lab.train.init.ModelInitializer;
import org.c2lab.train.init.TemplateChoice;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.ModelFamilies;
import org.c2lab.train.safetensors.DType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 model init}: a small randomly initialised model of any family. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a small randomly initialised model (llama, mistral, qwen2, phi3 or glm4) in Hugging"
          + " Face layout: config.json, model.safetensors, tokenizer.json (copied),"
          + " tokenizer_config.json, generation_config.json, provenance.json.",
      "Weights: normal(0, 0.02), norms 1, biases 0, from --seed (same seed, same bytes). The"
          + " tokenizer decides the vocabulary; BOS/EOS come from the chat template's preset or"
          + " tokenizer_config.json, else from the tokenizer's usual tokens (<s>, </s>, ...)."
    })
public class ModelInitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--family",
      required = true,
      paramLabel = "FAMILY",
      description = "llama, mistral, qwen2, phi3 or glm4.")
  String family;

  @Option(names = "--hidden", required = true, paramLabel = "H", description = "Model width.")
  int hidden;

  @Option(names = "--layers", required = true, paramLabel = "L", description = "Decoder layers.")
  int layers;

  @Option(names = "--heads", required = true, paramLabel = "A", description = "Query heads.")
  int heads;

  @Option(
      names = "--kv-heads",
      paramLabel = "K",
      description = "Key/value heads (default: as many as --heads).")
  Integer kvHeads;

  @Option(names = "--intermediate", required = true, paramLabel = "I", description = "MLP width.")
  int intermediate;

  @Option(
      names = "--max-positions",
      defaultValue = "2048",
      paramLabel = "N",
      description = "Longest sequence, max_position_embeddings (default: ${DEFAULT-VALUE}).")
  int maxPositions;

  @Option(
      names = "--tokenizer",
      required = true,
      paramLabel = "FILE",
      description = "A tokenizer.json (e.g. from model import-llama2c).")
  Path tokenizer;

  @Option(
      names = "--chat-template",
      paramLabel = "PRESET|FILE",
      description =
          "A preset id (its template, BOS, EOS and stop tokens), a tokenizer_config.json, or a"
              + " Jinja file. Default: no chat template.")
  String chatTemplate;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the weights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--dtype",
      defaultValue = "f32",
      paramLabel = "TYPE",
      description = "f32, f16 or bf16 (default: ${DEFAULT-VALUE}).")
  String dtype;

  @Mixin ModelOutputOptions output;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /** What {@code --json} prints. */
  record Summary(
      String out,
      String family,
      String architecture,
      long parameters,
      int tensors,
      String dtype,
      int vocabSize,
      int hiddenSize,
      int layers,
      int attentionHeads,
      int keyValueHeads,
      int intermediateSize,
      int maxPositions,
      String chatTemplate,
      String bosToken,
      String eosToken,
      List<Integer> stopTokenIds,
      long seed,
      String modelSha256) {}

  @Override
  public Integer call() throws Exception {
    DType type = dtype(dtype);
    TemplateChoice template =
        chatTemplate == null ? TemplateChoice.NONE : TemplateChoice.resolve(chatTemplate);
    InitSpec init =
        InitSpec.builder()
            .family(ModelFamilies.byName(family))
            .shape(hidden, layers, heads, kvHeads, intermediate)
            .maxPositions(maxPositions)
            .tokenizer(tokenizer)
            .template(template)
            .seed(seed)
            .dtype(type)
            .out(output.out)
            .build();
    output.requireOutside(tokenizer, "--tokenizer");
    if (chatTemplate != null && ModelPresets.find(chatTemplate).isEmpty()) {
      output.requireOutside(Path.of(chatTemplate), "--chat-template");
    }
    output.prepare();
    ModelInitializer.Result r = ModelInitializer.write(init);
    ModelConfig c = r.config();
    Summary s =
        new Summary(
            r.dir().toString(),
            family,
            c.architecture(),
            r.parameters(),
            r.tensors(),
            type.name(),
            c.vocabSize(),
            c.hiddenSize(),
            c.numHiddenLayers(),
            c.numAttentionHeads(),
            c.numKeyValueHeads(),
            c.intermediateSize(),
            c.maxPositionEmbeddings(),
            template.id(),
            r.bosToken(),
            r.eosToken(),
            r.stopTokenIds(),
            seed,
            r.weightsSha256());
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(w, s);
      return 0;
    }
    w.printf("out             %s%n", s.out());
    w.printf("architecture    %s (family %s)%n", s.architecture(), s.family());
    w.printf(
        "parameters      %,d in %d tensors (%s, seed %d)%n",
        s.parameters(), s.tensors(), s.dtype(), s.seed());
    w.printf(
        "shape           hidden %d, layers %d, heads %d (kv %d), intermediate %d, vocab %d,"
            + " %d positions%n",
        s.hiddenSize(),
        s.layers(),
        s.attentionHeads(),
        s.keyValueHeads(),
        s.intermediateSize(),
        s.vocabSize(),
        s.maxPositions());
    w.printf("chat template   %s%n", s.chatTemplate());
    w.printf(
        "tokens          bos %s, eos %s, stop ids %s%n",
        s.bosToken(), s.eosToken(), s.stopTokenIds());
    w.printf("model sha256    %s%n", s.modelSha256());
    w.flush();
    return 0;
  }

  private static DType dtype(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "f32" -> DType.F32;
      case "f16" -> DType.F16;
      case "bf16" -> DType.BF16;
      default ->
          throw new IllegalArgumentException("--dtype must be f32, f16 or bf16, got " + value);
    };
  }
}
