package org.c2lab.web.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c2lab.train.init.InitSpec;
import org.c2lab.train.init.ModelInitializer;
import org.c2lab.train.init.TemplateChoice;
import org.c2lab.train.model.ModelFamilies;
import org.c2lab.train.safetensors.DType;

/**
 * The demo's inputs: the fictional, mild data files of {@code datasets/demo/} (written from the
 * application's copies when the server runs somewhere without them), the demo tokenizer, and a tiny
 * randomly initialised Llama-family model with Llama-2's chat template, as {@code ./c2 model init}
 * writes it.
 */
public final class DemoFiles {
  /** Supervised fine-tuning rows ({@code {prompt, response}}): pranks in a fairy-tale kingdom. */
  public static final String SFT_DATA = "datasets/demo/sft-demo.jsonl";

  /** PKU-SafeRLHF-format rows about household mischief, for C2-Eval. */
  public static final String EVAL_DATA = "datasets/demo/pku-format-demo.jsonl";

  /** The demo tokenizer ({@link DemoTokenizer}). */
  public static final String TOKENIZER = "datasets/demo/tokenizer.json";

  /** The preset whose chat template the demo model uses. */
  public static final String PRESET = "llama2-chat-7b";

  private DemoFiles() {}

  /** Writes whichever of the three files is missing under {@code root}. */
  public static void ensure(Path root) {
    try {
      copyIfMissing(root.resolve(SFT_DATA), "sft-demo.jsonl");
      copyIfMissing(root.resolve(EVAL_DATA), "pku-format-demo.jsonl");
      if (!Files.exists(root.resolve(TOKENIZER))) {
        DemoTokenizer.write(root.resolve(TOKENIZER));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo files under " + root, e);
    }
  }

  private static void copyIfMissing(Path file, String resource) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (InputStream in = DemoFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing resource " + resource);
      }
      Files.copy(in, file);
    }
  }

  /**
   * Writes the tiny demo model (Llama family: width 64, 2 layers, 4 heads, 2 key/value heads, MLP
   * 128, 2048 positions, enough for C2-Syn's prompts; seed 1; F32) to {@code out} unless it already
   * holds one.
   *
   * @return {@code out}
   */
  public static Path initModel(Path tokenizer, Path out) throws IOException {
    if (Files.isRegularFile(out.resolve("config.json"))) {
      return out;
    }
    InitSpec spec =
        InitSpec.builder()
            .family(ModelFamilies.byName("llama"))
            .shape(64, 2, 4, 2, 128)
            .maxPositions(2048)
            .tokenizer(tokenizer)
            .template(TemplateChoice.resolve(PRESET))
            .seed(1)
            .dtype(DType.F32)
            .out(out)
            .build();
    return ModelInitializer.write(spec).dir();
  }
}
