package org.c2lab.train.sft;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.Objects;
import org.c2lab.train.finetune.TrainingConfig;

/**
 * A supervised fine-tuning run.
 *
 * @param training model, adapters, optimizer, schedule, lengths, checkpoints
 * @param data {@code {prompt, response}} JSON Lines
 */
public record SftConfig(
    TrainingConfig training, @JsonSerialize(using = ToStringSerializer.class) Path data) {
  public SftConfig {
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(data, "data");
  }
}
