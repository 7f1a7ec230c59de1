package org.c2lab.train.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Objects;
import org.c2lab.train.optim.AdamW;
import org.c2lab.train.optim.LossScaler;
import org.c2lab.train.training.StepReport;
import org.c2lab.train.training.TrainingListener;

/** Saves a checkpoint every {@code every} steps and whenever the loop stops (end or cancel). */
public final class Checkpointer implements TrainingListener {
  private final CheckpointStore store;
  private final AdamW optimizer;
  private final int every;
  private final JsonNode settings;
  private final LossScaler scaler;
  private long lastSaved = -1;

  /**
   * @param every steps between checkpoints; 0 saves only when the loop stops
   * @param settings the run settings stored with each checkpoint (checked on resume)
   */
  public Checkpointer(CheckpointStore store, AdamW optimizer, int every, JsonNode settings) {
    this(store, optimizer, LossScaler.disabled(), every, settings);
  }

  /**
   * @param scaler the loss scaler whose state each checkpoint keeps (when enabled)
   * @param every steps between checkpoints; 0 saves only when the loop stops
   * @param settings the run settings stored with each checkpoint (checked on resume)
   */
  public Checkpointer(
      CheckpointStore store, AdamW optimizer, LossScaler scaler, int every, JsonNode settings) {
    this.scaler = Objects.requireNonNull(scaler, "scaler");
    if (every < 0) {
      throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + every);
    }
    this.store = Objects.requireNonNull(store, "store");
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.every = every;
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void onStart(long step, long totalSteps) {
    lastSaved = step; // a resumed run starts from a saved step
  }

  @Override
  public void onStep(StepReport report) throws IOException {
    if (every > 0 && report.step() % every == 0) {
      save(report.step());
    }
  }

  @Override
  public void onStop(long step, boolean finished) throws IOException {
    if (step != lastSaved) {
      save(step);
    }
  }

  private void save(long step) throws IOException {
    store.save(step, optimizer, scaler, settings);
    lastSaved = step;
  }
}
