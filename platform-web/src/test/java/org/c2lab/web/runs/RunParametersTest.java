package org.c2lab.web.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.c2lab.web.cli.C2Command;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The run forms' parameters are the commands' own options: every parameter of every kind is a long
 * option of the {@code ./c2} command the kind runs, with the same default where the command
 * declares one (training defaults come from presets), so a form can never offer what the command
 * would refuse or show a default the command does not use.
 */
class RunParametersTest {
  @Test
  void everyParameterIsAnOptionOfItsCommandWithTheSameDefault() {
    try (ApplicationContext context = ApplicationContext.builder(Environment.CLI).start()) {
      CommandLine root = new CommandLine(C2Command.class, new MicronautFactory(context));
      for (RunKind kind : RunKind.values()) {
        CommandLine command = root;
        for (String word : kind.command()) {
          command = command.getSubcommands().get(word);
        }
        for (ParameterSpec p : RunParameters.of(kind)) {
          OptionSpec option = command.getCommandSpec().findOption("--" + p.name());
          assertNotNull(option, kind.id() + ": --" + p.name() + " is not an option of the command");
          String commandDefault = option.defaultValue() == null ? "" : option.defaultValue();
          if (!commandDefault.isEmpty() && !p.defaultValue().isEmpty()) {
            assertEquals(
                commandDefault.replace(" ", ""),
                p.defaultValue().replace(" ", ""),
                kind.id() + ": default of --" + p.name());
          }
        }
      }
    }
  }
}
