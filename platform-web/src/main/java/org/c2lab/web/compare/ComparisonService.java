package org.c2lab.web.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.metrics.BootstrapSettings;
import org.c2lab.core.metrics.CorrectionReport;
import org.c2lab.core.metrics.SampleOutcome;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.eval.c2eval.RunComparer;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunValidationException;
import org.c2lab.web.runs.RunView;
import org.c2lab.web.store.RunStoreFactory;

/**
 * Compares C2-Eval runs of the lab server: per run Corr@k with Wilson intervals and Corr_mean with
 * a bootstrap interval (core's metrics, from the samples in the store), and per pair what {@code
 * ./c2 eval compare} reports (platform-eval's {@link RunComparer} on the runs' output folders).
 * Also the named preset "Llama2 vs Qwen2, before and after DPO".
 */
@Singleton
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = RunService.class)
public class ComparisonService {
  /** The id of the preset comparison. */
  public static final String LLAMA2_VS_QWEN2_DPO = "llama2-vs-qwen2-dpo";

  static final String LLAMA2 = "llama2-chat-7b";
  static final String QWEN2 = "qwen2-7b-instruct";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunService runs;

  public ComparisonService(RunService runs) {
    this.runs = runs;
  }

  /**
   * Compares two or more C2-Eval runs.
   *
   * @throws RunValidationException (field {@code runIds}) for fewer than two runs, a run that is
   *     not C2-Eval or has no samples
   * @throws org.c2lab.core.store.NoSuchRunException for an unknown run
   */
  public Comparison compare(List<String> runIds) {
    if (runIds.size() < 2 || runIds.stream().distinct().count() != runIds.size()) {
      throw new RunValidationException("runIds", "name two or more different C2-Eval runs");
    }
    List<RunReport> reports = new ArrayList<>();
    for (String id : runIds) {
      RunView v = runs.get(id).orElseThrow(() -> new org.c2lab.core.store.NoSuchRunException(id));
      if (v.kind() != RunKind.C2_EVAL) {
        throw new RunValidationException("runIds", id + " is a " + v.kind().id() + " run");
      }
      List<SampleOutcome> outcomes = outcomes(id);
      if (outcomes.isEmpty()) {
        throw new RunValidationException("runIds", id + " has no judged samples yet");
      }
      long seed = Long.parseLong(v.params().getOrDefault("seed", "0"));
      reports.add(
          new RunReport(
              id,
              v.name(),
              v.params().get("model"),
              outcomes.size(),
              CorrectionReport.from(outcomes, BootstrapSettings.DEFAULT.withSeed(seed))));
    }
    List<PairReport> pairs = new ArrayList<>();
    RunComparer comparer = RunComparer.strict();
    for (int i = 0; i < runIds.size(); i++) {
      for (int j = i + 1; j < runIds.size(); j++) {
        String a = runIds.get(i);
        String b = runIds.get(j);
        try {
          pairs.add(new PairReport(a, b, comparer.compare(out(a), out(b)), null));
        } catch (IllegalArgumentException e) {
          pairs.add(new PairReport(a, b, null, e.getMessage()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new Comparison(reports, pairs);
  }

  /**
   * "Llama2 vs Qwen2, before and after DPO": for {@value #LLAMA2} and {@value #QWEN2}, the latest
   * succeeded C2-Eval run of the base model and of a model trained by a {@code train dpo} run of
   * this server, and their comparison.
   */
  public PresetComparison llama2VsQwen2Dpo() {
    Map<String, String> found = new LinkedHashMap<>();
    List<RunView> all = allRuns();
    for (RunView v : all) { // newest first
      if (v.kind() != RunKind.C2_EVAL || v.status() != JobStatus.SUCCEEDED) {
        continue;
      }
      Optional<String> family =
          preset(v)
              .flatMap(
                  p ->
                      p.equals(LLAMA2)
                          ? Optional.of("llama2")
                          : p.equals(QWEN2) ? Optional.of("qwen2") : Optional.empty());
      if (family.isEmpty()) {
        continue;
      }
      String slot = family.get() + (trainedByDpo(v.params().get("model"), all) ? "-dpo" : "-base");
      found.putIfAbsent(slot, v.id());
    }
    Map<String, String> missing = new LinkedHashMap<>();
    for (String slot : PresetComparison.SLOTS) {
      if (!found.containsKey(slot)) {
        String preset = slot.startsWith("llama2") ? LLAMA2 : QWEN2;
        missing.put(
            slot,
            slot.endsWith("-dpo")
                ? "a succeeded C2-Eval run (preset " + preset + ") of a model from a DPO run"
                : "a succeeded C2-Eval run of " + preset + " (a folder or " + preset + "@URL)");
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    PresetComparison.SLOTS.stream()
        .filter(found::containsKey)
        .forEach(s -> ordered.put(s, found.get(s)));
    Comparison comparison = ordered.size() >= 2 ? compare(List.copyOf(ordered.values())) : null;
    return new PresetComparison(
        LLAMA2_VS_QWEN2_DPO, "Llama2 vs Qwen2, before and after DPO", ordered, missing, comparison);
  }

  private static Optional<String> preset(RunView v) {
    String preset = v.params().get("preset");
    if (preset != null) {
      return Optional.of(preset);
    }
    String model = v.params().getOrDefault("model", "");
    int at = model.indexOf('@');
    return at > 0 ? Optional.of(model.substring(0, at)) : Optional.empty();
  }

  /** Whether {@code model} is the exported model of a DPO run of this server. */
  private boolean trainedByDpo(String model, List<RunView> all) {
    if (model == null || model.contains("@http")) {
      return false;
    }
    Path dir = real(Path.of(model));
    for (RunView v : all) {
      if (v.kind() == RunKind.DPO
          && dir.equals(real(runs.directory(v.id()).resolve("out/model")))) {
        return true;
      }
    }
    return false;
  }

  private static Path real(Path p) {
    try {
      return Files.exists(p) ? p.toRealPath() : p.toAbsolutePath().normalize();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private List<RunView> allRuns() {
    List<RunView> all = new ArrayList<>();
    for (PageRequest p = PageRequest.first(PageRequest.MAX_LIMIT); ; p = p.next()) {
      Page<RunView> page = runs.list(p);
      all.addAll(page.items());
      if (!page.hasMore()) {
        return all;
      }
    }
  }

  private List<SampleOutcome> outcomes(String id) {
    List<SampleOutcome> out = new ArrayList<>();
    for (PageRequest p = PageRequest.first(PageRequest.MAX_LIMIT); ; p = p.next()) {
      Page<SampleRecord> page = runs.samples(id, p);
      for (SampleRecord s : page.items()) {
        try {
          JsonNode n = JSON.readTree(s.json());
          out.add(
              new SampleOutcome(
                  n.path("request_id").asText(),
                  n.path("k").asInt(),
                  n.path("path").asInt(),
                  n.path("corrected").asBoolean()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (!page.hasMore()) {
        return out;
      }
    }
  }

  private Path out(String id) {
    return runs.directory(id).resolve("out");
  }
}
