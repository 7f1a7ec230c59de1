package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.c2lab.core.data.DatasetStats;
import org.c2lab.core.data.PkuSafeRlhfReader;
import org.c2lab.core.data.WordLengthSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./c2 data inspect FILE}: validates a PKU-SafeRLHF file and describes it. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a PKU-SafeRLHF JSON Lines file and print rows, distinct prompts, safe/unsafe"
          + " counts, harmful-response lengths and SHA-256.",
      "A malformed line fails with file:line: field: problem (exit code 2) unless --lenient."
    })
public class DataInspectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "PKU-SafeRLHF JSON Lines file.")
  Path file;

  @Option(names = "--lenient", description = "Skip and count malformed lines instead of failing.")
  boolean lenient;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DatasetStats stats = PkuSafeRlhfReader.builder().lenient(lenient).build().inspect(file);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, stats);
      return 0;
    }
    WordLengthSummary w = stats.harmfulWordLengths();
    out.printf("file              %s%n", file);
    out.printf("sha256            %s%n", stats.sha256());
    out.printf("rows              %d (of %d lines)%n", stats.rows(), stats.lines());
    out.printf("distinct prompts  %d%n", stats.distinctPrompts());
    out.printf("both safe         %d  (skipped by C2)%n", stats.rowsNoUnsafe());
    out.printf("one unsafe        %d%n", stats.rowsOneUnsafe());
    out.printf("both unsafe       %d%n", stats.rowsTwoUnsafe());
    if (w.count() > 0) {
      out.printf(
          "harmful words     min %d  q1 %.1f  median %.1f  q3 %.1f  max %d  mean %.1f%n",
          w.min(), w.q1(), w.median(), w.q3(), w.max(), w.mean());
    }
    if (stats.malformedLines() > 0) {
      out.printf("malformed lines   %d skipped; first errors:%n", stats.malformedLines());
      stats.firstErrors().forEach(e -> out.printf("  %s%n", e));
    }
    out.flush();
    return 0;
  }
}
