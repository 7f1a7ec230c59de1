package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.c2lab.core.job.JobStatus;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunView;
import org.junit.jupiter.api.Test;

class ComparisonPresetsTest {
  private static final Path RUNS = Path.of("/lab/runs");

  private static RunView run(String id, RunKind kind, JobStatus status, String model) {
    return TestRuns.view(id, kind, id, "rita", status, Map.of("model", model));
  }

  private static List<String> chosen(List<RunView> runs) {
    return ComparisonPresets.llamaQwenBeforeAfterDpo(runs, RUNS::resolve).stream()
        .map(RunView::id)
        .toList();
  }

  @Test
  void picksEachFamilysBaseEvalAndTheEvalOfItsDpoOutput() {
    List<RunView> runs =
        List.of(
            run("dpo-l", RunKind.DPO, JobStatus.SUCCEEDED, "models/llama2-7b"),
            run("dpo-q", RunKind.DPO, JobStatus.SUCCEEDED, "models/Qwen2-7B"),
            run("eval-l", RunKind.C2_EVAL, JobStatus.SUCCEEDED, "models/llama2-7b"),
            run("eval-l-dpo", RunKind.C2_EVAL, JobStatus.SUCCEEDED, "/lab/runs/dpo-l/model"),
            run("eval-q", RunKind.C2_EVAL, JobStatus.SUCCEEDED, "qwen2-7b-instruct@http://h/v1"),
            run("eval-q-dpo", RunKind.C2_EVAL, JobStatus.SUCCEEDED, "/lab/runs/dpo-q/model"),
            run("eval-other", RunKind.C2_EVAL, JobStatus.SUCCEEDED, "models/mistral-7b"));
    assertEquals(List.of("eval-l", "eval-l-dpo", "eval-q", "eval-q-dpo"), chosen(runs));
  }

  @Test
  void leavesOutWhatIsMissingOrUnfinished() {
    List<RunView> runs =
        List.of(
            run("dpo-l", RunKind.DPO, JobStatus.FAILED, "models/llama2-7b"),
            run("eval-l", RunKind.C2_EVAL, JobStatus.SUCCEEDED, "models/llama-2-7b"),
            run("eval-l-dpo", RunKind.C2_EVAL, JobStatus.SUCCEEDED, "/lab/runs/dpo-l/model"),
            run("eval-q", RunKind.C2_EVAL, JobStatus.RUNNING, "models/qwen2"));
    assertEquals(List.of("eval-l"), chosen(runs));
  }
}
