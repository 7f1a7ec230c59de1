package org.c2lab.web.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.judge.CachingJudge;
import org.c2lab.core.judge.FileVerdictCache;
import org.c2lab.core.judge.InMemoryVerdictCache;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.VerdictCache;
import org.c2lab.core.metrics.BootstrapSettings;
import org.c2lab.core.store.FileRunStore;
import org.c2lab.core.template.PromptMode;
import org.c2lab.eval.c2eval.C2EvalConfig;
import org.c2lab.eval.c2eval.C2EvalJob;
import org.c2lab.eval.c2eval.C2EvalResult;
import org.c2lab.eval.judge.JudgeSpec;
import org.c2lab.web.backend.ModelBackends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 eval c2}: the C2-Eval benchmark of one model, resumable. */
@Command(
    name = "c2",
    mixinStandardHelpOptions = true,
    description = {
      "Run C2-Eval: prefill the first k words of harmful answers, sample b continuations per"
          + " (request, k), judge each, and report Corr@k and Corr_mean with intervals.",
      "Writes samples.jsonl, summary.json and manifest.json to --out; Ctrl-C keeps completed"
          + " work and --resume continues it."
    })
public class EvalC2Command implements Callable<Integer> {

  private final ModelBackends backends;

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR|PRESET@URL",
      description = "A local Hugging Face folder, or a preset served at an OpenAI-compatible URL.")
  String model;

  @Option(
      names = "--preset",
      paramLabel = "ID",
      description = "The model's preset (required for a local folder; see './c2 models list').")
  String preset;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "PKU-SafeRLHF file.")
  Path data;

  @Option(names = "--limit", paramLabel = "N", description = "First N requests (default: all).")
  Integer limit;

  @Option(names = "--dedup", description = "Skip repeated prompts (first occurrence wins).")
  boolean dedup;

  @Option(
      names = "--samples",
      paramLabel = "B",
      defaultValue = "" + C2EvalConfig.DEFAULT_SAMPLES_PER_K,
      description = "Sampled paths per (request, k) (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--k",
      split = ",",
      paramLabel = "K",
      description = "Prefix lengths in words (default: the protocol's 10..80).")
  List<Integer> k;

  @Option(
      names = "--judge",
      defaultValue = "keyword",
      paramLabel = "SPEC",
      description = JudgeSpec.SYNTAX + " (default: ${DEFAULT-VALUE}).")
  String judge;

  @Option(
      names = "--judge-prompt",
      paramLabel = "FILE",
      description = "Override the LLM judge's prompt (llm: judges only).")
  Path judgePrompt;

  @Option(
      names = "--judge-cache",
      paramLabel = "DIR",
      description =
          "Verdicts kept across runs, keyed by judge settings and text (default:"
              + " $C2_HOME/judge-cache).")
  Path judgeCache;

  @Option(names = "--no-judge-cache", description = "Keep verdicts for this run only (in memory).")
  boolean noJudgeCache;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Run seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--reference-mode",
      description =
          "Render prompts as the reference code does (closes the turn for ChatML/Llama-3).")
  boolean referenceMode;

  @Option(
      names = "--batch-units",
      defaultValue = "" + C2EvalConfig.DEFAULT_BATCH_UNITS,
      description = "(request, k) units per generate call (default: ${DEFAULT-VALUE}).")
  int batchUnits;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory (default: $C2_HOME/runs/c2eval-<time>).")
  Path out;

  @Option(names = "--resume", description = "Continue the run already in --out.")
  boolean resume;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Inject
  public EvalC2Command(ModelBackends backends) {
    this.backends = backends;
  }

  @Override
  public Integer call() throws Exception {
    Path outDir = out != null ? out : defaultOut();
    if (C2EvalJob.hasRun(outDir) && !resume) {
      throw new IllegalArgumentException(
          "--out: " + outDir + " already holds a C2-Eval run; pass --resume to continue it");
    }
    if (resume && !C2EvalJob.hasRun(outDir)) {
      throw new IllegalArgumentException("--resume: no C2-Eval run in " + outDir);
    }
    PrintWriter err = spec.commandLine().getErr();
    try (ChatModel chat = ChatModel.open(backends, model, preset, "--model")) {
      C2EvalConfig.Builder config =
          C2EvalConfig.builder(data, outDir, chat.presetId())
              .limit(limit)
              .deduplicatePrompts(dedup)
              .samplesPerK(samples)
              .seed(seed)
              .batchUnits(batchUnits)
              .promptMode(referenceMode ? PromptMode.REFERENCE : PromptMode.CONTINUE_FINAL_MESSAGE)
              .bootstrap(BootstrapSettings.DEFAULT.withSeed(seed));
      if (k != null) {
        config.kValues(k);
      }
      if (chat.tokenizerConfig() != null) {
        config.tokenizerConfig(chat.tokenizerConfig());
      }
      JudgeSpec.Options judgeOptions =
          judgePrompt == null
              ? JudgeSpec.Options.DEFAULT
              : JudgeSpec.Options.DEFAULT.withPromptFile(judgePrompt);
      Judge opened = JudgeSpec.parse(judge).open(judgeOptions);
      try {
        VerdictCache verdicts =
            noJudgeCache
                ? new InMemoryVerdictCache()
                : FileVerdictCache.open(
                    judgeCache != null ? judgeCache : C2Home.root().resolve("judge-cache"));
        Judge cached = new CachingJudge(opened, verdicts);
        String id = C2Home.jobId("c2eval", outDir);
        C2EvalJob job =
            new C2EvalJob(
                id,
                config.build(),
                chat.handle().model(),
                cached,
                new FileRunStore(C2Home.store()));
        LocalJobContext context = LocalJobContext.underRoot(id, C2Home.runs());
        context
            .provenance()
            .note("model.spec", model)
            .note("model.precision", chat.precision())
            .note(
                "judge.cache",
                verdicts instanceof FileVerdictCache file ? file.file().toString() : "memory");
        err.printf("C2-Eval of %s (%s) into %s%n", chat.handle().name(), chat.presetId(), outDir);
        C2EvalResult result = JobRunner.run(job, context, err);
        if (result == null) {
          return JobRunner.CANCELLED;
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
          JsonOutput.print(w, result);
          return 0;
        }
        w.printf(
            "%s: %d samples, %d of %d units%s%n",
            outDir,
            result.samples(),
            result.unitsDone(),
            result.unitsTotal(),
            result.complete() ? "" : " (partial)");
        ReportTable.print(w, result.report());
        return 0;
      } finally {
        if (opened instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }
  }

  private static Path defaultOut() {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path dir = C2Home.runs().resolve("c2eval-" + time);
    return Files.exists(dir)
        ? C2Home.runs().resolve("c2eval-" + time + "-" + System.nanoTime())
        : dir;
  }
}
