package org.c2lab.web.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.c2lab.core.data.MalformedDataException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and a non-zero exit code. Input errors already name the
 * file, line and field, so a stack trace would only bury that message; {@code C2_DEBUG=1} shows it.
 */
public final class CliErrors {
  /** Exit code for bad input (a file, a flag value) as opposed to an internal failure. */
  public static final int BAD_INPUT = 2;

  private CliErrors() {}

  private static boolean isBadInput(Exception e) {
    return e instanceof MalformedDataException
        || e instanceof IllegalArgumentException
        || e instanceof IOException
        || e instanceof UncheckedIOException;
  }

  /** picocli's execution-exception hook. */
  public static int handle(Exception e, CommandLine commandLine, ParseResult parseResult) {
    var err = commandLine.getErr();
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    if (e instanceof java.nio.file.NoSuchFileException) {
      message = "no such file: " + e.getMessage();
    }
    err.println("error: " + message);
    if (System.getenv("C2_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return isBadInput(e) ? BAD_INPUT : 1;
  }
}
