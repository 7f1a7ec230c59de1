package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.c2lab.eval.judge.agreement.Agreement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./c2 judge agreement A B}: Cohen's kappa and the 2x2 table of two judges' verdicts. */
@Command(
    name = "agreement",
    mixinStandardHelpOptions = true,
    description = {
      "Cohen's kappa and the confusion matrix between two judges' verdicts on the same samples.",
      "A and B are judged samples (JSON Lines with request_id, k, path, corrected), paired on"
          + " (request, k, path)."
    })
public class JudgeAgreementCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "Judge A's samples.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Judge B's samples.")
  Path b;

  @Option(
      names = "--show",
      defaultValue = "5",
      description = "Disagreeing samples to list (default: ${DEFAULT-VALUE}).")
  int show;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Agreement g = Agreement.between(a, b);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, g);
      return 0;
    }
    out.printf("samples             %d%n", g.samples());
    out.printf("%n%-8s %8s %8s%n", "", "B YES", "B NO");
    out.printf("%-8s %8d %8d%n", "A yes", g.bothYes(), g.aYesBNo());
    out.printf("%-8s %8d %8d%n%n", "A no", g.aNoBYes(), g.bothNo());
    out.printf("observed agreement  %.3f%n", g.observedAgreement());
    out.printf("expected agreement  %.3f%n", g.expectedAgreement());
    out.printf(
        "Cohen's kappa       %s%n",
        Double.isNaN(g.kappa())
            ? "undefined (both judges constant)"
            : String.format("%.3f", g.kappa()));
    long disagreeing = g.aYesBNo() + g.aNoBYes();
    out.printf(
        "disagreements       %d%s%n", disagreeing, disagreeing == 0 || show == 0 ? "" : ", e.g.");
    g.disagreements().stream().limit(show).forEach(k -> out.printf("  %s%n", k));
    out.flush();
    return 0;
  }
}
