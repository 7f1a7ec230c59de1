package org.c2lab.train.finetune;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.Objects;
import org.c2lab.train.batch.Truncation;
import org.c2lab.train.lora.LoraConfig;
import org.c2lab.train.optim.AdamW;
import org.c2lab.train.optim.LearningRateSchedule.Decay;

/**
 * The settings every fine-tuning run shares (DPO and SFT): what is trained, how it is optimised,
 * how the data are cut and when checkpoints are written. Built with {@link #builder(Path, Path)},
 * whose defaults follow c2-protocol.md (1 epoch, max length 512, lr 5e-5 with LoRA and 5e-7 for
 * full fine-tuning) and Hugging Face's Trainer otherwise.
 *
 * @param model the base model folder (Hugging Face layout)
 * @param out the run's output folder: metrics, checkpoints, the exported model
 * @param template a built-in chat template id to use instead of the model's own, or null
 * @param lora LoRA settings, or null for full fine-tuning
 * @param learningRate peak learning rate
 * @param schedule decay after warm-up
 * @param warmupRatio fraction of the steps spent warming up, in [0, 1)
 * @param epochs passes over the data
 * @param batchSize examples per forward pass
 * @param gradientAccumulation forward passes per optimizer step
 * @param truncation sequence length limits
 * @param maxGradNorm global-norm clipping threshold, 0 for none
 * @param adam AdamW's betas, eps and weight decay
 * @param seed seeds the data order, adapter initialisation and dropout
 * @param checkpointEvery optimizer steps between checkpoints (0: only at the end or on cancel)
 * @param keepCheckpoints checkpoints kept
 * @param device {@code cpu} or {@code cuda} (DJL's {@code gpu})
 * @param mergeLora whether the export merges LoRA into the base weights (else a PEFT adapter)
 * @param baseDtype the dtype of a frozen LoRA base: {@code auto} (F16 on CUDA, F32 on the CPU),
 *     {@code f16} or {@code f32}; full fine-tuning is always F32 (see {@link TrainingPrecision})
 */
public record TrainingConfig(
    @JsonSerialize(using = ToStringSerializer.class) Path model,
    @JsonSerialize(using = ToStringSerializer.class) Path out,
    String template,
    LoraConfig lora,
    double learningRate,
    Decay schedule,
    double warmupRatio,
    int epochs,
    int batchSize,
    int gradientAccumulation,
    Truncation truncation,
    double maxGradNorm,
    AdamW.Settings adam,
    long seed,
    int checkpointEvery,
    int keepCheckpoints,
    String device,
    boolean mergeLora,
    String baseDtype) {

  /** The base dtype choices. */
  public static final java.util.List<String> BASE_DTYPES = java.util.List.of("auto", "f16", "f32");

  /** LoRA's default learning rate (c2-protocol.md). */
  public static final double LORA_LEARNING_RATE = 5e-5;

  /** Full fine-tuning's default learning rate (c2-protocol.md). */
  public static final double FULL_LEARNING_RATE = 5e-7;

  public TrainingConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(truncation, "truncation");
    Objects.requireNonNull(adam, "adam");
    Objects.requireNonNull(device, "device");
    if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be >= 0, got " + learningRate);
    }
    if (!(warmupRatio >= 0 && warmupRatio < 1)) {
      throw new IllegalArgumentException("warm-up ratio must be in [0, 1), got " + warmupRatio);
    }
    if (epochs < 1 || batchSize < 1 || gradientAccumulation < 1) {
      throw new IllegalArgumentException(
          "epochs, batch size and gradient accumulation must be >= 1");
    }
    if (!(maxGradNorm >= 0)) {
      throw new IllegalArgumentException("max grad norm must be >= 0, got " + maxGradNorm);
    }
    if (checkpointEvery < 0 || keepCheckpoints < 1) {
      throw new IllegalArgumentException("checkpoint every must be >= 0 and keep >= 1");
    }
    if (!device.equals("cpu") && !device.equals("cuda")) {
      throw new IllegalArgumentException("device must be cpu or cuda, got " + device);
    }
    Objects.requireNonNull(baseDtype, "baseDtype");
    if (!BASE_DTYPES.contains(baseDtype)) {
      throw new IllegalArgumentException("base dtype must be auto, f16 or f32, got " + baseDtype);
    }
    if (lora == null && baseDtype.equals("f16")) {
      throw new IllegalArgumentException(
          "full fine-tuning trains every weight in F32: --base-dtype f16 needs LoRA");
    }
  }

  /** Whether this is full fine-tuning. */
  public boolean full() {
    return lora == null;
  }

  /** A builder with the defaults. */
  public static Builder builder(Path model, Path out) {
    return new Builder(model, out);
  }

  /** Builds a {@link TrainingConfig}; unset values take the documented defaults. */
  public static final class Builder {
    private final Path model;
    private final Path out;
    private String template;
    private LoraConfig lora = LoraConfig.DEFAULT;
    private Double learningRate;
    private Decay schedule = Decay.LINEAR;
    private double warmupRatio = 0.1;
    private int epochs = 1;
    private int batchSize = 4;
    private int gradientAccumulation = 1;
    private Truncation truncation = Truncation.DEFAULT;
    private double maxGradNorm = 1.0;
    private AdamW.Settings adam = AdamW.Settings.DEFAULT;
    private long seed = 42;
    private int checkpointEvery = 100;
    private int keepCheckpoints = 2;
    private String device = "cpu";
    private boolean mergeLora = true;
    private String baseDtype = "auto";

    private Builder(Path model, Path out) {
      this.model = model;
      this.out = out;
    }

    /** A built-in chat template id (default: the model's own template). */
    public Builder template(String template) {
      this.template = template;
      return this;
    }

    /** LoRA with these settings (default {@link LoraConfig#DEFAULT}). */
    public Builder lora(LoraConfig lora) {
      this.lora = Objects.requireNonNull(lora, "lora");
      return this;
    }

    /** Full fine-tuning instead of LoRA. */
    public Builder full() {
      this.lora = null;
      return this;
    }

    /** Peak learning rate (default 5e-5 with LoRA, 5e-7 full). */
    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** Decay after warm-up (default linear). */
    public Builder schedule(Decay schedule) {
      this.schedule = schedule;
      return this;
    }

    /** Fraction of steps warming up (default 0.1). */
    public Builder warmupRatio(double warmupRatio) {
      this.warmupRatio = warmupRatio;
      return this;
    }

    /** Passes over the data (default 1). */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** Examples per forward pass (default 4). */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Forward passes per optimizer step (default 1). */
    public Builder gradientAccumulation(int gradientAccumulation) {
      this.gradientAccumulation = gradientAccumulation;
      return this;
    }

    /** Length limits (default 512 tokens, 256 of them prompt). */
    public Builder truncation(Truncation truncation) {
      this.truncation = truncation;
      return this;
    }

    /** Global-norm clipping (default 1.0; 0 disables). */
    public Builder maxGradNorm(double maxGradNorm) {
      this.maxGradNorm = maxGradNorm;
      return this;
    }

    /** AdamW settings (default torch's, weight decay 0). */
    public Builder adam(AdamW.Settings adam) {
      this.adam = adam;
      return this;
    }

    /** The seed (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Steps between checkpoints (default 100; 0: only at the end or on cancel). */
    public Builder checkpointEvery(int checkpointEvery) {
      this.checkpointEvery = checkpointEvery;
      return this;
    }

    /** Checkpoints kept (default 2). */
    public Builder keepCheckpoints(int keepCheckpoints) {
      this.keepCheckpoints = keepCheckpoints;
      return this;
    }

    /** {@code cpu} (default) or {@code cuda}. */
    public Builder device(String device) {
      this.device = device;
      return this;
    }

    /** Merge LoRA into the exported weights (default true; false writes a PEFT adapter). */
    public Builder mergeLora(boolean mergeLora) {
      this.mergeLora = mergeLora;
      return this;
    }

    /** A frozen LoRA base's dtype: {@code auto} (default), {@code f16} or {@code f32}. */
    public Builder baseDtype(String baseDtype) {
      this.baseDtype = baseDtype;
      return this;
    }

    /** The config. */
    public TrainingConfig build() {
      double lr =
          learningRate != null
              ? learningRate
              : lora == null ? FULL_LEARNING_RATE : LORA_LEARNING_RATE;
      return new TrainingConfig(
          model,
          out,
          template,
          lora,
          lr,
          schedule,
          warmupRatio,
          epochs,
          batchSize,
          gradientAccumulation,
          truncation,
          maxGradNorm,
          adam,
          seed,
          checkpointEvery,
          keepCheckpoints,
          device,
          mergeLora,
          baseDtype);
    }
  }
}
