package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.c2lab.web.C2Application;

/** Runs {@code ./c2} in-process, capturing exactly what a terminal would show. */
public final class CliHarness {
  private CliHarness() {}

  public record Result(int exitCode, String out, String err) {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = C2Application.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
