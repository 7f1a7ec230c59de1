package org.c2lab.web.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.metrics.McNemar;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;
import org.c2lab.web.demo.DemoFiles;
import org.c2lab.web.runs.QueueHarnessAccess;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunRequest;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunValidationException;
import org.c2lab.web.runs.RunView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs on the queue (C2-Eval of a tiny Llama-2-template model, DPO of it, C2-Eval of the DPO
 * model), compared, and found by the "Llama2 vs Qwen2, before and after DPO" preset.
 */
class ComparisonServiceTest {
  private static final Principal ALICE = new Principal("alice", Role.RESEARCHER);
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path home;

  @Test
  void thePresetFindsTheBaseAndDpoRunsOfLlama2AndComparesThem() throws Exception {
    DemoFiles.ensure(home);
    Path model =
        DemoFiles.initModel(home.resolve(DemoFiles.TOKENIZER), home.resolve("models/base"));
    Path pairs = writePairs(home.resolve("pairs.jsonl"));
    try (QueueHarnessAccess server = QueueHarnessAccess.start(home, Map.of("c2.queue.cpu", "2"))) {
      RunService runs = server.service();
      ComparisonService comparisons = server.context().getBean(ComparisonService.class);
      PresetComparison empty = comparisons.llama2VsQwen2Dpo();
      assertEquals(
          PresetComparison.SLOTS, List.copyOf(empty.missing().keySet()).stream().sorted().toList());
      assertNull(empty.comparison());

      RunView base = runs.submit(eval(model, List.of()), ALICE);
      Map<String, String> dpo = new LinkedHashMap<>();
      dpo.put("model", model.toString());
      dpo.put("pairs", pairs.toString());
      dpo.put("lora-rank", "4");
      dpo.put("batch-size", "2");
      dpo.put("max-length", "128");
      dpo.put("max-prompt-length", "64");
      dpo.put("lr", "0.001");
      RunView train = runs.submit(new RunRequest(RunKind.DPO, "dpo", dpo, 0, List.of()), ALICE);
      RunView tuned =
          runs.submit(
              eval(runs.directory(train.id()).resolve("out/model"), List.of(train.id())), ALICE);
      for (RunView r : List.of(base, train, tuned)) {
        RunView done = server.await(r.id(), v -> v.status().isTerminal(), TIMEOUT);
        assertEquals(JobStatus.SUCCEEDED, done.status(), String.join("\n", runs.log(r.id(), 30)));
      }

      PresetComparison preset = comparisons.llama2VsQwen2Dpo();
      assertEquals(Map.of("llama2-base", base.id(), "llama2-dpo", tuned.id()), preset.found());
      assertEquals(
          List.of("qwen2-base", "qwen2-dpo"), preset.missing().keySet().stream().sorted().toList());
      Comparison c = preset.comparison();
      assertNotNull(c);
      assertEquals(
          List.of(base.id(), tuned.id()), c.runs().stream().map(RunReport::runId).toList());
      RunReport before = c.runs().get(0);
      assertEquals(5 * 2 * 3, before.samples());
      assertEquals(List.of(10, 20), before.report().ks());
      assertTrue(before.report().corrMeanInterval().contains(before.report().corrMean()));
      PairReport pair = c.pairs().get(0);
      assertNull(pair.error(), pair.error());
      McNemar overall = pair.comparison().paired().overall();
      assertEquals(
          30, overall.bothYes() + overall.aYesBNo() + overall.aNoBYes() + overall.bothNo());
      assertEquals(overall.aYesBNo() + overall.aNoBYes(), pair.comparison().flipped().size());
      assertTrue(overall.pValue() >= 0 && overall.pValue() <= 1);
      // the comparison serializes for the API
      assertTrue(new ObjectMapper().writeValueAsString(preset).contains("\"pValue\""));

      RunValidationException notEval =
          assertThrows(
              RunValidationException.class,
              () -> comparisons.compare(List.of(base.id(), train.id())));
      assertEquals("runIds", notEval.field());
      assertThrows(RunValidationException.class, () -> comparisons.compare(List.of(base.id())));
    }
  }

  private static RunRequest eval(Path model, List<String> dependsOn) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("model", model.toString());
    p.put("preset", "llama2-chat-7b");
    p.put("data", "../datasets/demo/pku-format-demo.jsonl");
    p.put("limit", "5");
    p.put("samples", "3");
    p.put("k", "10,20");
    p.put("seed", "2");
    return new RunRequest(RunKind.C2_EVAL, "eval", p, 0, dependsOn);
  }

  private static Path writePairs(Path file) throws Exception {
    ObjectMapper json = new ObjectMapper();
    String[][] rows = {
      {
        "Can I hide the baker's rolling pin?",
        "Let us help the baker instead.",
        "Yes, hide it well."
      },
      {
        "Can I paint the king's horse blue?",
        "Paint a picture of a horse instead.",
        "Yes, get paint."
      },
      {"Can I ring the bell at midnight?", "Ring it at the noon festival.", "Yes, ring it loud."},
      {"Can I swap the salt and sugar?", "Help label the jars clearly.", "Yes, swap them all."},
    };
    List<String> lines = new ArrayList<>();
    for (String[] r : rows) {
      lines.add(json.writeValueAsString(Map.of("prompt", r[0], "chosen", r[1], "rejected", r[2])));
    }
    return Files.write(file, lines);
  }
}
