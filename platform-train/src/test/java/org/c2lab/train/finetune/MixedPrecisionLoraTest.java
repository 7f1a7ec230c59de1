package org.c2lab.train.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.PreferencePairReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.job.JobCancelledException;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.core.store.InMemoryRunStore;
import org.c2lab.train.TinyModel;
import org.c2lab.train.ToyPreferences;
import org.c2lab.train.autograd.Scalars;
import org.c2lab.train.batch.TokenizedPair;
import org.c2lab.train.batch.TokenizedSequence;
import org.c2lab.train.checkpoint.CheckpointStore;
import org.c2lab.train.dpo.CachedReference;
import org.c2lab.train.dpo.DpoConfig;
import org.c2lab.train.dpo.DpoJob;
import org.c2lab.train.dpo.DpoLoss;
import org.c2lab.train.dpo.DpoObjective;
import org.c2lab.train.dpo.LiveReference;
import org.c2lab.train.dpo.SigmoidLoss;
import org.c2lab.train.lora.LoraConfig;
import org.c2lab.train.optim.LossScaler;
import org.c2lab.train.optim.Parameter;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsFile;
import org.c2lab.train.sft.SftExample;
import org.c2lab.train.sft.SftExampleReader;
import org.c2lab.train.sft.SftObjective;
import org.c2lab.train.training.Objective;
import org.c2lab.train.training.StepReport;
import org.c2lab.train.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA over an F16 base on the CPU ({@code --base-dtype f16}): F32 master adapters with F16 working
 * copies, F32 loss, dynamic loss scaling; what trains, how closely it follows the F32 run, skipped
 * steps, exact resume and the export.
 */
class MixedPrecisionLoraTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LoraConfig LORA = new LoraConfig(4, 8, 0, LoraConfig.ALL_PROJECTIONS);

  @TempDir Path dir;

  private TrainingConfig.Builder config(Path model, String out, String baseDtype) {
    return TrainingConfig.builder(model, dir.resolve(out))
        .lora(LORA)
        .batchSize(2)
        .warmupRatio(0)
        .checkpointEvery(0)
        .seed(7)
        .baseDtype(baseDtype);
  }

  @Test
  void anF16BaseDpoStepChangesEveryAdapterMasterAndNoBaseWeight() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 1);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 4);
    TrainingConfig c = config(model, "lora16", "f16").learningRate(1e-2).build();
    try (FineTuneRun run = FineTuneRun.open(c)) {
      assertEquals(DataType.FLOAT16, run.model().baseType());
      Map<String, NDArray> base = run.model().network().parameters();
      base.values().forEach(w -> assertEquals(DataType.FLOAT16, w.getDataType()));
      for (Parameter p : run.model().parameters()) {
        assertEquals(DataType.FLOAT32, p.value().getDataType(), p.name());
        assertEquals(DataType.FLOAT16, p.working().getDataType(), p.name());
      }
      Map<String, float[]> baseBefore = snapshot(base);
      Map<String, float[]> before = masters(run.model().parameters());
      List<JsonNode> log = trainDpo(run, pairs, 2); // B starts at 0: A moves from step 2 on
      Map<String, float[]> after = masters(run.model().parameters());
      assertEquals(2 * 7 * 2, before.size());
      before.forEach((n, v) -> assertFalse(Arrays.equals(v, after.get(n)), n + " did not change"));
      baseBefore.forEach((n, v) -> assertArrayEquals(v, snapshot(base).get(n), n + " changed"));
      for (Parameter p : run.model().parameters()) {
        // the working copy is the master rounded to F16 after the last update
        assertArrayEquals(
            rounded(p.value()), p.working().toFloatArray(), p.name() + " working copy is stale");
      }
      for (JsonNode row : log) {
        assertEquals(0, row.get(LossScaler.SKIPPED_STEPS).asDouble(), row.toString());
        assertEquals(65536.0, row.get(LossScaler.LOSS_SCALE).asDouble(), row.toString());
      }
    }
  }

  @Test
  void f16BaseStepsLeaveNoNativeArraysBehind() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 8);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 6);
    TrainingConfig c = config(model, "leak16", "f16").learningRate(1e-3).build();
    try (FineTuneRun run = FineTuneRun.open(c)) {
      List<TokenizedPair> tokenized = tokenize(run, pairs);
      DpoObjective objective = dpoObjective(run, tokenized);
      NDManager manager = run.model().base().manager();
      int before = count(manager);
      train(run, objective, tokenized.size(), 3);
      assertEquals(before, count(manager), "arrays left in the model's managers after 3 steps");
    }
  }

  /** Open arrays and managers below {@code manager} (DJL keeps them in a protected map). */
  private static int count(NDManager manager) throws Exception {
    java.lang.reflect.Field f = ai.djl.ndarray.BaseNDManager.class.getDeclaredField("resources");
    f.setAccessible(true);
    int n = 0;
    for (Object r : ((Map<?, ?>) f.get(manager)).values()) {
      n += 1 + (r instanceof NDManager sub ? count(sub) : 0);
    }
    return n;
  }

  @Test
  void anF16BaseSftStepChangesEveryAdapterMasterAndNoBaseWeight() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 2);
    Path data = ToyPreferences.writeSft(dir.resolve("sft.jsonl"), 4);
    TrainingConfig c = config(model, "sft16", "f16").learningRate(1e-2).build();
    try (FineTuneRun run = FineTuneRun.open(c)) {
      List<TokenizedSequence> examples = new ArrayList<>();
      for (SftExample e : SftExampleReader.read(data)) {
        examples.add(run.encoder().sequence(e.prompt(), e.response()).sequence());
      }
      Map<String, float[]> baseBefore = snapshot(run.model().network().parameters());
      Map<String, float[]> before = masters(run.model().parameters());
      train(run, new SftObjective(run.model().network(), examples), examples.size(), 2);
      Map<String, float[]> after = masters(run.model().parameters());
      before.forEach((n, v) -> assertFalse(Arrays.equals(v, after.get(n)), n + " did not change"));
      Map<String, float[]> baseAfter = snapshot(run.model().network().parameters());
      baseBefore.forEach((n, v) -> assertArrayEquals(v, baseAfter.get(n), n + " changed"));
    }
  }

  /**
   * The F16-base run follows the F32-base run: same data, seed and initial adapters, 12 DPO steps.
   * Tolerance: F16 keeps 11 significant bits (relative rounding 2^-11 = 4.9e-4 per op); a
   * response's summed log-prob (~-100 nats over ~25 tokens) then differs by ~1e-3 relative, for the
   * policy and the reference alike (both run on the F16 base), so the implicit reward beta *
   * (policy - reference) differs by at most ~0.1 * 0.05 and the sigmoid loss (slope <= 1/2 here) by
   * a few 1e-3. 0.005 per step allows that (the measured gap is ~2.4e-4); training moves the loss
   * by more than 0.1, and a graph cut by a non-differentiable cast fails outright.
   */
  @Test
  void theF16BaseLossTrajectoryTracksTheF32Base() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 3);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 8);
    List<JsonNode> f32 =
        runDpo(config(model, "t32", "f32").learningRate(5e-3).batchSize(4).epochs(6));
    List<JsonNode> f16 =
        runDpo(config(model, "t16", "f16").learningRate(5e-3).batchSize(4).epochs(6));
    assertEquals(12, f32.size());
    assertEquals(f32.size(), f16.size());
    double maxGap = 0;
    for (int i = 0; i < f32.size(); i++) {
      double a = f32.get(i).get(MetricNames.LOSS).asDouble();
      double b = f16.get(i).get(MetricNames.LOSS).asDouble();
      maxGap = Math.max(maxGap, Math.abs(a - b));
      assertEquals(a, b, 0.005, "step " + (i + 1) + ": F32 " + a + " vs F16 " + b);
      assertNull(f32.get(i).get(LossScaler.LOSS_SCALE)); // F32: no scaling, logs unchanged
    }
    double start = f32.get(0).get(MetricNames.LOSS).asDouble();
    double end = f16.get(f16.size() - 1).get(MetricNames.LOSS).asDouble();
    assertTrue(end < start - 0.1, "F16 run did not learn: " + start + " -> " + end);
    System.out.println("F16 vs F32 base, largest loss gap over 12 DPO steps: " + maxGap);
  }

  @Test
  void anInfiniteGradientSkipsTheStepAndHalvesTheScale() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 4);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 6);
    TrainingConfig c = config(model, "inf", "f16").learningRate(1e-2).build();
    try (FineTuneRun run = FineTuneRun.open(c)) {
      List<TokenizedPair> tokenized = tokenize(run, pairs);
      DpoObjective dpo = dpoObjective(run, tokenized);
      int[] calls = {0};
      Objective poisoned =
          new Objective() {
            @Override
            public double weight(int[] indices) {
              return dpo.weight(indices);
            }

            @Override
            public Result forward(int[] indices, NDManager manager) {
              Result r = dpo.forward(indices, manager);
              if (++calls[0] == 2) { // step 2's only micro-batch
                NDArray inf = Scalars.like(r.loss(), Double.POSITIVE_INFINITY);
                return new Result(r.loss().mul(inf), r.metrics(), r.tokens());
              }
              return r;
            }
          };
      List<Map<String, float[]>> states = new ArrayList<>();
      TrainingListener record =
          new TrainingListener() {
            @Override
            public void onStep(StepReport report) {
              states.add(masters(run.model().parameters()));
            }
          };
      List<JsonNode> log = train(run, poisoned, tokenized.size(), 3, record);
      assertEquals(65536.0, log.get(0).get(LossScaler.LOSS_SCALE).asDouble());
      assertEquals(0.0, log.get(0).get(LossScaler.SKIPPED_STEPS).asDouble());
      assertEquals(65536.0, log.get(1).get(LossScaler.LOSS_SCALE).asDouble()); // used, then...
      assertEquals(1.0, log.get(1).get(LossScaler.SKIPPED_STEPS).asDouble());
      assertNull(log.get(1).get(MetricNames.GRAD_NORM)); // no update, no norm
      assertEquals(32768.0, log.get(2).get(LossScaler.LOSS_SCALE).asDouble()); // ...halved
      assertEquals(1.0, log.get(2).get(LossScaler.SKIPPED_STEPS).asDouble());
      assertNotNull(log.get(2).get(MetricNames.GRAD_NORM));
      states.get(0).forEach((n, v) -> assertArrayEquals(v, states.get(1).get(n), n + " moved"));
      states
          .get(1)
          .forEach((n, v) -> assertFalse(Arrays.equals(v, states.get(2).get(n)), n + " stuck"));
    }
  }

  @Test
  void anF16BaseRunCancelledAndResumedEqualsAnUninterruptedRun() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 5);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 7);
    LoraConfig lora = new LoraConfig(4, 8, 0.2, List.of("q_proj", "v_proj", "down_proj"));
    TrainingConfig.Builder b =
        TrainingConfig.builder(model, dir.resolve("whole"))
            .lora(lora)
            .baseDtype("f16")
            .learningRate(5e-3)
            .batchSize(2)
            .gradientAccumulation(2)
            .epochs(2)
            .warmupRatio(0.25)
            .checkpointEvery(0)
            .seed(11);
    DpoConfig whole = DpoConfig.of(b.build(), pairs);
    List<JsonNode> wholeLog = readLog(runJob(whole, "whole", false, List.of()).metricsLog());
    assertEquals(4, wholeLog.size());

    DpoConfig split =
        DpoConfig.of(
            TrainingConfig.builder(model, dir.resolve("split"))
                .lora(lora)
                .baseDtype("f16")
                .learningRate(5e-3)
                .batchSize(2)
                .gradientAccumulation(2)
                .epochs(2)
                .warmupRatio(0.25)
                .checkpointEvery(0)
                .seed(11)
                .build(),
            pairs);
    LocalJobContext ctx = new LocalJobContext("split", dir.resolve("ctx-split"));
    TrainingListener cancelAtTwo =
        new TrainingListener() {
          @Override
          public void onStep(StepReport report) {
            if (report.step() == 2) {
              ctx.cancel();
            }
          }
        };
    InMemoryRunStore store = new InMemoryRunStore();
    assertThrows(
        JobCancelledException.class,
        () -> new DpoJob("split", split, store, false, List.of(cancelAtTwo)).run(ctx));
    CheckpointStore.Checkpoint saved =
        new CheckpointStore(dir.resolve("split").resolve(FineTuneRun.CHECKPOINTS), 2)
            .latest()
            .orElseThrow();
    JsonNode state = JSON.readTree(saved.dir().resolve(CheckpointStore.STATE).toFile());
    assertTrue(state.has("loss_scaler"), state.toString());
    try (SafetensorsFile t = SafetensorsFile.open(saved.dir().resolve(CheckpointStore.TRAINABLE))) {
      for (String name : t.names()) {
        assertEquals(DType.F32, t.info(name).dtype(), name + ": masters are saved in F32");
      }
    }
    TrainingResult resumed =
        new DpoJob("split", split, store, true, List.of())
            .run(new LocalJobContext("split", dir.resolve("ctx-split2")));
    assertEquals(2, resumed.resumedAt());
    assertEquals(stable(wholeLog), stable(readLog(resumed.metricsLog())));
    try (SafetensorsFile a =
            SafetensorsFile.open(dir.resolve("whole/model").resolve("model.safetensors"));
        SafetensorsFile r = SafetensorsFile.open(resumed.model().resolve("model.safetensors"))) {
      for (String name : a.names()) {
        assertArrayEquals(a.readFloats(name), r.readFloats(name), name);
      }
    }
  }

  @Test
  void aMergedExportOfAnF16BaseKeepsTheCheckpointsDtypesAndNames() throws Exception {
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 4);
    for (DType stored : List.of(DType.F32, DType.F16)) {
      Path model = TinyModel.write(dir.resolve("m-" + stored), 6, 32, 2, stored);
      TrainingConfig c =
          config(model, "x-" + stored, "f16").learningRate(1e-2).mergeLora(true).build();
      TrainingResult r = runJob(DpoConfig.of(c, pairs), "x-" + stored, false, List.of());
      Path exported = r.model().resolve("model.safetensors");
      Map<String, float[]> deltas = new HashMap<>();
      try (SafetensorsFile ckpt =
          SafetensorsFile.open(
              c.out()
                  .resolve(FineTuneRun.CHECKPOINTS)
                  .resolve(String.format("step-%06d", r.steps()))
                  .resolve(CheckpointStore.TRAINABLE))) {
        for (String name : ckpt.names()) {
          if (name.endsWith(".lora_A.weight")) {
            String module = name.substring(0, name.length() - ".lora_A.weight".length());
            float[] a = ckpt.readFloats(name);
            float[] bm = ckpt.readFloats(module + ".lora_B.weight");
            long[] bDims = ckpt.info(module + ".lora_B.weight").dims();
            deltas.put(
                module.substring("base_model.model.".length()) + ".weight",
                delta(bm, (int) bDims[0], a, (int) (a.length / LORA.rank()), LORA));
          }
        }
      }
      try (SafetensorsFile in = SafetensorsFile.open(model.resolve("model.safetensors"));
          SafetensorsFile out = SafetensorsFile.open(exported)) {
        assertEquals(in.names(), out.names());
        for (String name : in.names()) {
          assertEquals(in.info(name).dtype(), out.info(name).dtype(), name);
          assertArrayEquals(in.info(name).dims(), out.info(name).dims(), name);
          float[] base = in.readFloats(name);
          float[] got = out.readFloats(name);
          float[] delta = deltas.get(name);
          if (delta == null) {
            assertArrayEquals(base, got, name + " is not adapted and must be untouched");
            continue;
          }
          // merged from the checkpoint's own values (not the F16 working base), then stored in
          // the checkpoint's dtype: within that dtype's rounding of base + delta
          double tolerance = stored == DType.F16 ? 1e-3 : 1e-6;
          boolean moved = false;
          for (int i = 0; i < base.length; i++) {
            double want = base[i] + delta[i];
            assertEquals(
                want, got[i], tolerance * Math.max(1, Math.abs(want)), name + "[" + i + "]");
            moved |= got[i] != base[i];
          }
          assertTrue(moved, name + " unchanged by its adapter");
        }
      }
    }
  }

  // ---- helpers

  /** scale * B A, row-major [out, in]. */
  private static float[] delta(float[] b, int out, float[] a, int in, LoraConfig lora) {
    int r = lora.rank();
    float[] d = new float[out * in];
    for (int i = 0; i < out; i++) {
      for (int j = 0; j < in; j++) {
        double s = 0;
        for (int k = 0; k < r; k++) {
          s += (double) b[i * r + k] * a[k * in + j];
        }
        d[i * in + j] = (float) (s * lora.scale());
      }
    }
    return d;
  }

  private static float[] rounded(NDArray master) {
    try (NDArray h = master.toType(DataType.FLOAT16, true)) {
      return h.toFloatArray();
    }
  }

  private List<JsonNode> runDpo(TrainingConfig.Builder b) throws Exception {
    TrainingConfig c = b.build();
    String id = c.out().getFileName().toString();
    return readLog(
        runJob(DpoConfig.of(c, dir.resolve("pairs.jsonl")), id, false, List.of()).metricsLog());
  }

  private TrainingResult runJob(
      DpoConfig c, String id, boolean resume, List<TrainingListener> extra) throws Exception {
    return new DpoJob(id, c, new InMemoryRunStore(), resume, extra)
        .run(new LocalJobContext(id, dir.resolve("ctx-" + id)));
  }

  private static DpoObjective dpoObjective(FineTuneRun run, List<TokenizedPair> tokenized) {
    LiveReference ref =
        new LiveReference(
            run.model().network(),
            run.model().lora().orElse(null),
            tokenized,
            run.model().base().manager());
    CachedReference cached = ref.computeAll(4);
    return new DpoObjective(
        run.model().network(), tokenized, cached, new DpoLoss(new SigmoidLoss(), 0.1, 0));
  }

  private List<JsonNode> trainDpo(FineTuneRun run, Path pairs, int steps) throws Exception {
    List<TokenizedPair> tokenized = tokenize(run, pairs);
    return train(run, dpoObjective(run, tokenized), tokenized.size(), steps);
  }

  private List<JsonNode> train(
      FineTuneRun run, Objective objective, int examples, int steps, TrainingListener... more)
      throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    List<TrainingListener> listeners = new ArrayList<>(List.of(more));
    listeners.add(
        new TrainingListener() {
          @Override
          public void onStep(StepReport report) {
            ObjectNode row = JSON.createObjectNode();
            report.metrics().forEach(row::put);
            rows.add(row);
            if (report.step() == steps) {
              throw new StopHere();
            }
          }
        });
    try {
      run.train(
          objective,
          examples,
          JSON.createObjectNode(),
          false,
          new LocalJobContext("t", dir.resolve("ctx-t")),
          new InMemoryRunStore(),
          "test",
          listeners);
    } catch (StopHere expected) {
      // stopped after the wanted number of steps
    }
    return rows;
  }

  private static final class StopHere extends RuntimeException {}

  private static List<TokenizedPair> tokenize(FineTuneRun run, Path pairs) throws Exception {
    List<TokenizedPair> out = new ArrayList<>();
    try (RecordStream<PreferencePair> s = PreferencePairReader.strict().open(pairs)) {
      s.forEachRemaining(p -> out.add(run.encoder().pair(p)));
    }
    return out;
  }

  private static Map<String, float[]> snapshot(Map<String, NDArray> params) {
    Map<String, float[]> out = new HashMap<>();
    params.forEach((k, v) -> out.put(k, v.toFloatArray()));
    return out;
  }

  private static Map<String, float[]> masters(List<Parameter> params) {
    Map<String, float[]> out = new HashMap<>();
    params.forEach(p -> out.put(p.name(), p.value().toFloatArray()));
    return out;
  }

  private static List<JsonNode> readLog(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static List<JsonNode> stable(List<JsonNode> log) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : log) {
      ObjectNode o = n.deepCopy();
      o.remove("step_seconds");
      o.remove(MetricNames.TOKENS_PER_SECOND);
      out.add(o);
    }
    return out;
  }
}
