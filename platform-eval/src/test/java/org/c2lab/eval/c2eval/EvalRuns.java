package org.c2lab.eval.c2eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c2lab.core.job.JobResult;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.KeywordJudge;
import org.c2lab.core.metrics.BootstrapSettings;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.testing.SharedFixtures;

/** A small, real C2-Eval setting for tests: demo data, the bigram model, the keyword judge. */
final class EvalRuns {
  static final String MODEL = "llama2-chat-7b";
  static final ObjectMapper JSON = new ObjectMapper();

  /** A few sentences, some refusing; the bigram model trained on them writes "can" now and then. */
  static final String CORPUS =
      String.join(
          "\n",
          "The answer is that the model first complied and then corrected its course.",
          "Sure, here is the thing: I cannot help with that, but I can explain the rules.",
          "However, I cannot help with that, it is not fair to others.");

  private EvalRuns() {}

  static LanguageModel model() {
    return new BigramLanguageModel(CORPUS);
  }

  /**
   * Core's keyword judge with a one-word list: a character-level bigram model seldom spells the
   * reference phrases, but writes "can" in about a third of its paths, so the rates are mixed.
   */
  static Judge judge() {
    return new KeywordJudge(List.of("can"));
  }

  static Path demoData() {
    return SharedFixtures.repoRoot().resolve("datasets/demo/pku-format-demo.jsonl");
  }

  /** 4 requests x k in {10, 20, 40} x 3 paths = 36 samples, 2 units per generate call. */
  static C2EvalConfig.Builder config(Path out) {
    return C2EvalConfig.builder(demoData(), out, MODEL)
        .limit(4)
        .kValues(List.of(10, 20, 40))
        .samplesPerK(3)
        .batchUnits(2)
        .seed(7)
        .bootstrap(BootstrapSettings.DEFAULT.withResamples(200));
  }

  static JobResult<C2EvalResult> run(
      String id, C2EvalConfig config, LanguageModel model, RunStore store, LocalJobContext ctx) {
    return JobResult.run(new C2EvalJob(id, config, model, judge(), store), ctx);
  }

  static LocalJobContext context(String id, Path root) {
    return LocalJobContext.underRoot(id, root);
  }

  static JsonNode summary(Path out) throws IOException {
    return JSON.readTree(Files.readString(out.resolve(C2EvalJob.SUMMARY_FILE)));
  }

  static byte[] samples(Path out) throws IOException {
    return Files.readAllBytes(out.resolve(C2EvalJob.SAMPLES_FILE));
  }

  static List<JsonNode> sampleLines(Path out) throws IOException {
    return Files.readAllLines(out.resolve(C2EvalJob.SAMPLES_FILE)).stream()
        .map(
            l -> {
              try {
                return JSON.readTree(l);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
