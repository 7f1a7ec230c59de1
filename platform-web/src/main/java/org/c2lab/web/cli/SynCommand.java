package org.c2lab.web.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.template.PromptMode;
import org.c2lab.eval.synthesis.C2SynConfig;
import org.c2lab.eval.synthesis.C2SynJob;
import org.c2lab.eval.synthesis.C2SynResult;
import org.c2lab.web.backend.ModelBackends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 syn}: C2-Syn preference data in TRL's format, resumable. */
@Command(
    name = "syn",
    mixinStandardHelpOptions = true,
    description = {
      "Run C2-Syn: six ranked responses per harmful request (safe answer > corrections after"
          + " 1/4, 1/2, 3/4, all of the harmful text > the harmful answer) and their 15 preference"
          + " pairs, written as TRL JSON Lines.",
      "Statistics, manifest and provenance are written beside --out; Ctrl-C keeps completed"
          + " requests and --resume continues."
    })
public class SynCommand implements Callable<Integer> {

  private final ModelBackends backends;

  @Spec CommandSpec spec;

  @Option(
      names = "--generator",
      required = true,
      paramLabel = "DIR|PRESET@URL",
      description = "The aligned model that writes the safe answers and corrections.")
  String generator;

  @Option(
      names = "--preset",
      paramLabel = "ID",
      description = "The generator's preset (required for a local folder).")
  String preset;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "PKU-SafeRLHF training file.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pairs file.")
  Path out;

  @Option(names = "--limit", paramLabel = "N", description = "First N kept requests.")
  Integer limit;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Run seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--batch-requests",
      defaultValue = "" + C2SynConfig.DEFAULT_BATCH_REQUESTS,
      description = "Requests per generate call (default: ${DEFAULT-VALUE}).")
  int batchRequests;

  @Option(
      names = "--reference-mode",
      description =
          "Render prompts as the reference code does (closes the turn for ChatML/Llama-3).")
  boolean referenceMode;

  @Option(names = "--resume", description = "Continue the run already writing --out.")
  boolean resume;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Inject
  public SynCommand(ModelBackends backends) {
    this.backends = backends;
  }

  @Override
  public Integer call() throws Exception {
    if (C2SynJob.hasRun(out) && !resume) {
      throw new IllegalArgumentException(
          "--out: " + out + " is already being written by a C2-Syn run; pass --resume");
    }
    if (resume && !C2SynJob.hasRun(out)) {
      throw new IllegalArgumentException("--resume: no C2-Syn run writes " + out);
    }
    PrintWriter err = spec.commandLine().getErr();
    try (ChatModel chat = ChatModel.open(backends, generator, preset, "--generator")) {
      C2SynConfig.Builder config =
          C2SynConfig.builder(data, out, chat.presetId())
              .seed(seed)
              .batchRequests(batchRequests)
              .promptMode(referenceMode ? PromptMode.REFERENCE : PromptMode.CONTINUE_FINAL_MESSAGE);
      if (limit != null) {
        config.limit(limit);
      }
      if (chat.tokenizerConfig() != null) {
        config.tokenizerConfig(chat.tokenizerConfig());
      }
      String id = C2Home.jobId("c2syn", out);
      C2SynJob job = new C2SynJob(id, config.build(), chat.handle().model());
      LocalJobContext context = LocalJobContext.underRoot(id, C2Home.runs());
      context
          .provenance()
          .note("generator.spec", generator)
          .note("generator.precision", chat.precision());
      err.printf("C2-Syn with %s (%s) into %s%n", chat.handle().name(), chat.presetId(), out);
      C2SynResult result = JobRunner.run(job, context, err);
      if (result == null) {
        return JobRunner.CANCELLED;
      }
      PrintWriter w = spec.commandLine().getOut();
      if (json) {
        JsonOutput.print(w, result);
        return 0;
      }
      w.printf(
          "%s: %d pairs from %d of %d requests%s; statistics in %s%n",
          result.pairsFile(),
          result.pairsWritten(),
          result.requestsProcessed(),
          result.requestsTotal(),
          result.complete() ? "" : " (partial)",
          result.statsFile());
      w.flush();
      return 0;
    }
  }
}
