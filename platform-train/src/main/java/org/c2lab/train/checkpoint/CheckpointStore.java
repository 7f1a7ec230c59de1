package org.c2lab.train.checkpoint;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.c2lab.train.optim.AdamW;
import org.c2lab.train.optim.LossScaler;
import org.c2lab.train.optim.Parameter;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsFile;
import org.c2lab.train.safetensors.SafetensorsWriter;

/**
 * Training checkpoints in a directory, one sub-directory per step ({@code step-000040}): the
 * trainable parameters (F32 masters) and AdamW's moments as F32 safetensors, and {@code state.json}
 * (step, optimizer steps, the loss scaler's state when the run scales its loss, the run's settings
 * for the resume check). Each is written under a temporary name and renamed into place, so a crash
 * leaves either the old set or the new one; the newest {@code keep} are kept. Data order and random
 * draws follow from (seed, step), so nothing else is needed to resume exactly.
 */
public final class CheckpointStore {
  /** Trainable parameters. */
  public static final String TRAINABLE = "trainable.safetensors";

  /** Optimizer moments. */
  public static final String OPTIMIZER = "optimizer.safetensors";

  /** Step and settings. */
  public static final String STATE = "state.json";

  private static final Pattern NAME = Pattern.compile("step-(\\d{6,})");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final int keep;

  /**
   * A store in {@code dir} keeping the newest {@code keep} checkpoints.
   *
   * @param keep checkpoints kept, > 0
   */
  public CheckpointStore(Path dir, int keep) {
    if (keep <= 0) {
      throw new IllegalArgumentException("keep must be > 0, got " + keep);
    }
    this.dir = dir;
    this.keep = keep;
  }

  /**
   * A saved checkpoint.
   *
   * @param dir its directory
   * @param step optimizer steps done when it was saved
   * @param settings the run settings saved with it
   */
  public record Checkpoint(Path dir, long step, JsonNode settings) {}

  /** Saves the state after {@code step} steps and prunes old checkpoints. */
  public Checkpoint save(long step, AdamW optimizer, JsonNode settings) throws IOException {
    return save(step, optimizer, LossScaler.disabled(), settings);
  }

  /**
   * Saves the state after {@code step} steps (the F32 masters, the moments and, when it is enabled,
   * the loss scaler's state) and prunes old checkpoints.
   */
  public Checkpoint save(long step, AdamW optimizer, LossScaler scaler, JsonNode settings)
      throws IOException {
    Files.createDirectories(dir);
    String name = String.format("step-%06d", step);
    Path partial = dir.resolve(name + ".partial");
    deleteTree(partial);
    Files.createDirectories(partial);
    SafetensorsWriter.Builder params = SafetensorsWriter.builder().metadata("format", "pt");
    for (Parameter p : optimizer.parameters()) {
      add(params, p.name(), p.value());
    }
    params.write(partial.resolve(TRAINABLE));
    SafetensorsWriter.Builder moments = SafetensorsWriter.builder().metadata("format", "pt");
    for (Map.Entry<String, NDArray> e : optimizer.state().entrySet()) {
      add(moments, e.getKey(), e.getValue());
    }
    moments.write(partial.resolve(OPTIMIZER));
    ObjectNode state = JSON.createObjectNode();
    state.put("step", step);
    state.put("optimizer_steps", optimizer.steps());
    if (scaler.enabled()) {
      LossScaler.State ls = scaler.state();
      ObjectNode node = state.putObject("loss_scaler");
      node.put("scale", ls.scale());
      node.put("growth_tracker", ls.growthTracker());
      node.put("skipped", ls.skipped());
    }
    state.set("settings", settings);
    JSON.writeValue(partial.resolve(STATE).toFile(), state);
    Path target = dir.resolve(name);
    deleteTree(target);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    prune();
    return new Checkpoint(target, step, settings);
  }

  private static void add(SafetensorsWriter.Builder b, String name, NDArray a) {
    b.add(name, DType.F32, a.getShape().getShape(), NativeTensors.data(a, DType.F32));
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Checkpoint> latest() throws IOException {
    List<Path> all = complete();
    if (all.isEmpty()) {
      return Optional.empty();
    }
    Path newest = all.get(all.size() - 1);
    JsonNode state = JSON.readTree(newest.resolve(STATE).toFile());
    return Optional.of(new Checkpoint(newest, state.get("step").asLong(), state.get("settings")));
  }

  /** Loads a checkpoint's parameters and moments into the live arrays and the step count. */
  public void restore(Checkpoint checkpoint, AdamW optimizer) throws IOException {
    restore(checkpoint, optimizer, LossScaler.disabled());
  }

  /**
   * Loads a checkpoint's parameters (F32 masters; working copies are refreshed from them), moments,
   * step count and loss scaler state into the live objects.
   *
   * @throws IOException when the scaler is enabled and the checkpoint has no scaler state
   */
  public void restore(Checkpoint checkpoint, AdamW optimizer, LossScaler scaler)
      throws IOException {
    try (SafetensorsFile params = SafetensorsFile.open(checkpoint.dir().resolve(TRAINABLE));
        SafetensorsFile moments = SafetensorsFile.open(checkpoint.dir().resolve(OPTIMIZER))) {
      for (Parameter p : optimizer.parameters()) {
        NativeTensors.copyInto(params, p.name(), p.value());
      }
      for (Map.Entry<String, NDArray> e : optimizer.state().entrySet()) {
        NativeTensors.copyInto(moments, e.getKey(), e.getValue());
      }
    }
    optimizer.parameters().forEach(Parameter::refreshWorking);
    JsonNode state = JSON.readTree(checkpoint.dir().resolve(STATE).toFile());
    optimizer.restoreSteps(state.get("optimizer_steps").asLong());
    if (scaler.enabled()) {
      JsonNode ls = state.get("loss_scaler");
      if (ls == null) {
        throw new IOException(checkpoint.dir() + " has no loss scaler state (an F32 run?)");
      }
      scaler.restore(
          new LossScaler.State(
              ls.get("scale").asDouble(),
              ls.get("growth_tracker").asInt(),
              ls.get("skipped").asLong()));
    }
  }

  private List<Path> complete() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.exists(p.resolve(STATE)))
          .sorted(Comparator.comparingLong(CheckpointStore::stepOf))
          .toList();
    }
  }

  private static long stepOf(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private void prune() throws IOException {
    List<Path> all = complete();
    for (int i = 0; i < all.size() - keep; i++) {
      deleteTree(all.get(i));
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
