package org.c2lab.web.dashboard;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.c2lab.core.job.JobStatus;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunView;

/** Named selections of runs for the compare page. */
final class ComparisonPresets {
  /** The model families of the paper's headline comparison, as they appear in model names. */
  static final List<List<String>> FAMILIES =
      List.of(List.of("llama2", "llama-2"), List.of("qwen2"));

  private ComparisonPresets() {}

  /**
   * "Llama2 vs Qwen2, before and after DPO": for each family, its latest successful C2-Eval of a
   * base model (a {@code model} naming the family, outside every DPO run's folder) and its latest
   * successful C2-Eval of a model inside the folder of a successful DPO run of that family. Runs
   * not found are left out.
   *
   * @param runs the runs to choose from
   * @param directory a run's folder
   */
  static List<RunView> llamaQwenBeforeAfterDpo(
      List<RunView> runs, Function<String, Path> directory) {
    List<RunView> evals = successful(runs, RunKind.C2_EVAL);
    List<RunView> dpos = successful(runs, RunKind.DPO);
    List<RunView> chosen = new ArrayList<>();
    for (List<String> family : FAMILIES) {
      List<RunView> familyDpos = dpos.stream().filter(r -> names(r, family)).toList();
      evals.stream()
          .filter(
              r -> names(r, family) && familyDpos.stream().noneMatch(d -> inside(r, d, directory)))
          .findFirst()
          .ifPresent(chosen::add);
      Optional<RunView> after =
          evals.stream()
              .filter(r -> familyDpos.stream().anyMatch(d -> inside(r, d, directory)))
              .findFirst();
      after.ifPresent(chosen::add);
    }
    return chosen;
  }

  private static List<RunView> successful(List<RunView> runs, RunKind kind) {
    return runs.stream()
        .filter(r -> r.kind() == kind && r.status() == JobStatus.SUCCEEDED)
        .sorted(Comparator.comparing(RunView::createdAt).reversed())
        .toList();
  }

  private static boolean names(RunView run, List<String> family) {
    String model = run.params().getOrDefault("model", "").toLowerCase(Locale.ROOT);
    return family.stream().anyMatch(model::contains);
  }

  private static boolean inside(RunView eval, RunView dpo, Function<String, Path> directory) {
    String model = eval.params().getOrDefault("model", "");
    if (model.isEmpty() || model.contains("@")) {
      return false;
    }
    Path dir = directory.apply(dpo.id()).toAbsolutePath().normalize();
    return Paths.get(model).toAbsolutePath().normalize().startsWith(dir);
  }
}
