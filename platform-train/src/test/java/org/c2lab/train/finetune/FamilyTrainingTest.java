package org.c2lab.train.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.PreferencePairReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.core.store.InMemoryRunStore;
import org.c2lab.train.TinyModel;
import org.c2lab.train.ToyPreferences;
import org.c2lab.train.batch.TokenizedPair;
import org.c2lab.train.dpo.CachedReference;
import org.c2lab.train.dpo.DpoLoss;
import org.c2lab.train.dpo.DpoObjective;
import org.c2lab.train.dpo.LiveReference;
import org.c2lab.train.dpo.SigmoidLoss;
import org.c2lab.train.init.InitSpec;
import org.c2lab.train.init.ModelInitializer;
import org.c2lab.train.lora.LoraConfig;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.ModelFamilies;
import org.c2lab.train.model.ModelFamily;
import org.c2lab.train.optim.Parameter;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.safetensors.SafetensorsFile;
import org.c2lab.train.training.StepReport;
import org.c2lab.train.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training on every family the runtime runs, on tiny random checkpoints written by {@code model
 * init}: one LoRA DPO step and one full step change what they train and nothing else, LoRA adapts
 * the checkpoint's own modules (Phi-3's fused qkv_proj and gate_up_proj, GLM-4's gate_up_proj) with
 * PEFT's names, and both exports reload to the logits of the trained model, so fused tensors and
 * GLM's reordered rotary rows are put back as the checkpoint has them.
 */
class FamilyTrainingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long[] IDS = {1, 20, 33, 7, 45, 12, 60, 3};

  @TempDir Path dir;

  /** A tiny checkpoint of {@code family} with TinyModel's tokenizer and chat template. */
  private Path model(String family) throws Exception {
    Path tok = TinyModel.write(dir.resolve("tok"), 1);
    Path out = dir.resolve(family);
    ModelInitializer.write(
        InitSpec.builder()
            .family(ModelFamilies.byName(family))
            .shape(32, 2, 4, 2, 48)
            .maxPositions(256)
            .tokenizer(tok.resolve("tokenizer.json"))
            .seed(11)
            .out(out)
            .build());
    Files.copy(
        tok.resolve("tokenizer_config.json"),
        out.resolve("tokenizer_config.json"),
        StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  private TrainingConfig.Builder config(Path model, String out) {
    return TrainingConfig.builder(model, dir.resolve(out))
        .batchSize(2)
        .warmupRatio(0)
        .checkpointEvery(0)
        .maxGradNorm(0)
        .seed(5);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"llama", "mistral", "qwen2", "phi3", "glm4"})
  void loraDpoStepsAdaptTheCheckpointsModulesAndExportTheTrainedModel(String family)
      throws Exception {
    Path model = model(family);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 4);
    LoraConfig lora = new LoraConfig(4, 8, 0.05, LoraConfig.ALL_PROJECTIONS);
    TrainingConfig c = config(model, "lora-" + family).lora(lora).learningRate(1e-2).build();
    float[] live;
    Path merged;
    try (FineTuneRun run = FineTuneRun.open(c)) {
      // one adapter per projection module of the checkpoint, under its PEFT name
      TreeSet<String> expected = new TreeSet<>();
      ModelFamily f = run.model().base().family();
      ModelConfig config = run.model().base().config();
      for (String name : f.checkpointTensors(config).keySet()) {
        if (LoraConfig.projection(name) != null && name.contains("_proj.")) {
          String module = "base_model.model." + name.substring(0, name.length() - 7);
          expected.add(module + ".lora_A.weight");
          expected.add(module + ".lora_B.weight");
        }
      }
      TreeSet<String> names = new TreeSet<>();
      run.model().parameters().forEach(p -> names.add(p.name()));
      assertEquals(expected, names);
      if (family.equals("phi3")) {
        assertTrue(
            names.contains("base_model.model.model.layers.0.self_attn.qkv_proj.lora_B.weight"));
        assertTrue(
            names.contains("base_model.model.model.layers.1.mlp.gate_up_proj.lora_A.weight"));
      }

      Map<String, float[]> baseBefore = snapshot(run.model().network().parameters());
      Map<String, float[]> before = masters(run.model().parameters());
      trainDpo(run, pairs, 2); // B starts at 0: A moves from step 2 on
      Map<String, float[]> after = masters(run.model().parameters());
      before.forEach(
          (n, v) -> assertFalse(Arrays.equals(v, after.get(n)), family + " " + n + " unchanged"));
      Map<String, float[]> baseAfter = snapshot(run.model().network().parameters());
      baseBefore.forEach(
          (n, v) -> assertArrayEquals(v, baseAfter.get(n), family + " " + n + " changed"));

      run.model().setTraining(false);
      live = run.model().base().nextTokenLogits(IDS);
      run.model().lora().orElseThrow().setEnabled(false);
      float[] plain = run.model().base().nextTokenLogits(IDS);
      run.model().lora().orElseThrow().setEnabled(true);
      assertTrue(maxDiff(live, plain) > 1e-5, family + ": the adapters must matter");
      merged = run.export(Provenance.builder().build());
    }
    try (LocalModel exported = LocalModel.open(merged)) {
      assertTrue(
          maxDiff(live, exported.nextTokenLogits(IDS)) < 1e-4,
          family + ": merged export differs by " + maxDiff(live, exported.nextTokenLogits(IDS)));
    }
    try (SafetensorsCheckpoint a = SafetensorsCheckpoint.open(model);
        SafetensorsCheckpoint b = SafetensorsCheckpoint.open(merged)) {
      assertEquals(a.names(), b.names());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"phi3", "glm4"})
  void aPeftAdapterOfAFusedOrReorderedModelMergesToTheMergedExport(String family) throws Exception {
    Path model = model(family);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 4);
    LoraConfig lora = new LoraConfig(4, 8, 0, LoraConfig.ALL_PROJECTIONS);
    Path peft;
    Path merged;
    TrainingConfig c = config(model, "peft-" + family).lora(lora).learningRate(1e-2).build();
    try (FineTuneRun run = FineTuneRun.open(c)) {
      trainDpo(run, pairs, 2);
      merged = run.export(Provenance.builder().build());
      peft = dir.resolve("peft-" + family + "-adapter");
      org.c2lab.train.export.HfExport.write(
          run.model(), peft, false, null, Provenance.builder().build());
    }
    JsonNode adapterConfig = JSON.readTree(peft.resolve("adapter_config.json").toFile());
    List<String> targets = new ArrayList<>();
    adapterConfig.get("target_modules").forEach(t -> targets.add(t.asText()));
    List<String> want =
        family.equals("phi3")
            ? List.of("qkv_proj", "o_proj", "gate_up_proj", "down_proj")
            : List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_up_proj", "down_proj");
    assertEquals(want, targets);
    // W + alpha/r B A from the adapter file equals the merged export, tensor by tensor
    try (SafetensorsFile adapter = SafetensorsFile.open(peft.resolve("adapter_model.safetensors"));
        SafetensorsFile base = SafetensorsFile.open(model.resolve("model.safetensors"));
        SafetensorsFile out = SafetensorsFile.open(merged.resolve("model.safetensors"))) {
      int checked = 0;
      for (String name : adapter.names()) {
        if (!name.endsWith(".lora_A.weight")) {
          continue;
        }
        String module = name.substring(0, name.length() - ".lora_A.weight".length());
        String weight = module.substring("base_model.model.".length()) + ".weight";
        long[] bDims = adapter.info(module + ".lora_B.weight").dims();
        assertEquals(base.info(weight).dims()[0], bDims[0], weight + ": B has the fused rows");
        float[] a = adapter.readFloats(name);
        float[] b = adapter.readFloats(module + ".lora_B.weight");
        float[] w = base.readFloats(weight);
        float[] m = out.readFloats(weight);
        int rows = (int) bDims[0];
        int in = a.length / lora.rank();
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < in; j++) {
            double s = 0;
            for (int k = 0; k < lora.rank(); k++) {
              s += (double) b[i * lora.rank() + k] * a[k * in + j];
            }
            double want2 = w[i * in + j] + lora.scale() * s;
            assertEquals(want2, m[i * in + j], 1e-5, weight + "[" + i + "," + j + "]");
          }
        }
        checked++;
      }
      assertEquals(2 * want.size(), checked);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"llama", "mistral", "qwen2", "phi3", "glm4"})
  void aFullDpoStepChangesEveryWeightAndExportsTheTrainedModel(String family) throws Exception {
    Path model = model(family);
    Path pairs = ToyPreferences.write(dir.resolve("pairs.jsonl"), 4);
    TrainingConfig c = config(model, "full-" + family).full().learningRate(1e-3).build();
    float[] live;
    Path exported;
    try (FineTuneRun run = FineTuneRun.open(c)) {
      Map<String, NDArray> weights = run.model().network().parameters();
      assertEquals(weights.size(), run.model().parameters().size());
      Map<String, float[]> before = snapshot(weights);
      trainDpo(run, pairs, 1);
      Map<String, float[]> after = snapshot(weights);
      before.forEach(
          (n, v) -> assertFalse(Arrays.equals(v, after.get(n)), family + " " + n + " unchanged"));
      live = run.model().base().nextTokenLogits(IDS);
      exported = run.export(Provenance.builder().build());
    }
    try (LocalModel reloaded = LocalModel.open(exported)) {
      assertTrue(
          maxDiff(live, reloaded.nextTokenLogits(IDS)) < 1e-4,
          family + ": full export differs by " + maxDiff(live, reloaded.nextTokenLogits(IDS)));
    }
  }

  @Test
  void fusedModulesAreTargetedWholeOrByAllTheirParts() throws Exception {
    Path phi3 = model("phi3");
    LoraConfig fusedNames = new LoraConfig(2, 4, 0, List.of("qkv_proj", "o_proj"));
    try (FineTuneRun run = FineTuneRun.open(config(phi3, "a").lora(fusedNames).build())) {
      TreeSet<String> modules = new TreeSet<>();
      run.model()
          .parameters()
          .forEach(p -> modules.add(p.name().replaceAll(".*\\.(\\w+_proj)\\..*", "$1")));
      assertEquals(new TreeSet<>(List.of("qkv_proj", "o_proj")), modules);
    }
    LoraConfig qOnly = new LoraConfig(2, 4, 0, List.of("q_proj"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FineTuneRun.open(config(phi3, "b").lora(qOnly).build()).close());
    assertTrue(e.getMessage().contains("qkv_proj"), e.getMessage());
    LoraConfig fusedOnLlama = new LoraConfig(2, 4, 0, List.of("qkv_proj", "o_proj"));
    Path llama = model("llama");
    IllegalArgumentException l =
        assertThrows(
            IllegalArgumentException.class,
            () -> FineTuneRun.open(config(llama, "c").lora(fusedOnLlama).build()).close());
    assertTrue(l.getMessage().contains("[qkv_proj]"), l.getMessage());
  }

  // ---- helpers

  private void trainDpo(FineTuneRun run, Path pairs, int steps) throws Exception {
    List<TokenizedPair> tokenized = new ArrayList<>();
    try (RecordStream<PreferencePair> s = PreferencePairReader.strict().open(pairs)) {
      s.forEachRemaining(p -> tokenized.add(run.encoder().pair(p)));
    }
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
          new LocalJobContext("t", dir.resolve("ctx")),
          new InMemoryRunStore(),
          "test",
          List.of(stop));
    } catch (StopHere expected) {
      // stopped after the wanted number of steps
    }
    run.model().setTraining(false);
  }

  private static final class StopHere extends RuntimeException {}

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

  private static double maxDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
