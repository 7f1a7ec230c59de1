package org.c2lab.train.finetune;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.c2lab.core.job.JobContext;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.core.store.RunStore;
import org.c2lab.train.autograd.GradMode;
import org.c2lab.train.batch.PromptFormat;
import org.c2lab.train.batch.ResponseEncoder;
import org.c2lab.train.checkpoint.CheckpointStore;
import org.c2lab.train.checkpoint.Checkpointer;
import org.c2lab.train.device.ComputeDevice;
import org.c2lab.train.export.HfExport;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.optim.AdamW;
import org.c2lab.train.optim.GlobalNormClipping;
import org.c2lab.train.optim.LearningRateSchedule;
import org.c2lab.train.optim.LossScaler;
import org.c2lab.train.training.MetricsLog;
import org.c2lab.train.training.Objective;
import org.c2lab.train.training.ProgressReporter;
import org.c2lab.train.training.RunStoreMetrics;
import org.c2lab.train.training.StepReport;
import org.c2lab.train.training.Trainer;
import org.c2lab.train.training.TrainingListener;
import org.c2lab.train.training.TrainingPlan;

/**
 * What DPO and SFT jobs share: the base model opened with LoRA or full fine-tuning, the prompt
 * format and encoder, the loop with its standard listeners (metrics log, run store, progress,
 * checkpoints), resuming from the newest checkpoint, and the export. The output folder holds {@code
 * metrics.jsonl}, {@code checkpoints/} and, after training, {@code model/}.
 */
public final class FineTuneRun implements AutoCloseable {
  /** The metrics log in the output folder. */
  public static final String METRICS = "metrics.jsonl";

  /** Checkpoints in the output folder. */
  public static final String CHECKPOINTS = "checkpoints";

  /** The exported model in the output folder. */
  public static final String MODEL = "model";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TrainingConfig config;
  private final LocalModel base;
  private final FineTunedModel model;
  private final PromptFormat format;
  private final ResponseEncoder encoder;
  private final ComputeDevice loading;

  private FineTuneRun(
      TrainingConfig config,
      LocalModel base,
      FineTunedModel model,
      PromptFormat format,
      ComputeDevice loading) {
    this.config = config;
    this.loading = loading;
    this.base = base;
    this.model = model;
    this.format = format;
    this.encoder =
        new ResponseEncoder(
            base.tokenizer()
                .orElseThrow(
                    () -> new IllegalArgumentException(base.dir() + " has no tokenizer.json")),
            format,
            config.truncation());
  }

  /**
   * Opens the base model with LoRA adapters (seeded) or for full fine-tuning, in the precision
   * {@link TrainingPrecision#of} chooses for them.
   */
  public static FineTuneRun open(TrainingConfig config) throws IOException {
    return open(config, TrainingPrecision.of(config));
  }

  /** As {@link #open(TrainingConfig)}, with the base weights in {@code precision}'s dtype. */
  public static FineTuneRun open(TrainingConfig config, TrainingPrecision precision)
      throws IOException {
    PromptFormat format = PromptFormat.forModel(config.model(), config.template());
    Device device = config.device().equals("cuda") ? Device.gpu() : Device.cpu();
    ComputeDevice loading = precision.apply(ComputeDevice.of(device));
    LocalModel base = LocalModel.open(config.model(), loading);
    try {
      FineTunedModel model =
          config.full()
              ? FineTunedModel.full(base)
              : FineTunedModel.lora(base, config.lora(), config.seed());
      return new FineTuneRun(config, base, model, format, loading);
    } catch (RuntimeException e) {
      base.close();
      throw e;
    }
  }

  /** The settings. */
  public TrainingConfig config() {
    return config;
  }

  /** The model being trained. */
  public FineTunedModel model() {
    return model;
  }

  /** The chat-template format of prompts. */
  public PromptFormat format() {
    return format;
  }

  /** Turns texts into training ids. */
  public ResponseEncoder encoder() {
    return encoder;
  }

  /**
   * How training ended.
   *
   * @param startStep the step it started (or resumed) at
   * @param steps steps done
   * @param last the last step's metrics, empty when no step ran in this call
   */
  public record Outcome(long startStep, long steps, Map<String, Double> last) {}

  /**
   * Trains {@code objective} over {@code examples} examples.
   *
   * @param settings what a resumed run must share with the checkpoint (compared as JSON)
   * @param resume continue from the newest checkpoint; without it, existing checkpoints are refused
   * @param extra further listeners (after the standard ones)
   * @throws org.c2lab.core.job.JobCancelledException when cancelled, after a checkpoint
   */
  public Outcome train(
      Objective objective,
      int examples,
      JsonNode settings,
      boolean resume,
      JobContext context,
      RunStore store,
      String kind,
      List<TrainingListener> extra)
      throws IOException {
    try (GradMode.Scope off = GradMode.off()) {
      TrainingPlan plan =
          new TrainingPlan(
              examples,
              config.batchSize(),
              config.gradientAccumulation(),
              config.epochs(),
              config.seed());
      long total = plan.totalSteps();
      LearningRateSchedule schedule =
          new LearningRateSchedule(
              config.learningRate(),
              (long) Math.ceil(config.warmupRatio() * total),
              total,
              config.schedule());
      CheckpointStore checkpoints =
          new CheckpointStore(config.out().resolve(CHECKPOINTS), config.keepCheckpoints());
      LossScaler scaler =
          model.halfPrecision()
              ? LossScaler.dynamic(LossScaler.Settings.TORCH)
              : LossScaler.disabled();
      try (AdamW optimizer = new AdamW(model.parameters(), config.adam(), base.manager())) {
        long start = 0;
        Optional<CheckpointStore.Checkpoint> latest = checkpoints.latest();
        if (latest.isPresent()) {
          if (!resume) {
            throw new IllegalArgumentException(
                config.out()
                    + " holds checkpoints of an earlier run: resume it, or choose another output");
          }
          List<String> differences = differences("", latest.get().settings(), normalized(settings));
          if (!differences.isEmpty()) {
            throw new IllegalArgumentException(
                "cannot resume "
                    + latest.get().dir()
                    + ": settings differ from the checkpoint's: "
                    + String.join(", ", differences));
          }
          checkpoints.restore(latest.get(), optimizer, scaler);
          start = latest.get().step();
        }
        Last last = new Last();
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new MetricsLog(config.out().resolve(METRICS)));
        listeners.add(new RunStoreMetrics(store, context.jobId(), kind, settings.toString()));
        listeners.add(new ProgressReporter(context));
        listeners.add(
            new Checkpointer(
                checkpoints, optimizer, scaler, config.checkpointEvery(), normalized(settings)));
        listeners.add(last);
        listeners.addAll(extra);
        model.setTraining(true);
        Trainer trainer =
            new Trainer(
                objective,
                optimizer,
                schedule,
                new GlobalNormClipping(config.maxGradNorm()),
                plan,
                base.manager(),
                listeners,
                scaler);
        long steps = trainer.run(start, context);
        model.setTraining(false);
        return new Outcome(start, steps, last.metrics);
      }
    }
  }

  /** The settings as they read back from a checkpoint (JSON numbers lose their Java types). */
  private static JsonNode normalized(JsonNode settings) throws IOException {
    return JSON.readTree(JSON.writeValueAsString(settings));
  }

  /** Paths whose values differ, e.g. {@code training.seed: 7 (checkpoint) vs 8}. */
  static List<String> differences(String path, JsonNode saved, JsonNode now) {
    List<String> out = new ArrayList<>();
    if (saved != null && now != null && saved.isObject() && now.isObject()) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      saved.fieldNames().forEachRemaining(names::add);
      now.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        out.addAll(differences(path.isEmpty() ? n : path + "." + n, saved.get(n), now.get(n)));
      }
    } else if (saved == null || now == null || !saved.equals(now)) {
      out.add(path + ": " + saved + " (checkpoint) vs " + now);
    }
    return out;
  }

  /** Keeps the last step's metrics. */
  private static final class Last implements TrainingListener {
    private Map<String, Double> metrics = Map.of();

    @Override
    public void onStep(StepReport report) {
      metrics = report.metrics();
    }
  }

  /** Exports the trained model to {@code out/model} with {@code provenance}. */
  public Path export(Provenance provenance) throws IOException {
    return HfExport.write(
        model,
        config.out().resolve(MODEL),
        config.mergeLora(),
        config.template() == null ? null : format.template(),
        provenance);
  }

  /** Frees the adapters and the model. */
  @Override
  public void close() {
    try {
      model.close();
    } finally {
      base.close();
    }
  }

  /**
   * Opens the base model again as this run loaded it (device and dtype): the frozen reference of
   * full fine-tuning without a reference cache, so that reference and policy log-probs come from
   * the same precision (with {@code log pi_ref = log pi} at step 0, every reward starts at 0).
   */
  public LocalModel openFrozenCopy() throws IOException {
    return LocalModel.open(config.model(), loading);
  }
}
