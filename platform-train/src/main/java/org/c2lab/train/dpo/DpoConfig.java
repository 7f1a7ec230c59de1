package org.c2lab.train.dpo;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.Objects;
import org.c2lab.train.finetune.TrainingConfig;

/**
 * A DPO run: the shared training settings, the preference pairs and the objective's settings.
 *
 * @param training model, adapters, optimizer, schedule, lengths, checkpoints
 * @param pairs TRL preference JSON Lines ({@code prompt, chosen, rejected})
 * @param loss {@code sigmoid} (default), {@code ipo} or {@code hinge}
 * @param beta the temperature (default 0.1)
 * @param labelSmoothing cDPO's flip probability, sigmoid loss only (default 0)
 * @param rpoAlpha weight of the NLL term on chosen responses (default 0: none)
 * @param liveReference compute reference log-probs alongside the policy (LoRA: adapters off; full:
 *     a frozen copy) instead of once before training (the default)
 * @param referenceCache where precomputed reference log-probs are kept and shared between runs;
 *     null: {@code <out>/reference-cache}
 */
public record DpoConfig(
    TrainingConfig training,
    @JsonSerialize(using = ToStringSerializer.class) Path pairs,
    String loss,
    double beta,
    double labelSmoothing,
    double rpoAlpha,
    boolean liveReference,
    @JsonSerialize(using = ToStringSerializer.class) Path referenceCache) {

  /** The default temperature (c2-protocol.md). */
  public static final double DEFAULT_BETA = 0.1;

  public DpoConfig {
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(pairs, "pairs");
    Objects.requireNonNull(loss, "loss");
    if (labelSmoothing != 0 && !loss.equals(SigmoidLoss.NAME)) {
      throw new IllegalArgumentException("label smoothing applies to the sigmoid loss only");
    }
    new DpoLoss(PreferenceLoss.named(loss, labelSmoothing), beta, rpoAlpha); // validates
  }

  /** Sigmoid DPO with beta 0.1 and a cached reference. */
  public static DpoConfig of(TrainingConfig training, Path pairs) {
    return new DpoConfig(training, pairs, SigmoidLoss.NAME, DEFAULT_BETA, 0, 0, false, null);
  }

  /** The loss these settings describe. */
  public DpoLoss lossFunction() {
    return new DpoLoss(PreferenceLoss.named(loss, labelSmoothing), beta, rpoAlpha);
  }

  /** The reference cache folder. */
  public Path referenceCacheDir() {
    return referenceCache != null ? referenceCache : training.out().resolve("reference-cache");
  }
}
