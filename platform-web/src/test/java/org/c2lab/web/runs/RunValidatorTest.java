package org.c2lab.web.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation before queueing, and the command line a run gets. */
class RunValidatorTest {
  @TempDir Path dir;

  private RunValidator validator() {
    return new RunValidator(dir, dir.resolve("models"));
  }

  private Map<String, String> dpo(String... extra) throws Exception {
    Files.createDirectories(dir.resolve("models/tiny"));
    Files.writeString(dir.resolve("models/tiny/config.json"), "{}");
    Files.writeString(dir.resolve("pairs.jsonl"), "");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("model", "tiny"); // a registered model by name
    p.put("pairs", "pairs.jsonl");
    for (int i = 0; i < extra.length; i += 2) {
      p.put(extra[i], extra[i + 1]);
    }
    return p;
  }

  private String rejected(Map<String, String> params) {
    return assertThrows(
            RunValidationException.class,
            () -> validator().validate(new RunRequest(RunKind.DPO, "", params, 0, List.of())))
        .field();
  }

  @Test
  void aValidRequestResolvesModelsAndFilesAndDropsFalseFlags() throws Exception {
    Map<String, String> v =
        validator()
            .validate(
                new RunRequest(
                    RunKind.DPO,
                    "",
                    dpo("beta", "0.2", "full", "false", "loss", "ipo"),
                    0,
                    List.of()));
    assertEquals(dir.resolve("models/tiny").toString(), v.get("model"));
    assertEquals(dir.resolve("pairs.jsonl").toString(), v.get("pairs"));
    assertEquals(List.of("model", "pairs", "loss", "beta"), List.copyOf(v.keySet()));
  }

  @Test
  void eachKindOfMistakeNamesItsField() throws Exception {
    assertEquals("beta", rejected(dpo("beta", "0")));
    assertEquals("beta", rejected(dpo("beta", "abc")));
    assertEquals("epochs", rejected(dpo("epochs", "1.5")));
    assertEquals("epochs", rejected(dpo("epochs", "0")));
    assertEquals("loss", rejected(dpo("loss", "hinged")));
    assertEquals("full", rejected(dpo("full", "yes")));
    assertEquals("device", rejected(dpo("device", "tpu")));
    assertEquals("lora-rank", rejected(dpo("full", "true", "lora-rank", "8")));
    assertEquals("max-prompt-length", rejected(dpo("max-length", "128")));
    assertEquals("out", rejected(dpo("out", "x")));
    assertEquals("runs", rejected(dpo("runs", "x")));
    assertEquals("samples", rejected(dpo("samples", "3"))); // not a DPO parameter
    assertEquals("config", rejected(dpo("config", "dpo-huge")));
    Map<String, String> missing = dpo();
    missing.remove("pairs");
    assertEquals("pairs", rejected(missing));
    assertEquals("pairs", rejected(dpo("pairs", "nowhere.jsonl")));
    assertEquals("model", rejected(dpo("model", "qwen2-7b-instruct@http://gpu:8000/v1")));
  }

  @Test
  void aLocalModelNeedsAPresetForEvaluationButARemoteOneNot() throws Exception {
    Files.writeString(dir.resolve("data.jsonl"), "");
    Map<String, String> p =
        new LinkedHashMap<>(
            Map.of("model", "qwen2-7b-instruct@http://gpu:8000/v1", "data", "data.jsonl"));
    validator().validate(new RunRequest(RunKind.C2_EVAL, "", p, 0, List.of()));
    p.put("model", dpo().get("model"));
    RunValidationException e =
        assertThrows(
            RunValidationException.class,
            () -> validator().validate(new RunRequest(RunKind.C2_EVAL, "", p, 0, List.of())));
    assertEquals("preset", e.field());
  }

  @Test
  void theCommandLineEndsWithTheServersOutputAndResume() {
    Path run = Path.of("/home/runs/x");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("model", "/m");
    p.put("data", "/d.jsonl");
    p.put("full", "true");
    assertEquals(
        List.of(
            "train",
            "sft",
            "--model",
            "/m",
            "--data",
            "/d.jsonl",
            "--full",
            "--out",
            "/home/runs/x/out",
            "--runs",
            "/home/runs/x/store",
            "--resume"),
        QueueLaunch.arguments(RunKind.SFT, p, run, true));
    assertEquals(
        List.of("syn", "--generator", "/m", "--out", "/home/runs/x/out/pairs.jsonl"),
        QueueLaunch.arguments(RunKind.C2_SYN, Map.of("generator", "/m"), run, false));
  }
}
