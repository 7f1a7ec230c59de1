package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.c2lab.core.template.SpecialTokens;
import org.c2lab.train.device.HostMemory;
import org.c2lab.train.device.MemoryStatus;
import org.c2lab.train.model.MemoryEstimate;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.ModelInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./c2 model info DIR}: what a model folder holds, without loading it. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
      "Describe a Hugging Face model folder without loading it: architecture, family, parameters,"
          + " dtypes, vocabulary, context, chat template, special tokens, files, and memory"
          + " estimates for CPU (F32) and GPU (F16).",
      "The estimate is weights + KV cache + the largest per-layer working set of a prefill of"
          + " --batch rows x --context positions (defaults: 1 x min(2048, the model's context))."
    })
public class ModelInfoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Model folder (config.json, *.safetensors).")
  Path dir;

  @Option(
      names = "--context",
      defaultValue = "" + ModelInfo.DEFAULT_CONTEXT,
      paramLabel = "N",
      description =
          "Positions per row for the memory estimate (default: ${DEFAULT-VALUE}, capped at the"
              + " model's context).")
  int context;

  @Option(
      names = "--batch",
      defaultValue = "" + ModelInfo.DEFAULT_BATCH,
      paramLabel = "N",
      description = "Rows for the memory estimate (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /** What {@code --json} prints. */
  record Summary(
      String dir,
      String architecture,
      String family,
      long parameters,
      int tensors,
      Map<String, Long> dtypes,
      int vocabSize,
      Integer tokenizerVocabSize,
      int contextLength,
      Integer slidingWindow,
      String ropeScaling,
      int hiddenSize,
      int layers,
      int attentionHeads,
      int keyValueHeads,
      int headDim,
      int intermediateSize,
      boolean tiedEmbeddings,
      ModelInfo.TemplateInfo chatTemplate,
      Tokens specialTokens,
      List<Integer> stopTokenIds,
      List<FileEntry> files,
      Memory memory) {}

  /** tokenizer_config.json's special tokens. */
  record Tokens(String bos, String eos, String unk, String pad) {}

  /** One file of the folder. */
  record FileEntry(String name, long bytes) {}

  /** The estimates and what this machine has. */
  record Memory(int context, int batch, Estimate cpu, Estimate gpu, long hostAvailableBytes) {}

  /** One device's estimate. */
  record Estimate(
      String dtype, long weightsBytes, long kvCacheBytes, long activationBytes, long totalBytes) {
    static Estimate of(MemoryEstimate e) {
      return new Estimate(
          e.type().getNumOfBytes() == 2 ? "F16" : "F32",
          e.weightsBytes(),
          e.kvCacheBytes(),
          e.activationBytes(),
          e.totalBytes());
    }
  }

  @Override
  public Integer call() throws Exception {
    if (context <= 0 || batch <= 0) {
      throw new IllegalArgumentException("--context and --batch must be positive");
    }
    ModelInfo info = ModelInfo.read(dir, context, batch);
    ModelConfig c = info.config();
    SpecialTokens t = info.specialTokens();
    MemoryStatus host = HostMemory.status();
    Summary s =
        new Summary(
            dir.toString(),
            c.architecture(),
            info.family() == null ? null : info.family().name(),
            info.parameters(),
            info.tensors(),
            info.parametersByDtype(),
            c.vocabSize(),
            info.tokenizerVocabSize(),
            c.maxPositionEmbeddings(),
            c.slidingWindow(),
            c.ropeScaling() == null ? null : c.ropeScaling().type(),
            c.hiddenSize(),
            c.numHiddenLayers(),
            c.numAttentionHeads(),
            c.numKeyValueHeads(),
            c.headDim(),
            c.intermediateSize(),
            c.tieWordEmbeddings(),
            info.chatTemplate(),
            new Tokens(t.bosToken(), t.eosToken(), t.unkToken(), t.padToken()),
            info.stopTokenIds(),
            info.files().entrySet().stream()
                .map(e -> new FileEntry(e.getKey(), e.getValue()))
                .toList(),
            new Memory(
                info.cpu().context(),
                info.cpu().batch(),
                Estimate.of(info.cpu()),
                Estimate.of(info.gpu()),
                host.availableBytes()));
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(w, s);
      return 0;
    }
    w.printf("folder          %s%n", s.dir());
    w.printf(
        "architecture    %s (%s)%n",
        s.architecture(),
        s.family() == null ? "not supported by this runtime" : "family " + s.family());
    w.printf("parameters      %,d in %d tensors (%s)%n", s.parameters(), s.tensors(), dtypes(s));
    w.printf(
        "shape           hidden %d, layers %d, heads %d (kv %d, head %d), intermediate %d%s%n",
        s.hiddenSize(),
        s.layers(),
        s.attentionHeads(),
        s.keyValueHeads(),
        s.headDim(),
        s.intermediateSize(),
        s.tiedEmbeddings() ? ", tied embeddings" : "");
    w.printf(
        "vocabulary      %d%s%n",
        s.vocabSize(),
        s.tokenizerVocabSize() == null
            ? " (no tokenizer.json)"
            : " (tokenizer.json: " + s.tokenizerVocabSize() + ")");
    w.printf(
        "context         %d positions; rope %s; sliding window %s%n",
        s.contextLength(),
        s.ropeScaling() == null ? "default" : s.ropeScaling(),
        s.slidingWindow() == null ? "none" : s.slidingWindow());
    w.printf(
        "chat template   %s%n",
        s.chatTemplate() == null
            ? "none"
            : s.chatTemplate().id()
                + (s.chatTemplate().builtIn() ? " (built-in)" : "")
                + ", sha256 "
                + s.chatTemplate().sha256());
    w.printf(
        "special tokens  bos %s, eos %s; stop ids %s%n",
        s.specialTokens().bos(), s.specialTokens().eos(), s.stopTokenIds());
    w.printf("files%n");
    for (FileEntry f : s.files()) {
      w.printf("  %-28s %12s%n", f.name(), MemoryStatus.format(f.bytes()));
    }
    Memory m = s.memory();
    w.printf(
        "memory for %d x %d positions (weights + KV cache + activations)%n",
        m.batch(), m.context());
    line(w, "cpu F32", m.cpu());
    line(w, "gpu F16", m.gpu());
    w.printf("  this host has %s available%n", MemoryStatus.format(m.hostAvailableBytes()));
    w.flush();
    return 0;
  }

  private static String dtypes(Summary s) {
    return String.join(
        ", ",
        s.dtypes().entrySet().stream()
            .map(e -> e.getKey() + " " + String.format("%,d", e.getValue()))
            .toList());
  }

  private static void line(PrintWriter w, String label, Estimate e) {
    w.printf(
        "  %-8s ~%s = %s + %s + %s%n",
        label,
        MemoryStatus.format(e.totalBytes()),
        MemoryStatus.format(e.weightsBytes()),
        MemoryStatus.format(e.kvCacheBytes()),
        MemoryStatus.format(e.activationBytes()));
  }
}
