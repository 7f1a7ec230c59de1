package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.c2lab.core.metrics.CorrectionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./c2 metrics report SAMPLES}: Corr@k with Wilson intervals and Corr_mean. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Corr@k (with Wilson 95% intervals) and Corr_mean (with a bootstrap interval over requests)"
          + " of judged samples.",
      "SAMPLES is JSON Lines with request_id, k, path and corrected (a C2-Eval samples.jsonl)."
    })
public class MetricsReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SamplesInput input;

  @Parameters(paramLabel = "SAMPLES", description = "Judged samples (JSON Lines).")
  Path samples;

  @Override
  public Integer call() throws Exception {
    CorrectionReport report =
        CorrectionReport.builder()
            .addAll(SamplesInput.read(samples))
            .settings(input.bootstrap())
            .build();
    PrintWriter out = spec.commandLine().getOut();
    if (input.json) {
      JsonOutput.print(out, report);
      return 0;
    }
    ReportTable.print(out, report);
    return 0;
  }
}
