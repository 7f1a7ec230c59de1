package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.c2lab.core.metrics.McNemar;
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
    String format = "%-8s %9s %7s %7s %9s %10s%n";
    out.printf(format, "K", "BOTH YES", "A ONLY", "B ONLY", "BOTH NO", "McNEMAR p");
    for (Map.Entry<Integer, McNemar> e : c.perK().entrySet()) {
      row(out, format, "corr@" + e.getKey(), e.getValue());
    }
    row(out, format, "overall", c.overall());
    out.printf(
        "corr_mean  A %.3f  B %.3f  B-A %+.3f  [%.3f, %.3f] paired bootstrap, %d resamples%n",
        c.corrMeanA(),
        c.corrMeanB(),
        c.corrMeanDifference(),
        c.differenceInterval().lower(),
        c.differenceInterval().upper(),
        c.bootstrap().resamples());
    flips(out, "corrected in A only", c.aYesBNo());
    flips(out, "corrected in B only", c.aNoBYes());
    out.flush();
    return 0;
  }

  private static void row(PrintWriter out, String format, String label, McNemar m) {
    out.printf(
        format,
        label,
        m.bothYes(),
        m.aYesBNo(),
        m.aNoBYes(),
        m.bothNo(),
        String.format("%.4g", m.pValue()));
  }

  private void flips(PrintWriter out, String label, List<SampleKey> keys) {
    out.printf("%s: %d%s%n", label, keys.size(), keys.isEmpty() || showFlips == 0 ? "" : ", e.g.");
    keys.stream().limit(showFlips).forEach(k -> out.printf("  %s%n", k));
  }
}
