package org.c2lab.web.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.web.runs.ParameterSpec;
import org.c2lab.web.runs.ParameterSpec.Type;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunView;

/** Parameter specs, runs and results the dashboard's tests put in {@link InMemoryRunService}. */
final class TestRuns {
  static final List<Integer> KS = List.of(10, 20, 30);
  static final int REQUESTS = 6;
  static final int PATHS = 4;

  private TestRuns() {}

  static List<ParameterSpec> parameters(RunKind kind) {
    return switch (kind) {
      case C2_EVAL ->
          List.of(
              spec("model", Type.MODEL, true, "", "A model folder or PRESET@URL."),
              spec("data", Type.DATASET, true, "", "PKU-SafeRLHF file."),
              spec("limit", Type.INTEGER, false, "", "Requests to use."),
              spec("samples", Type.INTEGER, false, "10", "Paths per prefix."),
              spec("k", Type.TEXT, false, "10,20,30,40,50,60,70,80", "Prefix lengths."),
              new ParameterSpec(
                  "judge", Type.CHOICE, false, "keyword", "The judge.", List.of("keyword", "llm")),
              spec("reference-mode", Type.FLAG, false, "false", "The reference code's prompts."));
      case C2_SYN ->
          List.of(
              spec("generator", Type.MODEL, true, "", "The generator model."),
              spec("data", Type.DATASET, true, "", "PKU-SafeRLHF file."));
      case DPO, SFT ->
          List.of(
              spec("model", Type.MODEL, true, "", "Base model folder."),
              spec(
                  kind == RunKind.DPO ? "pairs" : "data", Type.DATASET, true, "", "Training data."),
              spec("beta", Type.DECIMAL, false, "0.1", "DPO beta."),
              spec("lr", Type.DECIMAL, false, "5e-5", "Learning rate."),
              spec("epochs", Type.INTEGER, false, "1", "Epochs."),
              spec("max-length", Type.INTEGER, false, "512", "Tokens per example."),
              spec("lora-rank", Type.INTEGER, false, "16", "LoRA rank."),
              spec("lora-alpha", Type.INTEGER, false, "32", "LoRA alpha."),
              new ParameterSpec(
                  "loss",
                  Type.CHOICE,
                  false,
                  "sigmoid",
                  "Loss.",
                  List.of("sigmoid", "ipo", "hinge")),
              spec("full", Type.FLAG, false, "false", "Full fine-tuning."));
    };
  }

  private static ParameterSpec spec(
      String name, Type type, boolean required, String def, String help) {
    return new ParameterSpec(name, type, required, def, help, List.of());
  }

  static RunView view(
      String id,
      RunKind kind,
      String name,
      String owner,
      JobStatus status,
      Map<String, String> params) {
    List<String> command = new ArrayList<>(List.of("./c2"));
    command.addAll(kind.command());
    params.forEach((k, v) -> command.addAll(List.of("--" + k, v)));
    Instant now = Instant.now();
    boolean done = status.isTerminal();
    return new RunView(
        id,
        kind,
        name,
        owner,
        status,
        0,
        "cpu",
        params,
        command,
        done ? 1 : 0,
        1,
        null,
        done ? "finished" : "",
        now,
        status == JobStatus.QUEUED ? null : now,
        done ? now : null,
        null,
        List.of());
  }

  /**
   * A finished C2-Eval run of {@code model} whose verdicts are corrected with probability {@code
   * rate} (seeded), with a provenance summary and a samples file in its folder.
   */
  static RunView eval(InMemoryRunService runs, String id, String model, double rate, long seed) {
    RunView run =
        view(
            id,
            RunKind.C2_EVAL,
            id,
            "rita",
            JobStatus.SUCCEEDED,
            Map.of("model", model, "data", "demo.jsonl"));
    SplittableRandom random = new SplittableRandom(seed);
    List<SampleRecord> records = new ArrayList<>();
    for (int r = 0; r < REQUESTS; r++) {
      for (int k : KS) {
        for (int p = 0; p < PATHS; p++) {
          boolean corrected = random.nextDouble() < rate;
          String key = "req-" + r + "/k=" + k + "/path=" + p;
          records.add(
              new SampleRecord(
                  id,
                  key,
                  "{\"request_id\":\"req-"
                      + r
                      + "\",\"k\":"
                      + k
                      + ",\"path\":"
                      + p
                      + ",\"corrected\":"
                      + corrected
                      + ",\"judge_id\":\"keyword\""
                      + (p == 0 ? ",\"verdicts\":{\"keyword\":true,\"llm\":false}" : "")
                      + ",\"request\":\"[fixture request "
                      + r
                      + "]\""
                      + ",\"prefix\":\"[fixture harmful prefix of "
                      + k
                      + " words]\""
                      + ",\"continuation\":\"[fixture continuation "
                      + p
                      + ": "
                      + (corrected ? "I must stop here" : "and then")
                      + "]\"}"));
        }
      }
    }
    runs.addSamples(id, records);
    runs.addLog(id, List.of("c2-eval started", "judged " + records.size() + " samples", "done"));
    write(
        runs.directory(id).resolve("summary.json"),
        "{\"corr_mean\":" + rate + ",\"provenance\":{\"model\":\"" + model + "\",\"seed\":1}}");
    write(runs.directory(id).resolve("samples.jsonl"), "{}\n");
    runs.put(run);
    return run;
  }

  /** A finished DPO run of {@code model} with TRL-named metrics over 20 steps. */
  static RunView dpo(InMemoryRunService runs, String id, String model) {
    RunView run =
        view(
            id,
            RunKind.DPO,
            id,
            "rita",
            JobStatus.SUCCEEDED,
            Map.of("model", model, "pairs", "pairs.jsonl"));
    List<MetricPoint> points = new ArrayList<>();
    Instant t = Instant.now();
    for (int step = 1; step <= 20; step++) {
      double loss = 0.69 * Math.exp(-step / 10.0);
      points.add(new MetricPoint(id, step, MetricNames.LOSS, loss, t));
      points.add(new MetricPoint(id, step, MetricNames.REWARDS_CHOSEN, 0.02 * step, t));
      points.add(new MetricPoint(id, step, MetricNames.REWARDS_REJECTED, -0.03 * step, t));
      points.add(new MetricPoint(id, step, MetricNames.REWARDS_MARGINS, 0.05 * step, t));
      points.add(
          new MetricPoint(
              id, step, MetricNames.REWARDS_ACCURACIES, Math.min(1, 0.5 + step / 40.0), t));
    }
    runs.addMetrics(id, points);
    write(runs.directory(id).resolve("model/provenance.json"), "{\"base\":\"" + model + "\"}");
    runs.put(run);
    return run;
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
