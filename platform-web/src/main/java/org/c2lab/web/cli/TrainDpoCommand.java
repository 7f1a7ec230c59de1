package org.c2lab.web.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.c2lab.core.store.FileRunStore;
import org.c2lab.train.dpo.DpoConfig;
import org.c2lab.train.dpo.DpoJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 train dpo}: DPO fine-tuning on preference pairs. */
@Command(
    name = "dpo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fine-tune a model with Direct Preference Optimization on TRL preference pairs"
          + " ({prompt, chosen, rejected} JSON Lines, e.g. C2-Syn output).",
      "Prompts are rendered with the model's chat template; the loss covers response tokens only."
          + " LoRA by default (the reference model is the base with adapters off); --full trains"
          + " every weight. Reference log-probs are computed once and cached (--ref-cache).",
      "Precision: full fine-tuning is F32; a LoRA base is F16 on cuda (F32 master adapters, F16"
          + " working copies, F32 loss, dynamic loss scaling logged as loss_scale and"
          + " skipped_steps) and F32 on the CPU unless --base-dtype f16.",
      "Writes DIR/metrics.jsonl, DIR/checkpoints/ and DIR/model/ (Hugging Face layout with"
          + " provenance.json). Ctrl-C checkpoints; --resume continues exactly."
    })
public class TrainDpoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--pairs",
      required = true,
      paramLabel = "FILE",
      description = "Preference pairs.")
  Path pairs;

  @Option(
      names = "--loss",
      defaultValue = "sigmoid",
      description = "sigmoid, ipo or hinge (default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(
      names = "--beta",
      defaultValue = "0.1",
      description = "Temperature (default: ${DEFAULT-VALUE}).")
  double beta;

  @Option(
      names = "--label-smoothing",
      defaultValue = "0",
      description = "cDPO label smoothing, sigmoid only (default: ${DEFAULT-VALUE}).")
  double labelSmoothing;

  @Option(
      names = "--rpo-alpha",
      defaultValue = "0",
      description = "Weight of an NLL term on chosen responses (default: ${DEFAULT-VALUE}).")
  double rpoAlpha;

  @Option(
      names = "--ref-cache",
      paramLabel = "DIR",
      description = "Shared cache of reference log-probs (default: DIR/reference-cache).")
  Path refCache;

  @Option(
      names = "--live-reference",
      description =
          "Compute reference log-probs every step (LoRA: adapters off; --full: a frozen copy) instead of caching them.")
  boolean liveReference;

  @Mixin TrainingOptions training;

  @Override
  public Integer call() throws Exception {
    DpoConfig config =
        new DpoConfig(
            training.config(),
            pairs,
            loss,
            beta,
            labelSmoothing,
            rpoAlpha,
            liveReference,
            refCache);
    DpoJob job =
        new DpoJob(
            training.runId(),
            config,
            new FileRunStore(training.runs.toAbsolutePath()),
            training.resume,
            List.of(new TrainProgress(spec.commandLine().getErr())));
    return TrainRunner.run(job, training, spec);
  }
}
