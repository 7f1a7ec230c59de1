package org.c2lab.train.dpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.c2lab.train.batch.TokenizedPair;
import org.c2lab.train.finetune.FineTuneRun;
import org.c2lab.train.finetune.TrainingConfig;
import org.c2lab.train.finetune.TrainingResult;
import org.c2lab.train.lora.LoraConfig;
import org.c2lab.train.optim.Parameter;
import org.c2lab.train.safetensors.SafetensorsFile;
import org.c2lab.train.training.StepReport;
import org.c2lab.train.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DPO end to end on a tiny random model: what trains, that it learns, and exact resume. */
class DpoTrainingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LoraConfig LORA = new LoraConfig(4, 8, 0, LoraConfig.ALL_PROJECTIONS);

  @TempDir Path dir;

  private TrainingConfig.Builder config(Path model, String out) {
    return TrainingConfig.builder(model, dir.resolve(out))
        .batchSize(2)
        .warmupRatio(0)
        .checkpointEvery(0)
        .seed(7);
  }

  @Test
  void loraStepsChangeEveryAdapterAndNoBaseWeight() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 1);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 4);
    TrainingConfig c = config(model, "lora").lora(LORA).learningRate(1e-2).build();
    try (FineTuneRun run = FineTuneRun.open(c)) {
      Map<String, float[]> baseBefore = snapshot(run.model().network().parameters());
      Map<String, float[]> adaptersBefore = snapshot(run.model().parameters());
      train(run, pairs, 2); // B starts at 0, so A's gradient is 0 on step 1: two steps
      Map<String, float[]> baseAfter = snapshot(run.model().network().parameters());
      Map<String, float[]> adaptersAfter = snapshot(run.model().parameters());
      assertEquals(2 * 7 * 2, adaptersBefore.size()); // 7 projections x 2 layers x (A, B)
      adaptersBefore.forEach(
          (name, v) -> assertFalse(equal(v, adaptersAfter.get(name)), name + " did not change"));
      baseBefore.forEach((name, v) -> assertArrayEquals(v, baseAfter.get(name), name + " changed"));
    }
  }

  @Test
  void fullFineTuningStepChangesEveryWeight() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 1);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 4);
    TrainingConfig c = config(model, "full").full().learningRate(1e-3).build();
    try (FineTuneRun run = FineTuneRun.open(c)) {
      Map<String, float[]> before = snapshot(run.model().network().parameters());
      assertEquals(before.size(), run.model().parameters().size());
      train(run, pairs, 1);
      Map<String, float[]> after = snapshot(run.model().network().parameters());
      before.forEach((name, v) -> assertFalse(equal(v, after.get(name)), name + " unchanged"));
    }
  }

  @Test
  void trainingStepsLeaveNoNativeArraysBehind() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 1);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 6);
    TrainingConfig c = config(model, "leak").full().learningRate(1e-3).build();
    try (FineTuneRun run = FineTuneRun.open(c)) {
      NDManager manager = run.model().base().manager();
      int before = count(manager);
      train(run, pairs, 3);
      assertEquals(before, count(manager), "arrays left in the model's managers after 3 steps");
    }
  }

  /** Open arrays and managers below {@code manager} (DJL keeps them in a protected map). */
  private static int count(NDManager manager) throws Exception {
    Field f = BaseNDManager.class.getDeclaredField("resources");
    f.setAccessible(true);
    int n = 0;
    for (Object r : ((Map<?, ?>) f.get(manager)).values()) {
      n += 1 + (r instanceof NDManager sub ? count(sub) : 0);
    }
    return n;
  }

  @Test
  void marginsAndAccuracyRiseOnAToyPreferenceSet() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 2);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 16);
    TrainingConfig c =
        config(model, "learn").lora(LORA).learningRate(5e-3).batchSize(4).epochs(8).build();
    TrainingResult r = runJob(DpoConfig.of(c, pairs), false, List.of());
    assertEquals(32, r.steps());
    List<JsonNode> log = readLog(r.metricsLog());
    assertEquals(32, log.size());
    double firstMargins = mean(log.subList(0, 4), MetricNames.REWARDS_MARGINS);
    double lastMargins = mean(log.subList(28, 32), MetricNames.REWARDS_MARGINS);
    double firstAcc = mean(log.subList(0, 4), MetricNames.REWARDS_ACCURACIES);
    double lastAcc = mean(log.subList(28, 32), MetricNames.REWARDS_ACCURACIES);
    double firstLoss = mean(log.subList(0, 4), MetricNames.LOSS);
    double lastLoss = mean(log.subList(28, 32), MetricNames.LOSS);
    assertTrue(lastMargins > firstMargins + 0.5, firstMargins + " -> " + lastMargins);
    assertTrue(lastAcc >= 0.99 && lastAcc > firstAcc, firstAcc + " -> " + lastAcc);
    assertTrue(lastLoss < 0.5 * firstLoss, firstLoss + " -> " + lastLoss);
    assertEquals(Math.log(2), log.get(0).get(MetricNames.LOSS).asDouble(), 1e-6); // policy = ref
    for (String name : List.of(MetricNames.LOGITS_CHOSEN, MetricNames.LOGITS_REJECTED)) {
      assertTrue(Double.isFinite(log.get(0).get(name).asDouble()), name + " not logged");
    }
  }

  @Test
  void aRunCancelledAndResumedEqualsAnUninterruptedRun() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 3);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 7);
    // dropout, accumulation, a short last batch and two epochs: everything resume must replay
    LoraConfig lora = new LoraConfig(4, 8, 0.2, List.of("q_proj", "v_proj", "down_proj"));
    TrainingConfig.Builder b =
        TrainingConfig.builder(model, dir.resolve("x"))
            .lora(lora)
            .learningRate(5e-3)
            .batchSize(2)
            .gradientAccumulation(2)
            .epochs(2)
            .warmupRatio(0.25)
            .checkpointEvery(0)
            .seed(11);
    TrainingResult whole = runJob(DpoConfig.of(withOut(b, "whole"), pairs), false, List.of());
    assertEquals(4, whole.steps());

    DpoConfig split = DpoConfig.of(withOut(b, "split"), pairs);
    LocalJobContext ctx = new LocalJobContext("split", dir.resolve("ctx"));
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
    assertThrows(
        IllegalArgumentException.class, // checkpoints exist: refused without resume
        () -> new DpoJob("split", split, store, false, List.of()).run(newContext("split")));
    TrainingResult resumed =
        new DpoJob("split", split, store, true, List.of()).run(newContext("split"));
    assertEquals(2, resumed.resumedAt());
    assertEquals(4, resumed.steps());

    assertEquals(stable(readLog(whole.metricsLog())), stable(readLog(resumed.metricsLog())));
    try (SafetensorsFile a = SafetensorsFile.open(whole.model().resolve("model.safetensors"));
        SafetensorsFile c = SafetensorsFile.open(resumed.model().resolve("model.safetensors"))) {
      for (String name : a.names()) {
        assertArrayEquals(a.readFloats(name), c.readFloats(name), name);
      }
    }
    assertEquals(4, store.metrics("split", MetricNames.LOSS, first()).items().size());
  }

  @Test
  void cachedReferenceEqualsTheLiveOneAndIsReusedAcrossASweep() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 4);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 6);
    Path cache = dir.resolve("shared-cache");
    TrainingConfig c = config(model, "a").lora(LORA).build();
    DpoConfig first = new DpoConfig(c, pairs, "sigmoid", 0.1, 0, 0, false, cache);
    try (FineTuneRun run = FineTuneRun.open(c)) {
      List<TokenizedPair> tokenized = tokenize(run, pairs);
      LiveReference live =
          new LiveReference(
              run.model().network(),
              run.model().lora().orElseThrow(),
              tokenized,
              run.model().base().manager());
      CachedReference computed = live.computeAll(4);
      ReferenceCache rc = new ReferenceCache(cache);
      ReferenceCache.Key key = ReferenceCache.key(model, run.format(), pairs, c.truncation());
      rc.store(key, computed);
      CachedReference loaded = rc.load(key, tokenized.size()).orElseThrow();
      double[][] one = live.logps(new int[] {5, 0});
      assertEquals(one[0][0], loaded.chosen()[5], 1e-5);
      assertEquals(one[1][1], loaded.rejected()[0], 1e-5);
      assertTrue(rc.load(key, tokenized.size() + 1).isEmpty());
    }
    Path file = Files.list(cache).findFirst().orElseThrow();
    long written = Files.getLastModifiedTime(file).toMillis();
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    DpoConfig ipo =
        new DpoConfig(config(model, "b").lora(LORA).build(), pairs, "ipo", 0.5, 0, 0, false, cache);
    runJob(ipo, false, List.of());
    assertEquals(1, Files.list(cache).count());
    assertEquals(written - 60_000, Files.getLastModifiedTime(file).toMillis()); // reused
    runJob(first, false, List.of());
  }

  @Test
  void liveReferencesTrainLikeTheCachedOne() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 5);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 6);
    for (boolean full : new boolean[] {true, false}) {
      TrainingConfig.Builder b = config(model, "unused").learningRate(1e-3);
      if (full) {
        b.full();
      } else {
        b.lora(LORA);
      }
      String mode = full ? "full" : "lora";
      List<JsonNode> cached =
          readLog(
              runJob(DpoConfig.of(withOut(b, mode + "-cached"), pairs), false, List.of())
                  .metricsLog());
      DpoConfig liveConfig =
          new DpoConfig(withOut(b, mode + "-live"), pairs, "sigmoid", 0.1, 0, 0, true, null);
      List<JsonNode> live = readLog(runJob(liveConfig, false, List.of()).metricsLog());
      assertEquals(cached.size(), live.size());
      for (int i = 0; i < cached.size(); i++) {
        for (String m :
            List.of(MetricNames.LOSS, MetricNames.REWARDS_MARGINS, MetricNames.GRAD_NORM)) {
          assertEquals(
              cached.get(i).get(m).asDouble(),
              live.get(i).get(m).asDouble(),
              1e-4,
              mode + " step " + (i + 1) + " " + m);
        }
      }
    }
  }

  private static TrainingConfig withOut(TrainingConfig.Builder b, String out) {
    TrainingConfig c = b.build();
    return new TrainingConfig(
        c.model(),
        c.out().resolveSibling(out),
        c.template(),
        c.lora(),
        c.learningRate(),
        c.schedule(),
        c.warmupRatio(),
        c.epochs(),
        c.batchSize(),
        c.gradientAccumulation(),
        c.truncation(),
        c.maxGradNorm(),
        c.adam(),
        c.seed(),
        c.checkpointEvery(),
        c.keepCheckpoints(),
        c.device(),
        c.mergeLora(),
        c.baseDtype());
  }

  private LocalJobContext newContext(String id) {
    return new LocalJobContext(id, dir.resolve("ctx-" + id));
  }

  private TrainingResult runJob(DpoConfig c, boolean resume, List<TrainingListener> extra)
      throws Exception {
    String id = c.training().out().getFileName().toString();
    return new DpoJob(id, c, new InMemoryRunStore(), resume, extra).run(newContext(id));
  }

  private static org.c2lab.core.store.PageRequest first() {
    return org.c2lab.core.store.PageRequest.first(100);
  }

  private void train(FineTuneRun run, Path pairs, int steps) throws Exception {
    List<TokenizedPair> tokenized = tokenize(run, pairs);
    LiveReference ref =
        new LiveReference(
            run.model().network(),
            run.model().lora().orElse(null),
            tokenized,
            run.model().base().manager());
    CachedReference cached = ref.computeAll(4);
    DpoObjective objective =
        new DpoObjective(
            run.model().network(), tokenized, cached, new DpoLoss(new SigmoidLoss(), 0.1, 0));
    TrainingListener stop =
        new TrainingListener() {
          @Override
          public void onStep(StepReport report) {
            if (report.step() == steps) {
              throw new StopHere();
            }
          }
        };
    try {
      run.train(
          objective,
          tokenized.size(),
          JSON.createObjectNode(),
          false,
          newContext("t"),
          new InMemoryRunStore(),
          "test",
          List.of(stop));
    } catch (StopHere expected) {
      // stopped after the wanted number of steps
    }
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

  private static Map<String, float[]> snapshot(List<Parameter> params) {
    Map<String, float[]> out = new HashMap<>();
    params.forEach(p -> out.put(p.name(), p.value().toFloatArray()));
    return out;
  }

  private static boolean equal(float[] a, float[] b) {
    return java.util.Arrays.equals(a, b);
  }

  private static List<JsonNode> readLog(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  /** The log without timings. */
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

  private static double mean(List<JsonNode> rows, String metric) {
    return rows.stream().mapToDouble(n -> n.get(metric).asDouble()).average().orElseThrow();
  }
}
