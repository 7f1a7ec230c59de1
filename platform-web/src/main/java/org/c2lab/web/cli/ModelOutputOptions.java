package org.c2lab.web.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The output folder of the commands that write a model ({@code model import-llama2c}, {@code model
 * init}): {@code --out DIR}, which must be absent or empty, and {@code --force}, which replaces an
 * earlier model written by c2 there but never any other folder.
 */
public class ModelOutputOptions {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(
      names = "--force",
      description =
          "Replace DIR if it holds a model written by c2 (config.json and provenance.json); any"
              + " other non-empty folder is still refused.")
  boolean force;

  /** The folder, emptied first when {@code --force} and it holds an earlier c2 model. */
  Path prepare() throws IOException {
    if (force) {
      removeEarlierModel(out);
    }
    return out;
  }

  /** Refuses an input inside the output folder when {@code --force} would delete it first. */
  void requireOutside(Path input, String option) throws IOException {
    if (force
        && Files.isDirectory(out)
        && input.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          option + " " + input + " lies inside --out " + out + ", which --force would delete");
    }
  }

  /** Deletes {@code dir} only when it looks like our own output, never a user's folder. */
  private static void removeEarlierModel(Path dir) throws IOException {
    if (!Files.isDirectory(dir)
        || !Files.exists(dir.resolve("config.json"))
        || !Files.exists(dir.resolve("provenance.json"))) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
