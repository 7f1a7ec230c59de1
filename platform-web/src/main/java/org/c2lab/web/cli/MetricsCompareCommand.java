package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.c2lab.core.metrics.PairedComparison;
import org.c2lab.core.metrics.SampleKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./c2 metrics compare A B}: paired comparison of two runs on the same keys. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Paired comparison of two judged-sample files on the same (request, k, path): exact"
          + " McNemar per k and overall, paired bootstrap of the Corr_mean difference (B - A),"
          + " flipped samples."
    })
public class MetricsCompareCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SamplesInput input;

  @Parameters(index = "0", paramLabel = "A", description = "Judged samples of run A.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Judged samples of run B.")
  Path b;

  @Option(
      names = "--show-flips",
      defaultValue = "5",
      description = "Flipped samples to list each way (default: ${DEFAULT-VALUE}).")
  int showFlips;

  @Override
  public Integer call() throws Exception {
    PairedComparison c =
        PairedComparison.of(SamplesInput.read(a), SamplesInput.read(b), input.bootstrap());
    PrintWriter out = spec.commandLine().getOut();
    if (input.json) {
      JsonOutput.print(out, c);
      return 0;
    }
    ReportTable.printPaired(out, c);
    flips(out, "corrected in A only", c.aYesBNo());
    flips(out, "corrected in B only", c.aNoBYes());
    out.flush();
    return 0;
  }

  private void flips(PrintWriter out, String label, List<SampleKey> keys) {
    out.printf("%s: %d%s%n", label, keys.size(), keys.isEmpty() || showFlips == 0 ? "" : ", e.g.");
    keys.stream().limit(showFlips).forEach(k -> out.printf("  %s%n", k));
  }
}
