package org.c2lab.web.cli;

import java.nio.file.Path;

/** Tiny random Llama folders made by {@code ./c2 model init}, for tests that need a real model. */
public final class TinyModels {
  private TinyModels() {}

  /**
   * Writes a 1-layer Llama (width 32, 64 positions, {@link TinyTokenizer}'s 40 tokens) to {@code
   * out}, with the tokenizer file written beside it in {@code scratch}.
   *
   * @throws AssertionError when the command fails, with its stderr
   */
  public static Path llama(Path out, Path scratch) throws Exception {
    CliHarness.Result r =
        CliHarness.run(
            "model",
            "init",
            "--family",
            "llama",
            "--hidden",
            "32",
            "--layers",
            "1",
            "--heads",
            "2",
            "--intermediate",
            "48",
            "--max-positions",
            "64",
            "--tokenizer",
            TinyTokenizer.write(scratch).toString(),
            "--out",
            out.toString());
    if (r.exitCode() != 0) {
      throw new AssertionError("model init failed: " + r.err());
    }
    return out;
  }
}
