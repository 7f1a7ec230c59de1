package org.c2lab.web.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Lists every leaf command of the tree with its one-line description, so {@code ./c2 --help} shows
 * {@code data inspect} rather than only {@code data}.
 */
public final class CommandTreeHelp implements CommandLine.IHelpSectionRenderer {

  @Override
  public String render(Help help) {
    List<String[]> rows = new ArrayList<>();
    collect(help.commandSpec(), "", rows);
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String[] row : rows) {
      sb.append("  ").append(String.format("%-" + width + "s", row[0]));
      sb.append("  ").append(row[1]).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static void collect(CommandSpec spec, String prefix, List<String[]> rows) {
    for (CommandLine sub : spec.subcommands().values()) {
      CommandSpec child = sub.getCommandSpec();
      if (child.usageMessage().hidden() || !child.name().equals(sub.getCommandName())) {
        continue; // aliases and hidden commands appear once, under their own name
      }
      String path = prefix.isEmpty() ? child.name() : prefix + " " + child.name();
      if (child.subcommands().isEmpty()) {
        String[] description = child.usageMessage().description();
        rows.add(new String[] {path, description.length > 0 ? description[0] : ""});
      } else {
        collect(child, path, rows);
      }
    }
  }

  /** Installs this renderer in place of picocli's one-level command list. */
  public static void install(CommandLine commandLine) {
    commandLine
        .getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandTreeHelp());
  }
}
