package org.c2lab.eval.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunManifestTest {
  @TempDir Path tmp;

  private static ObjectNode settings(long seed, int b) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("seed", seed);
    s.put("samples_per_k", b);
    s.putArray("k_values").add(10).add(20);
    return s;
  }

  @Test
  void aNewRunWritesItsManifestAndTheSameSettingsVerifyAgainstIt() throws IOException {
    Path file = tmp.resolve("manifest.json");
    new RunManifest("c2-eval", settings(7, 3)).writeOrVerify(file);
    assertTrue(Files.exists(file));
    new RunManifest("c2-eval", settings(7, 3)).writeOrVerify(file); // no exception
    assertEquals(new RunManifest("c2-eval", settings(7, 3)), RunManifest.read(file).orElseThrow());
  }

  @Test
  void otherSettingsAreRefusedWithEveryDifference() throws IOException {
    Path file = tmp.resolve("manifest.json");
    new RunManifest("c2-eval", settings(7, 3)).writeOrVerify(file);
    ResumeMismatchException e =
        assertThrows(
            ResumeMismatchException.class,
            () -> new RunManifest("c2-syn", settings(8, 3)).writeOrVerify(file));
    assertEquals(
        List.of("kind: c2-eval before, c2-syn now", "seed: 7 before, 8 now"), e.differences());
  }

  @Test
  void numbersCompareByValueWhateverTheirJavaType() {
    ObjectNode asInt = JsonNodeFactory.instance.objectNode().put("seed", 7);
    ObjectNode asLong = JsonNodeFactory.instance.objectNode().put("seed", 7L);
    assertEquals(
        List.of(), new RunManifest("k", asInt).differencesFrom(new RunManifest("k", asLong)));
  }

  @Test
  void aFieldPresentOnOneSideOnlyIsADifference() {
    ObjectNode more = settings(7, 3).put("limit", 5);
    assertEquals(
        List.of("limit: (absent) before, 5 now"),
        new RunManifest("k", more).differencesFrom(new RunManifest("k", settings(7, 3))));
  }
}
