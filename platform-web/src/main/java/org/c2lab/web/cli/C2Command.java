package org.c2lab.web.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The root of {@code ./c2}. Each subcommand is a bean, so services reach it by injection. */
@Command(
    name = "c2",
    mixinStandardHelpOptions = true,
    versionProvider = C2Command.Version.class,
    description = "Course-Correction Platform: measure and improve LLM course-correction.",
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run './c2 COMMAND --help' for the options of one command."},
    subcommands = {
      DataCommand.class,
      ModelsCommand.class,
      TemplateCommand.class,
      PrefillCommand.class,
      MetricsCommand.class,
      ModelCommand.class,
      JudgeCommand.class,
      EvalCommand.class,
      SynCommand.class,
      DoctorCommand.class,
      TrainCommand.class,
      ServeCommand.class,
    })
public class C2Command implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The platform's version, filtered into a resource at build time. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = C2Command.class.getResourceAsStream("/c2-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "c2 " + p.getProperty("version", "unknown"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
