package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 model logits}: the next-token logits after a sequence of ids. */
@Command(
    name = "logits",
    mixinStandardHelpOptions = true,
    description = {
      "Print the next-token logits (F32) after the last of the given token ids (one forward"
          + " pass): all of them with --json, else the 10 largest."
    })
public class ModelLogitsCommand implements Callable<Integer> {
  private static final int TOP = 10;

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder.")
  Path model;

  @Mixin DeviceOptions deviceOptions;

  @Option(
      names = "--token-ids",
      required = true,
      split = ",",
      paramLabel = "ID",
      description = "Token ids, e.g. 1,403.")
  List<Integer> tokenIds;

  @Option(names = "--json", description = "Print {\"logits\": [...]} instead of a table.")
  boolean json;

  /** What {@code --json} prints. */
  record LogitsJson(float[] logits) {}

  @Override
  public Integer call() throws Exception {
    float[] logits;
    try (LocalModel m = LocalModel.open(model, deviceOptions.device())) {
      logits = m.nextTokenLogits(checked(tokenIds, m.config()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, new LogitsJson(logits));
      return 0;
    }
    out.printf("%8s  %10s%n", "token", "logit");
    IntStream.range(0, logits.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -logits[i]))
        .limit(TOP)
        .forEach(i -> out.printf("%8d  %10.4f%n", i, logits[i]));
    out.flush();
    return 0;
  }

  private static long[] checked(List<Integer> ids, ModelConfig config) {
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("--token-ids: give at least one id");
    }
    if (ids.size() > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException(
          "--token-ids: "
              + ids.size()
              + " ids exceed the model's context of "
              + config.maxPositionEmbeddings());
    }
    long[] out = new long[ids.size()];
    for (int i = 0; i < out.length; i++) {
      int id = ids.get(i);
      if (id < 0 || id >= config.vocabSize()) {
        throw new IllegalArgumentException(
            "--token-ids: " + id + " is outside the vocabulary [0, " + config.vocabSize() + ")");
      }
      out[i] = id;
    }
    return out;
  }
}
