package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.web.runs.RunKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainPresetsTest {
  @Test
  void theRepositorysPresetsBelongToTheirKinds() {
    TrainPresets presets = new TrainPresets(SharedFixtures.repoRoot().resolve("configs"));
    assertEquals(List.of("dpo-full", "dpo-lora"), presets.names(RunKind.DPO));
    assertEquals(List.of("sft-lora"), presets.names(RunKind.SFT));
    assertTrue(presets.names(RunKind.C2_EVAL).isEmpty());
    Map<String, String> lora = presets.values("dpo-lora");
    assertEquals("0.1", lora.get("beta"));
    assertEquals("16", lora.get("lora-rank"));
  }

  @Test
  void aPresetThatIsNoFlatObjectIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("dpo-bad.json"), "{\"beta\": [0.1]}");
    TrainPresets presets = new TrainPresets(dir);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> presets.values("dpo-bad"));
    assertTrue(e.getMessage().contains("dpo-bad.json: beta"), e.getMessage());
  }

  @Test
  void aMissingFolderHasNoPresets(@TempDir Path dir) {
    assertTrue(new TrainPresets(dir.resolve("none")).names(RunKind.DPO).isEmpty());
  }
}
