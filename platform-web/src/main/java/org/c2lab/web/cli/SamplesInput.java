package org.c2lab.web.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.c2lab.core.data.JudgedSampleReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.metrics.BootstrapSettings;
import org.c2lab.core.metrics.SampleOutcome;
import picocli.CommandLine.Option;

/** Options shared by the metrics commands: how to read judged samples and bootstrap them. */
public class SamplesInput {

  @Option(
      names = "--resamples",
      defaultValue = "2000",
      description = "Bootstrap resamples over requests (default: ${DEFAULT-VALUE}).")
  int resamples;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  BootstrapSettings bootstrap() {
    return BootstrapSettings.DEFAULT.withResamples(resamples).withSeed(seed);
  }

  /** All outcomes of a samples file; a malformed line fails with file:line: field. */
  static List<SampleOutcome> read(Path file) throws IOException {
    try (RecordStream<SampleOutcome> outcomes = JudgedSampleReader.strict().open(file)) {
      List<SampleOutcome> all = outcomes.stream().toList();
      if (all.isEmpty()) {
        throw new IllegalArgumentException(file + ": no judged samples");
      }
      return all;
    }
  }
}
