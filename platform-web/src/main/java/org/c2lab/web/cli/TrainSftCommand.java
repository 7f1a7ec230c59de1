package org.c2lab.web.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.c2lab.core.store.FileRunStore;
import org.c2lab.train.sft.SftConfig;
import org.c2lab.train.sft.SftJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 train sft}: supervised fine-tuning on prompt/response pairs. */
@Command(
    name = "sft",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Supervised fine-tuning on {prompt, response} JSON Lines: NLL of the response tokens, the"
          + " prompt rendered with the model's chat template.",
      "Same outputs, checkpoints and --resume as 'train dpo'."
    })
public class TrainSftCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "{prompt, response} JSON Lines.")
  Path data;

  @Mixin TrainingOptions training;

  @Override
  public Integer call() throws Exception {
    SftJob job =
        new SftJob(
            training.runId(),
            new SftConfig(training.config(), data),
            new FileRunStore(training.runs.toAbsolutePath()),
            training.resume,
            List.of(new TrainProgress(spec.commandLine().getErr())));
    return TrainRunner.run(job, training, spec);
  }
}
