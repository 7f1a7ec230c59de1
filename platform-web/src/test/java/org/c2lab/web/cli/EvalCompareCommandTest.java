package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.c2lab.core.job.JobResult;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.judge.KeywordJudge;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.store.InMemoryRunStore;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.eval.c2eval.C2EvalConfig;
import org.c2lab.eval.c2eval.C2EvalJob;
import org.c2lab.eval.c2eval.C2EvalResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real C2-Eval runs of two tiny bigram models on the demo data, compared from the CLI. */
class EvalCompareCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private Path run(String id, String corpus, long seed) {
    Path out = dir.resolve(id);
    C2EvalConfig config =
        C2EvalConfig.builder(
                SharedFixtures.repoRoot().resolve("datasets/demo/pku-format-demo.jsonl"),
                out,
                "llama2-chat-7b")
            .limit(3)
            .kValues(List.of(10, 20))
            .samplesPerK(4)
            .seed(seed)
            .build();
    JobResult<C2EvalResult> r =
        JobResult.run(
            new C2EvalJob(
                id,
                config,
                new BigramLanguageModel(corpus),
                new KeywordJudge(List.of("can")),
                new InMemoryRunStore()),
            LocalJobContext.underRoot(id, dir.resolve("runs")));
    assertEquals(JobStatus.SUCCEEDED, r.status(), () -> String.valueOf(r.error()));
    return out;
  }

  private Path runA() {
    return run("a", BigramLanguageModel.SMALL_CORPUS, 1);
  }

  private Path runB(long seed) {
    return run("b", "Sure, I can help, but I cannot do that.\nI can explain the rules.", seed);
  }

  @Test
  void printsTheTestsPerKAndFlippedSamplesWithBothContinuations() {
    CliHarness.Result r =
        CliHarness.run(
            "eval", "compare", runA().toString(), runB(1).toString(), "--resamples", "100");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("corr@10"), r.out());
    assertTrue(r.out().contains("corr@20"), r.out());
    assertTrue(r.out().contains("corr_mean"), r.out());
    assertTrue(r.out().contains("corrected in B only:"), r.out());
    assertTrue(r.out().contains("  prefix:  "), r.out());
    assertTrue(r.out().contains("  A: ") && r.out().contains("  B: "), r.out());
    assertEquals("", r.err());
  }

  @Test
  void jsonHasThePairedComparisonAndTheFlippedTexts() throws Exception {
    CliHarness.Result r =
        CliHarness.run(
            "eval",
            "compare",
            runA().toString(),
            runB(1).toString(),
            "--json",
            "--resamples",
            "100");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode c = JSON.readTree(r.out());
    JsonNode overall = c.path("paired").path("overall");
    assertEquals(
        24,
        overall.path("bothYes").asLong()
            + overall.path("aYesBNo").asLong()
            + overall.path("aNoBYes").asLong()
            + overall.path("bothNo").asLong());
    long discordant =
        c.path("paired").path("overall").path("aYesBNo").asLong()
            + c.path("paired").path("overall").path("aNoBYes").asLong();
    assertEquals(discordant, c.path("flipped").size());
    assertTrue(discordant > 0);
    JsonNode flip = c.path("flipped").get(0);
    assertTrue(flip.path("a").path("continuation").isTextual());
    assertTrue(flip.path("b").path("continuation").isTextual());
  }

  @Test
  void runsWithAnotherSeedAreRefusedUnlessAllowed() {
    Path a = runA();
    Path b = runB(2);
    CliHarness.Result refused = CliHarness.run("eval", "compare", a.toString(), b.toString());
    assertEquals(CliErrors.BAD_INPUT, refused.exitCode());
    assertTrue(refused.err().startsWith("error: the runs are not paired"), refused.err());
    assertTrue(refused.err().contains("seed: 1 in A, 2 in B"), refused.err());

    CliHarness.Result allowed =
        CliHarness.run(
            "eval",
            "compare",
            a.toString(),
            b.toString(),
            "--allow-mismatch",
            "--resamples",
            "100");
    assertEquals(0, allowed.exitCode(), allowed.err());
    assertTrue(allowed.err().contains("warning: settings differ"), allowed.err());
  }
}
