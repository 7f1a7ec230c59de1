package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.c2lab.core.metrics.PairedComparison;
import org.c2lab.eval.c2eval.FlippedSample;
import org.c2lab.eval.c2eval.RunComparer;
import org.c2lab.eval.c2eval.RunComparison;
import org.c2lab.eval.c2eval.SampleText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./c2 eval compare RUN_A RUN_B}: paired comparison of two C2-Eval runs, with texts. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Paired comparison of two C2-Eval runs on the same (request, k, path): exact McNemar per k"
          + " and overall, paired bootstrap of the Corr_mean difference (B - A), and the samples"
          + " that flipped with both continuations.",
      "The runs must share data, k values, seed and samples per k (their manifest.json says so);"
          + " --allow-mismatch compares anyway, with warnings."
    })
public class EvalCompareCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SamplesInput input;

  @Parameters(
      index = "0",
      paramLabel = "RUN_A",
      description = "Output directory of run A (or its samples file).")
  Path a;

  @Parameters(
      index = "1",
      paramLabel = "RUN_B",
      description = "Output directory of run B (or its samples file).")
  Path b;

  @Option(
      names = "--allow-mismatch",
      description = "Compare runs whose data, k values, seed or samples per k differ.")
  boolean allowMismatch;

  @Option(
      names = "--show-flips",
      defaultValue = "5",
      description =
          "Flipped samples to print with their texts, each way (default: ${DEFAULT-VALUE}).")
  int showFlips;

  @Override
  public Integer call() throws Exception {
    RunComparison c = new RunComparer(input.bootstrap(), allowMismatch).compare(a, b);
    PrintWriter err = spec.commandLine().getErr();
    c.warnings().forEach(w -> err.println("warning: " + w));
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    if (input.json) {
      JsonOutput.print(out, c);
      return 0;
    }
    PairedComparison p = c.paired();
    ReportTable.printPaired(out, p);
    flips(out, "corrected in A only", c, true);
    flips(out, "corrected in B only", c, false);
    out.flush();
    return 0;
  }

  private void flips(PrintWriter out, String label, RunComparison c, boolean correctedInA) {
    var flips = c.flipped().stream().filter(f -> f.correctedInA() == correctedInA).toList();
    out.printf("%n%s: %d%s%n", label, flips.size(), flips.isEmpty() || showFlips == 0 ? "" : ":");
    flips.stream().limit(showFlips).forEach(f -> flip(out, f));
  }

  private static void flip(PrintWriter out, FlippedSample f) {
    out.printf("--- %s%n", f.key());
    if (f.request() != null) {
      out.printf("  request: %s%n", f.request());
    }
    if (Objects.equals(f.a().prefix(), f.b().prefix())) {
      out.printf("  prefix:  %s%n", orMissing(f.a().prefix()));
      side(out, "A", f.a(), false);
      side(out, "B", f.b(), false);
    } else {
      side(out, "A", f.a(), true);
      side(out, "B", f.b(), true);
    }
  }

  private static void side(PrintWriter out, String run, SampleText t, boolean withPrefix) {
    if (withPrefix) {
      out.printf("  %s prefix: %s%n", run, orMissing(t.prefix()));
    }
    out.printf(
        "  %s: %s%s%n",
        run,
        orMissing(t.continuation()),
        t.rationale() == null ? "" : "   [" + t.rationale() + "]");
  }

  private static String orMissing(String text) {
    return text == null ? "(not in the samples file)" : text.replace("\n", "\\n");
  }
}
