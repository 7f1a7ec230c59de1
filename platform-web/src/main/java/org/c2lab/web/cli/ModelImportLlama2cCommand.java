package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.c2lab.train.llama2c.Llama2cImporter;
import org.c2lab.train.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 model import-llama2c}: converts a llama2.c model to Hugging Face layout. */
@Command(
    name = "import-llama2c",
    mixinStandardHelpOptions = true,
    description = {
      "Convert a llama2.c model (legacy version-0 .bin) and its tokenizer (.bin) into a Hugging"
          + " Face folder: config.json, model.safetensors (q/k rows permuted for rotate_half),"
          + " tokenizer.json, tokenizer_config.json, generation_config.json, provenance.json.",
      "DIR is created and must be empty, unless --force replaces an earlier import there."
    })
public class ModelImportLlama2cCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "BIN", description = "llama2.c model.")
  Path model;

  @Option(
      names = "--tokenizer",
      required = true,
      paramLabel = "TOK",
      description = "llama2.c tokenizer, e.g. tok512.bin.")
  Path tokenizer;

  @Mixin ModelOutputOptions output;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /** What {@code --json} prints. */
  record Summary(
      String out,
      String architecture,
      long parameters,
      int tensors,
      int vocabSize,
      int hiddenSize,
      int layers,
      int attentionHeads,
      int keyValueHeads,
      boolean tiedEmbeddings,
      String modelSha256,
      String tokenizerSha256) {}

  @Override
  public Integer call() throws Exception {
    Path out = output.prepare();
    Llama2cImporter.Result r = Llama2cImporter.convert(model, tokenizer, out);
    ModelConfig c = r.config();
    Summary s =
        new Summary(
            out.toString(),
            c.architecture(),
            r.parameters(),
            r.tensors(),
            c.vocabSize(),
            c.hiddenSize(),
            c.numHiddenLayers(),
            c.numAttentionHeads(),
            c.numKeyValueHeads(),
            c.tieWordEmbeddings(),
            r.modelSha256(),
            r.tokenizerSha256());
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(w, s);
      return 0;
    }
    w.printf("out               %s%n", s.out());
    w.printf("architecture      %s%n", s.architecture());
    w.printf("parameters        %,d in %d tensors (F32)%n", s.parameters(), s.tensors());
    w.printf(
        "shape             hidden %d, layers %d, heads %d (kv %d), vocab %d%s%n",
        s.hiddenSize(),
        s.layers(),
        s.attentionHeads(),
        s.keyValueHeads(),
        s.vocabSize(),
        s.tiedEmbeddings() ? ", tied embeddings" : "");
    w.printf("model sha256      %s%n", s.modelSha256());
    w.printf("tokenizer sha256  %s%n", s.tokenizerSha256());
    w.flush();
    return 0;
  }
}
