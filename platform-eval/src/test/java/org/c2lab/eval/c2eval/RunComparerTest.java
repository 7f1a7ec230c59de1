package org.c2lab.eval.c2eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.metrics.BootstrapSettings;
import org.c2lab.core.metrics.UnpairedOutcomesException;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.store.InMemoryRunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunComparerTest {
  @TempDir Path tmp;

  private static final BootstrapSettings FAST = BootstrapSettings.DEFAULT.withResamples(100);

  private Path run(String id, C2EvalConfig.Builder config, LanguageModel model) {
    Path out = tmp.resolve(id);
    EvalRuns.run(id, config.build(), model, new InMemoryRunStore(), EvalRuns.context(id, tmp));
    return out;
  }

  @Test
  void twoModelsOnTheSameSettingsArePairedAndEveryFlipShowsBothTexts() throws IOException {
    Path a = run("a", EvalRuns.config(tmp.resolve("a")).samplesPerK(4), EvalRuns.model());
    Path b =
        run("b", EvalRuns.config(tmp.resolve("b")).samplesPerK(4), BigramLanguageModel.small());

    RunComparison c = new RunComparer(FAST, false).compare(a, b);

    assertEquals(List.of(), c.warnings());
    assertEquals(48, c.paired().overall().total());
    assertEquals(List.of(10, 20, 40), List.copyOf(c.paired().perK().keySet()));
    assertEquals(c.paired().overall().discordant(), c.flipped().size());
    assertTrue(c.flipped().size() > 0, "different models flip some paths");
    Map<String, JsonNode> linesA = byKey(a);
    Map<String, JsonNode> linesB = byKey(b);
    for (FlippedSample f : c.flipped()) {
      JsonNode la = linesA.get(f.key().toString());
      JsonNode lb = linesB.get(f.key().toString());
      assertEquals(f.correctedInA(), la.get("corrected").asBoolean());
      assertEquals(!f.correctedInA(), lb.get("corrected").asBoolean());
      assertEquals(la.get("continuation").asText(), f.a().continuation());
      assertEquals(lb.get("continuation").asText(), f.b().continuation());
      assertEquals(f.a().prefix(), f.b().prefix(), "same seed, same prefill");
      assertEquals(la.get("request").asText(), f.request());
    }
    long aOnly = c.flipped().stream().filter(FlippedSample::correctedInA).count();
    assertEquals(c.paired().overall().aYesBNo(), aOnly);
  }

  @Test
  void runsWithAnotherSeedAreRefusedUnlessTheMismatchIsAllowed() throws IOException {
    Path a = run("a", EvalRuns.config(tmp.resolve("a")), EvalRuns.model());
    Path b = run("b", EvalRuns.config(tmp.resolve("b")).seed(8), EvalRuns.model());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RunComparer.strict().compare(a, b));
    assertTrue(e.getMessage().contains("seed: 7 in A, 8 in B"), e.getMessage());

    RunComparison c = new RunComparer(FAST, true).compare(a, b);
    assertEquals(List.of("settings differ, compared anyway: seed: 7 in A, 8 in B"), c.warnings());
  }

  @Test
  void runsWithAnotherNumberOfPathsAreRefusedAndCannotBePairedAnyway() {
    Path a = run("a", EvalRuns.config(tmp.resolve("a")), EvalRuns.model());
    Path b = run("b", EvalRuns.config(tmp.resolve("b")).samplesPerK(2), EvalRuns.model());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RunComparer.strict().compare(a, b));
    assertTrue(e.getMessage().contains("samples_per_k: 3 in A, 2 in B"), e.getMessage());
    assertThrows(UnpairedOutcomesException.class, () -> new RunComparer(FAST, true).compare(a, b));
  }

  @Test
  void bareSamplesFilesAreComparedWithAWarningThatNothingWasChecked() throws IOException {
    Path a = run("a", EvalRuns.config(tmp.resolve("a")), EvalRuns.model());
    Path bare = Files.createDirectories(tmp.resolve("bare"));
    Path copy = Files.copy(a.resolve(C2EvalJob.SAMPLES_FILE), bare.resolve("other.jsonl"));

    RunComparison c = new RunComparer(FAST, false).compare(a, copy);

    assertEquals(1, c.warnings().size());
    assertTrue(c.warnings().get(0).startsWith("B has no manifest.json"), c.warnings().get(0));
    assertEquals(0, c.paired().overall().discordant());
    assertEquals(List.of(), c.flipped());
    assertNotEquals(c.samplesA(), c.samplesB());
  }

  private static Map<String, JsonNode> byKey(Path run) throws IOException {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode line : EvalRuns.sampleLines(run)) {
      out.put(EvalSample.sampleKey(line).toString(), line);
    }
    return out;
  }
}
