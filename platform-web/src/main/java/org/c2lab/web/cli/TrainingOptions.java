package org.c2lab.web.cli;

import java.nio.file.Path;
import java.util.List;
import org.c2lab.core.job.Job;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.train.batch.Truncation;
import org.c2lab.train.finetune.TrainingConfig;
import org.c2lab.train.lora.LoraConfig;
import org.c2lab.train.optim.AdamW;
import org.c2lab.train.optim.LearningRateSchedule.Decay;
import picocli.CommandLine.Option;

/** Options shared by {@code train dpo} and {@code train sft}: model, adapters, optimizer, run. */
public class TrainingOptions {

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Base model folder (Hugging Face layout).")
  Path model;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder: metrics.jsonl, checkpoints/, model/.")
  Path out;

  @Option(
      names = "--template",
      paramLabel = "ID",
      description =
          "Built-in chat template to use instead of the model's own (e.g. llama2 for a base model without one).")
  String template;

  // Read before parsing by TrainPreset.install (picocli applies defaults first); declared here so
  // that it is accepted and documented.
  @Option(
      names = TrainPreset.OPTION,
      paramLabel = "FILE",
      description =
          "Preset JSON (e.g. configs/dpo-lora.json): option names without dashes to values; flags override it.")
  Path config;

  @Option(names = "--full", description = "Full fine-tuning of every weight (F32) instead of LoRA.")
  boolean full;

  @Option(names = "--lora-rank", paramLabel = "R", description = "LoRA rank (default: 16).")
  Integer loraRank;

  @Option(names = "--lora-alpha", paramLabel = "A", description = "LoRA alpha (default: 32).")
  Double loraAlpha;

  @Option(names = "--lora-dropout", paramLabel = "P", description = "LoRA dropout (default: 0.05).")
  Double loraDropout;

  @Option(
      names = "--lora-targets",
      split = ",",
      paramLabel = "NAMES",
      description = "Projections to adapt (default: all of q,k,v,o,gate,up,down _proj).")
  List<String> loraTargets;

  @Option(
      names = "--lr",
      paramLabel = "LR",
      description = "Peak learning rate (default: 5e-5 with LoRA, 5e-7 with --full).")
  Double learningRate;

  @Option(
      names = "--schedule",
      defaultValue = "linear",
      paramLabel = "NAME",
      description = "Decay after warm-up: constant, linear, cosine (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(
      names = "--warmup-ratio",
      defaultValue = "0.1",
      description = "Fraction of steps warming up (default: ${DEFAULT-VALUE}).")
  double warmupRatio;

  @Option(
      names = "--epochs",
      defaultValue = "1",
      description = "Passes over the data (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "4",
      description = "Examples per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--grad-accum",
      defaultValue = "1",
      description = "Forward passes per optimizer step (default: ${DEFAULT-VALUE}).")
  int gradientAccumulation;

  @Option(
      names = "--max-length",
      defaultValue = "512",
      description = "Most tokens of prompt + response (default: ${DEFAULT-VALUE}).")
  int maxLength;

  @Option(
      names = "--max-prompt-length",
      defaultValue = "256",
      description = "Prompt tokens kept when truncating (default: ${DEFAULT-VALUE}).")
  int maxPromptLength;

  @Option(
      names = "--max-grad-norm",
      defaultValue = "1.0",
      description = "Global-norm clipping, 0 for none (default: ${DEFAULT-VALUE}).")
  double maxGradNorm;

  @Option(
      names = "--weight-decay",
      defaultValue = "0",
      description = "AdamW's decoupled weight decay (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of data order, adapter init and dropout (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "100",
      paramLabel = "STEPS",
      description =
          "Steps between checkpoints; one is also written at the end and on Ctrl-C (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--base-dtype",
      defaultValue = "auto",
      paramLabel = "auto|f16|f32",
      description =
          "Dtype of the frozen LoRA base: auto = f16 on cuda, f32 on cpu; f16 trains F32 master"
              + " adapters over an F16 base (F16 working copies, F32 loss, dynamic loss scaling),"
              + " also on the CPU for testing; --full is always F32 (default: ${DEFAULT-VALUE}).")
  String baseDtype;

  @Option(
      names = "--resume",
      description = "Continue from the newest checkpoint in --out (same settings required).")
  boolean resume;

  @Option(
      names = "--no-merge",
      description = "Export LoRA as a PEFT adapter instead of merging it into the weights.")
  boolean noMerge;

  @Option(
      names = "--runs",
      defaultValue = "c2-data/runs",
      paramLabel = "DIR",
      description = "Run store for metrics and provenance (default: ${DEFAULT-VALUE}).")
  Path runs;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /** The shared settings these options describe. */
  TrainingConfig config() {
    boolean loraOptions =
        loraRank != null || loraAlpha != null || loraDropout != null || loraTargets != null;
    if (full && loraOptions) {
      throw new IllegalArgumentException("--full trains every weight: drop the --lora-* options");
    }
    LoraConfig d = LoraConfig.DEFAULT;
    TrainingConfig.Builder b =
        TrainingConfig.builder(model, out)
            .template(template)
            .schedule(Decay.named(schedule))
            .warmupRatio(warmupRatio)
            .epochs(epochs)
            .batchSize(batchSize)
            .gradientAccumulation(gradientAccumulation)
            .truncation(new Truncation(maxLength, maxPromptLength))
            .maxGradNorm(maxGradNorm)
            .adam(new AdamW.Settings(0.9, 0.999, 1e-8, weightDecay))
            .seed(seed)
            .checkpointEvery(checkpointEvery)
            .device(device)
            .baseDtype(baseDtype)
            .mergeLora(!noMerge);
    if (full) {
      b.full();
    } else {
      b.lora(
          new LoraConfig(
              loraRank != null ? loraRank : d.rank(),
              loraAlpha != null ? loraAlpha : d.alpha(),
              loraDropout != null ? loraDropout : d.dropout(),
              loraTargets != null ? loraTargets : d.targetModules()));
    }
    if (learningRate != null) {
      b.learningRate(learningRate);
    }
    return b.build();
  }

  /**
   * The run id: the output folder's name and a short hash of its absolute path, so that runs in
   * folders of the same name do not share a store entry and a resumed run finds its own.
   */
  String runId() {
    Path abs = out.toAbsolutePath().normalize();
    String name = abs.getFileName() == null ? "train" : abs.getFileName().toString();
    String id = name.replaceAll("[^A-Za-z0-9._-]", "-");
    if (id.isEmpty() || !Character.isLetterOrDigit(id.charAt(0))) {
      id = "train-" + id;
    }
    id = id.length() > 100 ? id.substring(0, 100) : id;
    return Job.checkId(id + "-" + Sha256.of(abs.toString()).substring(0, 8));
  }
}
