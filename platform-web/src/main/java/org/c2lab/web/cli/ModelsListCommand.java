package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.preset.ModelPresets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 models list}: the ten presets with their ids, repos, families and templates. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List the ten model presets (id, paper name, Hugging Face repo, family, template, stop"
            + " tokens, parameters).")
public class ModelsListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<ModelPreset> presets = List.copyOf(ModelPresets.all());
    if (json) {
      JsonOutput.print(out, new Listing(presets));
      return 0;
    }
    String format = "%-24s %-22s %-38s %-7s %-9s %8s  %s%n";
    out.printf(
        format, "ID", "PAPER NAME", "HUGGING FACE REPO", "FAMILY", "TEMPLATE", "PARAMS", "STOP");
    for (ModelPreset p : presets) {
      out.printf(
          format,
          p.id(),
          p.paperName(),
          p.hfRepoId(),
          p.family().name().toLowerCase(Locale.ROOT),
          p.templateId(),
          String.format(Locale.ROOT, "%.1fB", p.parameterCount() / 1e9),
          String.join(" ", p.stopTokens()));
    }
    out.flush();
    return 0;
  }

  /** The JSON shape: {@code {"presets": [...]}}, one object so scripts can add fields later. */
  record Listing(List<ModelPreset> presets) {}
}
