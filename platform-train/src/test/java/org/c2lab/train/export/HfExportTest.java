package org.c2lab.train.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.train.TinyModel;
import org.c2lab.train.finetune.FineTuneRun;
import org.c2lab.train.finetune.TrainingConfig;
import org.c2lab.train.lora.LoraConfig;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.optim.Parameter;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exported folders reload with LocalModel and compute what the trained model computed. */
class HfExportTest {
  private static final long[] IDS = {1, 20, 33, 7, 45, 12, 60, 3};
  private static final LoraConfig LORA = new LoraConfig(4, 8, 0, LoraConfig.ALL_PROJECTIONS);

  @TempDir Path dir;

  @Test
  void mergedLoraExportGivesTheLogitsOfBasePlusAdapters() throws Exception {
    Path base = TinyModel.write(dir.resolve("m"), 5);
    TrainingConfig c = TrainingConfig.builder(base, dir.resolve("out")).lora(LORA).build();
    float[] live;
    Path out;
    try (FineTuneRun run = FineTuneRun.open(c)) {
      randomiseAdapters(run);
      run.model().setTraining(false);
      live = run.model().base().nextTokenLogits(IDS);
      float[] plainBase;
      run.model().lora().orElseThrow().setEnabled(false);
      plainBase = run.model().base().nextTokenLogits(IDS);
      run.model().lora().orElseThrow().setEnabled(true);
      assertTrue(maxDiff(live, plainBase) > 1e-2, "the adapters must matter for this test");
      out = run.export(Provenance.builder().build());
    }
    try (LocalModel exported = LocalModel.open(out)) {
      assertTrue(maxDiff(live, exported.nextTokenLogits(IDS)) < 1e-4);
    }
    assertTrue(Files.exists(out.resolve("tokenizer.json")));
    assertTrue(Files.exists(out.resolve("tokenizer_config.json")));
    assertTrue(Files.exists(out.resolve(HfExport.PROVENANCE)));
    assertEquals(
        Files.readString(base.resolve("config.json")),
        Files.readString(out.resolve("config.json")));
  }

  @Test
  void exportKeepsTensorNamesDtypesAndCopiesUntouchedTensorsExactly() throws Exception {
    Path base = TinyModel.write(dir.resolve("m16"), 6, 32, 2, DType.F16);
    LoraConfig qOnly = new LoraConfig(2, 4, 0, java.util.List.of("q_proj"));
    TrainingConfig c = TrainingConfig.builder(base, dir.resolve("out16")).lora(qOnly).build();
    Path out;
    try (FineTuneRun run = FineTuneRun.open(c)) {
      randomiseAdapters(run);
      out = run.export(Provenance.builder().build());
    }
    try (SafetensorsFile a = SafetensorsFile.open(base.resolve("model.safetensors"));
        SafetensorsFile b = SafetensorsFile.open(out.resolve("model.safetensors"))) {
      assertEquals(a.names(), b.names());
      for (String name : a.names()) {
        assertEquals(DType.F16, b.info(name).dtype(), name);
        assertArrayEquals(a.info(name).dims(), b.info(name).dims(), name);
        boolean same = bytes(a.slice(name)).equals(bytes(b.slice(name)));
        assertEquals(!name.endsWith("q_proj.weight"), same, name);
      }
    }
    try (LocalModel reloaded = LocalModel.open(out)) {
      assertFalse(Float.isNaN(reloaded.nextTokenLogits(IDS)[0]));
    }
  }

  @Test
  void unmergedLoraExportIsAPeftAdapter() throws Exception {
    Path base = TinyModel.write(dir.resolve("m"), 7);
    TrainingConfig c =
        TrainingConfig.builder(base, dir.resolve("peft")).lora(LORA).mergeLora(false).build();
    Path out;
    try (FineTuneRun run = FineTuneRun.open(c)) {
      out = run.export(Provenance.builder().build());
    }
    assertFalse(Files.exists(out.resolve("model.safetensors")));
    JsonNode config = new ObjectMapper().readTree(out.resolve("adapter_config.json").toFile());
    assertEquals("LORA", config.get("peft_type").asText());
    assertEquals(4, config.get("r").asInt());
    try (SafetensorsFile f = SafetensorsFile.open(out.resolve("adapter_model.safetensors"))) {
      assertTrue(f.contains("base_model.model.model.layers.1.mlp.down_proj.lora_B.weight"));
      assertEquals(2 * 7 * 2, f.names().size());
    }
  }

  @Test
  void fullFineTuningExportReloadsWithTheTrainedWeights() throws Exception {
    Path base = TinyModel.write(dir.resolve("m"), 8);
    TrainingConfig c = TrainingConfig.builder(base, dir.resolve("full")).full().build();
    float[] live;
    Path out;
    try (FineTuneRun run = FineTuneRun.open(c)) {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray w = run.model().network().parameters().get("lm_head.weight");
        w.set(new NDIndex(":"), w.mul(w.getManager().full(new ai.djl.ndarray.types.Shape(), 1.5f)));
      }
      live = run.model().base().nextTokenLogits(IDS);
      out = run.export(Provenance.builder().build());
    }
    try (LocalModel exported = LocalModel.open(out)) {
      assertTrue(maxDiff(live, exported.nextTokenLogits(IDS)) < 1e-5);
    }
  }

  private static void randomiseAdapters(FineTuneRun run) {
    Random rnd = new Random(3);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (Parameter p : run.model().parameters()) {
        NDArray v = p.value();
        float[] values = new float[(int) v.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (0.2 * rnd.nextGaussian());
        }
        v.set(new NDIndex(":"), v.getManager().create(values, v.getShape()));
      }
    }
  }

  private static ByteBuffer bytes(ByteBuffer b) {
    return b.duplicate();
  }

  private static float maxDiff(float[] a, float[] b) {
    float worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }
}
