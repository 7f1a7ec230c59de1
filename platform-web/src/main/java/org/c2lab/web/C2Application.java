package org.c2lab.web;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.c2lab.web.cli.C2Command;
import org.c2lab.web.cli.CliErrors;
import org.c2lab.web.cli.CommandTreeHelp;
import org.c2lab.web.cli.TrainPreset;
import picocli.CommandLine;

/** Entry point of {@code ./c2}: builds the command tree inside a Micronaut context and runs it. */
public final class C2Application {
  private C2Application() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs one command line with the given output streams and returns its exit code. Tests call this
   * directly, so what they check is exactly what a user's terminal shows.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    try (ApplicationContext context = ApplicationContext.builder(Environment.CLI).start()) {
      CommandLine commandLine = new CommandLine(C2Command.class, new MicronautFactory(context));
      commandLine.setOut(out);
      commandLine.setErr(err);
      commandLine.setExecutionExceptionHandler(CliErrors::handle);
      CommandTreeHelp.install(commandLine);
      int code;
      try {
        TrainPreset.install(commandLine, args);
        code = commandLine.execute(args);
      } catch (IllegalArgumentException | UncheckedIOException e) {
        err.println("error: " + e.getMessage()); // a bad preset: file: field: reason
        code = CliErrors.BAD_INPUT;
      }
      out.flush();
      err.flush();
      return code;
    }
  }
}
