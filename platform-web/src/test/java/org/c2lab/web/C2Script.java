package org.c2lab.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c2lab.core.testing.SharedFixtures;

/** Runs the real {@code ./c2} script from the repository root, as a user would. */
final class C2Script {
  private C2Script() {}

  record Result(int exitCode, String out, String err) {}

  static Result run(List<String> args) throws IOException, InterruptedException {
    Path root = SharedFixtures.repoRoot();
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("c2").toString()));
    command.addAll(args);
    Path out = Files.createTempFile("c2-out", ".txt");
    Path err = Files.createTempFile("c2-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("./c2 " + args + " did not finish in 5 minutes");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Starts {@code ./c2 serve --host 127.0.0.1 --port 0} on {@code home} ({@code $C2_HOME}) with
   * extra environment variables, stderr appended to {@code err}; stdout is the caller's to read
   * (its first line names the address).
   */
  static Process serve(Path home, java.util.Map<String, String> env, Path err) throws IOException {
    Path root = SharedFixtures.repoRoot();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "bash",
                    root.resolve("c2").toString(),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0"))
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
    builder.environment().put("C2_HOME", home.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Splits a README command line into words, honouring double quotes (no other shell syntax). */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          words.add(current.toString());
          current.setLength(0);
          any = false;
        }
      } else {
        current.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unbalanced quote in: " + line);
    }
    if (any) {
      words.add(current.toString());
    }
    return words;
  }
}
